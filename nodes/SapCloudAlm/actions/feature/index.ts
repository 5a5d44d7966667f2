import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export { create, get, list, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['feature'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a feature' },
			{ name: 'Get', value: 'get', action: 'Get a feature' },
			{ name: 'List', value: 'list', action: 'List features' },
			{ name: 'Update', value: 'update', action: 'Update a feature' },
		],
		default: 'list',
	},
	...list.description,
	...get.description,
	...create.description,
	...update.description,
];
