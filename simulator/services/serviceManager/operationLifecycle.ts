/**
 * How the asynchronous operations of instances and bindings run. A change creates its operation at
 * once; the operation finishes when `doneAt` passes (settled lazily by `settleOperations`, which
 * every request calls first) and only then applies its effect. Sync calls (`async=false`) wait out the operation
 * before answering, as SM waits for the broker.
 */
import { randomUUID } from 'node:crypto';
import { SimError, isoNow, type SimRequest, type SimResponse } from '../../http';
import { calmScopesFromAuthorities, removeClient } from '../../clients';
import { delay } from '../../profile';
import type { SimContext, SmInstance, SmOperation } from '../../state';
import { asObject } from './parameters';

export function newOperation(
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
		op.errors = { error: op.failureError ?? 'BrokerError', description: op.failureDescription ?? 'operation failed' };
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
export async function runSync(sim: SimContext, op: SmOperation, ms: number) {
	await delay(ms);
	completeOperation(sim, op);
	if (op.state === 'failed') {
		throw new SimError(502, 'BrokerError', op.errors!.description, {}, {
			broker_error: { StatusCode: 500, ErrorMessage: 'InternalError', Description: op.errors!.description },
		});
	}
}

export const accepted = (location: string): SimResponse => ({ status: 202, headers: { location }, body: {} });

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

export function rejectIfBusy(resource: { last_operation?: SmOperation; name: string }, kind: string) {
	if (resource.last_operation?.state === 'in progress') {
		throw new SimError(
			422,
			'ConcurrentOperation',
			`Another operation (${resource.last_operation.type}) is in progress for ${kind} ${resource.name}; wait for it to finish`,
		);
	}
}
