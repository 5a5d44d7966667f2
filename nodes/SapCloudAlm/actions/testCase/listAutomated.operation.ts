import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, projectAndFilter, type CloudAlmSession } from '../../helpers/api';
import { getManyProperties, odataFilterOption, projectIdOption } from '../common.descriptions';

const properties: INodeProperties[] = getManyProperties([
	odataFilterOption('isPrepared eq true', '', 'the project'),
	projectIdOption('automated test cases'),
]);

export const description = updateDisplayOptions({ show: { resource: ['testCase'], operation: ['listAutomated'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return await session.calm.testManagement.listAutomated(
		projectAndFilter.call(this, options, i),
		listLimit.call(this, i),
	);
}
