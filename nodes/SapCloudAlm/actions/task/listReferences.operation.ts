import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SERVICE } from '../../helpers/constants';
import { listLimit, requireSegment, restListUnpaged } from '../../helpers/api';
import { limitField, returnAllField, taskLocator } from '../common.descriptions';

const properties: INodeProperties[] = [taskLocator(), returnAllField, limitField];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['listReferences'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	return await restListUnpaged.call(this, `${SERVICE.tasks}/tasks/${taskId}/references`, {}, listLimit.call(this, i));
}
