import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, projectAndFilter, type CloudAlmSession } from '../../helpers/api';
import { getManyProperties, odataFilterOption, projectIdOption } from '../common.descriptions';

const properties: INodeProperties[] = getManyProperties([
	odataFilterOption("title eq 'Regression test'", '', 'the project'),
	projectIdOption('test plans'),
]);

export const description = updateDisplayOptions({ show: { resource: ['testPlan'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return await session.calm.testPlans.list(
		projectAndFilter.call(this, options, i),
		listLimit.call(this, i),
	);
}
