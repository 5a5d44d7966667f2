import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { testCaseIdField } from './fields';

const properties: INodeProperties[] = [{ ...testCaseIdField, description: "The automated test case's UUID, as Get Many Automated returns it in uuid" }];

export const description = updateDisplayOptions({ show: { resource: ['testCase'], operation: ['getAutomated'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.testManagement.getAutomated(requireSegment.call(this, 'testCaseId', 'Test Case ID', i));
}
