import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText, type CloudAlmSession } from '../../helpers/api';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the new project',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.createProject({ name: requireText.call(this, 'name', 'Name', i) });
}
