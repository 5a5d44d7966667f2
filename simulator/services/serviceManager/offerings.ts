/**
 * Service offerings (SAP's "Service Offerings" API group): an offering shows up when one of its
 * plans does (see `planVisible` in plans.ts).
 */
import { Router, SimError, type SimRequest, type SimResponse } from '../../http';
import type { SimContext, SmOffering } from '../../state';
import { checkEnvironment, visiblePlans } from './plans';
import { filterItems, pageResponse } from './query';
import { S, start } from './request';

/** The fields a `fieldQuery` on offerings may name. */
const OFFERING_FIELDS = new Set(['id', 'name', 'catalog_id', 'catalog_name', 'description', 'bindable', 'instances_retrievable', 'bindings_retrievable', 'plan_updateable', 'allow_context_updates', 'tags', 'metadata', 'broker_id', 'data_center', 'created_at', 'updated_at', 'ready']);

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

export function offeringRoutes(router: Router) {
	router.get('/v1/service_offerings', listOfferings);
	router.get('/v1/service_offerings/:id', getOffering);
}
