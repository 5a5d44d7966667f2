import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText, type CloudAlmSession } from '../../helpers/api';
import { titleAndAdditionalFields } from '../common.descriptions';
import { editableElementFields, elementFieldsOf, libraryField, libraryOf } from './fields';

/**
 * A new element on every run: SAP's Library API pages name no unique key (titles may repeat, e.g. one
 * interface name between several system pairs), so there is nothing to find and adopt by. A workflow
 * that must not duplicate looks the title up with Get Many first (the hint below says so).
 */
const properties: INodeProperties[] = [
	libraryField,
	...titleAndAdditionalFields(editableElementFields),
	{
		displayName:
			'Create makes a new element on every run: SAP Cloud ALM has no unique key for library elements. To avoid duplicates, first run Get Many with a Filter such as title eq \'…\'.',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['libraryElement'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const library = libraryOf.call(this, i);
	const title = requireText.call(this, 'title', 'Title', i);
	const fields = elementFieldsOf.call(this, this.getNodeParameter('additionalFields', i, {}) as IDataObject, i);
	return await session.calm.library.create(library, { ...fields, title });
}
