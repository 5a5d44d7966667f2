import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as publish from './publish.operation';
import * as update from './update.operation';

export { create, del as delete, get, list, publish, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customProcess'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a custom process',
				description: 'Create a custom process (a draft) in a business process, or return the one of the same external ID; looking it up needs read too (scope calm-api.processauthoring.write)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a custom process',
				description: 'Delete a custom process; reading its ETag first needs read too (scope calm-api.processauthoring.write)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a custom process',
				description: 'Get a custom process by its ID (scope calm-api.processauthoring.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many custom processes',
				description: 'List the custom processes, by external ID, business process or status (scope calm-api.processauthoring.read)',
			},
			{
				name: 'Publish',
				value: 'publish',
				action: 'Publish a custom process',
				description: 'Publish a draft; a draft of a published process replaces it; reading its ETag needs read too (scope calm-api.processauthoring.write)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a custom process',
				description: 'Change a custom process, a published one through a new draft; reading its ETag needs read too (scope calm-api.processauthoring.write)',
			},
		],
		default: 'list',
	},
	...create.description,
	...del.description,
	...get.description,
	...list.description,
	...publish.description,
	...update.description,
];
