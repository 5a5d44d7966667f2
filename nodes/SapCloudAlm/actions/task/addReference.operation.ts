import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, requireText, type CloudAlmSession } from '../../helpers/api';
import { taskLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	taskLocator(),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Label of the link',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://tickets.example.com/T-1234',
		description: 'Address of the linked object in the other system',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['addReference'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	const name = requireText.call(this, 'name', 'Name', i);
	const url = requireText.call(this, 'url', 'URL', i);
	if (!/^https?:\/\/[^\s/]+/i.test(url)) {
		throw new NodeOperationError(this.getNode(), `URL must be an http(s) address, got "${url}"`, { itemIndex: i });
	}
	return await session.calm.addReference(taskId, { name, url });
}
