import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { businessProcessLocator } from '../common.descriptions';
import { etagField, etagOf } from './fields';

const properties: INodeProperties[] = [
	businessProcessLocator({ description: 'The business process to delete (it must have no custom processes)' }),
	etagField,
];

export const description = updateDisplayOptions({ show: { resource: ['businessProcess'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const id = requireSegment.call(this, 'businessProcessId', 'Business Process', i);
	await session.calm.processAuthoring.deleteBusinessProcess(id, etagOf.call(this, i));
	return { id: decodeURIComponent(id), deleted: true };
}
