/** Service bindings (service keys): created or reused by name through the lifecycle of lifecycle.ts. */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import type { ServiceManagerClient } from './client';
import { isOwn, ownerLabels } from './labels';
import { createOrAdoptObject, ensureObject } from './lifecycle';
import type { SmBinding, WaitOptions } from './types';

export type BindingAction = 'created' | 'adopted' | 'recreated' | 'reused';

/** The binding `name` on the instance: reused when it exists and is usable, else created. */
export async function createOrReuseBinding(
	sm: ServiceManagerClient,
	instance: { id: string; name: string },
	/** `labels`: more labels of the new binding, beside the node's ownership label */
	spec: { name: string; parameters?: IDataObject; labels?: IDataObject },
	opts: WaitOptions & {
		instanceIsNew?: boolean;
		/** reuse a binding of this name only if this node created it (e.g. on an instance SAP created) */
		ownOnly?: { why: string };
	},
): Promise<{ binding: SmBinding; action: BindingAction }> {
	const step = 'Create the service binding';
	const checkOwn = (b: SmBinding) => {
		if (opts.ownOnly && !isOwn(b)) {
			throw new NodeOperationError(sm.session.node, `Binding "${spec.name}" of instance "${instance.name}" was not created by this node`, {
				description: `Step: ${step}\n${opts.ownOnly.why}\nChoose another Binding Name: the node then creates a binding of its own.`,
			});
		}
	};
	const find = async () => await sm.findBindingByName(instance.id, spec.name);
	// the label marks the binding as this node's, so a later run can tell it from anyone else's
	const body: IDataObject = { name: spec.name, service_instance_id: instance.id, labels: { ...ownerLabels(), ...(spec.labels ?? {}) } };
	if (spec.parameters) body.parameters = spec.parameters;
	const outcome = await ensureObject<SmBinding>(
		sm,
		{
			kind: 'service_bindings',
			name: spec.name,
			find,
			// an instance created by this very run has no bindings yet: no lookup (a lost POST answer is
			// still adopted through the lookup of createOrAdopt below)
			lookedUp: opts.instanceIsNew ? { existing: undefined } : undefined,
			accept: checkOwn,
			// an existing binding is only handed back: its running operation is waited for when the caller waits
			waitForRunning: opts.wait,
			timeoutMs: opts.timeoutMs,
		},
		async () =>
			await createOrAdoptObject<SmBinding>(
				sm,
				{
					kind: 'service_bindings',
					name: spec.name,
					step,
					body,
					what: `creating the binding "${spec.name}" of instance "${instance.name}"`,
					find,
					acceptAdopted: checkOwn,
					rereadAdopted: 'always',
				},
				opts,
			),
	);
	if (outcome.existing) return { binding: (await sm.getBinding(outcome.existing.id)) ?? outcome.existing, action: 'reused' };
	const action: BindingAction = outcome.action === 'adopted' ? 'adopted' : outcome.replacedFailed ? 'recreated' : 'created';
	return { binding: outcome.resource, action };
}
