import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';

const properties: INodeProperties[] = [
	{
		displayName: 'Test Plan ID',
		name: 'testPlanId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7e57b1a0-0000-4000-8000-000000000001',
		description: "The test plan's UUID, as Get Many returns it in uuid",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['testPlan'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.testPlans.get(requireSegment.call(this, 'testPlanId', 'Test Plan ID', i));
}
