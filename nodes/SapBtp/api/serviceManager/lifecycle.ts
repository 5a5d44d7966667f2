/**
 * The one lifecycle of the objects the node makes (instances and bindings), by name:
 *
 *   wait if running → re-find → delete if the create failed → create or adopt
 *
 * Every create looks up by name first and goes through `createOrAdopt` (a lost answer is never
 * answered with a second POST). An object whose create failed is deleted and created again by the
 * next run ("recreated"): SM keeps a failed create in place (not ready); SAP's operator, too,
 * deletes an instance whose async create failed before it provisions again
 * (SAP/sap-btp-service-operator controllers/serviceinstance_controller.go handleFailedAsyncProvision).
 */
import type { IDataObject } from 'n8n-workflow';
import type { AdoptOptions, HttpAnswer } from '../../../shared/transport';
import type { ServiceManagerClient } from './client';
import { deleteResource, settle, waitForOperation } from './operations';
import { createFailed, isRunning, type SmBinding, type SmInstance, type SmKind, type WaitOptions } from './types';

export interface Existing<T> {
	kind: SmKind;
	name: string;
	/** the object of this name as SM lists it now (with its last operation) */
	find: () => Promise<T | undefined>;
	/** the caller already knows it (looked up while something else ran, or none can exist yet): no first lookup */
	lookedUp?: { existing: T | undefined };
	/** refuses an object of this name the node must not touch (throws); checked on the first lookup */
	accept?: (found: T) => void;
	/**
	 * Wait for a running operation before deciding even when the caller does not wait for its own:
	 * an existing instance is compared and PATCHed next, which SM refuses (422) while an operation
	 * runs; an existing binding is only handed back.
	 */
	waitForRunning: boolean;
	timeoutMs: number;
}

/**
 * The object of this name once nothing runs on it: a running operation is waited for (a failed
 * one is handled like any failed create) and the name looked up again; an object whose create
 * failed is deleted (waiting for it). `replacedFailed`: such an object was deleted.
 */
export async function settleExisting<T extends SmInstance | SmBinding>(
	sm: ServiceManagerClient,
	spec: Existing<T>,
): Promise<{ existing?: T; replacedFailed: boolean }> {
	let existing = spec.lookedUp ? spec.lookedUp.existing : await spec.find();
	if (existing) spec.accept?.(existing);
	if (existing && isRunning(existing) && spec.waitForRunning) {
		await waitForOperation(sm, {
			kind: spec.kind,
			id: existing.id,
			name: spec.name,
			type: String(existing.last_operation?.type ?? 'operation'),
			timeoutMs: spec.timeoutMs,
		}).catch(() => undefined); // a failed earlier op is handled below like any failed create
		existing = await spec.find();
	}
	if (existing && createFailed(existing)) {
		await deleteResource(sm, spec.kind, existing, { wait: true, timeoutMs: spec.timeoutMs });
		return { replacedFailed: true };
	}
	return { existing, replacedFailed: false };
}

export interface NewObject<T> {
	kind: SmKind;
	name: string;
	step: string;
	body: IDataObject;
	/** for errors: "creating the service instance …" */
	what: string;
	/** the object of this name, to adopt what a lost answer created */
	find: () => Promise<T | undefined>;
	adoptOptions?: AdoptOptions;
	/** refuses an adopted object that is not the one asked for (throws) */
	acceptAdopted?: (adopted: T) => void;
	/** read an adopted object again by id: always (a binding: the output carries its credentials), or only after waiting for it */
	rereadAdopted: 'always' | 'afterWait';
	/** what is known of the new object once its create succeeded: no read-back (issue 7: one GET less per chain) */
	known?: IDataObject;
}

/**
 * POSTs the object, or adopts the one a lost answer created; waits for its operation when asked.
 * An adopted object whose create still runs, or already FAILED, is waited for: a failed one is
 * reported with the broker's reason here, not as "not ready" by the step after it.
 */
export async function createOrAdoptObject<T extends SmInstance | SmBinding>(
	sm: ServiceManagerClient,
	spec: NewObject<T>,
	opts: WaitOptions,
): Promise<{ resource: T; action: 'created' | 'adopted' }> {
	const result = await sm.create<T>(spec.kind, { step: spec.step, body: spec.body, what: spec.what }, spec.find, spec.adoptOptions);
	if (result.kind === 'adopted') {
		let adopted = result.existing;
		spec.acceptAdopted?.(adopted);
		const waited = (isRunning(adopted) || createFailed(adopted)) && opts.wait;
		if (waited) {
			await waitForOperation(sm, {
				kind: spec.kind,
				id: adopted.id,
				name: spec.name,
				type: String(adopted.last_operation?.type ?? 'create'),
				timeoutMs: opts.timeoutMs,
			});
		}
		if (waited || spec.rereadAdopted === 'always') adopted = (await sm.getResource<T>(spec.kind, adopted.id, readStep(spec.kind))) ?? adopted;
		return { resource: adopted, action: 'adopted' };
	}
	const created = await settle<T>(sm, spec.kind, result.answer as HttpAnswer<IDataObject>, { name: spec.name, type: 'create', known: spec.known }, opts);
	return { resource: created ?? (result.answer.body as T), action: 'created' };
}

const readStep = (kind: SmKind) => (kind === 'service_instances' ? 'Read the service instance' : 'Read the service binding');

/**
 * The whole lifecycle: the settled object of this name (`existing`), or a new one (created, or
 * adopted after a lost answer) with `replacedFailed` when a failed one was deleted first.
 */
export async function ensureObject<T extends SmInstance | SmBinding>(
	sm: ServiceManagerClient,
	spec: Existing<T>,
	create: () => Promise<{ resource: T; action: 'created' | 'adopted' }>,
): Promise<{ existing: T } | { existing?: undefined; resource: T; action: 'created' | 'adopted'; replacedFailed: boolean }> {
	const { existing, replacedFailed } = await settleExisting(sm, spec);
	if (existing) return { existing };
	return { ...(await create()), replacedFailed };
}
