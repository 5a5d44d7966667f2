import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * n8n's own public REST API (API key in `X-N8N-API-KEY`, n8n docs "Authentication" of the public
 * API), for the SAP BTP node's key hand-off: Service Binding → Rotate writes the new key into an
 * n8n credential. n8n's built-in "n8n API" credential (`n8nApi`) has the same two fields, but a
 * community node may only declare credentials of its own package (lint rule
 * @n8n/community-nodes/no-credential-reuse), hence this one.
 */
export class SapN8nApi implements ICredentialType {
	name = 'sapN8nApi';

	displayName = 'SAP Key Hand-Off API';

	icon = { light: 'file:../icons/sapBtp.svg', dark: 'file:../icons/sapBtp.dark.svg' } as const;

	documentationUrl = 'https://docs.n8n.io/api/authentication/';

	properties: INodeProperties[] = [
		{
			displayName:
				'An API key of this n8n instance (Settings → n8n API) with the scopes credential:create and credential:update. The SAP BTP node writes rotated SAP Cloud ALM API keys into n8n credentials with it.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://<name>.app.n8n.cloud/api/v1',
			description: "The public API URL of this n8n instance, ending in /api/v1 (e.g. http://localhost:5678/api/v1)",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-N8N-API-KEY': '={{$credentials.apiKey}}' } },
	};

	// the schema of the credential type the hand-off writes: needs only a valid key
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/credentials/schema/sapCloudAlmApi' },
	};
}
