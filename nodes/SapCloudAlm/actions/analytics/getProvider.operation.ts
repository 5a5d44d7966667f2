import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { CloudAlmSession } from '../../helpers/api';
import { providerName, simplifyField } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. DP_TASKS',
		description: 'Name of the data provider, as Get Many Providers lists it',
	},
	simplifyField('keys of the filters, dimensions and measures'),
];

export const description = updateDisplayOptions({ show: { resource: ['analytics'], operation: ['getProvider'] } }, properties);

/**
 * One item per provider: what it can be filtered by (with the values in use), grouped by and
 * measured. SAP's answer is one list with a `type` per entry (SAP/alm-plug-in-for-grafana
 * src/types.ts DPFilterResponse: attribute, dimension, measure).
 */
export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const provider = providerName.call(this, 'provider', 'Provider', i);
	const entries = await session.calm.analytics.providerFilters(provider);
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;
	const of = (keep: (e: IDataObject) => boolean) => entries.filter(keep).map((e) => (simplify ? e.key : e));
	return {
		provider,
		filters: of((e) => e.type === 'attribute' || e.isAttribute === true),
		dimensions: of((e) => e.type === 'dimension'),
		measures: of((e) => e.type === 'measure'),
	};
}
