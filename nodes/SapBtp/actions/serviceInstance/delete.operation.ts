import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { deleteResource } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { readInstanceRef, readSmAccess, readWait } from '../common';
import { instanceLocatorField, smAccessProperties, waitFields } from '../fields';

const properties: INodeProperties[] = [
	...smAccessProperties,
	instanceLocatorField(),
	{
		displayName: 'Delete Bindings First',
		name: 'deleteBindings',
		type: 'boolean',
		default: false,
		description: 'Whether to delete the instance\'s bindings first (Service Manager refuses to delete an instance that still has bindings)',
	},
	...waitFields,
];

export const description = updateDisplayOptions({ show: { resource: ['serviceInstance'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const wait = readWait.call(this, i);
	const deleteBindings = this.getNodeParameter('deleteBindings', i, false) as boolean;
	const { sm } = await readSmAccess.call(this, i, session);
	const ref = await readInstanceRef.call(this, i, sm);
	const deletedBindings: string[] = [];
	if (deleteBindings) {
		for (const b of await sm.listBindingsOf('List service bindings', ref.id)) {
			await deleteResource(sm, 'service_bindings', b, { wait: true, timeoutMs: wait.timeoutMs });
			deletedBindings.push(b.name);
		}
	}
	const result = await deleteResource(sm, 'service_instances', ref, wait);
	// n8n's delete output ({deleted: true}) beside what was there before (additive: saved workflows read id/name/action);
	// not waiting leaves it 'deleting', which is not deleted yet
	return { deleted: result !== 'deleting', id: ref.id, name: ref.name, action: result === 'absent' ? 'alreadyAbsent' : result, deletedBindings };
}
