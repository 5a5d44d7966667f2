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
import { cloudManagementKeyFromCredentials } from '../nodes/shared/serviceKeys';

function target(credentials: ICredentialDataDecryptedObject): KeyTarget {
	const key = cloudManagementKeyFromCredentials(credentials);
	return {
		credentialName: 'SAP BTP Cloud Management API',
		uaa: key.uaa,
		bases: [
			{ url: key.accountsUrl, field: 'endpoints.accounts_service_url', pathPrefix: '/accounts/' },
			{ url: key.entitlementsUrl, field: 'endpoints.entitlements_service_url', pathPrefix: '/entitlements/' },
			// the Events service (SAP BTP Trigger): same key and token, its own host
			...(key.eventsUrl ? [{ url: key.eventsUrl, field: 'endpoints.events_service_url', pathPrefix: '/cloud-management/' }] : []),
		],
		// Configure Entitlement is what this credential is for; a central-viewer key can only read.
		requiredScopes: {
			scopes: ['global-account.entitlement.subaccount.update'],
			fix: 'This looks like a cis "central-viewer" key: it can read, but cannot assign entitlements. Paste a key of the cis "central" plan (created with {"grantType": "clientCredentials"}).',
		},
	};
}

/**
 * SAP BTP Cloud Management API: a `cis` `central` service key with the client-credentials grant
 * (SAP-docs/btp-cloud-platform sap-cloud-management-service-service-plans-a508b72.md and
 * getting-an-access-token-for-sap-cloud-management-service-apis-3670474.md). Relative paths go to
 * the Accounts service (`/accounts/…`, the default) or the
 * Entitlements service (`/entitlements/…`).
 */
export class SapBtpCloudManagementApi implements ICredentialType {
	name = 'sapBtpCloudManagementApi';

	displayName = 'SAP BTP Cloud Management API';

	icon = { light: 'file:../icons/sapBtp.svg', dark: 'file:../icons/sapBtp.dark.svg' } as const;

	documentationUrl = 'https://help.sap.com/docs/btp/sap-business-technology-platform/getting-access-token-for-sap-cloud-management-service-apis';

	properties: INodeProperties[] = [
		...inputModeProperties(
			'The service key of a cis instance of plan "central" (grantType clientCredentials), as JSON',
			'{ "endpoints": { "accounts_service_url": "…", "entitlements_service_url": "…" }, "uaa": { … } }',
		),
		urlField(
			'Accounts Service URL',
			'accountsUrl',
			'The endpoints.accounts_service_url of the key',
			'https://accounts-service.cfapps.<region>.hana.ondemand.com',
		),
		urlField(
			'Entitlements Service URL',
			'entitlementsUrl',
			'The endpoints.entitlements_service_url of the key',
			'https://entitlements-service.cfapps.<region>.hana.ondemand.com',
		),
		{
			displayName: 'Events Service URL',
			name: 'eventsUrl',
			type: 'string',
			default: '',
			placeholder: 'https://events-service.cfapps.<region>.hana.ondemand.com',
			description: 'The endpoints.events_service_url of the key (only the SAP BTP Trigger needs it)',
			displayOptions: { show: { inputMode: ['fields'] } },
		},
		...xsuaaFieldProperties('uaa.url', 'uaa.certurl'),
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
			url: '/accounts/v1/subaccounts',
			headers: { [CREDENTIAL_TEST_HEADER]: '1' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The token was issued, but the Accounts service rejected it (HTTP 401): the endpoints and the uaa block come from different keys. Paste the whole cis key again.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token works, but it lacks the scope global-account.subaccount.read (missing scope, HTTP 403). Use a key of the cis "central" plan.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Wrong service URL: endpoints.accounts_service_url has no /accounts/v1/subaccounts (HTTP 404). Copy it again from the cis key.',
				},
			},
		],
	};
}
