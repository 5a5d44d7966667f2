import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getProperties from './getProperties.operation';
import * as list from './list.operation';

export { get, getProperties, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['landscapeObject'] } },
		// SAP publishes the landscape API read-only: reads are all there is to offer
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a landscape object',
				description: 'Get a technical system, cloud service or business service by its lmsId (scope calm-api.landscape.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many landscape objects',
				description: 'List the systems, cloud services and business services of the landscape, by type, role, name or SID (scope calm-api.landscape.read)',
			},
			{
				name: 'Get Properties',
				value: 'getProperties',
				action: 'Get the properties of a landscape object',
				description: 'Get the properties of a technical system or cloud service, e.g. its SID or tenant (scope calm-api.landscape.read)',
			},
		],
		default: 'list',
	},
	...get.description,
	...getProperties.description,
	...list.description,
];
