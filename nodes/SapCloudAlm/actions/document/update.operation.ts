import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { documentBody, documentIdField, editableDocumentFields } from './fields';

const properties: INodeProperties[] = [
	documentIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: editableDocumentFields,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'documentId', 'Document ID', i);
	const body = documentBody(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one Update Field', { itemIndex: i });
	}
	return await session.calm.documents.update(uuid, body);
}
