import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, requireText, type CloudAlmSession } from '../../helpers/api';
import { taskLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	taskLocator(),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'The comment',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['addComment'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	const text = requireText.call(this, 'text', 'Text', i);
	return await session.calm.addComment(taskId, { text });
}
