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
import { destinationKeyFromCredentials } from '../nodes/shared/serviceKeys';

function target(credentials: ICredentialDataDecryptedObject): KeyTarget {
	const key = destinationKeyFromCredentials(credentials);
	return {
		credentialName: 'SAP BTP Destination Service API',
		uaa: key.uaa,
		bases: [{ url: key.destinationUrl, field: 'uri' }],
	};
}

/**
 * SAP BTP Destination Service API: a service key of a Destination service instance (plan `lite`)
 * in the subaccount whose destinations it manages — for SAP BTP → Cloud ALM API → Connect Cloud
 * ALM to n8n, the Cloud ALM subaccount. The key's `url` gives the token, `uri` is the service
 * (SAP-docs/btp-connectivity calling-the-destination-service-rest-api-84c5d38.md). Relative paths
 * (`/destination-configuration/v1/…`) go to `uri`.
 */
export class SapBtpDestinationServiceApi implements ICredentialType {
	name = 'sapBtpDestinationServiceApi';

	displayName = 'SAP BTP Destination Service API';

	icon = { light: 'file:../icons/sapBtp.svg', dark: 'file:../icons/sapBtp.dark.svg' } as const;

	documentationUrl = 'https://help.sap.com/docs/connectivity/sap-btp-connectivity-cf/calling-destination-service-rest-api';

	properties: INodeProperties[] = [
		...inputModeProperties(
			'A service key of the destination instance in the Cloud ALM subaccount, as JSON: uri, url, clientid, clientsecret (or certurl, certificate, key)',
			'{ "clientid": "…", "clientsecret": "…", "uri": "https://destination-configuration.cfapps.<region>.hana.ondemand.com", "url": "…" }',
		),
		urlField(
			'Destination Service URL',
			'destinationUrl',
			'The uri of the key',
			'https://destination-configuration.cfapps.<region>.hana.ondemand.com',
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
			url: '/destination-configuration/v1/subaccountDestinations',
			headers: { [CREDENTIAL_TEST_HEADER]: '1' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The token was issued, but the Destination service rejected it (HTTP 401): uri and the client come from different keys. Paste the whole key again.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The token was not accepted by the Destination service (HTTP 403): paste a key of a destination instance, not of another service.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Wrong Destination service URL: uri has no /destination-configuration/v1/subaccountDestinations (HTTP 404). Copy uri again from the key.',
				},
			},
		],
	};
}
