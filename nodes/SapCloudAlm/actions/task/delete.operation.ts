import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { taskLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	taskLocator('The task to delete. SAP recommends Update with Obsolete instead; approved requirements cannot be deleted'),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	await session.calm.deleteTask(taskId);
	return { id: taskId, deleted: true };
}
