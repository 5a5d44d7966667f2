import type { INodeProperties } from 'n8n-workflow';
import { CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN } from '../../helpers/xsSecurity';

export const servicePlanFields: INodeProperties[] = [
	{
		displayName: 'Service Name',
		name: 'serviceName',
		type: 'string',
		default: CLOUD_ALM_OFFERING,
		required: true,
		description: 'Technical name of the service (Entitlements "serviceName")',
	},
	{
		displayName: 'Plan Name',
		name: 'planName',
		type: 'string',
		default: CLOUD_ALM_PLAN,
		required: true,
		description: 'Technical name of the plan (Entitlements "servicePlanName")',
	},
];

export const planUniqueIdentifierField: INodeProperties = {
	displayName: 'Plan Unique Identifier',
	name: 'planUniqueIdentifier',
	type: 'string',
	default: '',
	placeholder: 'e.g. hana-cloud-hana',
	description:
		'Only when the global account has several plans of this name (SAP then answers "Specify the unique identifier of the plan"): the plan\'s uniqueIdentifier (Entitlements "servicePlanUniqueIdentifier"). Leave empty otherwise.',
};
