import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { scopeIdField } from './fields';

const properties: INodeProperties[] = [scopeIdField];

export const description = updateDisplayOptions({ show: { resource: ['processScope'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.processScopes.get(requireSegment.call(this, 'scopeId', 'Scope ID', i));
}
