/**
 * SM's async operations (202 + Location): polled to their end with the one poller of
 * shared/transport. The operation URL is read, or the resource's `last_operation` when there is no
 * Location (SAP's operator reads the Location the same way: client/sm/client.go Status); 404 while
 * polling a delete means done. A failed operation surfaces the broker's description.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject } from 'n8n-workflow';
import { locationOf, pollUntilDone, type HttpAnswer, type PollCheck } from '../../../shared/transport';
import { idFromLocation, type ServiceManagerClient } from './client';
import { isFinalState, KIND_LABEL, type SmBinding, type SmInstance, type SmKind, type SmOperation, type WaitOptions } from './types';

function brokerReason(op: SmOperation | undefined): string {
	const errors = op?.errors;
	const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
	const texts = list
		.map((e) => (e && typeof e === 'object' ? String((e as IDataObject).description ?? (e as IDataObject).error ?? '') : String(e)))
		.filter(Boolean);
	return texts.join('; ') || String(op?.description ?? 'no reason given');
}

/** Polls an async SM operation to its end; a failed one throws with the broker's reason. */
export async function waitForOperation(
	sm: ServiceManagerClient,
	target: { kind: SmKind; id: string; name: string; type: string; location?: string; timeoutMs: number },
): Promise<{ state: string; polls: number }> {
	const { session } = sm;
	const label = `${KIND_LABEL[target.kind]} "${target.name}"`;
	const step = `Wait for the ${target.type} of the ${label}`;
	let useLocation = !!target.location;
	const check = async (): Promise<PollCheck<SmOperation | undefined>> => {
		const answer = await sm.getOperationStatus(target.kind, target.id, useLocation ? target.location : undefined, step);
		if (answer.status === 404) {
			if (target.type === 'delete') return { done: true, value: { state: 'succeeded' } };
			if (useLocation) {
				useLocation = false; // operation gone: read the resource's last_operation instead
				return { done: false };
			}
			throw new NodeOperationError(session.node, `The ${label} disappeared while its ${target.type} was running`, {
				description: `Step: ${step}`,
			});
		}
		const op = (useLocation ? answer.body : answer.body?.last_operation) as SmOperation | undefined;
		const state = String(op?.state ?? (answer.body?.ready ? 'succeeded' : 'in progress'));
		if (isFinalState(state)) return { done: true, value: op ?? { state } };
		return { done: false, state };
	};
	const result = await pollUntilDone(
		session.node,
		session.transport,
		{
			step,
			what: `The ${target.type} of the ${label}`,
			timeoutMs: target.timeoutMs,
			resumeHint: `Run the node again later: it finds the ${KIND_LABEL[target.kind]} by name and continues.`,
		},
		check,
	);
	const state = String(result.value?.state ?? 'succeeded');
	if (state === 'failed') {
		const reason = brokerReason(result.value);
		const message = `Service Manager could not ${target.type} the ${label}: ${reason}`;
		const repair =
			target.type === 'create'
				? `The failed ${KIND_LABEL[target.kind]} is left in place; the next run of Create / Create or Update deletes and recreates it.`
				: 'Run the node again to retry.';
		const description = [`Step: ${step}`, 'Operation state: failed', `Broker reason: ${reason}`, repair].join('\n');
		throw new NodeApiError(session.node, { message, description } as JsonObject, { message, description });
	}
	return { state, polls: result.polls };
}

/** Settles an async answer: waits for the op (if asked) and returns the resource as it is now. */
export async function settle<T extends SmInstance | SmBinding>(
	sm: ServiceManagerClient,
	kind: SmKind,
	answer: HttpAnswer<IDataObject>,
	fallback: { id?: string; name: string; type: string; known?: IDataObject },
	opts: WaitOptions,
): Promise<T | undefined> {
	const location = locationOf(answer);
	const id = fallback.id ?? idFromLocation(location, kind) ?? (answer.body?.id as string | undefined);
	const waited = answer.status === 202 && opts.wait && !!id;
	if (waited) {
		await waitForOperation(sm, { kind, id: id!, name: fallback.name, type: fallback.type, location, timeoutMs: opts.timeoutMs });
	}
	if (fallback.type === 'delete' || !id) return undefined;
	if (fallback.known && (waited || answer.status < 202)) {
		return { ...fallback.known, id, name: fallback.name, last_operation: { type: fallback.type, state: 'succeeded' } } as unknown as T;
	}
	return await sm.getResource<T>(kind, id, `Read the ${KIND_LABEL[kind]} "${fallback.name}"`);
}

/** Deletes an instance or binding (waiting for it when asked): 'absent' when SM had none. */
export async function deleteResource(
	sm: ServiceManagerClient,
	kind: SmKind,
	resource: { id: string; name: string },
	opts: WaitOptions,
): Promise<'deleted' | 'deleting' | 'absent'> {
	const answer = await sm.delete(kind, resource.id, `Delete the ${KIND_LABEL[kind]}`, `deleting the ${KIND_LABEL[kind]} "${resource.name}"`);
	if (answer.status === 404 || answer.status === 410) return 'absent';
	await settle(sm, kind, answer, { id: resource.id, name: resource.name, type: 'delete' }, opts);
	return answer.status === 202 && !opts.wait ? 'deleting' : 'deleted';
}
