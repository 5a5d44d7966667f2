import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { deleteResource } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { readSmAccess, readWait } from '../common';
import { smAccessProperties, waitFields } from '../fields';
import { bindingLocatorField, readBindingRef } from './fields';

const properties: INodeProperties[] = [...smAccessProperties, bindingLocatorField, ...waitFields];

export const description = updateDisplayOptions({ show: { resource: ['serviceBinding'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const wait = readWait.call(this, i);
	const { sm } = await readSmAccess.call(this, i, session);
	const ref = await readBindingRef.call(this, i, sm);
	const result = await deleteResource(sm, 'service_bindings', ref, wait);
	// n8n's delete output ({deleted: true}) beside what was there before (additive: saved workflows read id/name/action);
	// not waiting leaves it 'deleting', which is not deleted yet
	return { deleted: result !== 'deleting', id: ref.id, name: ref.name, action: result === 'absent' ? 'alreadyAbsent' : result };
}
