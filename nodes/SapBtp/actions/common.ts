/**
 * Parameters shared by several operations and the functions that read them.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';
import { resolveSubaccount, type Subaccount } from '../api/accounts';
import { serviceManagerAccess, smClient, type ServiceManagerClient } from '../api/serviceManager';
import type { BtpSession, SmAccess, SmAccessMode } from '../api/session';
import { requireText, textOf, validateGuid, validateTimeoutSeconds } from '../helpers/validation';

export const GUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const subaccountField: INodeProperties = {
	displayName: 'Subaccount',
	name: 'subaccount',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The subaccount, from the global account of the Cloud Management credential',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSubaccounts', searchable: true },
		},
		{
			displayName: 'By GUID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a01',
			validation: [{ type: 'regex', properties: { regex: `^\\s*${GUID_REGEX}\\s*$`, errorMessage: 'Not a GUID' } }],
		},
		{
			displayName: 'By Subdomain',
			name: 'subdomain',
			type: 'string',
			placeholder: 'e.g. acme-dev',
		},
	],
};

export const smAccessOptions = [
	{
		name: 'Derived From Cloud Management Credential',
		value: 'derived',
		description: 'Obtain Service Manager access for the subaccount through the Accounts service (created once, reused)',
	},
	{
		name: 'Service Manager Credential',
		value: 'serviceManagerCredential',
		description: 'Use a Service Manager key (plan subaccount-admin) of one subaccount',
	},
];

export const waitFields: INodeProperties[] = [
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: 'Whether to poll the asynchronous operation until SAP reports it finished',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		default: 600,
		// the editor's bounds; expressions are checked by validateTimeoutSeconds
		typeOptions: { minValue: 1, maxValue: 2147483 },
		description: 'How long to wait for SAP before stopping with an error that says how to resume',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
];

export const includeSecretsField: INodeProperties = {
	displayName: 'Include Secrets',
	name: 'includeSecrets',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the client secret / private key of the binding. Off: they are replaced by a marker, so execution logs never hold them.',
};

export function instanceLocatorField(required = true): INodeProperties {
	return {
		displayName: 'Service Instance',
		name: 'instance',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchInstances', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. cloud-alm-api' },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1d4e7f00-0000-4000-8000-0000000ca1a9',
				validation: [{ type: 'regex', properties: { regex: `^\\s*${GUID_REGEX}\\s*$`, errorMessage: 'Not a GUID' } }],
			},
		],
	};
}

// ------------------------------------------------------------------------------------ readers
export async function readSubaccount(this: IExecuteFunctions, i: number, session: BtpSession): Promise<Subaccount> {
	const locator = this.getNodeParameter('subaccount', i) as INodeParameterResourceLocator;
	const mode = String(locator?.mode ?? 'id');
	const value = textOf(this.getNode(), i, locator?.value, 'Subaccount');
	if (mode === 'id' && value) validateGuid(this.getNode(), i, value, 'Subaccount');
	return await resolveSubaccount(session, i, value, mode);
}

export function readWait(this: IExecuteFunctions, i: number): { wait: boolean; timeoutMs: number } {
	const wait = this.getNodeParameter('waitForCompletion', i, true) as boolean;
	const seconds = this.getNodeParameter('waitTimeout', i, 600) as number;
	return { wait, timeoutMs: validateTimeoutSeconds(this.getNode(), i, seconds) };
}

export interface ItemSmAccess {
	access: SmAccess;
	/** the Service Manager client of this access */
	sm: ServiceManagerClient;
	subaccount?: Subaccount;
}

/** Service Manager access of an item (derived needs the subaccount; credential does not). */
export async function readSmAccess(this: IExecuteFunctions, i: number, session: BtpSession): Promise<ItemSmAccess> {
	const mode = this.getNodeParameter('serviceManagerAccess', i, 'derived') as SmAccessMode;
	if (mode === 'derived') {
		const subaccount = await readSubaccount.call(this, i, session);
		const access = await serviceManagerAccess(session, 'derived', subaccount.guid);
		return { access, sm: smClient(session, access), subaccount };
	}
	const access = await serviceManagerAccess(session, mode);
	return { access, sm: smClient(session, access) };
}

/** The instance a locator names: by id as given, by name looked up (error when absent). */
export async function readInstanceRef(
	this: IExecuteFunctions,
	i: number,
	sm: ServiceManagerClient,
): Promise<{ id: string; name: string }> {
	const locator = this.getNodeParameter('instance', i) as INodeParameterResourceLocator;
	const value = requireText(this.getNode(), i, locator?.value, 'Service Instance');
	if (locator.mode === 'name') {
		const step = 'Find the service instance by name';
		const found = await sm.findInstanceByName(value, step);
		if (!found) {
			// only to explain the miss: a Cloud Foundry or Kyma instance of that name is managed there
			const elsewhere = await sm.findInstancesElsewhere(value, step);
			const platforms = [...new Set(elsewhere.map((x) => String(x.platform_id)))].join(', ');
			const message = elsewhere.length
				? `Service instance "${value}" exists only on platform ${platforms}, not on Service Manager's`
				: `Service instance "${value}" does not exist`;
			throw new NodeOperationError(this.getNode(), message, {
				itemIndex: i,
				description: `Step: ${step}\nField: Service Instance. ${
					elsewhere.length
						? `An instance of that name exists on platform ${platforms}; it is managed there (Cloud Foundry, Kyma), not through the Service Manager API.`
						: 'Check the name, or pick the instance from the list.'
				}`,
			});
		}
		return { id: found.id, name: found.name };
	}
	if (locator.mode === 'id') validateGuid(this.getNode(), i, value, 'Service Instance');
	return { id: value, name: value };
}

/** Plain summary of an instance for outputs. */
export const instanceSummary = (i: IDataObject) => ({
	id: i.id,
	name: i.name,
	ready: i.ready,
	usable: i.usable,
	servicePlanId: i.service_plan_id,
	platformId: i.platform_id,
	lastOperation: i.last_operation
		? { type: (i.last_operation as IDataObject).type, state: (i.last_operation as IDataObject).state }
		: undefined,
	createdAt: i.created_at,
	updatedAt: i.updated_at,
	labels: i.labels,
});

/** "Service Manager Access" plus the subaccount it needs when derived. */
export const smAccessProperties: INodeProperties[] = [
	{
		displayName: 'Service Manager Access',
		name: 'serviceManagerAccess',
		type: 'options',
		default: 'derived',
		options: smAccessOptions,
	},
	{ ...subaccountField, displayOptions: { show: { serviceManagerAccess: ['derived'] } } },
];
