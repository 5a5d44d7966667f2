/**
 * Control API of the simulator (base origin, `/__sim/*`): not an SAP API. Tests, the demo and
 * the benchmark use it to read keys, inspect state, read the request log and steer behaviour.
 */
/* eslint-disable @n8n/community-nodes/require-node-api-error */
import { Router, SimError, type RequestLog, type ServiceModule } from '../http';
import { seededRandom } from '../profile';
import type { SeedKeys, SeedOptions } from '../seed';
import type { SimContext } from '../state';
import { randomUUID } from 'node:crypto';
import { addSubaccount } from './accounts';
import { calmOutboundRoutes } from './calmOutbound';
import { settleEntitlementJobs } from './entitlementJobs';
import { setBindingCertificateValidity, settleOperations } from './serviceManager';

const SECRET_FIELDS = new Set(['clientsecret', 'client_secret', 'clientSecret', 'key', 'password', 'Password', 'access_token', 'certificatePem']);

/** Deep copy with secret values replaced, so state dumps can be logged and asserted on safely. */
export function redact<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => redact(v)) as T;
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			out[k] = SECRET_FIELDS.has(k) && typeof v === 'string' ? '<redacted>' : redact(v);
		}
		return out as T;
	}
	return value;
}

function body(raw: string): Record<string, unknown> {
	if (!raw.trim()) return {};
	try {
		return JSON.parse(raw) as Record<string, unknown>;
	} catch {
		throw new SimError(400, 'BadRequest', 'control API expects a JSON body');
	}
}

export function createControlService(deps: {
	log: RequestLog;
	reset: (o?: SeedOptions) => SeedKeys;
	keys: () => SeedKeys;
}): ServiceModule {
	const router = new Router();

	router.get('/__sim/health', function getHealth(_req, sim) {
		return { status: 200, body: { ok: true, urls: sim.urls } };
	});

	router.get('/__sim/keys', function getKeys(_req, sim) {
		return { status: 200, body: { ...deps.keys(), urls: sim.urls, caCertPem: sim.pki.caCertPem } };
	});

	router.get('/__sim/state', function getState(_req, sim: SimContext) {
		settleEntitlementJobs(sim);
		settleOperations(sim);
		const { tokens, ...rest } = sim.state;
		return {
			status: 200,
			body: redact({
				...rest,
				tokens: { issued: tokens.length, revoked: tokens.filter((t) => t.revoked).length },
			}),
		};
	});

	router.get('/__sim/requests', function getRequests(req) {
		const since = Number(req.query.get('since') ?? 0);
		return { status: 200, body: deps.log.summary(Number.isFinite(since) ? since : 0) };
	});

	router.post('/__sim/reset', function resetWorld(req) {
		const b = body(req.rawBody);
		deps.reset(Object.keys(b).length ? (b as SeedOptions) : undefined);
		return { status: 200, body: { ok: true } };
	});

	router.post('/__sim/profile', function setProfile(req, sim) {
		Object.assign(sim.profile, body(req.rawBody));
		return { status: 200, body: sim.profile };
	});

	router.post('/__sim/faults', function setFaults(req, sim) {
		const b = body(req.rawBody);
		Object.assign(sim.faults, b);
		// a new seed restarts the sequence, so the same seed gives the same faults
		sim.random = seededRandom(sim.faults.seed);
		return { status: 200, body: sim.faults };
	});

	// a subaccount appears as when an admin creates it in the cockpit (the Events service reports it)
	router.post('/__sim/subaccounts', function createSubaccountAsCockpit(req, sim) {
		const b = body(req.rawBody);
		const displayName = typeof b.displayName === 'string' ? b.displayName.trim() : '';
		const subdomain = typeof b.subdomain === 'string' ? b.subdomain.trim() : '';
		if (!displayName || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(subdomain)) {
			throw new SimError(400, 'BadRequest', 'displayName and subdomain (lower-case letters, digits, hyphens) are required');
		}
		if (sim.state.subaccounts.some((s) => s.subdomain === subdomain)) {
			throw new SimError(409, 'Conflict', `A subaccount with subdomain ${subdomain} exists`);
		}
		const sa = addSubaccount(sim, {
			displayName,
			subdomain,
			guid: typeof b.guid === 'string' && b.guid ? b.guid : randomUUID(),
			region: typeof b.region === 'string' ? b.region : undefined,
			description: typeof b.description === 'string' ? b.description : undefined,
		});
		return { status: 201, body: sa };
	});

	// Cloud ALM's webhooks and subscriptions, as its External API Management UI sets them up
	calmOutboundRoutes(router);

	router.post('/__sim/service-bindings/:id/certificate', setBindingCertificateValidity);

	router.post('/__sim/tokens/revoke', function revokeTokens(_req, sim) {
		let revoked = 0;
		for (const t of sim.state.tokens) {
			if (!t.revoked) {
				t.revoked = true;
				revoked++;
			}
		}
		return { status: 200, body: { revoked } };
	});

	return {
		name: 'control',
		router,
		errorBody: (err) => ({ error: String(err.code), message: err.message }),
		rateLimited: () => new SimError(429, 'TooManyRequests', 'not rate limited'),
	};
}
