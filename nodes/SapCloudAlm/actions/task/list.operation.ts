import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DATE_OPERATORS, TASK_STATUSES, TASK_TYPES } from '../../helpers/constants';
import { isoDate, listLimit, segment, textOf, type CloudAlmSession, type TaskQuery } from '../../helpers/api';
import { limitField, projectLocator, returnAllField } from '../common.descriptions';

const properties: INodeProperties[] = [
	projectLocator({ description: 'Project whose tasks to get' }),
	returnAllField,
	limitField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Assignee ID',
				name: 'assigneeId',
				type: 'string',
				default: '',
				placeholder: 'e.g. name@example.com',
				description: 'Only tasks assigned to this user, usually an e-mail address',
			},
			{
				displayName: 'Last Changed',
				name: 'lastChangedDate',
				type: 'dateTime',
				default: '',
				description: 'Compare the last change of each task with this date (see Last Changed Is)',
			},
			{
				displayName: 'Last Changed Is',
				name: 'lastChangedOperator',
				type: 'options',
				options: DATE_OPERATORS,
				default: 'gt',
				description: 'Whether tasks changed after or before Last Changed are returned',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: TASK_STATUSES,
				default: 'CIPTKOPEN',
				description:
					'Only tasks with this status. For a status not in the list, give its code with an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Sub-Status',
				name: 'subStatus',
				type: 'string',
				default: '',
				placeholder: 'e.g. TO_BE_APPROVED',
				description: 'Only tasks with this sub-status code',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: TASK_TYPES,
				default: 'CALMTASK',
				description: 'Only tasks of this type',
			},
		],
	},
];

const FILTER_LABELS = { type: 'Type', status: 'Status', subStatus: 'Sub-Status', assigneeId: 'Assignee ID' } as const;

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const query: TaskQuery = { projectId: segment.call(this, projectId, 'Project', i) };
	for (const key of ['type', 'status', 'subStatus', 'assigneeId'] as const) {
		query[key] = textOf.call(this, filters[key], FILTER_LABELS[key], i);
	}
	const changed = isoDate.call(this, filters.lastChangedDate as string | undefined, 'Last Changed', i);
	if (changed) query.lastChanged = { operator: (filters.lastChangedOperator as string) || 'gt', date: changed };
	return await session.calm.listTasks(query, listLimit.call(this, i));
}
