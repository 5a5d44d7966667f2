import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { libraryField, libraryOf } from './fields';

const properties: INodeProperties[] = [
	libraryField,
	{
		displayName: 'Element ID',
		name: 'elementId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 6c3f0000-0000-4000-8000-000000000001',
		description: "The element's UUID, as Get Many returns it in uuid",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['libraryElement'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const library = libraryOf.call(this, i);
	return await session.calm.library.get(library, requireSegment.call(this, 'elementId', 'Element ID', i));
}
