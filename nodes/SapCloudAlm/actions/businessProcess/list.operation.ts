import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import { filtersCollection, limitField, returnAllField } from '../common.descriptions';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	filtersCollection([
		{
			displayName: 'Name Contains',
			name: 'nameContains',
			type: 'string',
			default: '',
			description: 'Only the business processes whose name contains this text, ignoring case (filtered by the node on the pages read)',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['businessProcess'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const nameContains = textOf.call(this, filters.nameContains, 'Name Contains', i);
	return await session.calm.processAuthoring.listBusinessProcesses(listLimit.call(this, i), nameContains || undefined);
}
