import type { INodeProperties } from 'n8n-workflow';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../helpers/constants';

/** Task fields that Create (as Additional Fields) and Update (as Update Fields) share. */
export const editableTaskFields: INodeProperties[] = [
	{
		displayName: 'Assignee ID',
		name: 'assigneeId',
		type: 'string',
		default: '',
		placeholder: 'e.g. name@example.com',
		description: 'User the task is assigned to, usually an e-mail address',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Description of the task (HTML allowed)',
	},
	{
		displayName: 'Due Date',
		name: 'dueDate',
		type: 'dateTime',
		default: '',
		description: 'Due date (only the date is sent)',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description: 'ID of the task in another system, e.g. the ticket that asked for it',
	},
	{
		displayName: 'Priority',
		name: 'priorityId',
		type: 'options',
		options: TASK_PRIORITIES,
		default: 30,
		description: 'How urgent the task is',
	},
	{
		// a fixed list, so "Status", not n8n's "Name or ID" wording (that is for lists loaded from the API)
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: TASK_STATUSES,
		default: 'CIPTKOPEN',
		description:
			'Status of the task. For a status not in the list, give its code with an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Story Points',
		name: 'storyPoints',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Effort estimate in story points (user stories)',
	},
	{
		displayName: 'Sub-Status',
		name: 'subStatus',
		type: 'string',
		default: '',
		placeholder: 'e.g. TO_BE_APPROVED',
		description: 'Sub-status code (requirements: CREATED, TO_BE_APPROVED, IN_REALIZATION, …)',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Short title of the task, one line',
	},
];
