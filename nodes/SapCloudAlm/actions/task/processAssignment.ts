import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requireSegment, requireText, type CloudAlmSession, type SolutionProcessAssignment } from '../../helpers/api';
import { taskLocator } from '../common.descriptions';

/** The fields that name one solution process assignment (SAP's notebook calm-copy-template-project.ipynb). */
export const assignmentFields: INodeProperties[] = [
	taskLocator(),
	{
		displayName: 'Scope ID',
		name: 'scopeId',
		type: 'string',
		required: true,
		default: '',
		description: 'The process scope of the task\'s project the solution process is in scope of (Process Scopes API, calm-api.processmanagement.read, lists them)',
	},
	{
		displayName: 'Solution Scenario Version ID',
		name: 'solutionScenarioVersionId',
		type: 'string',
		required: true,
		default: '',
		description: 'The solution scenario version the process belongs to',
	},
	{
		displayName: 'Solution Process ID',
		name: 'solutionProcessId',
		type: 'string',
		required: true,
		default: '',
		description: 'The solution process to assign',
	},
];

/** The assignment of item `i`, checked before any call, and the task's project (one read). */
export async function readAssignment(
	this: IExecuteFunctions,
	i: number,
	session: CloudAlmSession,
): Promise<{ assignment: SolutionProcessAssignment; projectId: string; existing: boolean }> {
	const taskSegment = requireSegment.call(this, 'taskId', 'Task ID', i);
	const assignment: SolutionProcessAssignment = {
		taskId: decodeURIComponent(taskSegment),
		scopeId: requireText.call(this, 'scopeId', 'Scope ID', i),
		solutionScenarioVersionId: requireText.call(this, 'solutionScenarioVersionId', 'Solution Scenario Version ID', i),
		solutionProcessId: requireText.call(this, 'solutionProcessId', 'Solution Process ID', i),
	};
	// the assignments are listed per project, so the task's project is read first
	const task = await session.calm.getTask(taskSegment);
	const projectId = String(task.projectId);
	const rows = await session.calm.listSolutionProcessAssignments(
		{ projectId, taskId: assignment.taskId, solutionProcessId: assignment.solutionProcessId },
		{ returnAll: true, limit: 0 },
	);
	const existing = rows.some(
		(r) => r.taskId === assignment.taskId && r.scopeId === assignment.scopeId && r.solutionProcessId === assignment.solutionProcessId && r.solutionScenarioVersionId === assignment.solutionScenarioVersionId,
	);
	return { assignment, projectId, existing };
}
