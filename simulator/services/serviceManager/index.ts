/**
 * SAP Service Manager on its own origin (`sm_url`), paths under `/v1/`. One file per API group of
 * SAP's (SAP-docs/btp-service-manager sap-service-manager-api-groups-9b97aee.md; the simulator has no
 * Platforms routes): `offerings.ts`, `plans.ts`, `instances.ts`, `bindings.ts`, `operations.ts`, and
 * `query.ts` (Filtering Parameters and Operators, and paging). Beside them: `operationLifecycle.ts`
 * (how an operation runs and what it applies when it ends), `parameters.ts` (parameters and labels
 * in request bodies), `rateLimits.ts` (SAP Help "Rate Limiting"), `request.ts` (what every request
 * does first).
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
import { instanceRoutes } from './instances';
import { offeringRoutes } from './offerings';
import { operationRoutes } from './operations';
import { planRoutes } from './plans';
import { rateLimited } from './rateLimits';

export { SM_PLATFORM, STRICT_INSTANCE_NAME, smContext } from './instances';
export { settleOperations } from './operationLifecycle';
export { setBindingCertificateValidity } from './bindings';
export { applyLabelOps } from './parameters';

export function createServiceManagerService(): ServiceModule {
	const router = new Router();
	offeringRoutes(router);
	planRoutes(router);
	instanceRoutes(router);
	bindingRoutes(router);
	operationRoutes(router);
	return {
		name: 'serviceManager',
		router,
		errorBody: (err) =>
			err.status === 429 ? { description: err.message } : { error: String(err.code), description: err.message, ...err.extra },
		rateLimited: (req, sim) => rateLimited(req, sim),
	};
}
