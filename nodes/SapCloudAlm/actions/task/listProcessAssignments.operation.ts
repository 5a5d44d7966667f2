import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, requireSegment, type CloudAlmSession } from '../../helpers/api';
import { limitField, returnAllField, taskLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	taskLocator(),
	{
		displayName: 'Assigned To',
		name: 'assignedTo',
		type: 'options',
		options: [
			{ name: 'Solution Processes', value: 'solutionProcess', description: 'Processes of the project\'s scopes the task is assigned to' },
			{ name: 'Process Hierarchy Nodes', value: 'hierarchyNode', description: 'Nodes of the process hierarchy the task is assigned to' },
		],
		default: 'solutionProcess',
		description: 'Which assignments to get',
	},
	returnAllField,
	limitField,
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['listProcessAssignments'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const taskId = requireSegment.call(this, 'taskId', 'Task ID', i);
	const limit = listLimit.call(this, i);
	if (this.getNodeParameter('assignedTo', i, 'solutionProcess') === 'hierarchyNode') {
		return await session.calm.listHierarchyNodeAssignments(taskId, limit);
	}
	// the assignments are listed per project, so the task's project is read first
	const task = await session.calm.getTask(taskId);
	return await session.calm.listSolutionProcessAssignments({ projectId: String(task.projectId), taskId: decodeURIComponent(taskId) }, limit);
}
