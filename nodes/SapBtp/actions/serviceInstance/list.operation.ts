import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { userQuery } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { limitField, returnAllField } from '../../../shared/descriptions';
import { textOf } from '../../helpers/validation';
import { instanceSummary, readSmAccess, smAccessProperties } from '../common';

const properties: INodeProperties[] = [
	...smAccessProperties,
	// Service Manager lists are usually short: return them whole unless told otherwise
	{ ...returnAllField, default: true },
	limitField,
	{
		displayName: 'Field Query',
		name: 'fieldQuery',
		type: 'string',
		default: '',
		placeholder: "e.g. service_plan_id eq '8f2b6d4e-…'",
		description: 'Service Manager field query (operators eq, ne, in, and …)',
	},
	{
		displayName: 'Label Query',
		name: 'labelQuery',
		type: 'string',
		default: '',
		placeholder: "e.g. team eq 'alm'",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['serviceInstance'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i, true) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
	const fieldQuery = textOf(this.getNode(), i, this.getNodeParameter('fieldQuery', i, ''), 'Field Query');
	const labelQuery = textOf(this.getNode(), i, this.getNodeParameter('labelQuery', i, ''), 'Label Query');
	const { sm } = await readSmAccess.call(this, i, session);
	const items = await sm.listInstances(
		'List service instances',
		// the user's own queries, in SM's language
		{ fieldQuery: fieldQuery ? userQuery(fieldQuery) : undefined, labelQuery: labelQuery ? userQuery(labelQuery) : undefined, attachLastOperations: true },
		limit,
	);
	return items.map((item) => instanceSummary(item));
}
