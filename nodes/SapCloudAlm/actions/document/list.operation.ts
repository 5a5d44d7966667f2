import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, projectAndFilter, type CloudAlmSession } from '../../helpers/api';
import { getManyProperties, odataFilterOption, projectIdOption, skipOption } from '../common.descriptions';

const properties: INodeProperties[] = getManyProperties([
	odataFilterOption("documentTypeCode eq 'SD'"),
	projectIdOption('documents'),
	skipOption('documents'),
]);

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return await session.calm.documents.list(
		{
			...projectAndFilter.call(this, options, i),
			skip: Number(options.skip ?? 0) || 0,
		},
		listLimit.call(this, i),
	);
}
