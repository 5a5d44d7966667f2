/* eslint-disable @n8n/community-nodes/require-node-api-error */
/**
 * SAP Service Manager (contract §4) on its own origin (`sm_url`), paths under `/v1/`.
 *
 * Everything is scoped to the subaccount of the caller's token (an SM key belongs to one
 * subaccount). Offerings and plans are only visible once the Entitlements service has the plan
 * assigned to that subaccount, which links this service to the CIS simulator state.
 *
 * Instances and bindings exist as soon as they are requested; their operation finishes when
 * `doneAt` passes (settled lazily by `settleOperations`, called first in every handler). Sync
 * calls (`async=false`) wait out the operation before answering, as SM waits for the broker.
 *
 * Rules taken from SAP's code and recordings (source beside each rule below):
 *  - operations outlive their resource: a finished DELETE's operation reads `succeeded` after the
 *    resource is gone (Peripli/service-manager api/base_controller.go GetResourceOperation looks the
 *    operation up by resource_id, not through the resource; SAP's @sap/instance-manager 5.x polls it
 *    after a delete and treats anything but 200 `succeeded` as an error);
 *  - instances of other platforms (Cloud Foundry, Kyma) are listed and readable, but names are unique
 *    only among `platform_id eq 'service-manager'`, bindings cannot be created on them and a PATCH
 *    other than labels-only answers 404 (Peripli storage/interceptors/unique_instance_names_interceptor.go,
 *    api/filters/check_binding_visibility_filter.go, api/filters/platform_id_instance_validation_filter.go);
 *  - `GET …/parameters` answers 400 unless the offering is instances_/bindings_retrievable
 *    (Peripli api/service_instance_controller.go, api/service_binding_controller.go);
 *  - every documented per-caller rate limit (see `enforceRateLimits`).
 *
 * Choices where the contract is [U] (documented for client authors):
 *  - unknown or not-entitled plan on create: 404 `{"error":"NotFound","description":"could not find such service plan"}` (seen on the wire);
 *  - `async` omitted: `profile.smDefaultAsync`;
 *  - a failed async create leaves the instance with ready:false and last_operation failed (clients must repair);
 *    a failed sync create answers 502 BrokerError and leaves nothing behind (orphan mitigation).
 */
import { randomUUID } from 'node:crypto';
import { Router, SimError, isoNow, parseJsonBody, type ServiceModule, type SimRequest, type SimResponse } from '../http';
import { createCisCentralKey, createCloudAlmBindingCredentials, createServiceManagerKey, calmScopesFromAuthorities, removeClient } from '../clients';
import { delay } from '../profile';
import { authenticate } from '../tokens';
import type { IssuedToken, SimContext, SmBinding, SmInstance, SmOffering, SmOperation, SmPlan, Subaccount } from '../state';
import { settleEntitlementJobs } from './entitlements';
import { filterItems, pageResponse } from './smQuery';

const S = {
	offeringRead: 'subaccount.service_offering.read',
	planRead: 'subaccount.service_plan.read',
	instanceRead: 'subaccount.service_instance.read',
	instanceManage: 'subaccount.service_instance.manage',
	bindingRead: 'subaccount.service_binding.read',
	bindingManage: 'subaccount.service_binding.manage',
};
const READ_INSTANCES = [S.instanceRead, S.instanceManage];
const READ_BINDINGS = [S.bindingRead, S.bindingManage];

/**
 * Instance name rule SAP documents for Cloud ALM ("The instance name may have at most 32
 * characters", SAP-docs/cloud-alm-setup-admin-guide enabling-sap-cloud-alm-api-704b5dc.md; the same
 * CLI-friendly rule is only a recommendation for SM in general, SAP-docs/btp-service-manager
 * creating-instances-in-other-environments-bf71f6a.md). Enforced in strict mode for offerings
 * flagged `documentedNameRule`.
 */
export const STRICT_INSTANCE_NAME = /^[A-Za-z0-9._-]{1,32}$/;
/** `platform_id` (and the platform of `context`) of instances created through SM itself. */
export const SM_PLATFORM = 'service-manager';
const NUMERIC_CATEGORIES_EXCLUDED = ['ELASTIC_SERVICE', 'ELASTIC_LIMITED', 'APPLICATION'];

// ------------------------------------------------------------------------------------ rendering
const opFields = (op: SmOperation) => ({
	id: op.id,
	type: op.type,
	state: op.state,
	resource_id: op.resource_id,
	resource_type: op.resource_type,
	platform_id: 'service-manager',
	description: op.description,
	...(op.errors ? { errors: op.errors } : {}),
	correlation_id: op.correlation_id,
	reschedule: false,
	deletion_scheduled: '0001-01-01T00:00:00Z',
	ready: op.state !== 'in progress',
	created_at: op.created_at,
	updated_at: op.updated_at,
});

/**
 * Copy without the simulator-internal fields. `data_center` is left out when empty: SAP's recorded
 * catalogs (SAP/terraform-provider-btp btp/provider/fixtures/datasource_subaccount_service_offerings.all.yaml)
 * carry no `data_center`, and SAP's operator declares it `omitempty` (client/sm/types/service_offering.go).
 */
function renderOffering(o: SmOffering) {
	const out: Partial<SmOffering> & { ready: boolean } = { ...o, ready: true };
	delete out.entitlementServiceName;
	delete out.documentedNameRule;
	if (!out.data_center) delete out.data_center;
	return out;
}

function renderPlan(p: SmPlan) {
	const out: Partial<SmPlan> & { ready: boolean } = { ...p, ready: true };
	delete out.entitlementPlanName;
	if (!out.data_center) delete out.data_center;
	return out;
}

/**
 * `context` of an SM-created instance as SAP's hosted SM records it (SAP/terraform-provider-btp
 * btp/provider/fixtures/datasource_subaccount_service_instances.all.yaml): platform and origin
 * `sapcp`, the data center as `region`, the zone, subdomain, license type and account ids. Bindings
 * carry the same keys plus `service_instance_id` (…/datasource_subaccount_service_binding.by_id.yaml).
 */
export function smContext(sa: Subaccount, instanceName: string): Record<string, unknown> {
	return {
		origin: 'sapcp',
		region: `cf-${sa.region}`,
		zone_id: sa.technicalName,
		platform: 'sapcp',
		subdomain: sa.subdomain,
		license_type: 'SAPDEV', // the only value recorded [V-wire]; real customer accounts may differ [U]
		instance_name: instanceName,
		subaccount_id: sa.guid,
		crm_customer_id: '',
		global_account_id: sa.globalAccountGUID,
	};
}

function renderInstance(i: SmInstance, withOp: boolean) {
	return {
		id: i.id,
		name: i.name,
		service_plan_id: i.service_plan_id,
		platform_id: i.platform_id,
		ready: i.ready,
		usable: i.usable,
		shared: i.shared,
		...(i.dashboard_url ? { dashboard_url: i.dashboard_url } : {}),
		context: i.context,
		maintenance_info: {},
		labels: i.labels,
		created_at: i.created_at,
		updated_at: i.updated_at,
		...(withOp && i.last_operation ? { last_operation: opFields(i.last_operation) } : {}),
	};
}

function renderBinding(b: SmBinding, sim: SimContext, withOp: boolean) {
	const instance = sim.state.instances.find((i) => i.id === b.service_instance_id);
	return {
		id: b.id,
		name: b.name,
		service_instance_id: b.service_instance_id,
		...(instance ? { service_instance_name: instance.name } : {}),
		ready: b.ready,
		context: b.context,
		// a binding whose operation has not succeeded has no credentials yet
		...(b.ready ? { credentials: b.credentials } : {}),
		bind_resource: {},
		labels: b.labels,
		created_at: b.created_at,
		updated_at: b.updated_at,
		...(withOp && b.last_operation ? { last_operation: opFields(b.last_operation) } : {}),
	};
}

const FIELDS = {
	offerings: new Set(['id', 'name', 'catalog_id', 'catalog_name', 'description', 'bindable', 'instances_retrievable', 'bindings_retrievable', 'plan_updateable', 'allow_context_updates', 'tags', 'metadata', 'broker_id', 'data_center', 'created_at', 'updated_at', 'ready']),
	plans: new Set(['id', 'name', 'catalog_id', 'catalog_name', 'description', 'free', 'bindable', 'service_offering_id', 'data_center', 'metadata', 'created_at', 'updated_at', 'ready']),
	instances: new Set(['id', 'name', 'service_plan_id', 'platform_id', 'ready', 'usable', 'shared', 'dashboard_url', 'context', 'maintenance_info', 'created_at', 'updated_at', 'last_operation']),
	bindings: new Set(['id', 'name', 'service_instance_id', 'service_instance_name', 'ready', 'context', 'created_at', 'updated_at', 'last_operation']),
};

// ------------------------------------------------------------------------------------ helpers
function callerSubaccount(sim: SimContext, token: IssuedToken): Subaccount {
	const sa = sim.state.subaccounts.find((s) => s.guid === token.subaccountId);
	if (!sa) throw new SimError(403, 'Forbidden', 'The token does not belong to a subaccount known to Service Manager');
	return sa;
}

function start(req: SimRequest, sim: SimContext, scopes: string[]) {
	settleEntitlementJobs(sim);
	settleOperations(sim);
	const token = authenticate(req, sim, scopes);
	const subaccount = callerSubaccount(sim, token);
	// Peripli's rate-limit filter runs on authenticated requests only (api/filters/rate_limiter_filter.go)
	enforceRateLimits(req, sim, token);
	return { token, subaccount };
}

function offeringOf(sim: SimContext, plan: SmPlan) {
	return sim.state.offerings.find((o) => o.id === plan.service_offering_id)!;
}

function assignmentFor(sim: SimContext, plan: SmPlan, subaccountGUID: string) {
	const offering = offeringOf(sim, plan);
	return sim.state.assignments.find(
		(a) =>
			a.subaccountGUID === subaccountGUID &&
			a.serviceName === offering.entitlementServiceName &&
			a.planName === plan.entitlementPlanName,
	);
}

/** A plan shows up in SM once its entitlement is assigned (and processed) for the subaccount. */
function planVisible(sim: SimContext, plan: SmPlan, subaccountGUID: string) {
	const a = assignmentFor(sim, plan, subaccountGUID);
	return !!a && a.entityState === 'OK' && (a.amount > 0 || a.enabled);
}

const visiblePlans = (sim: SimContext, sa: Subaccount) => sim.state.plans.filter((p) => planVisible(sim, p, sa.guid));

function checkEnvironment(req: SimRequest) {
	const env = req.query.get('environment');
	if (env !== null && !['btp', 'kubernetes', 'cloudfoundry'].includes(env)) {
		throw new SimError(400, 'BadRequest', `environment must be one of btp, kubernetes, cloudfoundry; got '${env}'`);
	}
}

/** `async` query: true/false, omitted → profile default. */
function isAsync(req: SimRequest, sim: SimContext) {
	const v = req.query.get('async');
	if (v === null || v === '') return sim.profile.smDefaultAsync;
	if (v !== 'true' && v !== 'false') throw new SimError(400, 'BadRequest', `async must be true or false, got '${v}'`);
	return v === 'true';
}

function asObject(value: unknown, field: string): Record<string, unknown> {
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new SimError(400, 'BadRequest', `${field} must be a JSON object`);
	}
	return value as Record<string, unknown>;
}

function checkLabels(value: unknown): Record<string, string[]> {
	const labels = asObject(value, 'labels');
	for (const [k, v] of Object.entries(labels)) {
		if (!/^[A-Za-z0-9._/-]{1,100}$/.test(k)) throw new SimError(400, 'BadRequest', `label key '${k}' is invalid`);
		if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string' || !x || x.length > 255 || x.includes('\n'))) {
			throw new SimError(400, 'BadRequest', `label '${k}' must be a non-empty array of non-empty strings`);
		}
	}
	return labels as Record<string, string[]>;
}

function checkInstanceName(sim: SimContext, name: unknown, offering: SmOffering): string {
	if (typeof name !== 'string' || !name.trim()) throw new SimError(400, 'BadRequest', 'missing field: name');
	if (sim.profile.smStrictInstanceNames && offering.documentedNameRule && !STRICT_INSTANCE_NAME.test(name)) {
		throw new SimError(
			400,
			'BadRequest',
			`instance name '${name}' is invalid: use at most 32 characters, only letters, digits, periods (.), hyphens (-) and underscores (_), no spaces`,
		);
	}
	return name;
}

function newOperation(
	sim: SimContext,
	req: SimRequest,
	type: SmOperation['type'],
	resource: { id: string; subaccountGUID: string },
	resourceType: SmOperation['resource_type'],
	durationMs: number,
	pendingChanges?: Record<string, unknown>,
): SmOperation {
	const failed = sim.faults.asyncFailure > 0 && sim.random() < sim.faults.asyncFailure;
	const kind = resourceType === '/v1/service_instances' ? 'service instance' : 'service binding';
	const op: SmOperation = {
		id: randomUUID(),
		type,
		state: 'in progress',
		resource_id: resource.id,
		resource_type: resourceType,
		description: `${type} ${kind} in progress`,
		correlation_id: String(req.headers['x-correlationid'] ?? req.correlationId),
		created_at: isoNow(sim),
		updated_at: isoNow(sim),
		doneAt: sim.now() + durationMs,
		outcome: failed ? 'failed' : 'succeeded',
		failureDescription: failed
			? `Service broker failed to ${type} the ${kind}: Service broker SAP Cloud ALM API responded with status 500: internal error while processing the OAuth client of the instance (simulated failure)`
			: undefined,
		subaccountGUID: resource.subaccountGUID,
		pendingChanges,
	};
	sim.state.operations.push(op);
	return op;
}

/** Turns a finished operation into its final state and applies its effect. */
function completeOperation(sim: SimContext, op: SmOperation) {
	if (op.state !== 'in progress') return;
	op.state = op.outcome;
	op.updated_at = isoNow(sim);
	const isInstance = op.resource_type === '/v1/service_instances';
	if (op.outcome === 'failed') {
		op.description = `${op.type} failed`;
		op.errors = { error: 'BrokerError', description: op.failureDescription ?? 'operation failed' };
		if (op.type === 'create' && !isInstance) {
			const b = sim.state.bindings.find((x) => x.id === op.resource_id);
			if (b?.uaaClientId) removeClient(sim.state, b.uaaClientId);
			if (b) {
				b.credentials = {};
				b.uaaClientId = undefined;
			}
		}
		return;
	}
	op.description = `${op.type} succeeded`;
	if (isInstance) {
		const i = sim.state.instances.find((x) => x.id === op.resource_id);
		if (!i) return;
		if (op.type === 'create') {
			i.ready = true;
			i.usable = true;
		} else if (op.type === 'update') {
			applyInstanceChanges(sim, i, op.pendingChanges ?? {});
		} else {
			sim.state.instances = sim.state.instances.filter((x) => x.id !== i.id);
		}
		i.updated_at = isoNow(sim);
	} else {
		const b = sim.state.bindings.find((x) => x.id === op.resource_id);
		if (!b) return;
		if (op.type === 'create') b.ready = true;
		else if (op.type === 'delete') {
			if (b.uaaClientId) removeClient(sim.state, b.uaaClientId);
			sim.state.bindings = sim.state.bindings.filter((x) => x.id !== b.id);
		}
		b.updated_at = isoNow(sim);
	}
}

/** Applies every Service Manager operation whose time has come. */
export function settleOperations(sim: SimContext): void {
	const now = sim.now();
	for (const op of sim.state.operations) {
		if (op.state === 'in progress' && op.doneAt <= now) completeOperation(sim, op);
	}
}

/** Sync mode: wait for the "broker", then finish the operation right away. */
async function runSync(sim: SimContext, op: SmOperation, ms: number) {
	await delay(ms);
	completeOperation(sim, op);
	if (op.state === 'failed') {
		throw new SimError(502, 'BrokerError', op.errors!.description, {}, {
			broker_error: { StatusCode: 500, ErrorMessage: 'InternalError', Description: op.errors!.description },
		});
	}
}

const accepted = (location: string): SimResponse => ({ status: 202, headers: { location }, body: {} });

function applyInstanceChanges(sim: SimContext, i: SmInstance, changes: Record<string, unknown>) {
	if (typeof changes.name === 'string') {
		i.name = changes.name;
		i.context = { ...i.context, instance_name: changes.name };
	}
	if (changes.labels) i.labels = changes.labels as Record<string, string[]>;
	if (typeof changes.service_plan_id === 'string') i.service_plan_id = changes.service_plan_id;
	if (changes.parameters) {
		i.parameters = changes.parameters as Record<string, unknown>;
		refreshBindingScopes(sim, i);
	}
}

/** XSUAA applies changed `authorities` to the OAuth clients of all existing bindings of the instance. */
function refreshBindingScopes(sim: SimContext, i: SmInstance) {
	if (sim.state.offerings.find((o) => o.id === i.service_offering_id)?.catalog_name !== 'SAPCloudALMAPIs') return;
	const xs = asObject(i.parameters['xs-security'], 'xs-security');
	const scopes = ['uaa.resource', ...calmScopesFromAuthorities(xs.authorities)];
	for (const b of sim.state.bindings.filter((x) => x.service_instance_id === i.id)) {
		const client = sim.state.uaaClients.find((c) => c.clientid === b.uaaClientId);
		if (client) client.scopes = scopes;
	}
}

/** The caller's instance (404 when unknown or in another subaccount), of any platform. */
function ownInstance(sim: SimContext, sa: Subaccount, id: string) {
	const i = sim.state.instances.find((x) => x.id === id && x.subaccountGUID === sa.guid);
	if (!i) throw new SimError(404, 'NotFound', `could not find such service instance: ${id}`);
	return i;
}

/**
 * The caller's instance created through SM (`platform_id eq 'service-manager'`): Peripli adds that
 * criterion to a PATCH that changes more than labels (api/filters/platform_id_instance_validation_filter.go),
 * so another platform's instance answers 404 as if it did not exist.
 */
function ownSmInstance(sim: SimContext, sa: Subaccount, id: string) {
	const i = ownInstance(sim, sa, id);
	if (i.platform_id !== SM_PLATFORM) throw new SimError(404, 'NotFound', `could not find such service instance: ${id}`);
	return i;
}

/**
 * Peripli api/filters/check_binding_visibility_filter.go: a binding can only be created (or
 * patched) for an instance of the caller's tenant that SM's own platform created.
 */
function bindableInstance(sim: SimContext, sa: Subaccount, id: unknown) {
	const i = sim.state.instances.find((x) => x.id === id && x.subaccountGUID === sa.guid && x.platform_id === SM_PLATFORM);
	if (!i) throw new SimError(404, 'NotFound', 'service instance not found or not accessible');
	return i;
}

/** The offering's `instances_retrievable` / `bindings_retrievable` gate of `GET …/parameters`. */
function checkRetrievable(sim: SimContext, req: SimRequest, instance: SmInstance, kind: 'instances' | 'bindings') {
	// Peripli: parameters are always read synchronously
	if (req.query.get('async') === 'true') {
		throw new SimError(400, 'InvalidRequest', `requested ${req.path}?${req.query.toString()} api doesn't support asynchronous operation.`);
	}
	const offering = sim.state.offerings.find((o) => o.id === instance.service_offering_id)!;
	const retrievable = kind === 'instances' ? offering.instances_retrievable : offering.bindings_retrievable;
	// Peripli's two controllers word it differently: with and without the final period
	if (!retrievable) throw new SimError(400, 'BadRequest', kind === 'instances' ? 'this operation is not supported.' : 'this operation is not supported');
}

function ownBinding(sim: SimContext, sa: Subaccount, id: string) {
	const b = sim.state.bindings.find((x) => x.id === id && x.subaccountGUID === sa.guid);
	if (!b) throw new SimError(404, 'NotFound', `could not find such service binding: ${id}`);
	return b;
}

/**
 * An operation of the caller's tenant by resource id and operation id. It does not need the resource:
 * Peripli's GetResourceOperation (api/base_controller.go) queries operations by `resource_id` and
 * `id`, so the operation of a finished DELETE still answers 200 `succeeded` once the resource is gone.
 */
function findOperation(sim: SimContext, sa: Subaccount, resourceId: string, opId: string) {
	const op = sim.state.operations.find((o) => o.id === opId && o.resource_id === resourceId && o.subaccountGUID === sa.guid);
	if (!op) throw new SimError(404, 'NotFound', `could not find such operation: ${opId}`);
	return op;
}

function rejectIfBusy(resource: { last_operation?: SmOperation; name: string }, kind: string) {
	if (resource.last_operation?.state === 'in progress') {
		throw new SimError(
			422,
			'ConcurrentOperation',
			`Another operation (${resource.last_operation.type}) is in progress for ${kind} ${resource.name}; wait for it to finish`,
		);
	}
}

// ------------------------------------------------------------------------------------ rate limits
const MINUTE = 60_000;
const HOUR = 3_600_000;

interface RateGroup {
	id: string;
	/** Peripli matches by path prefix (`strings.HasPrefix`) and, where given, method */
	prefix: string;
	method?: string;
	perMinute: number;
	perHour: number;
	/** counted on its own even when groups count together ("CREATE … is limited to 50 calls per minute") */
	own?: boolean;
}

/**
 * SAP Help "Rate Limiting" (SAP-docs/btp-service-manager docs/Service-Consumption/SAP-Service-Manager/
 * rate-limiting-97be679.md): all APIs 10,000/h and 1,000/min; `/v1/service_bindings` 6,000/h and
 * 600/min; `/v1/service_offerings` and `/v1/service_plans` 1,000/h and 100/min; the non-GET
 * `/v1/service_instances` APIs 6,000/h and 600/min; `CREATE /v1/service_instances` 50/min. Callers
 * are told apart by OAuth client id. Groups match by path prefix as in Peripli's
 * api/filters/rate_limiter_filter.go, so operation polls under `/v1/service_bindings/…` count
 * against the bindings group.
 */
function rateGroups(sim: SimContext): RateGroup[] {
	const p = sim.profile;
	return [
		{ id: 'all', prefix: '/', perMinute: p.smRequestsPerMinute, perHour: p.smRequestsPerHour },
		{ id: 'bindings', prefix: '/v1/service_bindings', perMinute: p.smBindingRequestsPerMinute, perHour: p.smBindingRequestsPerHour },
		{ id: 'offerings', prefix: '/v1/service_offerings', perMinute: p.smCatalogRequestsPerMinute, perHour: p.smCatalogRequestsPerHour },
		{ id: 'plans', prefix: '/v1/service_plans', perMinute: p.smCatalogRequestsPerMinute, perHour: p.smCatalogRequestsPerHour },
		// the table's /v1/service_instances row (6,000/h, 600/min) is for its non-GET APIs, one group per method [I]
		{ id: 'instanceCreatesGroup', prefix: '/v1/service_instances', method: 'POST', perMinute: p.smInstanceChangesPerMinute, perHour: p.smInstanceChangesPerHour },
		{ id: 'instanceUpdates', prefix: '/v1/service_instances', method: 'PATCH', perMinute: p.smInstanceChangesPerMinute, perHour: p.smInstanceChangesPerHour },
		{ id: 'instanceDeletes', prefix: '/v1/service_instances', method: 'DELETE', perMinute: p.smInstanceChangesPerMinute, perHour: p.smInstanceChangesPerHour },
		{ id: 'instanceCreates', prefix: '/v1/service_instances', method: 'POST', perMinute: p.smInstanceCreatesPerMinute, perHour: 0, own: true },
	];
}

/** A fixed window that starts with the first call counted in it (ulule/limiter, used by Peripli). */
function rateWindow(sim: SimContext, key: string, windowMs: number) {
	const now = sim.now();
	let w = sim.state.smCreateLog[key];
	if (!w || w.resetAt <= now) {
		w = { resetAt: now + windowMs, count: 0 };
		sim.state.smCreateLog[key] = w;
	}
	return w;
}

/**
 * 429 when the call would exceed any documented limit of its caller; otherwise counts it.
 * `profile.smRateLimitCounting` decides what a group limit counts (see `Profile`).
 */
function enforceRateLimits(req: SimRequest, sim: SimContext, token: IssuedToken) {
	const groups = rateGroups(sim).filter((g) => req.path.startsWith(g.prefix) && (!g.method || g.method === req.method));
	const together = sim.profile.smRateLimitCounting === 'together';
	const counters: Array<{ key: string; windowMs: number; limit: number }> = [];
	for (const g of groups) {
		for (const [limit, windowMs] of [
			[g.perMinute, MINUTE],
			[g.perHour, HOUR],
		]) {
			if (!(limit > 0)) continue;
			const scope = together && !g.own ? 'total' : g.id;
			counters.push({ key: `${token.clientid}|${scope}|${windowMs}`, windowMs, limit });
		}
	}
	for (const c of counters) {
		const w = rateWindow(sim, c.key, c.windowMs);
		if (w.count >= c.limit) throw rateLimited(req, sim, c.limit, w.resetAt);
	}
	for (const key of new Set(counters.map((c) => c.key))) sim.state.smCreateLog[key].count++;
}

/**
 * SM's 429: body `{"description": …}` and `Retry-After` as an HTTP-date (SAP Help "Rate Limiting",
 * Response). Real limits answer the end of their window, rounded up to the second the HTTP-date can
 * express; injected faults (no `resetAt`) answer `profile.retryAfterSeconds` ahead.
 */
function rateLimited(_req: SimRequest, sim: SimContext, limit = 1000, resetAt?: number) {
	const at = resetAt ?? sim.now() + sim.profile.retryAfterSeconds * 1000;
	const retryAt = new Date(Math.ceil(at / 1000) * 1000);
	return new SimError(
		429,
		'TooManyRequests',
		`The allowed request limit of ${limit} responses has been reached. Please try again later.Check the 'Retry-After' header value to see how long you need to wait.`,
		{ 'retry-after': retryAt.toUTCString() },
	);
}

// ------------------------------------------------------------------------------------ catalog routes
function catalogRoutes(router: Router) {
	router.get('/v1/service_offerings', (req, sim) => {
		const { subaccount } = start(req, sim, [S.offeringRead]);
		checkEnvironment(req);
		const visibleOfferingIds = new Set(visiblePlans(sim, subaccount).map((p) => p.service_offering_id));
		const items = sim.state.offerings
			.filter((o) => visibleOfferingIds.has(o.id))
			.map((o, n) => ({ seq: n + 1, item: renderOffering(o), fields: { ...renderOffering(o), data_center: o.data_center } }));
		return pageResponse(req, filterItems(req, items, FIELDS.offerings), sim.urls.serviceManager);
	});
	router.get('/v1/service_offerings/:id', (req, sim) => {
		const { subaccount } = start(req, sim, [S.offeringRead]);
		const o = sim.state.offerings.find((x) => x.id === req.params.id);
		if (!o || !visiblePlans(sim, subaccount).some((p) => p.service_offering_id === o.id)) {
			throw new SimError(404, 'NotFound', `could not find such service offering: ${req.params.id}`);
		}
		return { status: 200, body: renderOffering(o) };
	});
	router.get('/v1/service_plans', (req, sim) => {
		const { subaccount } = start(req, sim, [S.planRead]);
		checkEnvironment(req);
		const items = visiblePlans(sim, subaccount).map((p) => ({
			seq: sim.state.plans.indexOf(p) + 1,
			item: renderPlan(p),
			fields: { ...renderPlan(p), data_center: p.data_center },
		}));
		return pageResponse(req, filterItems(req, items, FIELDS.plans), sim.urls.serviceManager);
	});
	router.get('/v1/service_plans/:id', (req, sim) => {
		const { subaccount } = start(req, sim, [S.planRead]);
		const p = visiblePlans(sim, subaccount).find((x) => x.id === req.params.id);
		if (!p) throw new SimError(404, 'NotFound', `could not find such service plan: ${req.params.id}`);
		return { status: 200, body: renderPlan(p) };
	});
}

// ------------------------------------------------------------------------------------ instance routes
function resolvePlan(sim: SimContext, sa: Subaccount, body: Record<string, unknown>): SmPlan {
	let plan: SmPlan | undefined;
	if (body.service_plan_id !== undefined) {
		plan = sim.state.plans.find((p) => p.id === body.service_plan_id);
	} else if (body.service_offering_name !== undefined || body.service_plan_name !== undefined) {
		if (typeof body.service_offering_name !== 'string' || typeof body.service_plan_name !== 'string') {
			throw new SimError(400, 'BadRequest', 'service_offering_name and service_plan_name must both be given');
		}
		// Peripli api/filters/extract_plan_id_by_service_and_plan_name_filter.go: the visible plans of that
		// name under offerings of that name, in any data center; more than one is an ambiguity error
		const offeringIds = new Set(sim.state.offerings.filter((o) => o.catalog_name === body.service_offering_name).map((o) => o.id));
		const matches = sim.state.plans.filter(
			(p) => offeringIds.has(p.service_offering_id) && p.catalog_name === body.service_plan_name && planVisible(sim, p, sa.guid),
		);
		if (matches.length > 1) {
			throw new SimError(
				400,
				'BadRequest',
				`ambiguity error, found more than one resource matching the provided offering name ${body.service_offering_name} and plan name ${body.service_plan_name}, provide the desired servicePlanID`,
			);
		}
		plan = matches[0];
	} else {
		throw new SimError(400, 'BadRequest', 'missing field: service_plan_id (or service_offering_name and service_plan_name)');
	}
	if (!plan || !planVisible(sim, plan, sa.guid)) throw new SimError(404, 'NotFound', 'could not find such service plan');
	return plan;
}

/** Numeric entitlements cap how many instances of the plan the subaccount may have. */
function checkQuota(sim: SimContext, sa: Subaccount, plan: SmPlan) {
	const offering = offeringOf(sim, plan);
	const entitled = sim.state.entitledPlans.find(
		(e) => e.serviceName === offering.entitlementServiceName && e.planName === plan.entitlementPlanName,
	);
	if (!entitled || entitled.unlimited || NUMERIC_CATEGORIES_EXCLUDED.includes(entitled.category)) return;
	const amount = assignmentFor(sim, plan, sa.guid)?.amount ?? 0;
	// the quota is the entitlement's: instances of every platform and data center count against it
	const sameEntitlement = new Set(
		sim.state.plans
			.filter((p) => p.entitlementPlanName === plan.entitlementPlanName && offeringOf(sim, p).entitlementServiceName === offering.entitlementServiceName)
			.map((p) => p.id),
	);
	const used = sim.state.instances.filter((i) => i.subaccountGUID === sa.guid && sameEntitlement.has(i.service_plan_id)).length;
	if (used >= amount) {
		throw new SimError(
			400,
			'BadRequest',
			`Quota limit exceeded: subaccount ${sa.guid} is entitled to ${amount} instance(s) of plan '${plan.catalog_name}' of service '${offering.catalog_name}' and already has ${used}. Increase the entitlement or delete an instance.`,
		);
	}
}

function instanceRoutes(router: Router) {
	router.get('/v1/service_instances', (req, sim) => {
		const { subaccount } = start(req, sim, READ_INSTANCES);
		const withOps = req.query.get('attach_last_operations') === 'true';
		const items = sim.state.instances
			.filter((i) => i.subaccountGUID === subaccount.guid)
			.map((i) => ({ seq: i.paging_sequence, item: renderInstance(i, withOps), labels: i.labels }));
		return pageResponse(req, filterItems(req, items, FIELDS.instances), sim.urls.serviceManager);
	});

	router.get('/v1/service_instances/:id', (req, sim) => {
		const { subaccount } = start(req, sim, READ_INSTANCES);
		return { status: 200, body: renderInstance(ownInstance(sim, subaccount, req.params.id), true) };
	});

	router.get('/v1/service_instances/:id/parameters', (req, sim) => {
		const { subaccount } = start(req, sim, READ_INSTANCES);
		const instance = ownInstance(sim, subaccount, req.params.id);
		checkRetrievable(sim, req, instance, 'instances');
		return { status: 200, body: instance.parameters };
	});

	router.post('/v1/service_instances', async (req, sim) => {
		const { subaccount } = start(req, sim, [S.instanceManage]);
		const async = isAsync(req, sim);
		const body = asObject(parseJsonBody(req), 'body');
		if (body.platform_id !== undefined && body.platform_id !== SM_PLATFORM) {
			// Peripli api/filters/platform_id_instance_validation_filter.go
			throw new SimError(400, 'InvalidTransfer', `Providing platform_id property during provisioning/updating with a value different from ${SM_PLATFORM} is forbidden`);
		}
		const plan = resolvePlan(sim, subaccount, body);
		const name = checkInstanceName(sim, body.name, offeringOf(sim, plan));
		const parameters = asObject(body.parameters, 'parameters');
		const labels = checkLabels(body.labels);
		if (nameTaken(sim, subaccount, name)) {
			throw new SimError(409, 'Conflict', 'instance with same name exists for the current tenant');
		}
		checkQuota(sim, subaccount, plan);

		const now = isoNow(sim);
		const offering = offeringOf(sim, plan);
		const xs = asObject(parameters['xs-security'], 'parameters.xs-security');
		const instance: SmInstance = {
			id: randomUUID(),
			name,
			service_plan_id: plan.id,
			service_offering_id: offering.id,
			subaccountGUID: subaccount.guid,
			platform_id: SM_PLATFORM,
			parameters,
			labels: { ...labels, subaccount_id: [subaccount.guid] },
			context: smContext(subaccount, name),
			ready: false,
			usable: false,
			shared: false,
			created_at: now,
			updated_at: now,
			paging_sequence: sim.state.seq.paging++,
			xsappname: typeof xs.xsappname === 'string' ? xs.xsappname : name,
		};
		sim.state.instances.push(instance);
		const op = newOperation(sim, req, 'create', instance, '/v1/service_instances', sim.profile.instanceOperationMs);
		instance.last_operation = op;
		if (async) return accepted(`/v1/service_instances/${instance.id}/operations/${op.id}`);
		try {
			await runSync(sim, op, sim.profile.instanceOperationMs);
		} catch (err) {
			sim.state.instances = sim.state.instances.filter((i) => i.id !== instance.id);
			throw err;
		}
		return { status: 201, body: renderInstance(instance, true) };
	});

	router.patch('/v1/service_instances/:id', async (req, sim) => {
		const { subaccount } = start(req, sim, [S.instanceManage]);
		const async = isAsync(req, sim);
		const body = asObject(parseJsonBody(req), 'body');
		// a labels-only PATCH reaches instances of any platform; anything else only SM's own
		// (Peripli api/filters/platform_id_instance_validation_filter.go, util.LabelsOnly)
		const labelsOnly = Object.keys(body).length === 1 && 'labels' in body;
		const instance = labelsOnly ? ownInstance(sim, subaccount, req.params.id) : ownSmInstance(sim, subaccount, req.params.id);
		if (body.platform_id !== undefined && body.platform_id !== SM_PLATFORM) {
			throw new SimError(400, 'InvalidTransfer', `Providing platform_id property during provisioning/updating with a value different from ${SM_PLATFORM} is forbidden`);
		}
		rejectIfBusy(instance, 'service instance');
		const changes = instanceChanges(sim, subaccount, instance, body);
		const op = newOperation(sim, req, 'update', instance, '/v1/service_instances', sim.profile.instanceOperationMs, changes);
		instance.last_operation = op;
		if (async) return accepted(`/v1/service_instances/${instance.id}/operations/${op.id}`);
		await runSync(sim, op, sim.profile.instanceOperationMs);
		return { status: 200, body: renderInstance(instance, true) };
	});

	router.delete('/v1/service_instances/:id', async (req, sim) => {
		const { subaccount } = start(req, sim, [S.instanceManage]);
		const async = isAsync(req, sim);
		const instance =
			sim.profile.smForeignInstanceDelete === 'notFound' ? ownSmInstance(sim, subaccount, req.params.id) : ownInstance(sim, subaccount, req.params.id);
		const bindings = sim.state.bindings.filter((b) => b.service_instance_id === instance.id);
		if (bindings.length) {
			throw new SimError(
				409,
				'ExistingReferenceEntity',
				`Could not delete service instance ${instance.name}: it still has ${bindings.length} service bindings (${bindings.map((b) => b.name).join(', ')}). Delete the bindings first.`,
			);
		}
		rejectIfBusy(instance, 'service instance');
		const op = newOperation(sim, req, 'delete', instance, '/v1/service_instances', sim.profile.instanceOperationMs);
		instance.last_operation = op;
		if (async) return accepted(`/v1/service_instances/${instance.id}/operations/${op.id}`);
		await runSync(sim, op, sim.profile.instanceOperationMs);
		return { status: 200, body: {} };
	});

	router.get('/v1/service_instances/:id/operations/:opId', (req, sim) => {
		const { subaccount } = start(req, sim, READ_INSTANCES);
		return { status: 200, body: opFields(findOperation(sim, subaccount, req.params.id, req.params.opId)) };
	});
}

/**
 * Names are unique per tenant among SM's own instances only: Peripli counts `platform_id eq
 * 'service-manager'` and the tenant label (storage/interceptors/unique_instance_names_interceptor.go),
 * so a Cloud Foundry or Kyma instance of the same name does not conflict.
 */
function nameTaken(sim: SimContext, sa: Subaccount, name: string) {
	return sim.state.instances.some((i) => i.subaccountGUID === sa.guid && i.platform_id === SM_PLATFORM && i.name === name);
}

/** Validates a PATCH body and computes what the update will set. */
function instanceChanges(sim: SimContext, sa: Subaccount, instance: SmInstance, body: Record<string, unknown>) {
	const changes: Record<string, unknown> = {};
	if (body.name !== undefined && body.name !== instance.name) {
		const name = checkInstanceName(sim, body.name, offeringOf(sim, sim.state.plans.find((p) => p.id === instance.service_plan_id)!));
		if (nameTaken(sim, sa, name)) {
			throw new SimError(409, 'Conflict', 'instance with same name exists for the current tenant');
		}
		changes.name = name;
	}
	if (body.parameters !== undefined) changes.parameters = asObject(body.parameters, 'parameters');
	if (body.service_plan_id !== undefined && body.service_plan_id !== instance.service_plan_id) {
		const plan = sim.state.plans.find((p) => p.id === body.service_plan_id);
		if (!plan || !planVisible(sim, plan, sa.guid)) throw new SimError(404, 'NotFound', 'could not find such service plan');
		if (!offeringOf(sim, plan).plan_updateable || plan.service_offering_id !== instance.service_offering_id) {
			throw new SimError(400, 'BadRequest', `the plan of service instance ${instance.name} cannot be changed to ${plan.catalog_name}`);
		}
		changes.service_plan_id = plan.id;
	}
	if (body.labels !== undefined) changes.labels = applyLabelOps(instance.labels, body.labels);
	if (body.shared !== undefined && body.shared !== instance.shared) {
		throw new SimError(400, 'BadRequest', 'sharing is not supported by this offering');
	}
	return changes;
}

/** PATCH label changes `[{op:add|remove, key, values?}]` (contract 4.6). */
export function applyLabelOps(current: Record<string, string[]>, ops: unknown): Record<string, string[]> {
	if (!Array.isArray(ops)) throw new SimError(400, 'BadRequest', 'labels must be an array of {op, key, values} changes');
	const next: Record<string, string[]> = JSON.parse(JSON.stringify(current));
	const touched: Record<string, string> = {};
	for (const change of ops as Array<Record<string, unknown>>) {
		const { op, key, values } = change ?? {};
		if ((op !== 'add' && op !== 'remove') || typeof key !== 'string' || !key) {
			throw new SimError(400, 'BadRequest', 'each label change needs op (add|remove) and key');
		}
		if (touched[key] && touched[key] !== op) {
			throw new SimError(400, 'BadRequest', `label ${key}: add and remove in the same request is not supported`);
		}
		touched[key] = op;
		if (values !== undefined && (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || !v))) {
			throw new SimError(400, 'BadRequest', `label ${key}: values must be non-empty strings`);
		}
		const vals = (values as string[] | undefined) ?? [];
		if (op === 'add') {
			if (!vals.length) throw new SimError(400, 'BadRequest', `label ${key}: add needs values`);
			next[key] = [...new Set([...(next[key] ?? []), ...vals])];
		} else if (!vals.length) {
			delete next[key];
		} else {
			next[key] = (next[key] ?? []).filter((v) => !vals.includes(v));
			if (!next[key].length) delete next[key];
		}
	}
	return next;
}

// ------------------------------------------------------------------------------------ binding routes
const DAYS_PER: Record<string, number> = { DAYS: 1, MONTHS: 30, YEARS: 365 };

/** `{"credential-type":"x509","x509":{validity, validity-type}}` → validity in days, or undefined for secrets. */
function x509Request(
	instance: SmInstance,
	parameters: Record<string, unknown>,
	checkXsSecurity: boolean,
): { validityDays: number } | undefined {
	const type = parameters['credential-type'];
	if (type === undefined || type === 'binding-secret' || type === 'instance-secret') return undefined;
	if (type !== 'x509') throw new SimError(400, 'BadRequest', `unsupported credential-type '${String(type)}'`);
	const x509 = asObject(parameters.x509, 'x509');
	if (x509.certificate !== undefined) {
		throw new SimError(400, 'BadRequest', 'bring-your-own certificates are not supported by the simulator; omit x509.certificate');
	}
	const validity = x509.validity ?? 7;
	const unit = String(x509['validity-type'] ?? 'DAYS').toUpperCase();
	if (typeof validity !== 'number' || !Number.isInteger(validity) || validity < 1 || !DAYS_PER[unit]) {
		throw new SimError(400, 'BadRequest', 'x509.validity must be a positive integer and validity-type one of DAYS, MONTHS, YEARS');
	}
	const xs = asObject(instance.parameters['xs-security'], 'xs-security');
	const allowed = asObject(xs['oauth2-configuration'], 'oauth2-configuration')['credential-types'];
	if (checkXsSecurity && !(Array.isArray(allowed) && allowed.includes('x509'))) {
		throw new SimError(
			400,
			'BadRequest',
			`credential-type x509 is not allowed for service instance ${instance.name}: add "x509" to xs-security oauth2-configuration.credential-types of the instance`,
		);
	}
	return { validityDays: validity * DAYS_PER[unit] };
}

function mintCredentials(sim: SimContext, sa: Subaccount, instance: SmInstance, parameters: Record<string, unknown>) {
	const offering = sim.state.offerings.find((o) => o.id === instance.service_offering_id)!;
	// XSUAA-based brokers (Cloud ALM) only issue certificates the instance's xs-security allows
	const x509 = x509Request(instance, parameters, offering.catalog_name === 'SAPCloudALMAPIs');
	const owner = `binding of ${instance.name}`;
	if (offering.catalog_name === 'SAPCloudALMAPIs') {
		const creds = createCloudAlmBindingCredentials(sim, sa, instance, { owner, x509 });
		return { credentials: creds as Record<string, unknown>, clientid: String(creds.uaa.clientid) };
	}
	if (offering.catalog_name === 'service-manager') {
		const creds = createServiceManagerKey(sim, sa, { owner, x509 });
		return { credentials: creds as Record<string, unknown>, clientid: creds.clientid };
	}
	if (offering.catalog_name === 'cis') {
		const creds = createCisCentralKey(sim);
		return { credentials: creds as unknown as Record<string, unknown>, clientid: creds.uaa.clientid };
	}
	throw new SimError(400, 'BadRequest', `service offering ${offering.catalog_name} is not bindable`);
}

function bindingRoutes(router: Router) {
	router.get('/v1/service_bindings', (req, sim) => {
		const { subaccount } = start(req, sim, READ_BINDINGS);
		const withOps = req.query.get('attach_last_operations') === 'true';
		const items = sim.state.bindings
			.filter((b) => b.subaccountGUID === subaccount.guid)
			.map((b) => ({ seq: b.paging_sequence, item: renderBinding(b, sim, withOps), labels: b.labels }));
		return pageResponse(req, filterItems(req, items, FIELDS.bindings), sim.urls.serviceManager);
	});

	router.get('/v1/service_bindings/:id', (req, sim) => {
		const { subaccount } = start(req, sim, READ_BINDINGS);
		return { status: 200, body: renderBinding(ownBinding(sim, subaccount, req.params.id), sim, true) };
	});

	router.get('/v1/service_bindings/:id/parameters', (req, sim) => {
		const { subaccount } = start(req, sim, READ_BINDINGS);
		const binding = ownBinding(sim, subaccount, req.params.id);
		const instance = sim.state.instances.find((i) => i.id === binding.service_instance_id)!;
		checkRetrievable(sim, req, instance, 'bindings');
		return { status: 200, body: binding.parameters };
	});

	router.post('/v1/service_bindings', async (req, sim) => {
		const { subaccount } = start(req, sim, [S.bindingManage]);
		const async = isAsync(req, sim);
		const body = asObject(parseJsonBody(req), 'body');
		if (typeof body.name !== 'string' || !body.name.trim()) throw new SimError(400, 'BadRequest', 'missing field: name');
		if (typeof body.service_instance_id !== 'string') {
			throw new SimError(400, 'BadRequest', 'missing field: service_instance_id');
		}
		const instance = bindableInstance(sim, subaccount, body.service_instance_id);
		rejectIfBusy(instance, 'service instance');
		if (!instance.ready) {
			throw new SimError(
				400,
				'BadRequest',
				`service instance ${instance.name} is not ready (its last ${instance.last_operation?.type ?? ''} operation ${instance.last_operation?.state ?? 'did not succeed'}); it cannot be bound`,
			);
		}
		if (sim.state.bindings.some((b) => b.service_instance_id === instance.id && b.name === body.name)) {
			throw new SimError(409, 'Conflict', `binding with same name exists for instance with id ${instance.id}`);
		}
		const parameters = asObject(body.parameters, 'parameters');
		const labels = checkLabels(body.labels);
		const { credentials, clientid } = mintCredentials(sim, subaccount, instance, parameters);
		const now = isoNow(sim);
		const binding: SmBinding = {
			id: randomUUID(),
			name: body.name,
			service_instance_id: instance.id,
			subaccountGUID: subaccount.guid,
			parameters,
			labels: { ...labels, subaccount_id: [subaccount.guid] },
			context: { ...smContext(subaccount, instance.name), service_instance_id: instance.id },
			credentials,
			ready: false,
			created_at: now,
			updated_at: now,
			paging_sequence: sim.state.seq.paging++,
			uaaClientId: clientid,
		};
		sim.state.bindings.push(binding);
		const op = newOperation(sim, req, 'create', binding, '/v1/service_bindings', sim.profile.bindingOperationMs);
		binding.last_operation = op;
		if (async) return accepted(`/v1/service_bindings/${binding.id}/operations/${op.id}`);
		try {
			await runSync(sim, op, sim.profile.bindingOperationMs);
		} catch (err) {
			sim.state.bindings = sim.state.bindings.filter((b) => b.id !== binding.id);
			throw err;
		}
		return { status: 201, body: renderBinding(binding, sim, true) };
	});

	router.patch('/v1/service_bindings/:id', (req, sim) => {
		const { subaccount } = start(req, sim, [S.bindingManage]);
		const binding = ownBinding(sim, subaccount, req.params.id);
		bindableInstance(sim, subaccount, binding.service_instance_id);
		const body = asObject(parseJsonBody(req), 'body');
		rejectIfBusy(binding, 'service binding');
		if (typeof body.name === 'string' && body.name !== binding.name) {
			if (sim.state.bindings.some((b) => b.service_instance_id === binding.service_instance_id && b.name === body.name)) {
				throw new SimError(409, 'Conflict', `binding with same name exists for instance with id ${binding.service_instance_id}`);
			}
			binding.name = body.name;
		}
		if (body.labels !== undefined) binding.labels = applyLabelOps(binding.labels, body.labels);
		binding.updated_at = isoNow(sim);
		return { status: 200, body: renderBinding(binding, sim, true) };
	});

	router.delete('/v1/service_bindings/:id', async (req, sim) => {
		const { subaccount } = start(req, sim, [S.bindingManage]);
		const async = isAsync(req, sim);
		const binding = ownBinding(sim, subaccount, req.params.id);
		rejectIfBusy(binding, 'service binding');
		const op = newOperation(sim, req, 'delete', binding, '/v1/service_bindings', sim.profile.bindingOperationMs);
		binding.last_operation = op;
		if (async) return accepted(`/v1/service_bindings/${binding.id}/operations/${op.id}`);
		await runSync(sim, op, sim.profile.bindingOperationMs);
		return { status: 200, body: {} };
	});

	router.get('/v1/service_bindings/:id/operations/:opId', (req, sim) => {
		const { subaccount } = start(req, sim, READ_BINDINGS);
		return { status: 200, body: opFields(findOperation(sim, subaccount, req.params.id, req.params.opId)) };
	});
}

export function createServiceManagerService(): ServiceModule {
	const router = new Router();
	catalogRoutes(router);
	instanceRoutes(router);
	bindingRoutes(router);
	return {
		name: 'serviceManager',
		router,
		errorBody: (err) =>
			err.status === 429 ? { description: err.message } : { error: String(err.code), description: err.message, ...err.extra },
		rateLimited: (req, sim) => rateLimited(req, sim),
	};
}
