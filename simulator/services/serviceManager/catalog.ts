/**
 * The catalog: service offerings and plans. A plan shows up only once the Entitlements service has
 * it assigned to the caller's subaccount (and the assignment is OK), which links this service to the
 * CIS simulator state; an offering shows up when one of its plans does.
 */
import { Router, SimError, type SimRequest, type SimResponse } from '../../http';
import type { SimContext, SmOffering, SmPlan, Subaccount } from '../../state';
import { filterItems, pageResponse } from './query';
import { S, start } from './request';

/** The fields a `fieldQuery` on offerings may name. */
const OFFERING_FIELDS = new Set(['id', 'name', 'catalog_id', 'catalog_name', 'description', 'bindable', 'instances_retrievable', 'bindings_retrievable', 'plan_updateable', 'allow_context_updates', 'tags', 'metadata', 'broker_id', 'data_center', 'created_at', 'updated_at', 'ready']);
/** The fields a `fieldQuery` on plans may name. */
const PLAN_FIELDS = new Set(['id', 'name', 'catalog_id', 'catalog_name', 'description', 'free', 'bindable', 'service_offering_id', 'data_center', 'metadata', 'created_at', 'updated_at', 'ready']);

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

export function offeringOf(sim: SimContext, plan: SmPlan) {
	return sim.state.offerings.find((o) => o.id === plan.service_offering_id)!;
}

export function assignmentFor(sim: SimContext, plan: SmPlan, subaccountGUID: string) {
	const offering = offeringOf(sim, plan);
	return sim.state.assignments.find(
		(a) =>
			a.subaccountGUID === subaccountGUID &&
			a.serviceName === offering.entitlementServiceName &&
			a.planName === plan.entitlementPlanName,
	);
}

/** A plan shows up in SM once its entitlement is assigned (and processed) for the subaccount. */
export function planVisible(sim: SimContext, plan: SmPlan, subaccountGUID: string) {
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

function listOfferings(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, [S.offeringRead]);
	checkEnvironment(req);
	const visibleOfferingIds = new Set(visiblePlans(sim, subaccount).map((p) => p.service_offering_id));
	const items = sim.state.offerings
		.filter((o) => visibleOfferingIds.has(o.id))
		.map((o, n) => ({ seq: n + 1, item: renderOffering(o), fields: { ...renderOffering(o), data_center: o.data_center } }));
	return pageResponse(req, filterItems(req, items, OFFERING_FIELDS), sim.urls.serviceManager);
}

function getOffering(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, [S.offeringRead]);
	const o = sim.state.offerings.find((x) => x.id === req.params.id);
	if (!o || !visiblePlans(sim, subaccount).some((p) => p.service_offering_id === o.id)) {
		throw new SimError(404, 'NotFound', `could not find such service offering: ${req.params.id}`);
	}
	return { status: 200, body: renderOffering(o) };
}

function listPlans(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, [S.planRead]);
	checkEnvironment(req);
	const items = visiblePlans(sim, subaccount).map((p) => ({
		seq: sim.state.plans.indexOf(p) + 1,
		item: renderPlan(p),
		fields: { ...renderPlan(p), data_center: p.data_center },
	}));
	return pageResponse(req, filterItems(req, items, PLAN_FIELDS), sim.urls.serviceManager);
}

function getPlan(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, [S.planRead]);
	const p = visiblePlans(sim, subaccount).find((x) => x.id === req.params.id);
	if (!p) throw new SimError(404, 'NotFound', `could not find such service plan: ${req.params.id}`);
	return { status: 200, body: renderPlan(p) };
}

export function catalogRoutes(router: Router) {
	router.get('/v1/service_offerings', listOfferings);
	router.get('/v1/service_offerings/:id', getOffering);
	router.get('/v1/service_plans', listPlans);
	router.get('/v1/service_plans/:id', getPlan);
}
