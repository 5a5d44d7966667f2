import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, textOf, type CloudAlmSession } from '../../helpers/api';
import { etagField, testCaseIdField } from './fields';
import { etagNotice } from './etag';

const properties: INodeProperties[] = [testCaseIdField, etagField];

export const description = updateDisplayOptions({ show: { resource: ['testCase'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'testCaseId', 'Test Case ID', i);
	const etag = textOf.call(this, this.getNodeParameter('etag', i, ''), 'ETag', i) || undefined;
	const used = await session.calm.testManagement.delete(uuid, etag);
	etagNotice.call(this, used.readByNode, 'delete');
	return { uuid, deleted: true, etagReadByNode: used.readByNode };
}
