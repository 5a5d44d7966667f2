import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { tokenRequest } from '../nodes/shared/tokenDestination';

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

	// The API key follows the project's one rule for credentials (nodes/shared/tokenDestination): only
	// to the Base URL's origin, over https or loopback http, whatever option the caller set (`url`,
	// `uri`, `baseURL`), never following a redirect; also when n8n's HTTP Request node uses this credential.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const base = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
		const options = tokenRequest(
			{ ...requestOptions, headers: { ...(requestOptions.headers ?? {}) } } as IHttpRequestOptions & { uri?: unknown },
			[{ url: base, field: 'Base URL' }],
			'the SAP Key Hand-Off API credential',
		);
		(options.headers as Record<string, unknown>)['X-N8N-API-KEY'] = String(credentials.apiKey ?? '');
		return options;
	}

	// the schema of the credential type the hand-off writes: needs only a valid key
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/credentials/schema/sapCloudAlmApi' },
	};
}
