/**
 * Service plans (SAP's "Service Plans" API group). A plan shows up only once the Entitlements service
 * has it assigned to the caller's subaccount (and the assignment is OK), which links this service to
 * the CIS simulator state.
 */
import { Router, SimError, type SimRequest, type SimResponse } from '../../http';
import type { SimContext, SmPlan, Subaccount } from '../../state';
import { filterItems, pageResponse } from './query';
import { S, start } from './request';

/** The fields a `fieldQuery` on plans may name. */
const PLAN_FIELDS = new Set(['id', 'name', 'catalog_id', 'catalog_name', 'description', 'free', 'bindable', 'service_offering_id', 'data_center', 'metadata', 'created_at', 'updated_at', 'ready']);

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

export const visiblePlans = (sim: SimContext, sa: Subaccount) => sim.state.plans.filter((p) => planVisible(sim, p, sa.guid));

export function checkEnvironment(req: SimRequest) {
	const env = req.query.get('environment');
	if (env !== null && !['btp', 'kubernetes', 'cloudfoundry'].includes(env)) {
		throw new SimError(400, 'BadRequest', `environment must be one of btp, kubernetes, cloudfoundry; got '${env}'`);
	}
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

export function planRoutes(router: Router) {
	router.get('/v1/service_plans', listPlans);
	router.get('/v1/service_plans/:id', getPlan);
}
