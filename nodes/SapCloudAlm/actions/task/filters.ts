import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { DATE_OPERATORS, TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES } from '../../helpers/constants';
import { isoDate, refuse, segment, textOf, type TaskQuery, type TaskRowFilter } from '../../helpers/api';
import { FIELD_NAME, fieldNames, pick, simplify, TASK_SIMPLE_FIELDS, unknownFields } from '../../helpers/shape';

/** The filters of Get Many and Count (Tasks API GET /tasks, plus two the node applies after reading). */
export const taskFilters: INodeProperties = {
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
			displayName: 'Priority',
			name: 'priorityId',
			type: 'options',
			options: TASK_PRIORITIES,
			default: 30,
			description: 'Only tasks of this priority. The Tasks API has no priority filter: the node reads the pages and keeps the matching tasks.',
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
			displayName: 'Tag',
			name: 'tag',
			type: 'string',
			default: '',
			placeholder: 'e.g. migration',
			description: 'Only tasks carrying this tag',
		},
		{
			displayName: 'Timebox ID',
			name: 'timeboxId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 9a1b0c00-0000-4000-8000-000000000001',
			description:
				'Only tasks planned in this timebox (sprint, phase or milestone; Project → Get Many Timeboxes lists them). The Tasks API has no timebox filter: the node reads the pages and keeps the matching tasks.',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: TASK_TYPES,
			default: 'CALMTASK',
			description: 'Only tasks of this type: project tasks, user stories, requirements, defects, risks, …',
		},
	],
};

const LABELS = { type: 'Type', status: 'Status', subStatus: 'Sub-Status', assigneeId: 'Assignee ID', tag: 'Tag' } as const;

/** The project and filters of item `i`, checked before any call. */
export function readTaskFilters(this: IExecuteFunctions, i: number): { query: TaskQuery; after: TaskRowFilter } {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const query: TaskQuery = { projectId: segment.call(this, projectId, 'Project', i) };
	for (const key of ['type', 'status', 'subStatus', 'assigneeId', 'tag'] as const) {
		query[key] = textOf.call(this, filters[key], LABELS[key], i);
	}
	const changed = isoDate.call(this, filters.lastChangedDate as string | undefined, 'Last Changed', i);
	if (changed) query.lastChanged = { operator: (filters.lastChangedOperator as string) || 'gt', date: changed };
	const after: TaskRowFilter = {};
	const timebox = textOf.call(this, filters.timeboxId, 'Timebox ID', i);
	if (timebox) {
		segment.call(this, timebox, 'Timebox ID', i); // one ID, no separators
		after.timeboxId = timebox;
	}
	if (filters.priorityId !== undefined && filters.priorityId !== '') {
		const priority = Number(filters.priorityId);
		if (!TASK_PRIORITIES.some((p) => p.value === priority)) {
			throw refuse(this, `Priority "${String(filters.priorityId)}" is not a task priority`, i, 'Field: Priority. Use 10 (very high), 20 (high), 30 (medium) or 40 (low).');
		}
		after.priorityId = priority;
	}
	return { query, after };
}

// --------------------------------------------------------------------------------- output shape
/** Simplify and Fields of Task Get and Get Many: opt-in, so the output of saved workflows stays as it was. */
export const taskOutputFields = (operation: string): INodeProperties[] => [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return a simplified version of the response instead of the raw data: ${TASK_SIMPLE_FIELDS.join(', ')}, without the empty ones`,
		displayOptions: { show: { resource: ['task'], operation: [operation] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['task'], operation: [operation] } },
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'e.g. displayId,title,status,assigneeName',
				description: 'Comma-separated task attributes to return, as the Tasks API names them',
				hint: 'The Tasks API has no $select: the node reads whole tasks and keeps these attributes',
			},
		],
	},
];

/** The output shape of item `i`, checked before any call; applies it to what SAP sent. */
export function taskShaper(this: IExecuteFunctions, i: number): (items: IDataObject[]) => IDataObject[] {
	const simple = this.getNodeParameter('simplify', i, false) as boolean;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const names = fieldNames(textOf.call(this, options.fields, 'Fields', i));
	const bad = names.filter((n) => !FIELD_NAME.test(n));
	if (bad.length) {
		throw refuse(this, `Fields: "${bad[0]}" is not an attribute name`, i, 'Field: Fields. Give attribute names separated by commas, e.g. id,title,status.');
	}
	if (simple && names.length) {
		throw refuse(this, 'Simplify and Fields both choose the attributes to return', i, 'Turn Simplify off to get exactly the Fields, or clear Fields to get the simplified task.');
	}
	if (names.length) {
		return (items) => {
			const { unknown, available } = unknownFields(items, names);
			if (items.length && unknown.length) {
				throw refuse(this, `Fields: no task has ${unknown.map((n) => `"${n}"`).join(', ')}`, i, `Field: Fields. The tasks carry: ${available.join(', ')}.`);
			}
			return items.map((item) => pick(item, names));
		};
	}
	return simple ? (items) => items.map((item) => simplify(item, TASK_SIMPLE_FIELDS)) : (items) => items;
}
