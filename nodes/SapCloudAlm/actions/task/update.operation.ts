import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, taskBody, type CloudAlmSession } from '../../helpers/api';
import { sortedFields, taskLocator } from '../common.descriptions';
import { editableTaskFields } from './fields';

const properties: INodeProperties[] = [
	taskLocator('The task to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedFields([
			...editableTaskFields,
			{
				displayName: 'Obsolete',
				name: 'obsolete',
				type: 'boolean',
				default: true,
				description: 'Whether the task is obsolete (SAP recommends this over deleting)',
			},
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	const body = taskBody.call(this, this.getNodeParameter('updateFields', i, {}) as IDataObject, i);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one Update Field', {
			itemIndex: i,
		});
	}
	return await session.calm.updateTask(taskId, body);
}
