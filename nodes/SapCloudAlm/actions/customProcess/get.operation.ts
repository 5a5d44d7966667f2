import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { customProcessLocator } from '../common.descriptions';

const properties: INodeProperties[] = [customProcessLocator()];

export const description = updateDisplayOptions({ show: { resource: ['customProcess'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.processAuthoring.get(requireSegment.call(this, 'customProcessId', 'Custom Process', i));
}
