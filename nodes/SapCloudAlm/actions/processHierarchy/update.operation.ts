import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { editableNodeFields, nodeBody, nodeIdField } from './fields';

const properties: INodeProperties[] = [
	nodeIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: editableNodeFields,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['processHierarchy'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'nodeId', 'Node ID', i);
	const body = nodeBody.call(this, this.getNodeParameter('updateFields', i, {}) as IDataObject, i);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one Update Field', { itemIndex: i });
	}
	return await session.calm.processHierarchy.update(uuid, body);
}
