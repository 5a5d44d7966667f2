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
				// n8n's title-case rule (enforced by its community-package scanner, which ignores
				// eslint-disable comments) would write the product "n8n" as "N8n": the name avoids it
				name: 'Connect Cloud ALM to a Webhook',
				value: 'connectN8n',
				description:
					'Create or update the destination in the Cloud ALM subaccount that points at an n8n webhook, and list the steps left in Cloud ALM',
				// Actions are listed under the resource "Cloud ALM API" in the nodes panel; n8n's sentence-case
				// rule would lowercase "Cloud" of the product name, so the actions do not repeat it
				action: 'Connect to an n8n webhook',
			},
			{
				name: 'Disable',
				value: 'disable',
				description:
					'Delete the keys and instance this node created (and optionally the entitlement), never SAP\'s or anyone else\'s; says what it left and why',
				action: 'Disable the API for a subaccount',
			},
			{
				name: 'Enable',
				value: 'enable',
				description:
					'Entitle, create or update the instance, create or reuse the binding and verify it, for one subaccount per item',
				action: 'Enable the API for a subaccount',
			},
			{
				name: 'Inventory',
				value: 'inventory',
				description:
					'List every Cloud ALM API instance and key across the subaccounts: who created it (SAP, this node, someone else), credential type, age, certificate end, scopes, last rotation',
				action: 'List API keys across subaccounts',
			},
		],
		default: 'enable',
	},
	...enable.description,
	...inventory.description,
	...disable.description,
	...connectN8n.description,
];
