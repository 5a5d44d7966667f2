import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import { limitField, odataFilterOption, projectIdOption, returnAllField } from '../common.descriptions';

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
			odataFilterOption("documentTypeCode eq 'SD'"),
			projectIdOption('documents'),
			{
				displayName: 'Skip',
				name: 'skip',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Number of documents to skip before the first one returned (OData $skip)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return await session.calm.documents.list(
		{
			projectId: textOf.call(this, options.projectId, 'Project ID', i),
			filter: textOf.call(this, options.filter, 'Filter', i),
			skip: Number(options.skip ?? 0) || 0,
		},
		listLimit.call(this, i),
	);
}
