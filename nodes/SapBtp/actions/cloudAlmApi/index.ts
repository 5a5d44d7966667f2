import type { INodeProperties } from 'n8n-workflow';
import * as connectN8n from './connectN8n.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as inventory from './inventory.operation';

export { connectN8n, disable, enable, inventory };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cloudAlmApi'] } },
		options: [
			{
				// "n8n" is a product name, which the title-case rule would capitalise
				// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
				name: 'Connect Cloud ALM to n8n',
				value: 'connectN8n',
				description:
					'Create or update the destination in the Cloud ALM subaccount that points at an n8n webhook, and list the steps left in Cloud ALM',
				// eslint-disable-next-line n8n-nodes-base/node-param-operation-option-action-miscased
				action: 'Connect SAP Cloud ALM to n8n',
			},
			{
				name: 'Disable',
				value: 'disable',
				description:
					'Delete the keys and instance this node created (and optionally the entitlement), never SAP\'s or anyone else\'s; says what it left and why',
				// "SAP Cloud ALM" is a product name: the sentence-case rule would lowercase "Cloud"
				// eslint-disable-next-line n8n-nodes-base/node-param-operation-option-action-miscased
				action: 'Disable SAP Cloud ALM API for a subaccount',
			},
			{
				name: 'Enable',
				value: 'enable',
				description:
					'Entitle, create or update the instance, create or reuse the binding and verify it, for one subaccount per item',
				// "SAP Cloud ALM" is a product name: the sentence-case rule would lowercase "Cloud"
				// eslint-disable-next-line n8n-nodes-base/node-param-operation-option-action-miscased
				action: 'Enable SAP Cloud ALM API for a subaccount',
			},
			{
				name: 'Inventory',
				value: 'inventory',
				description:
					'List every Cloud ALM API instance and key across the subaccounts: who created it (SAP, this node, someone else), credential type, age, certificate end, scopes, last rotation',
				// eslint-disable-next-line n8n-nodes-base/node-param-operation-option-action-miscased
				action: 'List SAP Cloud ALM API keys across subaccounts',
			},
		],
		default: 'enable',
	},
	...enable.description,
	...inventory.description,
	...disable.description,
	...connectN8n.description,
];
