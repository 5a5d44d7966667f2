import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { userQuery } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { textOf } from '../../helpers/validation';
import { hintWhenLimited, instanceSummary, readLimit, readSmAccess } from '../common';
import { returnAllAndLimitFields, smAccessProperties } from '../fields';

const properties: INodeProperties[] = [
	...smAccessProperties,
	...returnAllAndLimitFields,
	{
		displayName: 'Field Query',
		name: 'fieldQuery',
		type: 'string',
		default: '',
		placeholder: "e.g. service_plan_id eq '8f2b6d4e-…'",
		description: 'Only instances whose fields match, in Service Manager\'s fieldQuery syntax (operators eq, ne, in, and …)',
	},
	{
		displayName: 'Label Query',
		name: 'labelQuery',
		type: 'string',
		default: '',
		placeholder: "e.g. team eq 'alm'",
		description: 'Only instances whose labels match, in Service Manager\'s labelQuery syntax',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['serviceInstance'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject[]> {
	const limit = readLimit.call(this, i);
	const fieldQuery = textOf(this.getNode(), i, this.getNodeParameter('fieldQuery', i, ''), 'Field Query');
	const labelQuery = textOf(this.getNode(), i, this.getNodeParameter('labelQuery', i, ''), 'Label Query');
	const { sm } = await readSmAccess.call(this, i, session);
	const items = await sm.listInstances(
		'List service instances',
		// the user's own queries, in SM's language
		{ fieldQuery: fieldQuery ? userQuery(fieldQuery) : undefined, labelQuery: labelQuery ? userQuery(labelQuery) : undefined, attachLastOperations: true },
		limit,
	);
	hintWhenLimited.call(this, i, items.length, limit, 'service instances');
	return items.map((item) => instanceSummary(item));
}
