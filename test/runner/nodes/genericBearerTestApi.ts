/**
 * Test-only credential type with a GENERIC authenticate (`Authorization: '=Bearer {{…}}'`) and a
 * preAuthentication, so the runner's expression-based authenticate path (the one n8n's
 * CLI takes for generic credentials) is exercised too; the package's own credentials use
 * function authenticate.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, IHttpRequestHelper, INodeProperties } from 'n8n-workflow';
import { fetchXsuaaToken } from '../../../nodes/shared/xsuaa';

class GenericBearerTestApi implements ICredentialType {
	name = 'genericBearerTestApi';

	displayName = 'Generic Bearer (test)';

	properties: INodeProperties[] = [
		{ displayName: 'Token Server URL', name: 'uaaUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Access Token', name: 'accessToken', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const token = await fetchXsuaaToken(async (o) => await this.helpers.httpRequest(o), {
			tokenBaseUrl: String(credentials.uaaUrl),
			clientId: String(credentials.clientId),
			clientSecret: String(credentials.clientSecret),
			credentialType: 'binding-secret',
		});
		return { accessToken: token.accessToken };
	}

	authenticate = {
		type: 'generic' as const,
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test = { request: { method: 'GET' as const, url: '/' } };
}

export const genericBearerTestApi = new GenericBearerTestApi();
