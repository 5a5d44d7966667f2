/**
 * CIS Accounts service: subaccounts (read), Service Manager access keys through CIS
 * (`/accounts/v2/.../serviceManagerBindings` and the v1 `serviceManagementBinding`), and the job
 * status route, which both CIS origins serve (`jobStatusHandler` in `cis.ts`).
 */
import { Router, parseJsonBody, type SimRequest, type ServiceModule } from '../http';
import { createServiceManagerKey, removeClient } from '../clients';
import type { ServiceManagerAccessBinding, SimContext, Subaccount } from '../state';
import { recordSubaccountCreated } from './accountEvents';
import { CIS_CODES, cisError, cisErrorBody, cisGuard, cisRateLimited, jobStatusHandler } from './cis';

const READ = ['global-account.subaccount.read'];
const UPDATE = ['global-account.subaccount.update'];
/** Name SAP gives the binding behind the v1 `serviceManagementBinding` API. */
const V1_BINDING_NAME = 'ServiceManagementAccessBinding';

/** `SubaccountResponseObject`; `description` is absent on the wire when empty. */
function subaccountView(sa: Subaccount) {
	const { description, labels, ...rest } = sa;
	return {
		...rest,
		...(description ? { description } : {}),
		...(labels && Object.keys(labels).length ? { labels } : {}),
	};
}

/**
 * A subaccount created in the global account, as an admin does in the cockpit (the simulator's
 * control API offers it; SAP's own `POST /accounts/v1/subaccounts` is asynchronous and not simulated).
 * As on BTP, Service Manager's `subaccount-admin` plan is assigned to it at once, and the Events
 * service reports `Subaccount_Creation` (accountEvents.ts).
 */
export function addSubaccount(
	sim: SimContext,
	input: { displayName: string; subdomain: string; guid: string; region?: string; description?: string },
): Subaccount {
	const now = sim.now();
	const ga = sim.state.globalAccount;
	const sa: Subaccount = {
		guid: input.guid,
		technicalName: input.guid,
		displayName: input.displayName,
		subdomain: input.subdomain,
		region: input.region ?? 'eu10',
		globalAccountGUID: ga.guid,
		parentGUID: ga.guid,
		parentType: 'ROOT',
		state: 'OK',
		stateMessage: 'Subaccount created.',
		betaEnabled: false,
		usedForProduction: 'UNSET',
		description: input.description,
		createdBy: 'admin@example.com',
		createdDate: now,
		modifiedDate: now,
		contractStatus: 'ACTIVE',
	};
	sim.state.subaccounts.push(sa);
	sim.state.assignments.push({
		serviceName: 'service-manager',
		planName: 'subaccount-admin',
		subaccountGUID: sa.guid,
		amount: 1,
		enabled: true,
		entityState: 'OK',
		stateMessage: 'Succeeded to update assignment of service plan.',
		createdDate: now,
		modifiedDate: now,
		autoAssigned: true,
	});
	recordSubaccountCreated(sim, sa);
	return sa;
}

/** `labelSelector`: `key=value` / `key!=value` terms joined with ` AND ` (already URL-decoded). */
function matchesLabels(sa: Subaccount, selector: string): boolean {
	return selector
		.split(/\s+AND\s+/i)
		.filter((t) => t.trim())
		.every((term) => {
			const m = /^\s*([^!=\s]+)\s*(!=|=)\s*(.*?)\s*$/.exec(term);
			if (!m) throw cisError(400, CIS_CODES.badRequest, `Invalid labelSelector term '${term}'`);
			const values = sa.labels?.[m[1]] ?? [];
			return m[2] === '=' ? values.includes(m[3]) : !values.includes(m[3]);
		});
}

function subaccountOr404(sim: SimContext, guid: string): Subaccount {
	const sa = sim.state.subaccounts.find((s) => s.guid === guid);
	if (!sa) throw cisError(404, CIS_CODES.subaccountNotFound, `Subaccount '${guid}' not found`);
	return sa;
}

// ------------------------------------------------------------------------------------ SM access keys
/** v1 `ServiceManagerBindingResponseObject`. */
function bindingView(b: ServiceManagerAccessBinding) {
	return {
		clientid: b.clientid,
		...(b.clientsecret ? { clientsecret: b.clientsecret } : {}),
		sm_url: b.sm_url,
		url: b.url,
		xsappname: b.xsappname,
	};
}

/** v2 `ServiceManagerBindingExtendedResponseObject` (note `certUrl` in camelCase here). */
function extendedView(b: ServiceManagerAccessBinding) {
	return {
		name: b.name,
		...bindingView(b),
		...(b.certificate ? { certificate: b.certificate, key: b.key, certUrl: b.certUrl } : {}),
		creationDate: b.creationDate,
	};
}

function validityDays(parameters: Record<string, unknown>): number {
	const x509 = (parameters.x509 ?? {}) as Record<string, unknown>;
	const validity = typeof x509.validity === 'number' && x509.validity > 0 ? x509.validity : 7;
	const perUnit: Record<string, number> = { DAYS: 1, MONTHS: 30, YEARS: 365 };
	return validity * (perUnit[String(x509['validity-type'] ?? 'DAYS')] ?? 1);
}

function createAccess(sim: SimContext, sa: Subaccount, name: string, parameters: Record<string, unknown>) {
	if (sim.state.smAccess.some((b) => b.subaccountGUID === sa.guid && b.name === name)) {
		throw cisError(
			409,
			CIS_CODES.smBindingExists,
			`Service Manager binding '${name}' already exists in subaccount '${sa.guid}'`,
		);
	}
	const x509 = parameters['credential-type'] === 'x509' ? { validityDays: validityDays(parameters) } : undefined;
	const key = createServiceManagerKey(sim, sa, {
		x509,
		owner: `CIS serviceManagerBinding ${name}`,
	}) as Record<string, string | undefined>;
	const binding: ServiceManagerAccessBinding = {
		name,
		subaccountGUID: sa.guid,
		clientid: key.clientid!,
		sm_url: key.sm_url!,
		url: key.url ?? sim.urls.uaa,
		xsappname: key.xsappname!,
		creationDate: new Date(sim.now()).toISOString(),
	};
	if (key.clientsecret) binding.clientsecret = key.clientsecret;
	if (key.certificate) {
		binding.certificate = key.certificate;
		binding.key = key.key;
		binding.certUrl = key.certurl;
	}
	sim.state.smAccess.push(binding);
	return binding;
}

function findAccess(sim: SimContext, sa: Subaccount, name: string) {
	const b = sim.state.smAccess.find((x) => x.subaccountGUID === sa.guid && x.name === name);
	if (!b)
		throw cisError(
			404,
			CIS_CODES.smBindingNotFound,
			`Service Manager binding '${name}' not found in subaccount '${sa.guid}'`,
		);
	return b;
}

function deleteAccess(sim: SimContext, b: ServiceManagerAccessBinding) {
	sim.state.smAccess = sim.state.smAccess.filter((x) => x !== b);
	removeClient(sim.state, b.clientid);
}

function registerSmAccessRoutes(router: Router) {
	const v2 = '/accounts/v2/subaccounts/:guid/serviceManagerBindings';
	router.post(v2, function createSmAccess(req, sim) {
		cisGuard(req, sim, UPDATE);
		const sa = subaccountOr404(sim, req.params.guid);
		let body: Record<string, unknown>;
		try {
			body = parseJsonBody(req);
		} catch {
			throw cisError(400, CIS_CODES.badRequest, 'Request body must be a JSON object with a "name"');
		}
		if (typeof body.name !== 'string' || !body.name.trim()) {
			throw cisError(400, CIS_CODES.smBindingMissingName, "Invalid request payload: 'name' is required");
		}
		const parameters = (body.parameters && typeof body.parameters === 'object' ? body.parameters : {}) as Record<
			string,
			unknown
		>;
		return {
			status: 201,
			body: extendedView(createAccess(sim, sa, body.name, parameters)),
		};
	});
	router.get(v2, function listSmAccess(req, sim) {
		cisGuard(req, sim, READ);
		const sa = subaccountOr404(sim, req.params.guid);
		const items = sim.state.smAccess.filter((b) => b.subaccountGUID === sa.guid);
		if (!items.length)
			throw cisError(404, CIS_CODES.smBindingNotFound, `No Service Manager bindings in subaccount '${sa.guid}'`);
		return { status: 200, body: { items: items.map(extendedView) } };
	});
	router.get(`${v2}/:name`, function getSmAccess(req, sim) {
		cisGuard(req, sim, READ);
		return {
			status: 200,
			body: extendedView(findAccess(sim, subaccountOr404(sim, req.params.guid), req.params.name)),
		};
	});
	router.delete(`${v2}/:name`, function deleteSmAccess(req, sim) {
		cisGuard(req, sim, UPDATE);
		deleteAccess(sim, findAccess(sim, subaccountOr404(sim, req.params.guid), req.params.name));
		return { status: 200 };
	});

	const v1 = '/accounts/v1/subaccounts/:guid/serviceManagementBinding';
	router.post(v1, function createSmAccessV1(req, sim) {
		cisGuard(req, sim, UPDATE);
		const sa = subaccountOr404(sim, req.params.guid);
		return {
			status: 201,
			body: bindingView(createAccess(sim, sa, V1_BINDING_NAME, {})),
		};
	});
	router.get(v1, function getSmAccessV1(req, sim) {
		cisGuard(req, sim, READ);
		return {
			status: 200,
			body: bindingView(findAccess(sim, subaccountOr404(sim, req.params.guid), V1_BINDING_NAME)),
		};
	});
	router.delete(v1, function deleteSmAccessV1(req, sim) {
		cisGuard(req, sim, UPDATE);
		deleteAccess(sim, findAccess(sim, subaccountOr404(sim, req.params.guid), V1_BINDING_NAME));
		return { status: 200 };
	});
}

// ------------------------------------------------------------------------------------ module
function readScopes(req: SimRequest) {
	// `derivedAuthorizations=any`: any valid XSUAA token of the global account may read (SAP's Accounts OpenAPI spec)
	return req.query.get('derivedAuthorizations') === 'any' ? [] : READ;
}

export function createAccountsService(): ServiceModule {
	const router = new Router();
	router.get('/accounts/v1/subaccounts', function listSubaccounts(req, sim) {
		cisGuard(req, sim, readScopes(req));
		const directoryGUID = req.query.get('directoryGUID');
		const selector = req.query.get('labelSelector');
		const value = sim.state.subaccounts
			.filter((sa) => !directoryGUID || (sa.parentType === 'DIRECTORY' && sa.parentGUID === directoryGUID))
			.filter((sa) => !selector || matchesLabels(sa, selector))
			.map(subaccountView);
		return { status: 200, body: { value } };
	});
	router.get('/accounts/v1/subaccounts/:guid', function getSubaccount(req, sim) {
		cisGuard(req, sim, readScopes(req));
		return {
			status: 200,
			body: subaccountView(subaccountOr404(sim, req.params.guid)),
		};
	});
	registerSmAccessRoutes(router);
	router.get('/jobs-management/v1/jobs/:id/status', jobStatusHandler);
	return {
		name: 'accounts',
		router,
		errorBody: cisErrorBody,
		rateLimited: cisRateLimited,
	};
}
