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
		displayOptions: { show: { resource: ['document'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a document',
				description: 'Create a document of a project (scope calm-api.documents.write)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a document',
				description: 'Delete a document by its UUID; it cannot be undone (scope calm-api.documents.delete)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a document',
				description: 'Get a document by its UUID (scope calm-api.documents.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many documents',
				description: 'List documents, by project or OData filter (scope calm-api.documents.read)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a document',
				description: "Update a document's title, content, type or status (scope calm-api.documents.write)",
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
