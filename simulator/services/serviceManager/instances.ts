/* eslint-disable @n8n/community-nodes/require-node-api-error */
/** Service instances: list, read, parameters, create, update, delete. */
import { randomUUID } from 'node:crypto';
import { Router, SimError, isoNow, parseJsonBody, type SimRequest, type SimResponse } from '../../http';
import type { SimContext, SmInstance, SmOffering, SmPlan, Subaccount } from '../../state';
import { isEnablePlan } from '../entitlementViews';
import { assignmentFor, offeringOf, planVisible } from './plans';
import { accepted, newOperation, rejectIfBusy, runSync } from './operationLifecycle';
import { opFields } from './operations';
import { applyLabelOps, asObject, checkLabels, checkRetrievable } from './parameters';
import { filterItems, pageResponse } from './query';
import { READ_INSTANCES, S, isAsync, start } from './request';

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

/** The fields a `fieldQuery` on instances may name. */
const INSTANCE_FIELDS = new Set(['id', 'name', 'service_plan_id', 'platform_id', 'ready', 'usable', 'shared', 'dashboard_url', 'context', 'maintenance_info', 'created_at', 'updated_at', 'last_operation']);

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

/** The caller's instance (404 when unknown or in another subaccount), of any platform. */
export function ownInstance(sim: SimContext, sa: Subaccount, id: string) {
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
	if (!entitled || entitled.unlimited || isEnablePlan(entitled)) return;
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

function listInstances(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, READ_INSTANCES);
	const withOps = req.query.get('attach_last_operations') === 'true';
	const items = sim.state.instances
		.filter((i) => i.subaccountGUID === subaccount.guid)
		.map((i) => ({ seq: i.paging_sequence, item: renderInstance(i, withOps), labels: i.labels }));
	return pageResponse(req, filterItems(req, items, INSTANCE_FIELDS), sim.urls.serviceManager);
}

function getInstance(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, READ_INSTANCES);
	return { status: 200, body: renderInstance(ownInstance(sim, subaccount, req.params.id), true) };
}

function getInstanceParameters(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, READ_INSTANCES);
	const instance = ownInstance(sim, subaccount, req.params.id);
	checkRetrievable(sim, req, instance, 'instances');
	return { status: 200, body: instance.parameters };
}

async function createInstance(req: SimRequest, sim: SimContext): Promise<SimResponse> {
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
}

async function updateInstance(req: SimRequest, sim: SimContext): Promise<SimResponse> {
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
}

/**
 * DELETE of an instance. Bindings first: Peripli refuses an instance that still has bindings (see
 * Profile.smDeleteInstanceWithBindings for how), unless `cascade=true`, which deletes its bindings
 * and then the instance and always answers 202 with the operation (api/base_controller.go
 * DeleteSingleObject: instances support cascade; operations/cascade_utils.go).
 */
async function deleteInstance(req: SimRequest, sim: SimContext): Promise<SimResponse> {
	const { subaccount } = start(req, sim, [S.instanceManage]);
	const async = isAsync(req, sim);
	const cascade = req.query.get('cascade') === 'true';
	const instance =
		sim.profile.smForeignInstanceDelete === 'notFound' ? ownSmInstance(sim, subaccount, req.params.id) : ownInstance(sim, subaccount, req.params.id);
	const bindings = sim.state.bindings.filter((b) => b.service_instance_id === instance.id);
	rejectIfBusy(instance, 'service instance');
	if (bindings.length && cascade) {
		for (const b of bindings) rejectIfBusy(b, 'service binding');
		for (const b of bindings) b.last_operation = newOperation(sim, req, 'delete', b, '/v1/service_bindings', sim.profile.bindingOperationMs);
		const op = newOperation(sim, req, 'delete', instance, '/v1/service_instances', sim.profile.bindingOperationMs + sim.profile.instanceOperationMs);
		instance.last_operation = op;
		return accepted(`/v1/service_instances/${instance.id}/operations/${op.id}`);
	}
	if (bindings.length) {
		if (sim.profile.smDeleteInstanceWithBindings === 'conflict') {
			throw new SimError(
				409,
				'ExistingReferenceEntity',
				'Error deleting entity service_instances: Could not delete entity service_instances due to existing reference entity service_bindings',
			);
		}
		const reason = `could not delete instance due to ${bindings.length} existing bindings`;
		if (!async) throw new SimError(400, 'BadRequest', reason);
		const op = newOperation(sim, req, 'delete', instance, '/v1/service_instances', 0);
		op.outcome = 'failed';
		op.failureDescription = reason;
		op.failureError = 'BadRequest';
		instance.last_operation = op;
		return accepted(`/v1/service_instances/${instance.id}/operations/${op.id}`);
	}
	const op = newOperation(sim, req, 'delete', instance, '/v1/service_instances', sim.profile.instanceOperationMs);
	instance.last_operation = op;
	if (async) return accepted(`/v1/service_instances/${instance.id}/operations/${op.id}`);
	await runSync(sim, op, sim.profile.instanceOperationMs);
	return { status: 200, body: {} };
}

export function instanceRoutes(router: Router) {
	router.get('/v1/service_instances', listInstances);
	router.get('/v1/service_instances/:id', getInstance);
	router.get('/v1/service_instances/:id/parameters', getInstanceParameters);
	router.post('/v1/service_instances', createInstance);
	router.patch('/v1/service_instances/:id', updateInstance);
	router.delete('/v1/service_instances/:id', deleteInstance);
}
