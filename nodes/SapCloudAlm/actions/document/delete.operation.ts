import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { documentIdField } from './fields';

const properties: INodeProperties[] = [documentIdField];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'documentId', 'Document ID', i);
	await session.calm.documents.delete(uuid);
	return { uuid, deleted: true };
}
