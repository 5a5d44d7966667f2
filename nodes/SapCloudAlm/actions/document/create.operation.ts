import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText, type CloudAlmSession } from '../../helpers/api';
import { documentBody, editableDocumentFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		required: true,
		default: '',
		description: 'The project the document belongs to',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: editableDocumentFields.filter((f) => f.name !== 'title'),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.documents.create({
		projectId: requireText.call(this, 'projectId', 'Project ID', i),
		title: requireText.call(this, 'title', 'Title', i),
		...documentBody(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
	});
}
