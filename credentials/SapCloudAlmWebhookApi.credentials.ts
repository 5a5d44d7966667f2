import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The user and password a Cloud ALM webhook's destination (BasicAuthentication) sends to the SAP
 * Cloud ALM Trigger. The package's own credential rather than n8n's `httpBasicAuth`: verified
 * community nodes may only use credentials of their own package (@n8n/community-nodes/no-credential-reuse).
 * It authenticates nothing outgoing: the trigger compares incoming Basic auth with it (SAP calls what
 * the webhook serves the "Resource Changes API"). Tested by `checkWebhookCredential` (nodes/shared/webhookCredentialTest.ts), which the trigger and SAP BTP's Connect share.
 */
export class SapCloudAlmWebhookApi implements ICredentialType {
	name = 'sapCloudAlmWebhookApi';

	displayName = 'SAP Cloud ALM Webhook API';

	icon = {
		light: 'file:../icons/sapCloudAlm.svg',
		dark: 'file:../icons/sapCloudAlm.dark.svg',
	} as const;

	documentationUrl =
		'https://support.sap.com/en/alm/sap-cloud-alm/operations/expert-portal/intelligent-event-processing/integration-ticket-systems.html';

	properties: INodeProperties[] = [
		{
			displayName:
				'Cloud ALM sends these with every event: put the same user and password in the BasicAuthentication destination of the Cloud ALM webhook',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];
}
