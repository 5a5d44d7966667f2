import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { testCaseIdField } from './fields';

const properties: INodeProperties[] = [
	testCaseIdField,
	{
		displayName: 'Include',
		name: 'include',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'Test Case Only', value: 'none' },
			{ name: 'With Activities', value: 'activities', description: 'Its activities in toActivities' },
			{ name: 'With Activities and Actions', value: 'actions', description: 'Its activities, each with its actions in toActions' },
		],
		description: 'What to read with the test case ($expand)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['testCase'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'testCaseId', 'Test Case ID', i);
	const include = this.getNodeParameter('include', i, 'none') as 'none' | 'activities' | 'actions';
	return await session.calm.testManagement.get(uuid, include);
}
