/**
 * Reads the service keys / binding credentials a user copies out of the SAP BTP cockpit (or
 * enters field by field) into typed keys. Every problem becomes a ServiceKeyError that names the
 * field and the fix; messages never quote values, so no secret can leak through them.
 *
 * Layouts: the cockpit's binding/key JSON, the same wrapped in `{"credentials": …}` (CF CLI v8,
 * Service Manager binding responses), `uaa`/`endpoints` given as JSON strings (Kubernetes
 * secrets), XSUAA fields flattened to the top level, and the Service Manager key from CIS
 * `serviceManagerBindings` (`certUrl` in camelCase). SAP's sources: the `uaa` block's fields in
 * SAP/cloud-security-services-integration-library java-api/.../config/ServiceConstants.java; the
 * `cis` key in SAP-docs/btp-cloud-platform getting-an-access-token-for-sap-cloud-management-service-
 * apis-3670474.md; the Service Manager key in SAP-docs/btp-service-manager create-a-sap-service-
 * manager-instance-and-binding-1ca5bbe.md and, from CIS, the Accounts Service OpenAPI
 * (SAP/crossplane-provider-btp internal/openapi_clients/btp-accounts-service-api-go/swagger.json);
 * the Cloud ALM key in SAP-docs/cloud-alm-setup-admin-guide binding-credentials-of-the-sap-cloud-
 * alm-api-service-instance-6c734bd.md.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { ServiceKeyError } from './serviceKeyError';
import { tryParseUrl } from './urlSafety';

export { ServiceKeyError } from './serviceKeyError';

export interface XsuaaClient {
	/** base URL of the token server: `uaa.url` (or SM key `url`); token endpoint = tokenBaseUrl + '/oauth/token' */
	tokenBaseUrl: string; // for x509: the certurl
	clientId: string;
	clientSecret?: string; // absent for x509
	certificate?: string; // PEM, x509 only
	privateKey?: string; // PEM, x509 only
	credentialType: string; // 'binding-secret' | 'instance-secret' | 'x509' | ...
}
export interface CloudAlmKey {
	apiUrl: string /* endpoints.Api, no trailing slash */;
	uaa: XsuaaClient;
}
export interface CloudManagementKey {
	accountsUrl: string;
	entitlementsUrl: string;
	/** `endpoints.events_service_url` (CIS Events service); optional: only the SAP BTP Trigger needs it */
	eventsUrl?: string;
	uaa: XsuaaClient;
}
/** A key of a Destination service instance: XSUAA fields at the top level plus `uri`, the service. */
export interface DestinationKey {
	destinationUrl: string;
	uaa: XsuaaClient;
}
export interface ServiceManagerKey {
	smUrl: string;
	uaa: XsuaaClient;
	xsappname?: string;
}

type KeyObject = Record<string, unknown>;

const CREDENTIAL_NAMES = {
	dest: 'SAP BTP Destination Service API',
	calm: 'SAP Cloud ALM API',
	cis: 'SAP BTP Cloud Management API',
	sm: 'SAP BTP Service Manager API',
};

const isObject = (v: unknown): v is KeyObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a JSON string without ever quoting it (JSON.parse messages include parts of the input). */
function parseJsonQuietly(text: string): { ok: true; value: unknown } | { ok: false; position?: number } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch (error) {
		const match = /position (\d+)/.exec(String((error as Error).message));
		return { ok: false, position: match ? Number(match[1]) : undefined };
	}
}

/** A field that may hold a nested object or that object as a JSON string (Kubernetes secrets). */
function nestedObject(value: unknown): KeyObject | undefined {
	if (isObject(value)) return value;
	if (typeof value === 'string' && value.trim().startsWith('{')) {
		const parsed = parseJsonQuietly(value.trim());
		if (parsed.ok && isObject(parsed.value)) return parsed.value;
	}
	return undefined;
}

const OWN_FIELDS = ['uaa', 'endpoints', 'sm_url', 'clientid', 'url', 'certurl', 'certUrl'];

/** Turns pasted text (or an object) into the key object, unwrapping `{"credentials": …}`. */
export function toKeyObject(raw: unknown, credentialName: string): KeyObject {
	let value: unknown = raw;
	if (typeof value === 'string') {
		const text = value.replace(/^\uFEFF/, '').trim();
		if (!text) {
			throw new ServiceKeyError(
				'Service Key',
				`The service key is empty. Paste the whole JSON of the key or binding from the SAP BTP cockpit into the ${credentialName} credential.`,
			);
		}
		const parsed = parseJsonQuietly(text);
		if (!parsed.ok) {
			const where = parsed.position !== undefined ? ` (near character ${parsed.position})` : '';
			throw new ServiceKeyError(
				'Service Key',
				`The service key is not valid JSON${where}. Paste the complete key, from the first { to the last }.`,
			);
		}
		value = parsed.value;
		// a key pasted as a JSON string literal ("{\"uaa\": …}")
		if (typeof value === 'string' && value.trim().startsWith('{')) value = nestedObject(value);
	}
	if (!isObject(value)) {
		throw new ServiceKeyError('Service Key', 'The service key must be a JSON object ({ … }), not a list or a single value.');
	}
	let key = value;
	for (let depth = 0; depth < 3; depth++) {
		const inner = nestedObject(key.credentials);
		if (!inner || OWN_FIELDS.some((f) => key[f] !== undefined)) break;
		key = inner;
	}
	return key;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * Re-wraps a PEM whose line breaks were lost (pasted into a one-line field) or escaped as `\n`.
 * Every block is kept, in the order given: a leaf certificate pasted with its CA chain stays a
 * chain (issue 12 weakness 10), and is sent whole on the mTLS connection.
 */
export function normalizePem(pem: string): string {
	const text = pem.replace(/\\n/g, '\n').trim();
	const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
	if (!blocks.length) return text;
	return blocks
		.map((match) => {
			const lines = match[2].replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
			return `-----BEGIN ${match[1]}-----\n${lines.join('\n')}\n-----END ${match[1]}-----\n`;
		})
		.join('');
}

/**
 * An encrypted private key (PKCS#8 `ENCRYPTED PRIVATE KEY`, or PKCS#1 with `Proc-Type:
 * 4,ENCRYPTED`) cannot be used: the credential has no field for its passphrase.
 */
export const isEncryptedPrivateKey = (pem: string) =>
	/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,\s*ENCRYPTED/i.test(pem.replace(/\\n/g, '\n'));

export const ENCRYPTED_KEY_FIX =
	'Paste the key unencrypted, as PKCS#8 (-----BEGIN PRIVATE KEY-----) or PKCS#1 (-----BEGIN RSA PRIVATE KEY-----), e.g. from "openssl pkey -in key.pem -out plain.pem" (it asks for the passphrase once); the credential is stored encrypted by n8n.';

/** Validates an http(s) URL and drops trailing slashes (and a pasted `/oauth/token`). */
function baseUrl(value: unknown, field: string, fix: string, stripTokenPath = false): string {
	const text = str(value);
	if (!text) throw new ServiceKeyError(field, `${field} is missing. ${fix}`);
	const parsed = tryParseUrl(text);
	if (!parsed) throw new ServiceKeyError(field, `${field} is not a URL. ${fix}`);
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new ServiceKeyError(field, `${field} must start with https://. ${fix}`);
	}
	let url = text.replace(/\/+$/, '');
	if (stripTokenPath) url = url.replace(/\/oauth\/token$/, '');
	return url;
}

type Labels = Partial<Record<'clientid' | 'clientsecret' | 'url' | 'certurl' | 'certificate' | 'key', string>>;

/**
 * Reads an XSUAA client from a `uaa` block (or a Service Manager key, whose XSUAA fields sit at
 * the top level). `prefix` makes field names match the key (`uaa.clientid`); `labels` replaces
 * them with credential field labels for field-by-field input.
 */
function readXsuaa(block: KeyObject, prefix: string, labels: Labels = {}): XsuaaClient {
	const name = (f: keyof Labels) => labels[f] ?? `${prefix}${f}`;
	const again = 'Copy it again from the service key in the SAP BTP cockpit.';
	const clientId = str(block.clientid);
	if (!clientId) throw new ServiceKeyError(name('clientid'), `${name('clientid')} is missing. ${again}`);
	const declaredType = str(block['credential-type']);
	const certificate = str(block.certificate);
	const x509 = Boolean(certificate) || /x509/i.test(declaredType ?? '');
	if (x509) {
		if (!certificate) {
			throw new ServiceKeyError(
				name('certificate'),
				`${name('certificate')} is missing although the key is an X.509 key (credential-type ${declaredType}). ${again}`,
			);
		}
		const privateKey = str(block.key);
		if (!privateKey) {
			throw new ServiceKeyError(name('key'), `${name('key')} (the private key of the X.509 certificate) is missing. ${again}`);
		}
		if (!/-----BEGIN CERTIFICATE-----/.test(certificate.replace(/\\n/g, '\n'))) {
			throw new ServiceKeyError(name('certificate'), `${name('certificate')} is not a PEM certificate (-----BEGIN CERTIFICATE-----).`);
		}
		if (isEncryptedPrivateKey(privateKey)) {
			throw new ServiceKeyError(
				name('key'),
				`${name('key')} is encrypted with a passphrase, which this credential cannot hold. ${ENCRYPTED_KEY_FIX}`,
			);
		}
		if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey.replace(/\\n/g, '\n'))) {
			throw new ServiceKeyError(name('key'), `${name('key')} is not a PEM private key (-----BEGIN PRIVATE KEY-----).`);
		}
		const certUrl = block.certurl ?? block.certUrl;
		return {
			tokenBaseUrl: baseUrl(certUrl, name('certurl'), `X.509 keys get their token from certurl. ${again}`, true),
			clientId,
			certificate: normalizePem(certificate),
			privateKey: normalizePem(privateKey),
			credentialType: declaredType ?? 'x509',
		};
	}
	const clientSecret = str(block.clientsecret);
	if (!clientSecret) {
		throw new ServiceKeyError(
			name('clientsecret'),
			`${name('clientsecret')} is missing (and there is no certificate for X.509). ${again}`,
		);
	}
	return {
		tokenBaseUrl: baseUrl(block.url, name('url'), `It is the XSUAA URL, e.g. https://<subdomain>.authentication.<region>.hana.ondemand.com. ${again}`, true),
		clientId,
		clientSecret,
		credentialType: declaredType ?? 'binding-secret',
	};
}

/** The `uaa` block, or XSUAA fields flattened to the top level. */
function uaaBlock(key: KeyObject, credentialName: string): KeyObject {
	const uaa = nestedObject(key.uaa);
	if (uaa) return uaa;
	if (key.uaa !== undefined) throw new ServiceKeyError('uaa', 'uaa must be a JSON object with clientid, clientsecret and url.');
	if (str(key.clientid)) return key;
	throw new ServiceKeyError(
		'uaa',
		`uaa is missing: the ${credentialName} credential needs the key's uaa block (clientid, clientsecret, url). Paste the whole key, not only the endpoints.`,
	);
}

function wrongKind(key: KeyObject, expected: keyof typeof CREDENTIAL_NAMES): void {
	const endpoints = nestedObject(key.endpoints) ?? {};
	if (expected !== 'sm' && key.sm_url !== undefined) {
		throw new ServiceKeyError(
			'sm_url',
			`This looks like a Service Manager key (sm_url) — use the ${CREDENTIAL_NAMES.sm} credential for it.`,
		);
	}
	if (expected !== 'cis' && endpoints.accounts_service_url !== undefined) {
		throw new ServiceKeyError(
			'endpoints.accounts_service_url',
			`This looks like an SAP Cloud Management (cis) key (endpoints.accounts_service_url) — use the ${CREDENTIAL_NAMES.cis} credential for it.`,
		);
	}
	if (expected !== 'calm' && (endpoints.Api !== undefined || endpoints.api !== undefined)) {
		throw new ServiceKeyError(
			'endpoints.Api',
			`This looks like an SAP Cloud ALM API key (endpoints.Api) — use the ${CREDENTIAL_NAMES.calm} credential for it.`,
		);
	}
}

export function parseCloudAlmKey(raw: unknown): CloudAlmKey {
	const key = toKeyObject(raw, CREDENTIAL_NAMES.calm);
	wrongKind(key, 'calm');
	const endpoints = nestedObject(key.endpoints);
	if (!endpoints) {
		throw new ServiceKeyError(
			'endpoints.Api',
			'endpoints.Api is missing: a Cloud ALM API key has "endpoints": { "Api": "https://<tenant>.<region>.alm.cloud.sap/api" }. Paste the whole binding of the SAPCloudALMAPIs instance.',
		);
	}
	const apiUrl = baseUrl(
		endpoints.Api ?? endpoints.api,
		'endpoints.Api',
		'It is the Cloud ALM API base URL, e.g. https://<tenant>.<region>.alm.cloud.sap/api.',
	);
	return { apiUrl, uaa: readXsuaa(uaaBlock(key, CREDENTIAL_NAMES.calm), 'uaa.') };
}

export function parseCloudManagementKey(raw: unknown): CloudManagementKey {
	const key = toKeyObject(raw, CREDENTIAL_NAMES.cis);
	wrongKind(key, 'cis');
	if (key.grant_type === 'user_token') {
		throw new ServiceKeyError(
			'grant_type',
			'grant_type is "user_token": this cis key only allows the password grant. Create the cis "central" instance with the parameter {"grantType": "clientCredentials"} and paste a new key of it.',
		);
	}
	const endpoints = nestedObject(key.endpoints);
	if (!endpoints) {
		throw new ServiceKeyError('endpoints', 'endpoints is missing: paste the whole service key of the cis "central" instance.');
	}
	if (endpoints.accounts_service_url === undefined && endpoints.provisioning_service_url !== undefined) {
		throw new ServiceKeyError(
			'endpoints.accounts_service_url',
			'endpoints.accounts_service_url is missing — this looks like a cis "local" key. Create a key of the cis "central" plan.',
		);
	}
	const fix = 'Copy it again from the cis "central" service key.';
	return {
		accountsUrl: baseUrl(endpoints.accounts_service_url, 'endpoints.accounts_service_url', fix),
		entitlementsUrl: baseUrl(endpoints.entitlements_service_url, 'endpoints.entitlements_service_url', fix),
		...(str(endpoints.events_service_url) ? { eventsUrl: baseUrl(endpoints.events_service_url, 'endpoints.events_service_url', fix) } : {}),
		uaa: readXsuaa(uaaBlock(key, CREDENTIAL_NAMES.cis), 'uaa.'),
	};
}

/**
 * A Destination service key (SAP-docs/btp-connectivity calling-the-destination-service-rest-api-84c5d38.md:
 * `clientid`, `clientsecret`, `url` = XSUAA, `uri` = the service), also with the XSUAA fields under `uaa`.
 */
export function parseDestinationKey(raw: unknown): DestinationKey {
	const key = toKeyObject(raw, CREDENTIAL_NAMES.dest);
	wrongKind(key, 'dest');
	const destinationUrl = baseUrl(
		key.uri,
		'uri',
		'A Destination service key has uri (e.g. https://destination-configuration.cfapps.<region>.hana.ondemand.com); paste a key of the destination instance of the Cloud ALM subaccount.',
	);
	const block = nestedObject(key.uaa) ?? key;
	return { destinationUrl, uaa: readXsuaa(block, block === key ? '' : 'uaa.') };
}

export function parseServiceManagerKey(raw: unknown): ServiceManagerKey {
	const key = toKeyObject(raw, CREDENTIAL_NAMES.sm);
	wrongKind(key, 'sm');
	const smUrl = baseUrl(
		key.sm_url,
		'sm_url',
		'A Service Manager key has sm_url (e.g. https://service-manager.cfapps.<region>.hana.ondemand.com); paste a key of the service-manager "subaccount-admin" plan.',
	);
	// Some layouts nest the XSUAA fields under `uaa`; SM's own keys keep them at the top level.
	const block = nestedObject(key.uaa) ?? key;
	return { smUrl, uaa: readXsuaa(block, block === key ? '' : 'uaa.'), xsappname: str(key.xsappname ?? block.xsappname) };
}

// ------------------------------------------------------------------ from credential data

const FIELD_LABELS: Labels = {
	clientid: 'Client ID',
	clientsecret: 'Client Secret',
	url: 'Token Server URL',
	certurl: 'Certificate Token Server URL',
	certificate: 'Certificate',
	key: 'Private Key',
};

const field = (c: ICredentialDataDecryptedObject, name: string) => (typeof c[name] === 'string' ? (c[name] as string) : '');

/** XSUAA client from the field-by-field input (the same names in all three credentials). */
function xsuaaFromFields(c: ICredentialDataDecryptedObject): XsuaaClient {
	const x509 = c.authType === 'x509';
	const block: KeyObject = x509
		? {
				clientid: field(c, 'clientId'),
				certurl: field(c, 'uaaCertUrl'),
				certificate: field(c, 'certificate'),
				key: field(c, 'privateKey'),
				'credential-type': 'x509',
			}
		: { clientid: field(c, 'clientId'), clientsecret: field(c, 'clientSecret'), url: field(c, 'uaaUrl') };
	return readXsuaa(block, '', FIELD_LABELS);
}

const usesFields = (c: ICredentialDataDecryptedObject) => c.inputMode === 'fields';

export function cloudAlmKeyFromCredentials(c: ICredentialDataDecryptedObject): CloudAlmKey {
	if (!usesFields(c)) return parseCloudAlmKey(c.serviceKey ?? '');
	return {
		apiUrl: baseUrl(c.apiUrl, 'API URL', 'It is endpoints.Api of the key, e.g. https://<tenant>.<region>.alm.cloud.sap/api.'),
		uaa: xsuaaFromFields(c),
	};
}

export function cloudManagementKeyFromCredentials(c: ICredentialDataDecryptedObject): CloudManagementKey {
	if (!usesFields(c)) return parseCloudManagementKey(c.serviceKey ?? '');
	return {
		accountsUrl: baseUrl(c.accountsUrl, 'Accounts Service URL', 'It is endpoints.accounts_service_url of the cis key.'),
		entitlementsUrl: baseUrl(
			c.entitlementsUrl,
			'Entitlements Service URL',
			'It is endpoints.entitlements_service_url of the cis key.',
		),
		...(field(c, 'eventsUrl').trim()
			? { eventsUrl: baseUrl(c.eventsUrl, 'Events Service URL', 'It is endpoints.events_service_url of the cis key.') }
			: {}),
		uaa: xsuaaFromFields(c),
	};
}

export function destinationKeyFromCredentials(c: ICredentialDataDecryptedObject): DestinationKey {
	if (!usesFields(c)) return parseDestinationKey(c.serviceKey ?? '');
	return {
		destinationUrl: baseUrl(c.destinationUrl, 'Destination Service URL', 'It is uri of the destination service key.'),
		uaa: xsuaaFromFields(c),
	};
}

export function serviceManagerKeyFromCredentials(c: ICredentialDataDecryptedObject): ServiceManagerKey {
	if (!usesFields(c)) return parseServiceManagerKey(c.serviceKey ?? '');
	return {
		smUrl: baseUrl(c.smUrl, 'Service Manager URL', 'It is sm_url of the Service Manager key.'),
		uaa: xsuaaFromFields(c),
	};
}
