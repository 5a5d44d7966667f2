import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parseJsonBody } from '../../helpers/api';

/** The test case's UUID (SAP's key; not its display ID). */
export const testCaseIdField: INodeProperties = {
	displayName: 'Test Case ID',
	name: 'testCaseId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 9b1f0c00-0000-4000-8000-000000000001',
	description: "The test case's UUID, as Get Many returns it in uuid",
};

/** What Update and Delete send as If-Match. */
export const etagField: INodeProperties = {
	displayName: 'ETag',
	name: 'etag',
	type: 'string',
	default: '',
	placeholder: 'e.g. W/"2026-11-30T19:00:00.000Z"',
	description:
		"The test case's ETag (its @odata.etag or modifiedAt) for If-Match. Leave empty and the node reads the current one first; give the one you read to fail (412) when someone changed the test case since.",
};

/** Fields of a manual test case the node writes; Q3 2026 names (isPrepared, priorityCode). */
export const editableTestCaseFields: INodeProperties[] = [
	{
		displayName: 'Is Prepared',
		name: 'isPrepared',
		type: 'boolean',
		default: false,
		description: 'Whether the test case is prepared (ready to test); named status before SAP renamed it in 2026 Q3',
	},
	{
		displayName: 'Priority Code',
		name: 'priorityCode',
		type: 'number',
		default: 30,
		description: 'Priority code of the test case; named priority before SAP renamed it in 2026 Q3',
	},
	{
		displayName: 'Scope ID',
		name: 'scopeId',
		type: 'string',
		default: '',
		description: 'The scope of the project the test case belongs to',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
	},
];

/** The body from the UI fields; an empty Scope ID is left out. */
export function testCaseBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const key of ['title', 'scopeId', 'isPrepared', 'priorityCode']) {
		const v = fields[key];
		if (v === undefined || v === '') continue;
		body[key] = v;
	}
	return body;
}

/**
 * Activities (each with its actions) as JSON: a list of {title, description?, sequence?, toActions:
 * [{title, description?, expectedResult?, sequence?}]} (SAP-samples calm-tm-manual-test-cases-api-v1.ipynb).
 */
export function activitiesOf(this: IExecuteFunctions, value: unknown, i: number): IDataObject[] {
	if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) return [];
	const parsed = parseJsonBody.call(this, value, i);
	const fail = (message: string) => new NodeOperationError(this.getNode(), `Activities: ${message}`, { itemIndex: i });
	if (!Array.isArray(parsed)) throw fail('give a JSON list of activities, e.g. [{"title": "Log in", "toActions": [{"title": "Open the app"}]}]');
	return parsed.map((a, n) => {
		if (!a || typeof a !== 'object' || Array.isArray(a) || typeof (a as IDataObject).title !== 'string' || !(a as IDataObject).title) {
			throw fail(`activity ${n + 1} needs a title`);
		}
		const actions = (a as IDataObject).toActions;
		if (actions !== undefined && (!Array.isArray(actions) || actions.some((x) => !x || typeof x !== 'object' || typeof (x as IDataObject).title !== 'string'))) {
			throw fail(`the toActions of activity ${n + 1} must be a list of actions, each with a title`);
		}
		return a as IDataObject;
	});
}
