import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, requireText, textOf, type CloudAlmSession } from '../../helpers/api';
import { projectLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	projectLocator({ description: 'The project the scope belongs to' }),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the scope; when the project already has a scope of this name, that scope is returned (created: false) instead of a second one',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['processScope'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const projectId = decodeURIComponent(requireSegment.call(this, 'projectId', 'Project', i));
	const name = requireText.call(this, 'name', 'Name', i);
	const text = textOf.call(this, this.getNodeParameter('description', i, ''), 'Description', i);
	return await session.calm.processScopes.create({ projectId, name, ...(text ? { description: text } : {}) });
}
