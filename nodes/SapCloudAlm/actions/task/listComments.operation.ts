import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, requireSegment, type CloudAlmSession } from '../../helpers/api';
import { limitField, returnAllField, taskLocator } from '../common.descriptions';

const properties: INodeProperties[] = [taskLocator(), returnAllField, limitField];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['listComments'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	return await session.calm.listComments(taskId, listLimit.call(this, i));
}
