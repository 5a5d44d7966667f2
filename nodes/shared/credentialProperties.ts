/**
 * The credential fields shared by the three SAP credentials: "Paste Service Key JSON" (default)
 * or "Enter Fields", the XSUAA client fields, and the hidden expirable token n8n keeps encrypted
 * and refreshes after a 401.
 */
import type { INodeProperties } from 'n8n-workflow';

const inJsonMode = { show: { inputMode: ['json'] } };
const inFieldsMode = { show: { inputMode: ['fields'] } };

export function inputModeProperties(keyDescription: string, keyPlaceholder: string): INodeProperties[] {
	return [
		{
			displayName: 'Input Mode',
			name: 'inputMode',
			type: 'options',
			options: [
				{ name: 'Paste Service Key JSON', value: 'json', description: 'Paste the whole key or binding as the cockpit shows it' },
				{ name: 'Enter Fields', value: 'fields', description: 'Enter URL, client ID and secret (or certificate) one by one' },
			],
			default: 'json',
		},
		{
			displayName: 'Service Key JSON',
			name: 'serviceKey',
			type: 'string',
			typeOptions: { password: true, rows: 10 },
			default: '',
			required: true,
			placeholder: keyPlaceholder,
			description: keyDescription,
			displayOptions: inJsonMode,
		},
	];
}

/** A URL field of the "Enter Fields" mode (API base URLs). */
export function urlField(displayName: string, name: string, description: string, placeholder: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description,
		displayOptions: inFieldsMode,
	};
}

/** XSUAA client fields of the "Enter Fields" mode: client secret or X.509 certificate. */
export function xsuaaFieldProperties(tokenUrlSource: string, certUrlSource: string): INodeProperties[] {
	const secretMode = { show: { inputMode: ['fields'], authType: ['secret'] } };
	const x509Mode = { show: { inputMode: ['fields'], authType: ['x509'] } };
	return [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'Client Secret', value: 'secret' },
				{ name: 'X.509 Certificate', value: 'x509', description: 'Binding created with credential-type x509' },
			],
			default: 'secret',
			displayOptions: inFieldsMode,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The clientid of the key',
			displayOptions: inFieldsMode,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The clientsecret of the key',
			displayOptions: secretMode,
		},
		{
			displayName: 'Token Server URL',
			name: 'uaaUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://<subdomain>.authentication.<region>.hana.ondemand.com',
			description: `${tokenUrlSource} of the key; the token is requested from this URL + /oauth/token`,
			displayOptions: secretMode,
		},
		{
			displayName: 'Certificate Token Server URL',
			name: 'uaaCertUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://<subdomain>.authentication.cert.<region>.hana.ondemand.com',
			description: `${certUrlSource} of the key; the token is requested from this URL + /oauth/token over mutual TLS`,
			displayOptions: x509Mode,
		},
		{
			displayName: 'Certificate',
			name: 'certificate',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			required: true,
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: 'The certificate of the key (PEM)',
			displayOptions: x509Mode,
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 6 },
			default: '',
			required: true,
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: 'The key of the key (PEM private key of the certificate)',
			displayOptions: x509Mode,
		},
	];
}

/** Hidden token: n8n calls preAuthentication while it is empty or after a 401, then stores it encrypted. */
export const ACCESS_TOKEN_PROPERTY: INodeProperties = {
	displayName: 'Access Token',
	name: 'accessToken',
	type: 'hidden',
	typeOptions: { expirable: true, password: true },
	default: '',
};

/** Hidden: which key the stored token was issued for (a hash; see keyFingerprint). */
export const ACCESS_TOKEN_FOR_PROPERTY: INodeProperties = {
	displayName: 'Access Token Issued For',
	name: 'accessTokenFor',
	type: 'hidden',
	typeOptions: { password: true },
	default: '',
};
