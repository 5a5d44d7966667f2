import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { businessProcessLocator, sortedFields } from '../common.descriptions';
import { businessProcessTexts, etagField, etagOf } from './fields';

const properties: INodeProperties[] = [
	businessProcessLocator({ description: 'The business process to change' }),
	etagField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedFields([
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'At most 5000 characters' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Unique in the tenant, at most 500 characters' },
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['businessProcess'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const id = requireSegment.call(this, 'businessProcessId', 'Business Process', i);
	const changes = businessProcessTexts.call(this, this.getNodeParameter('updateFields', i, {}) as IDataObject, i);
	if (!Object.keys(changes).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one Update Field', { itemIndex: i, description: 'Field: Update Fields.' });
	}
	return await session.calm.processAuthoring.updateBusinessProcess(id, changes, etagOf.call(this, i));
}
