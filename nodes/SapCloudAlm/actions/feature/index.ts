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
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a feature',
				description: 'Create a feature in a project (scope calm-api.features.write)',
			},
			{ name: 'Get', value: 'get', action: 'Get a feature', description: 'Get a feature by ID (scope calm-api.features.read)' },
			// value 'list' (not n8n's usual 'getAll') is kept so saved workflows keep working
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many features',
				description: 'Get the features of one project or of all projects (scope calm-api.features.read)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a feature',
				description: 'Change fields of a feature (scope calm-api.features.write)',
			},
		],
		default: 'list',
	},
	...list.description,
	...get.description,
	...create.description,
	...update.description,
];
