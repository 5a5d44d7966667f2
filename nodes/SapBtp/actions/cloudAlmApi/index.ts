import type { INodeProperties } from 'n8n-workflow';
import * as enable from './enable.operation';

export { enable };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cloudAlmApi'] } },
		options: [
			{
				name: 'Enable',
				value: 'enable',
				description:
					'Entitle, create or update the instance, create or reuse the binding and verify it, for one subaccount per item',
				// "SAP Cloud ALM" is a product name: the sentence-case rule would lowercase "Cloud"
				// eslint-disable-next-line n8n-nodes-base/node-param-operation-option-action-miscased
				action: 'Enable SAP Cloud ALM API for a subaccount',
			},
		],
		default: 'enable',
	},
	...enable.description,
];
