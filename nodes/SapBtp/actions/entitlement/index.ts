import type { INodeProperties } from 'n8n-workflow';
import * as configure from './configure.operation';
import * as get from './get.operation';
import * as list from './list.operation';

export { configure, get, list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entitlement'] } },
		options: [
			{
				name: 'Configure',
				value: 'configure',
				description: 'Assign a service plan to a subaccount (no call when already assigned)',
				action: 'Configure an entitlement',
			},
			{ name: 'Get', value: 'get', description: 'Get the assignment of one plan to a subaccount', action: 'Get an entitlement' },
			{ name: 'Get Many', value: 'list', description: 'Get many plans assigned to a subaccount', action: 'Get many entitlements' },
		],
		default: 'configure',
	},
	...configure.description,
	...get.description,
	...list.description,
];
