import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { featureBody, requireSegment, type CloudAlmSession } from '../../helpers/api';
import { featureLocator } from '../common.descriptions';
import { editableFeatureFields } from './fields';

const properties: INodeProperties[] = [
	featureLocator('The feature to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: editableFeatureFields,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['feature'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'featureId', 'Feature UUID', i);
	const body = featureBody(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one Update Field', {
			itemIndex: i,
		});
	}
	return await session.calm.updateFeature(uuid, body);
}
