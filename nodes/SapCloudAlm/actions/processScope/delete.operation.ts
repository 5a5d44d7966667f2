import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { scopeIdField } from './fields';

const properties: INodeProperties[] = [scopeIdField];

export const description = updateDisplayOptions({ show: { resource: ['processScope'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const id = requireSegment.call(this, 'scopeId', 'Scope ID', i);
	await session.calm.processScopes.delete(id);
	return { id: decodeURIComponent(id), deleted: true };
}
