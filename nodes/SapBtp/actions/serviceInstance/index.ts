import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import * as deleteInstance from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export { create, createOrUpdate, deleteInstance as delete, get, list, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['serviceInstance'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a service instance (reuses one of the same name)', action: 'Create a service instance' },
			{
				name: 'Create or Update',
				value: 'createOrUpdate',
				description: 'Create the instance, or update the parameters of the existing one',
				action: 'Create or update a service instance',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a service instance and wait until it is gone', action: 'Delete a service instance' },
			{ name: 'Get', value: 'get', description: 'Get a service instance', action: 'Get a service instance' },
			{ name: 'Get Many', value: 'list', description: 'Get many service instances of a subaccount', action: 'Get many service instances' },
			{ name: 'Update', value: 'update', description: 'Rename, change parameters or labels', action: 'Update a service instance' },
		],
		default: 'createOrUpdate',
	},
	...create.description,
	...createOrUpdate.description,
	...get.description,
	...list.description,
	...update.description,
	...deleteInstance.description,
];
