/**
 * Cloud ALM API → Inventory: every Cloud ALM API instance and key across the global account's
 * subaccounts (or the chosen ones), one item per binding and per instance without bindings. The
 * reading itself is procedures/cloudAlmInventory.ts; this file holds the fields and reads them.
 */
import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { listSubaccounts, resolveSubaccount, type Subaccount } from '../../api/accounts';
import type { BtpSession } from '../../api/session';
import { textOf } from '../../helpers/validation';
import { cloudAlmInventory } from '../../procedures/cloudAlmInventory';
import { rolesNotice } from '../fields';

const properties: INodeProperties[] = [
	rolesNotice,
	{
		displayName: 'Subaccounts',
		name: 'subaccountScope',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Subaccounts', value: 'all', description: 'Every subaccount of the global account of the Cloud Management credential' },
			{ name: 'Chosen Subaccounts', value: 'chosen', description: 'Only the subaccounts listed below' },
		],
		description: 'Which subaccounts to read. Service Manager access is derived per subaccount through the Cloud Management credential.',
	},
	{
		displayName: 'Subaccount GUIDs or Subdomains',
		name: 'subaccountList',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. acme-calm, 7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a01',
		description: 'Comma-separated GUIDs or subdomains of subaccounts of the global account',
		displayOptions: { show: { subaccountScope: ['chosen'] } },
	},
	{
		displayName: 'Only Entitled Subaccounts',
		name: 'onlyEntitled',
		type: 'boolean',
		default: true,
		description:
			'Whether to read only subaccounts that have SAPCloudALMAPIs/standard assigned (one Entitlements call). Others cannot hold a Cloud ALM API instance, and reading them would create Service Manager access there.',
	},
	{
		displayName: 'Read Scopes From Tokens',
		name: 'readScopesFromTokens',
		type: 'boolean',
		default: false,
		description:
			'Whether to fetch one token per key to report the scopes it grants (SAP cannot read back a Cloud ALM API instance\'s parameters). Off: scopes are "unknown". The token is never output.',
	},
	{
		displayName: 'Certificate Warning Days',
		name: 'expiryWarningDays',
		type: 'number',
		default: 30,
		typeOptions: { minValue: 0 },
		description: 'X.509 keys whose certificate ends within this many days are flagged (certificateExpiresSoon)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['cloudAlmApi'], operation: ['inventory'] } }, properties);

/** The chosen subaccounts, each checked against the global account before anything is read. */
async function readSubaccounts(this: IExecuteFunctions, i: number, session: BtpSession): Promise<Subaccount[]> {
	const scope = this.getNodeParameter('subaccountScope', i, 'all') as string;
	if (scope !== 'chosen') return await listSubaccounts(session);
	const text = textOf(this.getNode(), i, this.getNodeParameter('subaccountList', i, ''), 'Subaccount GUIDs or Subdomains');
	const values = [...new Set(text.split(',').map((v) => v.trim()).filter(Boolean))];
	if (!values.length) {
		throw new NodeOperationError(this.getNode(), 'Subaccount GUIDs or Subdomains is empty', {
			itemIndex: i,
			description: 'Field: Subaccount GUIDs or Subdomains. Enter one or more GUIDs or subdomains, separated by commas, or choose All Subaccounts.',
		});
	}
	const found: Subaccount[] = [];
	for (const value of values) {
		const s = await resolveSubaccount(session, i, value, 'id').catch((error: NodeOperationError) => {
			error.description = (error.description ?? '').replace('Field: Subaccount.', 'Field: Subaccount GUIDs or Subdomains.');
			throw error;
		});
		if (!found.some((f) => f.guid === s.guid)) found.push(s);
	}
	return found;
}

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject[]> {
	const days = this.getNodeParameter('expiryWarningDays', i, 30) as number;
	if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
		throw new NodeOperationError(this.getNode(), `Certificate Warning Days must be a number of 0 or more (got ${String(days)})`, {
			itemIndex: i,
			description: 'Field: Certificate Warning Days. Enter e.g. 30.',
		});
	}
	const subaccounts = await readSubaccounts.call(this, i, session);
	const result = await cloudAlmInventory(session, {
		subaccounts,
		onlyEntitled: this.getNodeParameter('onlyEntitled', i, true) as boolean,
		readScopesFromTokens: this.getNodeParameter('readScopesFromTokens', i, false) as boolean,
		expiryWarningDays: days,
	});
	if (i === 0) {
		this.addExecutionHints({
			message: `Inventory: ${result.items.length} key(s) and instance(s) in ${result.visited} subaccount(s); ${result.skipped.length} subaccount(s) skipped (no SAPCloudALMAPIs/standard assigned).`,
			location: 'outputPane',
		});
	}
	return result.items;
}
