import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText, type CloudAlmSession } from '../../helpers/api';
import { owningProjectIdField, titleAndAdditionalFields } from '../common.descriptions';
import { documentBody, editableDocumentFields } from './fields';

const properties: INodeProperties[] = [
	owningProjectIdField('document'),
	...titleAndAdditionalFields(editableDocumentFields),
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.documents.create({
		projectId: requireText.call(this, 'projectId', 'Project ID', i),
		title: requireText.call(this, 'title', 'Title', i),
		...documentBody(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
	});
}
