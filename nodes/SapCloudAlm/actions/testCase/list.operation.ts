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
			odataFilterOption('isPrepared eq true', 'Use the 2026 names isPrepared and priorityCode.'),
			projectIdOption('test cases'),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['testCase'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return await session.calm.testManagement.list(
		{ projectId: textOf.call(this, options.projectId, 'Project ID', i), filter: textOf.call(this, options.filter, 'Filter', i) },
		listLimit.call(this, i),
	);
}
