import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { SUB_TASK_TYPE, TASK_TYPES } from '../../helpers/constants';
import { requireText, segment, taskBody, textOf, type CloudAlmSession } from '../../helpers/api';
import { projectLocator, sortedFields } from '../common.descriptions';
import { editableTaskFields } from './fields';

const properties: INodeProperties[] = [
	projectLocator({ description: 'Project the task belongs to' }),
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: TASK_TYPES,
		default: 'CALMTASK',
		description: 'Kind of task; a sub-task needs a Parent Task ID',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		description: 'Short title of the task, one line',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedFields([
			...editableTaskFields.filter((f) => f.name !== 'title'),
			{
				displayName: 'Parent Task ID',
				name: 'parentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 4d7b0e00-0000-4000-8000-000000000001',
				description: 'Task this one is a sub-task of (required for type Sub-Task)',
			},
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	const type = textOf.call(this, this.getNodeParameter('type', i, 'CALMTASK'), 'Type', i);
	const title = requireText.call(this, 'title', 'Title', i);
	const fields = taskBody.call(this, this.getNodeParameter('additionalFields', i, {}) as IDataObject, i);
	if (type === SUB_TASK_TYPE && !fields.parentId) {
		throw new NodeOperationError(this.getNode(), 'A sub-task (type CALMST) needs a Parent Task ID', {
			itemIndex: i,
			description: 'Add "Parent Task ID" under Additional Fields, or choose another type.',
		});
	}
	if (fields.parentId && type !== SUB_TASK_TYPE) {
		throw new NodeOperationError(this.getNode(), `Parent Task ID is only for sub-tasks (type CALMST), not ${type}`, {
			itemIndex: i,
		});
	}
	return await session.calm.createTask({ projectId: segment.call(this, projectId, 'Project', i), type, title, ...fields });
}
