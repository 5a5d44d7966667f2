import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { listLimit, optionalUuid, textOf, type CloudAlmSession } from '../../helpers/api';
import { getManyProperties, odataFilterOption } from '../common.descriptions';
import { externalReferencesOption } from './fields';

const properties: INodeProperties[] = getManyProperties([
	odataFilterOption("sequence eq 1"),
	externalReferencesOption,
	{
		displayName: 'Parent Node ID',
		name: 'parentNodeId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6f1a0c00-0000-4000-8000-000000000001',
		description: 'Only the direct children of this node (its UUID)',
	},
	{
		displayName: 'Root Nodes Only',
		name: 'rootsOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the top level of the hierarchy (nodes without a parent)',
	},
	{
		displayName: 'Title Contains',
		name: 'titleContains',
		type: 'string',
		default: '',
		description: 'Only nodes whose title contains this text (case-insensitive)',
	},
]);

export const description = updateDisplayOptions({ show: { resource: ['processHierarchy'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const parentId = optionalUuid.call(this, options.parentNodeId, 'Parent Node ID', i);
	const rootsOnly = options.rootsOnly === true;
	if (parentId && rootsOnly) {
		throw new NodeOperationError(this.getNode(), 'Parent Node ID and Root Nodes Only exclude each other: root nodes have no parent', {
			itemIndex: i,
			description: 'Remove one of the two options.',
		});
	}
	return await session.calm.processHierarchy.list(
		{
			parentId,
			rootsOnly,
			titleContains: textOf.call(this, options.titleContains, 'Title Contains', i),
			filter: textOf.call(this, options.filter, 'Filter', i),
			externalReferences: options.externalReferences === true,
		},
		listLimit.call(this, i),
	);
}
