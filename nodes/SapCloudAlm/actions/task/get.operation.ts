import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SERVICE } from '../../helpers/constants';
import { calmRequest, requireSegment } from '../../helpers/api';
import { taskLocator } from '../common.descriptions';

const properties: INodeProperties[] = [taskLocator()];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	return (await calmRequest.call(this, { method: 'GET', path: `${SERVICE.tasks}/tasks/${taskId}` })) as IDataObject;
}
