import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as cloudAlmApi from './actions/cloudAlmApi';
import * as entitlement from './actions/entitlement';
import { DEFAULT_CONCURRENCY, router } from './actions/router';
import * as serviceBinding from './actions/serviceBinding';
import * as serviceInstance from './actions/serviceInstance';
import { DEFAULT_SM_ACCESS_BINDING } from './api/session';
import * as listSearch from './methods/listSearch';
import { checkWebhookCredential } from '../shared/webhookCredentialTest';

export class SapBtp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP BTP',
		name: 'sapBtp',
		icon: { light: 'file:../../icons/sapBtp.svg', dark: 'file:../../icons/sapBtp.dark.svg' },
		group: ['transform'],
		// 2: Return All defaults to off (n8n's default); 1 keeps returning whole lists for saved workflows
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Enable the SAP Cloud ALM API on SAP BTP: entitlements, service instances, bindings, or the whole procedure in one step',
		defaults: { name: 'SAP BTP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'sapBtpCloudManagementApi',
				required: true,
				// not needed when instances/bindings are managed with a Service Manager credential alone,
				// nor to write a destination (the Destination service key below)
				displayOptions: { hide: { serviceManagerAccess: ['serviceManagerCredential'], operation: ['connectN8n'] } },
			},
			{
				name: 'sapBtpDestinationServiceApi',
				required: true,
				displayOptions: { show: { operation: ['connectN8n'] } },
			},
			{
				// the user and password the SAP Cloud ALM Trigger checks: Connect writes them into the destination
				name: 'sapCloudAlmWebhookApi',
				required: true,
				testedBy: 'checkWebhookCredential',
				displayOptions: { show: { resource: ['cloudAlmApi'], operation: ['connectN8n'], webhookAuthentication: ['basic'] } },
			},
			{
				// the key hand-off of Service Binding → Rotate (n8n's public API)
				name: 'sapN8nApi',
				required: true,
				displayOptions: { show: { resource: ['serviceBinding'], operation: ['rotate'], handOff: ['create', 'update'] } },
			},
			{
				name: 'sapBtpServiceManagerApi',
				required: true,
				displayOptions: { show: { serviceManagerAccess: ['serviceManagerCredential', 'serviceManagerCredentialWithCis'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Cloud ALM API', value: 'cloudAlmApi', description: 'The whole procedure "Enabling SAP Cloud ALM API" in one step' },
					{ name: 'Entitlement', value: 'entitlement', description: 'Service plans assigned to a subaccount (Entitlements service)' },
					{ name: 'Service Binding', value: 'serviceBinding', description: 'Keys of a service instance, e.g. a SAP Cloud ALM API credential (Service Manager)' },
					{ name: 'Service Instance', value: 'serviceInstance', description: 'Service instances of a subaccount (Service Manager)' },
				],
				default: 'cloudAlmApi',
			},
			...cloudAlmApi.description,
			...entitlement.description,
			...serviceInstance.description,
			...serviceBinding.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						default: DEFAULT_CONCURRENCY,
						typeOptions: { minValue: 1 },
						description:
							'How many items run at the same time. Their waits for SAP overlap; a shared rate-limit budget keeps SAP\'s limits (e.g. 50 instance creations per minute).',
					},
					{
						displayName: 'Plan Grace Period (Seconds)',
						name: 'planGracePeriod',
						type: 'number',
						default: 60,
						typeOptions: { minValue: 0, maxValue: 2147483 },
						description: 'How long to keep trying when Service Manager does not list a plan yet right after it was entitled',
					},
					{
						displayName: 'Request Timeout (Seconds)',
						name: 'requestTimeout',
						type: 'number',
						default: 60,
						typeOptions: { minValue: 1, maxValue: 2147483 },
						description: 'Timeout of one HTTP call; a call that times out is retried if repeating it is safe',
					},
					{
						displayName: 'Service Manager Access Binding Name',
						name: 'serviceManagerAccessBindingName',
						type: 'string',
						default: DEFAULT_SM_ACCESS_BINDING,
						description:
							'Name of the Service Manager binding the node creates once per subaccount through the Accounts service (derived access) and reuses afterwards',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: { checkWebhookCredential },
		listSearch: {
			searchSubaccounts: listSearch.searchSubaccounts,
			searchOfferings: listSearch.searchOfferings,
			searchPlans: listSearch.searchPlans,
			searchInstances: listSearch.searchInstances,
			searchBindings: listSearch.searchBindings,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
