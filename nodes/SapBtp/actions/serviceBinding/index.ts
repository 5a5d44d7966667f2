import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as deleteBinding from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as rotate from './rotate.operation';

export { create, deleteBinding as delete, get, list, rotate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['serviceBinding'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a binding (service key), or reuse the one of that name',
				action: 'Create a service binding',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a binding', action: 'Delete a service binding' },
			{ name: 'Get', value: 'get', description: 'Get a binding with its credentials', action: 'Get a service binding' },
			{ name: 'Get Many', value: 'list', description: 'Get many bindings of a subaccount, or of one instance', action: 'Get many service bindings' },
			{
				name: 'Rotate',
				value: 'rotate',
				description: 'Replace a key with a new one, verified; the old one is deleted after a grace period',
				action: 'Rotate a service binding',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...list.description,
	...deleteBinding.description,
	...rotate.description,
];
