import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { elementIdField, libraryField, libraryOf } from './fields';

const properties: INodeProperties[] = [libraryField, elementIdField];

export const description = updateDisplayOptions({ show: { resource: ['libraryElement'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const library = libraryOf.call(this, i);
	const uuid = requireSegment.call(this, 'elementId', 'Element ID', i);
	await session.calm.library.delete(library, uuid);
	return { uuid: decodeURIComponent(uuid), deleted: true };
}
