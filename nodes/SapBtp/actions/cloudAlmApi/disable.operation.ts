/**
 * Cloud ALM API → Disable: deletes what this node created for a subaccount (its keys, then its
 * instance, optionally the entitlement) and never SAP's or anyone else's. The procedure is
 * procedures/disableCloudAlmApi.ts; this file holds the fields, checks them, and shapes the output.
 */
import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { BtpSession, SmAccessMode } from '../../api/session';
import { textOf, validateInstanceName, validateTimeoutSeconds } from '../../helpers/validation';
import { disableCloudAlmApi } from '../../procedures/disableCloudAlmApi';
import { readSubaccount } from '../common';
import { enableSmAccessField, rolesNotice, subaccountField, waitTimeoutField } from '../fields';

const properties: INodeProperties[] = [
	rolesNotice,
	subaccountField,
	enableSmAccessField,
	{
		displayName: 'Instance Name',
		name: 'instanceName',
		type: 'string',
		default: '',
		placeholder: 'e.g. cloud-alm-api',
		description:
			'Only this instance (the one Enable created). Empty: every Cloud ALM API instance of the subaccount; of those, only what this node created is deleted.',
	},
	{
		displayName: 'Binding Names',
		name: 'bindingNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. cloud-alm-api-key',
		description:
			'Comma-separated names of keys this node created to delete; the instances are then kept. Empty: every key this node created, and its instances once they hold no other key.',
	},
	{
		displayName: 'Remove Entitlement',
		name: 'removeEntitlement',
		type: 'boolean',
		default: false,
		description:
			'Whether to lower the SAPCloudALMAPIs/standard entitlement by the instances deleted (never below the instances that remain), and remove it when none remain',
	},
	{ ...waitTimeoutField, description: 'How long to wait for each deletion and for the entitlement job' },
];

export const description = updateDisplayOptions({ show: { resource: ['cloudAlmApi'], operation: ['disable'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const node = this.getNode();
	// ---- every input check before the first call
	const rawInstance = textOf(node, i, this.getNodeParameter('instanceName', i, ''), 'Instance Name');
	const instanceName = rawInstance ? validateInstanceName(node, i, rawInstance) : '';
	const rawBindings = textOf(node, i, this.getNodeParameter('bindingNames', i, ''), 'Binding Names');
	const bindingNames = [...new Set(rawBindings.split(',').map((b) => b.trim()).filter(Boolean))];
	const badName = bindingNames.find((b) => b.length > 100 || /[\s'"]/.test(b));
	if (badName) {
		throw new NodeOperationError(node, `Binding Names: "${badName}" is not a binding name`, {
			itemIndex: i,
			description: 'Field: Binding Names. Names have no spaces or quotes and at most 100 characters; separate them with commas.',
		});
	}
	if (rawBindings && !bindingNames.length) {
		throw new NodeOperationError(node, 'Binding Names holds no name', {
			itemIndex: i,
			description: 'Field: Binding Names. Enter names separated by commas, or leave the field empty for every key this node created.',
		});
	}
	const timeoutMs = validateTimeoutSeconds(node, i, this.getNodeParameter('waitTimeout', i, 600) as number);
	const removeEntitlement = this.getNodeParameter('removeEntitlement', i, false) as boolean;
	const accessMode = this.getNodeParameter('serviceManagerAccess', i, 'derived') as SmAccessMode;
	const subaccount = await readSubaccount.call(this, i, session);

	const result = await disableCloudAlmApi(session, {
		subaccount,
		access: accessMode === 'derived' ? 'derived' : 'serviceManagerCredential',
		instanceName,
		bindingNames,
		removeEntitlement,
		timeoutMs,
	});
	return {
		subaccount: { guid: subaccount.guid, displayName: subaccount.displayName, subdomain: subaccount.subdomain },
		status: result.status,
		deleted: result.deleted as unknown as IDataObject[],
		alreadyAbsent: result.alreadyAbsent as unknown as IDataObject[],
		left: result.left as unknown as IDataObject[],
		entitlement: result.entitlement,
		...(result.deleted.some((d) => d.kind === 'binding')
			? {
					notice:
						'If a deleted key had been uploaded to the Landscape Management app of SAP Cloud ALM, delete it there too: a delete in BTP does not remove it there.',
				}
			: {}),
	};
}
