import type { INodePropertyOptions } from 'n8n-workflow';

/** Credential type every Cloud ALM call goes through (base URL = the binding's `endpoints.Api`). */
export const CREDENTIAL_TYPE = 'sapCloudAlmApi';

/**
 * Service paths under `endpoints.Api`: projects and tasks as SAP-samples/cloud-alm-api-examples
 * call them; features as the third-party consetto/calmcp src/tools/registry.ts does.
 */
export const SERVICE = {
	projects: '/calm-projects/v1',
	tasks: '/calm-tasks/v1',
	features: '/calm-features/v1',
} as const;

/**
 * Page size for Return All. The REST services' maximum `limit` is unknown (no SAP source states it), so stay
 * at a size every paging server accepts; a Limit below it is requested exactly.
 */
export const PAGE_SIZE = 100;

/**
 * Task types (SAP-samples/cloud-alm-api-examples jupyternotebooks/calm-project-task-2022-02-updates.ipynb;
 * the last four from the third-party consetto/calmcp src/tools/constants.ts).
 */
export const TASK_TYPES: INodePropertyOptions[] = [
	{ name: 'Project Task', value: 'CALMTASK' },
	{ name: 'User Story', value: 'CALMUS' },
	{ name: 'Sub-Task', value: 'CALMST', description: 'Needs a parent task' },
	{ name: 'Requirement', value: 'CALMREQU' },
	{ name: 'Roadmap Task', value: 'CALMTMPL' },
	{ name: 'Defect', value: 'CALMDEF' },
	{ name: 'Quality Gate', value: 'CALMQGATE' },
	{ name: 'Checklist Item', value: 'CALMCHKLI' },
	{ name: 'Risk', value: 'CALMRISK' },
];

export const SUB_TASK_TYPE = 'CALMST';

/**
 * Statuses seen in SAP's samples (SAP-samples/cloud-alm-api-examples; defects from consetto/calmcp
 * src/tools/constants.ts); the API accepts others, hence free text too.
 */
export const TASK_STATUSES: INodePropertyOptions[] = [
	{ name: 'Task: Open', value: 'CIPTKOPEN' },
	{ name: 'Task: In Progress', value: 'CIPTKINP' },
	{ name: 'Task: Blocked', value: 'CIPTKBLK' },
	{ name: 'Task: Done', value: 'CIPTKCLOSE' },
	{ name: 'Task: Not Relevant', value: 'CIPTKNO' },
	{ name: 'User Story: Open', value: 'CIPUSOPEN' },
	{ name: 'User Story: In Progress', value: 'CIPUSINP' },
	{ name: 'Requirement: Open', value: 'CIPREQUOPEN' },
	{ name: 'Requirement: In Progress', value: 'CIPREQUINP' },
	{ name: 'Requirement: Done', value: 'CIPREQUCLOSE' },
	{ name: 'Requirement: Not Relevant', value: 'CIPREQUNO' },
	{ name: 'Defect: Open', value: 'CIPDFCTOPEN' },
	{ name: 'Defect: In Progress', value: 'CIPDFCTINP' },
	{ name: 'Defect: Blocked', value: 'CIPDFCTBLK' },
	{ name: 'Defect: Done', value: 'CIPDFCTDONE' },
];

/** `priorityId` of tasks (SAP-samples/cloud-alm-api-examples calm-project-task-2022-02-updates.ipynb). */
export const TASK_PRIORITIES: INodePropertyOptions[] = [
	{ name: 'Very High', value: 10 },
	{ name: 'High', value: 20 },
	{ name: 'Medium', value: 30 },
	{ name: 'Low', value: 40 },
];

/** Timebox `type` (SAP-samples/cloud-alm-api-examples calm-project-task-2022-02-updates.ipynb). */
export const TIMEBOX_TYPES: INodePropertyOptions[] = [
	{ name: 'Milestone', value: 0 },
	{ name: 'Phase', value: 1 },
	{ name: 'Sprint', value: 2 },
];

/**
 * Operators of the tasks list's `lastChangedDate=<op>:<date>` filter (SAP-samples/
 * cloud-alm-api-examples jupyternotebooks/calm-project-task-2022-02-updates.ipynb).
 */
export const DATE_OPERATORS: INodePropertyOptions[] = [
	{ name: 'After', value: 'gt' },
	{ name: 'Before', value: 'lt' },
];
