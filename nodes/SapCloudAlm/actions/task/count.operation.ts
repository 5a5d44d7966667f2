import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { CloudAlmSession } from '../../helpers/api';
import { projectLocator } from '../common.descriptions';
import { readTaskFilters, taskFilters } from './filters';

/** Attributes a count can be broken down by (names as the Tasks API sends them). */
const GROUP_BY = [
	{ name: 'Assignee', value: 'assigneeId' },
	{ name: 'Priority', value: 'priorityId' },
	{ name: 'Status', value: 'status' },
	{ name: 'Sub-Status', value: 'subStatus' },
	{ name: 'Timebox', value: 'timeboxName' },
	{ name: 'Type', value: 'type' },
];

const properties: INodeProperties[] = [
	projectLocator({ description: 'Project whose tasks to count' }),
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'multiOptions',
		options: GROUP_BY,
		default: [],
		description: 'Count per value of these attributes as well as in total (tasks without a value count under "(none)")',
	},
	taskFilters,
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['count'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const { query, after } = readTaskFilters.call(this, i);
	const groupBy = (this.getNodeParameter('groupBy', i, []) as string[]).filter((g) => GROUP_BY.some((o) => o.value === g));
	const count = await session.calm.countTasks(query, groupBy, after);
	return { projectId: decodeURIComponent(query.projectId), ...count };
}
