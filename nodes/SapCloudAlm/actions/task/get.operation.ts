import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { taskLocator } from '../common.descriptions';
import { taskOutputFields, taskShaper } from './filters';

const properties: INodeProperties[] = [taskLocator()];

export const description = [...updateDisplayOptions({ show: { resource: ['task'], operation: ['get'] } }, properties), ...taskOutputFields('get')];

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	const shape = taskShaper.call(this, i);
	return shape([await session.calm.getTask(taskId)])[0];
}
