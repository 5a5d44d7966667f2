import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as list from './list.operation';

export { get, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['libraryElement'] } },
		// SAP documents create, update and delete too (Interface Library API); the node reads for now
		options: [
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
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];
