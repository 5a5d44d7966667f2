import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import { limitField, projectIdOption, projectLocator, returnAllField, skipOption, sortedFields } from '../common.descriptions';

/** Options both versions share; version 1 also has "Project ID" among them (a plain string). */
const sharedOptions: INodeProperties[] = [
	{
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder: "e.g. statusCode eq 'CIPFEATOPEN'",
		description: 'OData $filter expression; combined with the project by "and"',
	},
	{
		displayName: 'Order By',
		name: 'orderby',
		type: 'string',
		default: '',
		placeholder: 'e.g. modifiedAt desc',
		description: 'Field to sort by, then asc or desc (OData $orderby)',
	},
	{
		displayName: 'Select Fields',
		name: 'select',
		type: 'string',
		default: '',
		placeholder: 'e.g. uuid,displayId,title',
		description: 'Comma-separated fields to return (OData $select)',
	},
	skipOption('features'),
];

const V1 = [1];
const V2_ON = [{ _cnd: { gte: 2 } }];

const optionsCollection = (options: INodeProperties[], version: typeof V1 | typeof V2_ON): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { '@version': version } },
	options,
});

const properties: INodeProperties[] = [
	{
		...projectLocator({
			required: false,
			description: 'Only features of this project. Leave empty for the features of every project the binding can read.',
		}),
		displayOptions: { show: { '@version': V2_ON } },
	},
	returnAllField,
	limitField,
	optionsCollection(
		sortedFields([
			...sharedOptions,
			projectIdOption('features'),
		]),
		V1,
	),
	optionsCollection(sharedOptions, V2_ON),
];

export const description = updateDisplayOptions({ show: { resource: ['feature'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	// version 2 picks the project with a locator of its own; version 1 has it among the options
	const projectId =
		this.getNode().typeVersion >= 2
			? textOf.call(this, this.getNodeParameter('projectId', i, '', { extractValue: true }), 'Project', i)
			: textOf.call(this, options.projectId, 'Project ID', i);
	return await session.calm.listFeatures(
		{
			projectId,
			filter: textOf.call(this, options.filter, 'Filter', i),
			orderby: textOf.call(this, options.orderby, 'Order By', i),
			select: textOf.call(this, options.select, 'Select', i),
			skip: Number(options.skip ?? 0) || 0,
		},
		listLimit.call(this, i),
	);
}
