import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SERVICE } from '../../helpers/constants';
import { listLimit, odataList, odataString, textOf } from '../../helpers/api';
import { limitField, returnAllField } from '../common.descriptions';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				type: 'string',
				default: '',
				placeholder: "e.g. statusCode eq 'CIPFEATOPEN'",
				description: 'OData $filter expression; combined with Project ID by "and"',
			},
			{
				displayName: 'Order By',
				name: 'orderby',
				type: 'string',
				default: '',
				placeholder: 'e.g. modifiedAt desc',
				description: 'OData $orderby expression',
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				description: 'Only features of this project',
			},
			{
				displayName: 'Select Fields',
				name: 'select',
				type: 'string',
				default: '',
				placeholder: 'e.g. uuid,displayId,title',
				description: 'Comma-separated fields to return (OData $select)',
			},
			{
				displayName: 'Skip',
				name: 'skip',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Number of features to skip before the first one returned (OData $skip)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['feature'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const filters: string[] = [];
	const projectId = textOf.call(this, options.projectId, 'Project ID', i);
	if (projectId) filters.push(`projectId eq ${odataString(projectId)}`);
	const filter = textOf.call(this, options.filter, 'Filter', i);
	if (filter) filters.push(filters.length ? `(${filter})` : filter);
	const qs: IDataObject = {};
	if (filters.length) qs.$filter = filters.join(' and ');
	for (const key of ['orderby', 'select'] as const) {
		const value = textOf.call(this, options[key], key === 'orderby' ? 'Order By' : 'Select', i);
		if (value) qs[`$${key}`] = value;
	}
	return await odataList.call(this, `${SERVICE.features}/Features`, qs, {
		...listLimit.call(this, i),
		skip: Number(options.skip ?? 0) || 0,
	});
}
