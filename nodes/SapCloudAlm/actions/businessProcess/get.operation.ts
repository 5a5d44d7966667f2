import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { businessProcessLocator } from '../common.descriptions';

const properties: INodeProperties[] = [businessProcessLocator({ description: 'The business process' })];

export const description = updateDisplayOptions({ show: { resource: ['businessProcess'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.processAuthoring.getBusinessProcess(requireSegment.call(this, 'businessProcessId', 'Business Process', i));
}
