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
import { cloudAlmKeyFromCredentials } from '../nodes/shared/serviceKeys';

function target(credentials: ICredentialDataDecryptedObject): KeyTarget {
	const key = cloudAlmKeyFromCredentials(credentials);
	return {
		credentialName: 'SAP Cloud ALM API',
		uaa: key.uaa,
		bases: [{ url: key.apiUrl, field: 'endpoints.Api' }],
	};
}

/**
 * SAP Cloud ALM API: the binding of a `SAPCloudALMAPIs`/`standard` instance (SAP-docs/cloud-alm-
 * setup-admin-guide binding-credentials-of-the-sap-cloud-alm-api-service-instance-6c734bd.md).
 * Requests may use paths relative to `endpoints.Api` (e.g. `/calm-projects/v1/projects`); the
 * HTTP Request node must pass full URLs on that host.
 */
export class SapCloudAlmApi implements ICredentialType {
	name = 'sapCloudAlmApi';

	displayName = 'SAP Cloud ALM API';

	icon = { light: 'file:../icons/sapCloudAlm.svg', dark: 'file:../icons/sapCloudAlm.dark.svg' } as const;

	documentationUrl = 'https://help.sap.com/docs/cloud-alm/apis/enabling-sap-cloud-alm-api';

	/** Offered as a predefined credential in n8n's HTTP Request node, for Cloud ALM APIs the node does not cover. */
	httpRequestNode = {
		name: 'SAP Cloud ALM',
		docsUrl: 'https://help.sap.com/docs/cloud-alm/setup-administration/enabling-sap-cloud-alm-api',
		apiBaseUrlPlaceholder: 'https://<tenant>.<region>.alm.cloud.sap/api/calm-tasks/v1/tasks',
	};

	properties: INodeProperties[] = [
		{
			// where the key comes from: users of the SAP BTP node have it one step away
			displayName:
				"Get the key with the SAP BTP node: Cloud ALM API → Enable (Include Secrets on) returns it as serviceKey; paste that JSON here. Or create a service key of the SAPCloudALMAPIs instance in the SAP BTP cockpit. The instance's scopes (xs-security authorities, e.g. calm-api.tasks.write) decide which operations work.",
			name: 'keyNotice',
			type: 'notice',
			default: '',
		},
		...inputModeProperties(
			'The binding (or service key) of the SAPCloudALMAPIs instance, as JSON: endpoints.Api and the uaa block',
			'{ "endpoints": { "Api": "https://…alm.cloud.sap/api" }, "uaa": { … } }',
		),
		urlField('API URL', 'apiUrl', 'The endpoints.Api of the key', 'https://<tenant>.<region>.alm.cloud.sap/api'),
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
			url: '/calm-projects/v1/projects',
			headers: { [CREDENTIAL_TEST_HEADER]: '1' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The token was issued, but the Cloud ALM API rejected it (HTTP 401): endpoints.Api and the uaa block come from different tenants. Paste the whole binding again.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token works, but it lacks the scope calm-api.projects.read (missing scope, HTTP 403). Add $XSMASTERAPPNAME.calm-api.projects.read to the authorities of the SAPCloudALMAPIs instance (xs-security) and create a new binding.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Wrong API URL: endpoints.Api has no /calm-projects/v1/projects (HTTP 404). It must be the Api URL of the key, ending in /api.',
				},
			},
		],
	};
}
