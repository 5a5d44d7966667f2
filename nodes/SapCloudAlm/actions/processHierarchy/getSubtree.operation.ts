import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { nodeIdField } from './fields';

const properties: INodeProperties[] = [
	nodeIdField,
	{
		displayName: 'Max Depth',
		name: 'maxDepth',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 10,
		description: 'How many levels below the node to read (1 = its children only)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['processHierarchy'], operation: ['getSubtree'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const uuid = requireSegment.call(this, 'nodeId', 'Node ID', i);
	const maxDepth = Number(this.getNodeParameter('maxDepth', i, 10));
	if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 20) {
		throw new NodeOperationError(this.getNode(), `Max Depth ${String(maxDepth)} is not between 1 and 20`, { itemIndex: i, description: 'Give a whole number of levels from 1 to 20.' });
	}
	return await session.calm.processHierarchy.subtree(uuid, maxDepth);
}
