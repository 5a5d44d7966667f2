import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { documentIdField } from './fields';

const properties: INodeProperties[] = [documentIdField];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.documents.get(requireSegment.call(this, 'documentId', 'Document ID', i));
}
