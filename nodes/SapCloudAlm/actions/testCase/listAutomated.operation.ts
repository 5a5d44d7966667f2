import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
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
				placeholder: 'e.g. isPrepared eq true',
				description: 'OData $filter expression; combined with the project by "and"',
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				description: 'Only automated test cases of this project',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['testCase'], operation: ['listAutomated'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return await session.calm.testManagement.listAutomated(
		{ projectId: textOf.call(this, options.projectId, 'Project ID', i), filter: textOf.call(this, options.filter, 'Filter', i) },
		listLimit.call(this, i),
	);
}
