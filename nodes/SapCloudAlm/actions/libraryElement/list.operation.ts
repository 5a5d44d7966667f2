import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import { getManyProperties, odataFilterOption } from '../common.descriptions';
import { libraryField, libraryOf } from './fields';

const properties: INodeProperties[] = [
	libraryField,
	...getManyProperties([odataFilterOption("title eq 'Manage Payments'")]),
];

export const description = updateDisplayOptions({ show: { resource: ['libraryElement'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const library = libraryOf.call(this, i);
	return await session.calm.library.list(library, textOf.call(this, options.filter, 'Filter', i), listLimit.call(this, i));
}
