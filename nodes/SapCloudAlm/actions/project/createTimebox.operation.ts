import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { TIMEBOX_TYPES } from '../../helpers/constants';
import { isoDate, requireText, segment, type CloudAlmSession } from '../../helpers/api';
import { projectLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	projectLocator(),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the timebox, e.g. "Sprint 1"',
	},
	{
		displayName: 'Type',
		name: 'timeboxType',
		type: 'options',
		options: TIMEBOX_TYPES,
		default: 2,
		description: 'Kind of timebox',
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'First day of the timebox (only the date is sent)',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Last day of the timebox (only the date is sent)',
	},
	{
		displayName: 'Closed',
		name: 'closed',
		type: 'boolean',
		default: false,
		description: 'Whether the timebox is created closed',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['createTimebox'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	const name = requireText.call(this, 'name', 'Name', i);
	const startDate = isoDate.call(this, this.getNodeParameter('startDate', i, '') as string, 'Start Date', i);
	const endDate = isoDate.call(this, this.getNodeParameter('endDate', i, '') as string, 'End Date', i);
	if (!startDate || !endDate) {
		throw new NodeOperationError(this.getNode(), 'A timebox needs a Start Date and an End Date', { itemIndex: i });
	}
	if (endDate < startDate) {
		throw new NodeOperationError(this.getNode(), `End Date ${endDate} is before Start Date ${startDate}`, {
			itemIndex: i,
		});
	}
	return await session.calm.createTimebox(segment.call(this, projectId, 'Project', i), {
		type: this.getNodeParameter('timeboxType', i, 2) as number,
		name,
		startDate,
		endDate,
		closed: this.getNodeParameter('closed', i, false) as boolean,
	});
}
