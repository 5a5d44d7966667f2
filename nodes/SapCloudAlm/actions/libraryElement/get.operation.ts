import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { elementIdField, libraryField, libraryOf } from './fields';

const properties: INodeProperties[] = [
	libraryField,
	elementIdField,
];

export const description = updateDisplayOptions({ show: { resource: ['libraryElement'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const library = libraryOf.call(this, i);
	return await session.calm.library.get(library, requireSegment.call(this, 'elementId', 'Element ID', i));
}
