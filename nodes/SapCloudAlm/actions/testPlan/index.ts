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
		displayOptions: { show: { resource: ['testPlan'] } },
		// SAP's Test Plans API is beta and read-only (CALM_TM_PLAN; SAP's scope table lists testplans.read only)
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a test plan',
				description: 'Get a test plan by its UUID; beta API (scope calm-api.testplans.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many test plans',
				description: 'List test plans, by project or OData filter; beta API (scope calm-api.testplans.read)',
			},
		],
		default: 'list',
	},
	...get.description,
	...list.description,
];
