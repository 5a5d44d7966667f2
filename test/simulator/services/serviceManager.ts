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
 * Choices where the contract is [U] (documented for client authors):
 *  - unknown or not-entitled plan on create: 404 `{"error":"NotFound","description":"could not find such service plan"}` (seen on the wire);
 *  - `async` omitted: `profile.smDefaultAsync`;
 *  - polling the operation of a finished DELETE answers 404 (the resource is gone), which clients must treat as success;
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

/** Instance name rule of the cockpit / Cloud ALM docs (contract 4.6), enforced in strict mode. */
export const STRICT_INSTANCE_NAME = /^[A-Za-z0-9._-]{1,32}$/;
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

/** Copy without the simulator-internal link to the Entitlements service. */
function renderOffering(o: SmOffering) {
	const out: Partial<SmOffering> & { ready: boolean } = { ...o, ready: true };
	delete out.entitlementServiceName;
	return out;
}

function renderPlan(p: SmPlan) {
	const out: Partial<SmPlan> & { ready: boolean } = { ...p, ready: true };
	delete out.entitlementPlanName;
	return out;
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
	return { token, subaccount: callerSubaccount(sim, token) };
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

function checkInstanceName(sim: SimContext, name: unknown): string {
	if (typeof name !== 'string' || !name.trim()) throw new SimError(400, 'BadRequest', 'missing field: name');
	if (sim.profile.smStrictInstanceNames && !STRICT_INSTANCE_NAME.test(name)) {
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
			if (b) b.credentials = {};
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
	if (i.service_offering_id !== offeringByName(sim, 'SAPCloudALMAPIs')?.id) return;
	const xs = asObject(i.parameters['xs-security'], 'xs-security');
	const scopes = ['uaa.resource', ...calmScopesFromAuthorities(xs.authorities)];
	for (const b of sim.state.bindings.filter((x) => x.service_instance_id === i.id)) {
		const client = sim.state.uaaClients.find((c) => c.clientid === b.uaaClientId);
		if (client) client.scopes = scopes;
	}
}

const offeringByName = (sim: SimContext, name: string) => sim.state.offerings.find((o) => o.catalog_name === name);

/** The caller's instance (404 when unknown or in another subaccount). */
function ownInstance(sim: SimContext, sa: Subaccount, id: string) {
	const i = sim.state.instances.find((x) => x.id === id && x.subaccountGUID === sa.guid);
	if (!i) throw new SimError(404, 'NotFound', `could not find such service instance: ${id}`);
	return i;
}

function ownBinding(sim: SimContext, sa: Subaccount, id: string) {
	const b = sim.state.bindings.find((x) => x.id === id && x.subaccountGUID === sa.guid);
	if (!b) throw new SimError(404, 'NotFound', `could not find such service binding: ${id}`);
	return b;
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

/** SAP SM: 50 instance creations per minute per caller (contract 4.9). */
function checkCreateRate(req: SimRequest, sim: SimContext, token: IssuedToken) {
	const now = sim.now();
	const log = (sim.state.smCreateLog[token.clientid] ?? []).filter((t) => t > now - 60_000);
	if (log.length >= sim.profile.smInstanceCreatesPerMinute) {
		const err = rateLimited(req, sim, sim.profile.smInstanceCreatesPerMinute);
		// SAP: "the time when the request limit will be reset is in the Retry-After header", so the
		// budget really is back then: age the window's entries to expire exactly at that time.
		const resetAt = Date.parse(err.headers['retry-after']);
		sim.state.smCreateLog[token.clientid] = log.map(() => resetAt - 60_000);
		throw err;
	}
	log.push(now);
	sim.state.smCreateLog[token.clientid] = log;
}

function rateLimited(_req: SimRequest, sim: SimContext, limit = 1000) {
	const retryAt = new Date(Math.ceil((sim.now() + sim.profile.retryAfterSeconds * 1000) / 1000) * 1000);
	return new SimError(
		429,
		'TooManyRequests',
		`The allowed request limit of ${limit} responses has been reached. Please try again later. The time when the request limit will be reset is in the 'Retry-After' header.`,
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
			.map((o, n) => ({ seq: n + 1, item: renderOffering(o) }));
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
		const offering = offeringByName(sim, body.service_offering_name);
		plan = sim.state.plans.find((p) => p.service_offering_id === offering?.id && p.catalog_name === body.service_plan_name);
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
	const used = sim.state.instances.filter((i) => i.subaccountGUID === sa.guid && i.service_plan_id === plan.id).length;
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
		return { status: 200, body: ownInstance(sim, subaccount, req.params.id).parameters };
	});

	router.post('/v1/service_instances', async (req, sim) => {
		const { token, subaccount } = start(req, sim, [S.instanceManage]);
		checkCreateRate(req, sim, token);
		const async = isAsync(req, sim);
		const body = asObject(parseJsonBody(req), 'body');
		const name = checkInstanceName(sim, body.name);
		const plan = resolvePlan(sim, subaccount, body);
		const parameters = asObject(body.parameters, 'parameters');
		const labels = checkLabels(body.labels);
		if (sim.state.instances.some((i) => i.subaccountGUID === subaccount.guid && i.name === name)) {
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
			platform_id: 'service-manager',
			parameters,
			labels: { ...labels, subaccount_id: [subaccount.guid] },
			context: {
				platform: 'service-manager',
				instance_name: name,
				subaccount_id: subaccount.guid,
				global_account_id: subaccount.globalAccountGUID,
				service_id: offering.id,
				region: subaccount.region,
			},
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
		const instance = ownInstance(sim, subaccount, req.params.id);
		const body = asObject(parseJsonBody(req), 'body');
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
		const instance = ownInstance(sim, subaccount, req.params.id);
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
		const instance = ownInstance(sim, subaccount, req.params.id);
		const op = sim.state.operations.find((o) => o.id === req.params.opId && o.resource_id === instance.id);
		if (!op) throw new SimError(404, 'NotFound', `could not find such operation: ${req.params.opId}`);
		return { status: 200, body: opFields(op) };
	});
}

/** Validates a PATCH body and computes what the update will set. */
function instanceChanges(sim: SimContext, sa: Subaccount, instance: SmInstance, body: Record<string, unknown>) {
	const changes: Record<string, unknown> = {};
	if (body.name !== undefined && body.name !== instance.name) {
		const name = checkInstanceName(sim, body.name);
		if (sim.state.instances.some((i) => i.subaccountGUID === sa.guid && i.name === name)) {
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
		return { status: 200, body: ownBinding(sim, subaccount, req.params.id).parameters };
	});

	router.post('/v1/service_bindings', async (req, sim) => {
		const { subaccount } = start(req, sim, [S.bindingManage]);
		const async = isAsync(req, sim);
		const body = asObject(parseJsonBody(req), 'body');
		if (typeof body.name !== 'string' || !body.name.trim()) throw new SimError(400, 'BadRequest', 'missing field: name');
		if (typeof body.service_instance_id !== 'string') {
			throw new SimError(400, 'BadRequest', 'missing field: service_instance_id');
		}
		const instance = sim.state.instances.find((i) => i.id === body.service_instance_id && i.subaccountGUID === subaccount.guid);
		if (!instance) {
			throw new SimError(404, 'NotFound', `could not find such service instance: ${body.service_instance_id}`);
		}
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
			context: { platform: 'service-manager', subaccount_id: subaccount.guid, instance_name: instance.name },
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
		const binding = ownBinding(sim, subaccount, req.params.id);
		const op = sim.state.operations.find((o) => o.id === req.params.opId && o.resource_id === binding.id);
		if (!op) throw new SimError(404, 'NotFound', `could not find such operation: ${req.params.opId}`);
		return { status: 200, body: opFields(op) };
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
