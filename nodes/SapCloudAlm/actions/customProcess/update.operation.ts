import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, segment, type CloudAlmSession } from '../../helpers/api';
import { customProcessLocator, sortedFields } from '../common.descriptions';
import { processTexts } from './fields';

const properties: INodeProperties[] = [
	customProcessLocator('The custom process to change; a published one is changed through a new draft (publish the draft to replace it)'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedFields([
			{ displayName: 'Business Process ID', name: 'businessProcessId', type: 'string', default: '', description: 'Move the process to this business process' },
			{ displayName: 'Countries', name: 'countries', type: 'string', default: '', placeholder: 'e.g. DE, US, FR', description: 'Country codes separated by commas' },
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', description: 'At most 40 characters' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'At most 500 characters' },
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customProcess'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const id = requireSegment.call(this, 'customProcessId', 'Custom Process', i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body = processTexts.call(this, fields, i);
	if (fields.businessProcessId !== undefined && fields.businessProcessId !== '') {
		body.businessProcess = { id: decodeURIComponent(segment.call(this, fields.businessProcessId, 'Business Process ID', i)) };
	}
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one Update Field', { itemIndex: i, description: 'Field: Update Fields.' });
	}
	return await session.calm.processAuthoring.update(id, body);
}
