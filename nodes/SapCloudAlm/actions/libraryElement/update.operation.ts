import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { refuse, requireSegment, type CloudAlmSession } from '../../helpers/api';
import { editableElementFields, elementFieldsOf, elementIdField, libraryField, libraryOf } from './fields';

const properties: INodeProperties[] = [
	libraryField,
	elementIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: editableElementFields,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['libraryElement'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const library = libraryOf.call(this, i);
	const uuid = requireSegment.call(this, 'elementId', 'Element ID', i);
	const fields = elementFieldsOf.call(this, this.getNodeParameter('updateFields', i, {}) as IDataObject, i);
	if (!Object.keys(fields).length) {
		throw refuse(this, 'Update Fields is empty: nothing to update', i, 'Field: Update Fields. Add at least one of Title, Description or Type Code.');
	}
	// SAP refuses the PATCH of an element a user marked for deletion in the Cloud ALM UI: its answer is relayed as is
	return await session.calm.library.update(library, uuid, fields);
}
