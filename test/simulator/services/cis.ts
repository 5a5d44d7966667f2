/**
 * Conventions shared by the CIS services (Accounts, Entitlements; contract §3.2/§3.3): the
 * `{"error":{code,message,target,correlationID,details?}}` wrapper, the 11006 rate-limit answer,
 * a per-client-and-path rate limiter, and the job status route both origins serve.
 *
 * The numeric codes are the documented ones where SAP names them (11006/11007 rate limit, 12003
 * amount on an enable-only plan, 30004 lock); all others are picked from SAP's documented ranges
 * (11XXX request, 2XXXX Accounts, 3XXXX Entitlements) and are not facts.
 */
import { SimError, type SimRequest } from '../http';
import { authenticate } from '../tokens';
import type { IssuedToken, SimContext, SimState } from '../state';

export const CIS_CODES = {
	badRequest: 11001,
	unauthorized: 11002,
	forbidden: 11003,
	notFound: 11004,
	methodNotAllowed: 11005,
	rateLimited: 11006,
	rateLimitDetail: 11007,
	serverError: 10001,
	amountOnEnablePlan: 12003,
	subaccountNotFound: 20004,
	smBindingMissingName: 20011,
	smBindingExists: 20012,
	smBindingNotFound: 20013,
	invalidPayload: 30001,
	unknownPlan: 30002,
	unknownSubaccount: 30003,
	locked: 30004,
	enableOnNumericPlan: 30005,
	quotaExceeded: 30006,
	subaccountQuotaExceeded: 30007,
	autoAssignedRemoval: 30008,
	amountAndEnable: 30009,
	jobNotFound: 80001,
} as const;

/** Code for SimErrors raised by the shared plumbing (`http.ts`, `tokens.ts`) with a word code. */
function numericCode(err: SimError): number {
	if (typeof err.code === 'number') return err.code;
	const byStatus: Record<number, number> = {
		400: CIS_CODES.badRequest,
		401: CIS_CODES.unauthorized,
		403: CIS_CODES.forbidden,
		404: CIS_CODES.notFound,
		405: CIS_CODES.methodNotAllowed,
		429: CIS_CODES.rateLimited,
	};
	return byStatus[err.status] ?? CIS_CODES.serverError;
}

export function cisErrorBody(err: SimError, req: SimRequest) {
	const details = err.extra.details;
	return {
		error: {
			code: numericCode(err),
			message: err.message,
			target: req.path,
			correlationID: req.correlationId,
			...(Array.isArray(details) && details.length ? { details } : {}),
		},
	};
}

/** The documented 429 (no rate-limit headers: SAP documents none for CIS). */
export function cisRateLimited(_req: SimRequest, sim: SimContext): SimError {
	const perWindow = sim.profile.cisRequestsPerWindow > 0 ? sim.profile.cisRequestsPerWindow : 5;
	const seconds = Math.max(1, Math.round(sim.profile.cisRateWindowMs / 1000));
	return new SimError(
		429,
		CIS_CODES.rateLimited,
		'Request rate limit exceeded.',
		{},
		{
			details: [
				{
					code: CIS_CODES.rateLimitDetail,
					message: `Maximum request rate limit is ${perWindow} requests in ${seconds} seconds`,
				},
			],
		},
	);
}

/** Request times per `clientid path`, kept per world so `POST /__sim/reset` clears them. */
const requestTimes = new WeakMap<SimState, Map<string, number[]>>();

function checkRateLimit(req: SimRequest, sim: SimContext, clientid: string) {
	const limit = sim.profile.cisRequestsPerWindow;
	if (limit <= 0) return;
	let perKey = requestTimes.get(sim.state);
	if (!perKey) {
		perKey = new Map();
		requestTimes.set(sim.state, perKey);
	}
	const key = `${clientid} ${req.path}`;
	const now = sim.now();
	const recent = (perKey.get(key) ?? []).filter((t) => t > now - sim.profile.cisRateWindowMs);
	if (recent.length >= limit) {
		perKey.set(key, recent);
		throw cisRateLimited(req, sim);
	}
	recent.push(now);
	perKey.set(key, recent);
}

/**
 * Authenticates (401/403 in CIS format) and applies the per-client, per-path rate limit. Every
 * CIS route starts with this. Scope suffixes as in the contract, e.g. `job.read`.
 */
export function cisGuard(req: SimRequest, sim: SimContext, anyOfScopes: string[]): IssuedToken {
	const token = authenticate(req, sim, anyOfScopes);
	checkRateLimit(req, sim, token.clientid);
	return token;
}

/** Throws a CIS error: `status` HTTP, `code` application code (they are not coupled). */
export function cisError(status: number, code: number, message: string): SimError {
	return new SimError(status, code, message);
}
