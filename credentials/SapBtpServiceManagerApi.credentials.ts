import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { authenticateWithKey, CREDENTIAL_TEST_HEADER, fetchTokenForKey, type KeyTarget } from '../nodes/shared/credentialAuth';
import {
	ACCESS_TOKEN_FOR_PROPERTY,
	ACCESS_TOKEN_PROPERTY,
	inputModeProperties,
	urlField,
	xsuaaFieldProperties,
} from '../nodes/shared/credentialProperties';
import { serviceManagerKeyFromCredentials } from '../nodes/shared/serviceKeys';

function target(credentials: ICredentialDataDecryptedObject): KeyTarget {
	const key = serviceManagerKeyFromCredentials(credentials);
	return {
		credentialName: 'SAP BTP Service Manager API',
		uaa: key.uaa,
		bases: [{ url: key.smUrl, field: 'sm_url' }],
	};
}

/**
 * SAP BTP Service Manager API: a key of the `service-manager` `subaccount-admin` plan, with a
 * client secret or X.509 (SAP-docs/btp-service-manager create-a-sap-service-manager-instance-and-
 * binding-1ca5bbe.md); also the key CIS returns from `serviceManagerBindings`.
 * Relative paths (`/v1/service_instances`) go to `sm_url`.
 */
export class SapBtpServiceManagerApi implements ICredentialType {
	name = 'sapBtpServiceManagerApi';

	displayName = 'SAP BTP Service Manager API';

	icon = { light: 'file:../icons/sapBtp.svg', dark: 'file:../icons/sapBtp.dark.svg' } as const;

	documentationUrl = 'https://help.sap.com/docs/service-manager/sap-service-manager/sap-service-manager';

	properties: INodeProperties[] = [
		...inputModeProperties(
			'The service key of a service-manager instance (plan subaccount-admin), as JSON: sm_url, url, clientid, clientsecret (or certurl, certificate, key)',
			'{ "clientid": "…", "clientsecret": "…", "sm_url": "…", "url": "…", "xsappname": "…" }',
		),
		urlField(
			'Service Manager URL',
			'smUrl',
			'The sm_url of the key',
			'https://service-manager.cfapps.<region>.hana.ondemand.com',
		),
		...xsuaaFieldProperties('url', 'certurl'),
		ACCESS_TOKEN_PROPERTY,
		ACCESS_TOKEN_FOR_PROPERTY,
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await fetchTokenForKey(this, target(credentials));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authenticateWithKey(credentials, requestOptions, target(credentials));
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/v1/service_offerings',
			qs: { max_items: 1 },
			headers: { [CREDENTIAL_TEST_HEADER]: '1' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The token was issued, but Service Manager rejected it (HTTP 401): sm_url and the client come from different keys. Paste the whole key again.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token works, but it lacks the scope subaccount.service_offering.read (missing scope, HTTP 403). Use a key of the service-manager "subaccount-admin" plan.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Wrong Service Manager URL: sm_url has no /v1/service_offerings (HTTP 404). Copy sm_url again from the key.',
				},
			},
		],
	};
}
