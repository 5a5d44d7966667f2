import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { customProcessLocator } from '../common.descriptions';

const properties: INodeProperties[] = [customProcessLocator('The custom process to delete (its current ETag is read first and sent as If-Match)')];

export const description = updateDisplayOptions({ show: { resource: ['customProcess'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const id = requireSegment.call(this, 'customProcessId', 'Custom Process', i);
	await session.calm.processAuthoring.delete(id);
	return { id: decodeURIComponent(id), deleted: true };
}
