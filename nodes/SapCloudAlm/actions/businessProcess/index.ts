import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export { create, del as delete, get, list, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['businessProcess'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a business process',
				description: 'Create a business process, or return the one of the same name (names are unique); looking it up needs read too (scope calm-api.processauthoring.write)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a business process',
				description: 'Delete a business process without custom processes; reading its ETag first needs read too (scope calm-api.processauthoring.write)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a business process',
				description: 'Get a business process by its ID (scope calm-api.processauthoring.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many business processes',
				description: 'List the business processes of Process Authoring, optionally by name (scope calm-api.processauthoring.read)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a business process',
				description: 'Change the name or description of a business process; reading its ETag first needs read too (scope calm-api.processauthoring.write)',
			},
		],
		default: 'list',
	},
	...create.description,
	...del.description,
	...get.description,
	...list.description,
	...update.description,
];
