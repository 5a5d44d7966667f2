import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText, type CloudAlmSession } from '../../helpers/api';
import { owningProjectIdField, titleAndAdditionalFields } from '../common.descriptions';
import { activitiesOf, editableTestCaseFields, testCaseBody } from './fields';

const properties: INodeProperties[] = [
	owningProjectIdField('test case'),
	...titleAndAdditionalFields(editableTestCaseFields, [
		{
			displayName: 'Activities (JSON)',
			name: 'activities',
			type: 'json',
			default: '[]',
			description:
				'Activities created with the test case, each with its actions: [{"title": "Log in", "toActions": [{"title": "Open the app", "expectedResult": "The app opens"}]}]',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['testCase'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = {
		projectId: requireText.call(this, 'projectId', 'Project ID', i),
		title: requireText.call(this, 'title', 'Title', i),
		...testCaseBody(additional),
	};
	const activities = activitiesOf.call(this, additional.activities, i);
	if (activities.length) body.toActivities = activities;
	return await session.calm.testManagement.create(body);
}
