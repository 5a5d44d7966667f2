/**
 * The SAP BTP node's fields that several operations show, each defined once. An operation that
 * needs a variant takes the field and overrides what differs (the reason is written where the
 * variant is defined). Fields of one resource only live in that resource's fields.ts; the readers
 * of these fields live in common.ts.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { limitField, returnAllField } from '../../shared/descriptions';

export const GUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const guidValidation = (errorMessage = 'Not a GUID') => [
	{ type: 'regex' as const, properties: { regex: `^\\s*${GUID_REGEX}\\s*$`, errorMessage } },
];

// ------------------------------------------------------------------------------ subaccount
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
			validation: guidValidation(),
		},
		{
			displayName: 'By Subdomain',
			name: 'subdomain',
			type: 'string',
			placeholder: 'e.g. acme-dev',
		},
	],
};

// ------------------------------------------------------------------ Service Manager access
// The roles are SAP's: "Getting an Access Token for SAP Cloud Management Service APIs" and
// "SAP Cloud Management Service - Service Plans" (SAP-docs/btp-cloud-platform) for cis/central;
// "Role Collections and Roles in Global Accounts, Directories, and Subaccounts" for the
// subaccount administrators who create a service-manager/subaccount-admin key.
const SM_KEY = 'a key of service-manager, plan subaccount-admin, that a subaccount administrator created in this subaccount';

/** Service Manager Access of the single instance and binding operations, and the subaccount it needs when derived. */
export const smAccessProperties: INodeProperties[] = [
	{
		displayName: 'Service Manager Access',
		name: 'serviceManagerAccess',
		type: 'options',
		default: 'derived',
		description: 'How the node reaches Service Manager, which holds the instances and bindings of the subaccount',
		options: [
			{
				name: 'Derived From Cloud Management Credential',
				value: 'derived',
				description:
					'Obtain Service Manager access for the subaccount through the Accounts service (created once, reused). Needs only the Cloud Management credential.',
			},
			{
				name: 'Service Manager Credential',
				// this value hides the Cloud Management credential (SapBtp.node.ts): nothing else is needed
				value: 'serviceManagerCredential',
				description: `Use the Service Manager credential: ${SM_KEY}`,
			},
		],
	},
	{ ...subaccountField, displayOptions: { show: { serviceManagerAccess: ['derived'] } } },
];

/**
 * Enable's variant: its credential choice keeps the Cloud Management credential, which still
 * assigns the entitlement, so it has a value of its own (saved workflows store it) and the
 * subaccount is always shown.
 */
export const enableSmAccessField: INodeProperties = {
	...smAccessProperties[0],
	options: [
		(smAccessProperties[0].options as INodePropertyOptions[])[0],
		{
			name: 'Service Manager Credential',
			value: 'serviceManagerCredentialWithCis',
			description: `Use the Service Manager credential (${SM_KEY}); the Cloud Management credential still assigns the entitlement`,
		},
	],
};

/**
 * Which BTP keys the node takes and which role collections make them. From SAP's "Role
 * Collections and Roles in Global Accounts, Directories, and Subaccounts" (a Global Account
 * Administrator sets entitlements; a Subaccount Service Administrator manages Service Manager
 * instances and bindings of a subaccount) and "Getting an Access Token for SAP Cloud Management
 * Service APIs" (grantType clientCredentials).
 */
export const rolesNotice: INodeProperties = {
	displayName:
		'Keys this needs: the Cloud Management credential is a key of cis, plan central, created with {"grantType": "clientCredentials"} (a Global Account Administrator entitles the plan; a Subaccount Service Administrator of that subaccount creates the instance and key). A Service Manager credential is a key of service-manager, plan subaccount-admin, from a Subaccount Service Administrator of the subaccount it manages.',
	name: 'rolesNotice',
	type: 'notice',
	default: '',
};

// --------------------------------------------------------------------- instance and binding
export function instanceLocatorField(required = true): INodeProperties {
	return {
		displayName: 'Service Instance',
		name: 'instance',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description: 'The service instance of the subaccount, from the list, by name or by ID',
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
				validation: guidValidation(),
			},
		],
	};
}

/** Instance Name; `whenItExists` says what the operation does with an instance of that name (one sentence, no final period). */
export const instanceNameField = (whenItExists: string): INodeProperties => ({
	displayName: 'Instance Name',
	name: 'instanceName',
	type: 'string',
	default: 'cloud-alm-api',
	required: true,
	placeholder: 'e.g. cloud-alm-api',
	description: `At most 32 characters: letters, digits, ".", "_" and "-" (SAP's rule); with the Cloud ALM API template also its xsappname. ${whenItExists}.`,
});

/** Binding Name; `whenItExists` says what the operation does with a binding of that name (one sentence, no final period). */
export const bindingNameField = (whenItExists: string): INodeProperties => ({
	displayName: 'Binding Name',
	name: 'bindingName',
	type: 'string',
	default: 'cloud-alm-api-key',
	required: true,
	placeholder: 'e.g. cloud-alm-api-key',
	description: `Name of the binding (service key) on the instance. ${whenItExists}.`,
});

export const includeSecretsField: INodeProperties = {
	displayName: 'Include Secrets',
	name: 'includeSecrets',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the client secret / private key of the binding. Off: they are replaced by a marker, so execution logs never hold them.',
};

/** How a binding becomes the SAP Cloud ALM node's credential (shown beside Include Secrets). */
export const serviceKeyNotice: INodeProperties = {
	displayName:
		'To call SAP Cloud ALM with this binding: turn on Include Secrets, run once, and paste the output\'s serviceKey into a new SAP Cloud ALM API credential (it takes that JSON as it is)',
	name: 'serviceKeyNotice',
	type: 'notice',
	default: '',
};

// ---------------------------------------------------------------------------------- waiting
export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description: 'Whether to poll the asynchronous operation until SAP reports it finished',
};

export const waitTimeoutField: INodeProperties = {
	displayName: 'Wait Timeout (Seconds)',
	name: 'waitTimeout',
	type: 'number',
	default: 600,
	// the editor's bounds; expressions are checked by validateTimeoutSeconds
	typeOptions: { minValue: 1, maxValue: 2147483 },
	description: 'How long to wait for SAP before stopping with an error that says how to resume',
};

/** Wait for Completion, and its timeout while waiting. */
export const waitFields: INodeProperties[] = [
	waitForCompletionField,
	{ ...waitTimeoutField, displayOptions: { show: { waitForCompletion: [true] } } },
];

// ------------------------------------------------------------------------------ entitlement
export const amountField: INodeProperties = {
	displayName: 'Amount',
	name: 'amount',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0 },
	description:
		'Quota to assign for plans with a numeric quota. 0 = automatic: plans that are switched on (category ELASTIC_SERVICE, APPLICATION, …) get "enable", quota plans keep their amount (at least 1). A non-zero amount is always sent as "amount".',
};

// ---------------------------------------------------------------------------------- lists
/**
 * Return All and Limit. Version 1 returned whole lists by default (Service Manager lists are
 * usually short) and saved workflows rely on it; from version 2 the default is n8n's (a limit).
 */
export const returnAllAndLimitFields: INodeProperties[] = [
	{ ...returnAllField, default: true, displayOptions: { show: { '@version': [1] } } },
	{ ...returnAllField, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } },
	limitField,
];
