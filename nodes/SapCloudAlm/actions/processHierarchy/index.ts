import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getSubtree from './getSubtree.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export { create, del as delete, get, getSubtree, list, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['processHierarchy'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a hierarchy node',
				description: 'Create a process hierarchy node, at the top or below a parent (unverified scope name) (scope calm-api.processhierarchy.write)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a hierarchy node',
				description: 'Delete a process hierarchy node and the nodes below it (unverified scope name) (scope calm-api.processhierarchy.write)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a hierarchy node',
				description: 'Get a process hierarchy node by its UUID (scope calm-api.processhierarchy.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many hierarchy nodes',
				description: 'List process hierarchy nodes: the root nodes, the children of a node, by title or OData filter (scope calm-api.processhierarchy.read)',
			},
			{
				name: 'Get Subtree',
				value: 'getSubtree',
				action: 'Get a hierarchy subtree',
				description: 'Get a node and every node below it in outline order, each with its depth and path (scope calm-api.processhierarchy.read)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a hierarchy node',
				description: "Update a node's title, description, position or external references, or move it under another parent (unverified scope name) (scope calm-api.processhierarchy.write)",
			},
		],
		default: 'list',
	},
	...create.description,
	...del.description,
	...get.description,
	...getSubtree.description,
	...list.description,
	...update.description,
];
