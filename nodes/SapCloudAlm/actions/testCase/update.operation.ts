import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, textOf, type CloudAlmSession } from '../../helpers/api';
import { editableTestCaseFields, etagField, testCaseBody, testCaseIdField } from './fields';
import { etagNotice } from './etag';

const properties: INodeProperties[] = [
	testCaseIdField,
	etagField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: editableTestCaseFields,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['testCase'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'testCaseId', 'Test Case ID', i);
	const body = testCaseBody(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one Update Field', { itemIndex: i });
	}
	const etag = textOf.call(this, this.getNodeParameter('etag', i, ''), 'ETag', i) || undefined;
	const { entity, etag: used } = await session.calm.testManagement.update(uuid, body, etag);
	etagNotice.call(this, used.readByNode, 'update');
	return { ...entity, etagReadByNode: used.readByNode };
}
