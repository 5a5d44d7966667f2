/**
 * Operations (SAP's "Operations" API group, SAP-docs/btp-service-manager get-operation-status-3b330bb.md):
 * the status of what a POST, PATCH or DELETE of an instance or binding started. How an operation
 * runs and finishes: operationLifecycle.ts.
 */
import { Router, SimError, type SimRequest, type SimResponse } from '../../http';
import type { SimContext, SmOperation, Subaccount } from '../../state';
import { READ_BINDINGS, READ_INSTANCES, start } from './request';

/** An operation as SM answers it (`GET …/operations/{id}`, and `last_operation` of its resource). */
export const opFields = (op: SmOperation) => ({
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
 * An operation of the caller's tenant by resource id and operation id. It does not need the resource:
 * Peripli's GetResourceOperation (api/base_controller.go) queries operations by `resource_id` and
 * `id`, so the operation of a finished DELETE still answers 200 `succeeded` once the resource is gone.
 */
function findOperation(sim: SimContext, sa: Subaccount, resourceId: string, opId: string) {
	const op = sim.state.operations.find((o) => o.id === opId && o.resource_id === resourceId && o.subaccountGUID === sa.guid);
	if (!op) throw new SimError(404, 'NotFound', `could not find such operation: ${opId}`);
	return op;
}

function getInstanceOperation(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, READ_INSTANCES);
	return { status: 200, body: opFields(findOperation(sim, subaccount, req.params.id, req.params.opId)) };
}

function getBindingOperation(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, READ_BINDINGS);
	return { status: 200, body: opFields(findOperation(sim, subaccount, req.params.id, req.params.opId)) };
}

export function operationRoutes(router: Router) {
	router.get('/v1/service_instances/:id/operations/:opId', getInstanceOperation);
	router.get('/v1/service_bindings/:id/operations/:opId', getBindingOperation);
}
