/**
 * SAP Service Manager on its own origin (`sm_url`), paths under `/v1/`. One file per section of
 * SM's API: `catalog.ts` (offerings, plans), `instances.ts`, `bindings.ts`, `operations.ts` (the
 * asynchronous operations of both), `parameters.ts` (parameters and labels in request bodies),
 * `query.ts` (`fieldQuery`/`labelQuery` and paging), `rateLimits.ts`, and `request.ts` (what every
 * request does first).
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
 *  - every documented per-caller rate limit (see `enforceRateLimits` in rateLimits.ts).
 *
 * Choices where SAP documents nothing (documented for client authors):
 *  - unknown or not-entitled plan on create: 404 `{"error":"NotFound","description":"could not find such service plan"}` (seen on the wire);
 *  - `async` omitted: `profile.smDefaultAsync`;
 *  - a failed async create leaves the instance with ready:false and last_operation failed (clients must repair);
 *    a failed sync create answers 502 BrokerError and leaves nothing behind (orphan mitigation).
 */
import { Router, type ServiceModule } from '../../http';
import { bindingRoutes } from './bindings';
import { catalogRoutes } from './catalog';
import { instanceRoutes } from './instances';
import { rateLimited } from './rateLimits';

export { SM_PLATFORM, STRICT_INSTANCE_NAME, smContext } from './instances';
export { settleOperations } from './operations';
export { applyLabelOps } from './parameters';

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
