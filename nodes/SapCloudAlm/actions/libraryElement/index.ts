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
		displayOptions: { show: { resource: ['libraryElement'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities (SAP's Interface and
		// Application Library API pages; calmcp's spelling calm-api.lib.* where a tenant checks that one)
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a library element',
				description:
					'Create an application, configuration, development or interface in the cross-library from a title (and optional description and type code), returned with its uuid; a new element every run, so look the title up with Get Many first (scope calm-api.library.write)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a library element',
				description: 'Delete an element of the chosen cross-library by its UUID; it cannot be undone (scope calm-api.library.delete)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a library element',
				description: 'Get an application, configuration, development or interface of the cross-library by its UUID (scope calm-api.library.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many library elements',
				description: 'List the applications, configurations, developments or interfaces of the cross-library, by OData filter (scope calm-api.library.read)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a library element',
				description:
					"Change an element's title, description or type code by its UUID; SAP refuses elements a user marked for deletion (scope calm-api.library.write)",
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
