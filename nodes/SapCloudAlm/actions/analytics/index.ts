import type { INodeProperties } from 'n8n-workflow';
import * as getData from './getData.operation';
import * as getProvider from './getProvider.operation';
import * as listProviders from './listProviders.operation';

export { getData, getProvider, listProviders };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analytics'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Get Data',
				value: 'getData',
				action: 'Get analytics data',
				description:
					"Get a provider's data points, grouped and filtered, or count its records; needs the provider's own read scope too, like calm-api.tasks.read for Tasks (scope calm-api.analytics.read)",
			},
			{
				name: 'Get Many Providers',
				value: 'listProviders',
				action: 'Get many analytics providers',
				description: 'List the analytics data providers (scope calm-api.analytics.read)',
			},
			{
				name: 'Get Provider',
				value: 'getProvider',
				action: 'Get an analytics provider',
				description: "Get a provider's filters, dimensions and measures; needs the provider's own read scope too (scope calm-api.analytics.read)",
			},
		],
		default: 'getData',
	},
	...getData.description,
	...getProvider.description,
	...listProviders.description,
];
