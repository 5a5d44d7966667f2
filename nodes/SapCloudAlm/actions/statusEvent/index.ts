import type { INodeProperties } from 'n8n-workflow';
import * as list from './list.operation';

export { list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['statusEvent'] } },
		// SAP publishes status events as a read-only (pull) API: there is no create or update to offer
		options: [
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many status events',
				description: 'Get the disruptions, degradations and maintenances of services, in a time window (scope calm-api.bsm.read)',
			},
		],
		default: 'list',
	},
	...list.description,
];
