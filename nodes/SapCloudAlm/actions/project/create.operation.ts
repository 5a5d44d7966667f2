import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SERVICE } from '../../helpers/constants';
import { calmRequest, requireText } from '../../helpers/api';

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

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const name = requireText.call(this, 'name', 'Name', i);
	return (await calmRequest.call(this, {
		method: 'POST',
		path: `${SERVICE.projects}/projects`,
		body: { name },
	})) as IDataObject;
}
