/**
 * Parsing of pasted keys and field-by-field input: the layouts the cockpit, the CF CLI and
 * Kubernetes produce are accepted; every malformed key gets its own message naming the field.
 */
import {
	cloudAlmKeyFromCredentials,
	parseCloudAlmKey,
	parseCloudManagementKey,
	parseServiceManagerKey,
	serviceManagerKeyFromCredentials,
	ServiceKeyError,
} from '../../nodes/shared/serviceKeys';
import { assertSafeUrl } from '../../nodes/shared/urlSafety';
import { certificateExpiryWarning, checkCertificateAndKey } from '../../nodes/shared/x509';
import { useSimulator } from '../../simulator/testkit';
import { fieldsFrom, secretsOf } from './helpers';

const sim = useSimulator({ reset: false });

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function failure(fn: () => unknown): ServiceKeyError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ServiceKeyError);
		return error as ServiceKeyError;
	}
	throw new Error('expected a ServiceKeyError');
}

describe('accepted layouts', () => {
	test('the cockpit JSON with whitespace, a BOM and CRLF line ends', () => {
		const text = `\uFEFF  \r\n${JSON.stringify(sim.keys.cloudAlm, null, 4).replace(/\n/g, '\r\n')}\r\n\t`;
		const key = parseCloudAlmKey(text);
		expect(key.apiUrl).toBe(`${sim.urls.cloudAlm}/api`);
		expect(key.uaa).toEqual({
			tokenBaseUrl: sim.urls.uaa,
			clientId: sim.keys.cloudAlm.uaa.clientid,
			clientSecret: sim.keys.cloudAlm.uaa.clientsecret,
			credentialType: 'binding-secret',
		});
	});

	test('a {"credentials": …} wrapper (CF CLI v8, SM binding response), also twice', () => {
		const wrapped = { guid: 'x', name: 'my-key', credentials: sim.keys.cloudAlm };
		expect(parseCloudAlmKey(JSON.stringify(wrapped)).apiUrl).toBe(`${sim.urls.cloudAlm}/api`);
		expect(parseCloudAlmKey({ credentials: wrapped }).uaa.clientId).toBe(sim.keys.cloudAlm.uaa.clientid);
		expect(parseServiceManagerKey({ credentials: sim.keys.serviceManager }).smUrl).toBe(sim.urls.serviceManager);
		expect(parseCloudManagementKey({ credentials: sim.keys.cisCentral }).entitlementsUrl).toBe(sim.urls.entitlements);
	});

	test('uaa and endpoints as JSON strings (Kubernetes secret) and XSUAA fields flattened to the top level', () => {
		const k8s = { endpoints: JSON.stringify(sim.keys.cloudAlm.endpoints), uaa: JSON.stringify(sim.keys.cloudAlm.uaa) };
		expect(parseCloudAlmKey(k8s).uaa.clientSecret).toBe(sim.keys.cloudAlm.uaa.clientsecret);
		const flat = { endpoints: sim.keys.cloudAlm.endpoints, ...sim.keys.cloudAlm.uaa };
		expect(parseCloudAlmKey(flat).uaa.tokenBaseUrl).toBe(sim.urls.uaa);
	});

	test('trailing slashes and a pasted /oauth/token are dropped from URLs', () => {
		const key = clone(sim.keys.cloudAlm) as Record<string, Record<string, unknown>>;
		key.endpoints.Api = `${sim.urls.cloudAlm}/api//`;
		key.uaa.url = `${sim.urls.uaa}/oauth/token`;
		const parsed = parseCloudAlmKey(key);
		expect(parsed.apiUrl).toBe(`${sim.urls.cloudAlm}/api`);
		expect(parsed.uaa.tokenBaseUrl).toBe(sim.urls.uaa);
	});

	test('X.509 keys: certurl, certificate and key; the CIS serviceManagerBindings shape with certUrl', () => {
		const calm = parseCloudAlmKey(sim.keys.cloudAlmX509);
		expect(calm.uaa.tokenBaseUrl).toBe(sim.urls.uaaCert);
		expect(calm.uaa.clientSecret).toBeUndefined();
		expect(calm.uaa.credentialType).toBe('x509');
		const { certurl, ...rest } = sim.keys.serviceManagerX509;
		const fromCis = { ...rest, certUrl: certurl, name: 'accessServiceManager', creationDate: '2025-01-01T00:00:00Z' };
		const sm = parseServiceManagerKey(fromCis);
		expect(sm.uaa.tokenBaseUrl).toBe(sim.urls.uaaCert);
		expect(sm.xsappname).toBe(sim.keys.serviceManagerX509.xsappname);
	});

	test('PEMs whose line breaks were lost or escaped are re-wrapped', () => {
		const certificate = sim.keys.serviceManagerX509.certificate as string;
		const key = sim.keys.serviceManagerX509.key as string;
		const oneLine = (pem: string) => pem.replace(/\n/g, ' ');
		const escaped = (pem: string) => pem.replace(/\n/g, '\\n');
		const data = fieldsFrom('sapBtpServiceManagerApi', sim.keys.serviceManagerX509);
		const parsed = serviceManagerKeyFromCredentials({ ...data, certificate: oneLine(certificate), privateKey: escaped(key) });
		expect(parsed.uaa.certificate?.trim()).toBe(certificate.replace(/\r/g, '').trim());
		expect(checkCertificateAndKey(parsed.uaa.certificate!, parsed.uaa.privateKey!).daysLeft).toBeGreaterThanOrEqual(5);
	});

	test('field-by-field input gives the same key as the pasted JSON', () => {
		expect(cloudAlmKeyFromCredentials(fieldsFrom('sapCloudAlmApi', sim.keys.cloudAlm))).toEqual(parseCloudAlmKey(sim.keys.cloudAlm));
		expect(cloudAlmKeyFromCredentials({ serviceKey: JSON.stringify(sim.keys.cloudAlm) })).toEqual(parseCloudAlmKey(sim.keys.cloudAlm));
	});
});

describe('each malformed key gets its specific message', () => {
	const calm = () => clone(sim.keys.cloudAlm) as unknown as Record<string, Record<string, unknown>>;
	const cases: Array<[string, () => unknown, string, RegExp]> = [
		['empty text', () => parseCloudAlmKey('   \n '), 'Service Key', /service key is empty/],
		['cut-off JSON', () => parseCloudAlmKey('{ "endpoints": { "Api": "https://x" }, "uaa": { "clientsecret": "s3cr3t-value"'), 'Service Key', /not valid JSON.*first \{ to the last \}/],
		['a list instead of an object', () => parseCloudAlmKey('[1, 2]'), 'Service Key', /must be a JSON object/],
		['a Service Manager key in the Cloud ALM credential', () => parseCloudAlmKey(sim.keys.serviceManager), 'sm_url', /looks like a Service Manager key \(sm_url\) — use the SAP BTP Service Manager API credential/],
		['a cis key in the Cloud ALM credential', () => parseCloudAlmKey(sim.keys.cisCentral), 'endpoints.accounts_service_url', /cis\) key.*SAP BTP Cloud Management API credential/],
		['a Cloud ALM key in the Service Manager credential', () => parseServiceManagerKey(sim.keys.cloudAlm), 'endpoints.Api', /SAP Cloud ALM API key.*SAP Cloud ALM API credential/],
		['a Cloud ALM key without endpoints', () => parseCloudAlmKey({ uaa: calm().uaa }), 'endpoints.Api', /endpoints\.Api is missing/],
		['a Cloud ALM key without uaa', () => parseCloudAlmKey({ endpoints: calm().endpoints }), 'uaa', /uaa is missing/],
		['no client id', () => { const k = calm(); delete k.uaa.clientid; return parseCloudAlmKey(k); }, 'uaa.clientid', /uaa\.clientid is missing/],
		['no client secret and no certificate', () => { const k = calm(); delete k.uaa.clientsecret; return parseCloudAlmKey(k); }, 'uaa.clientsecret', /uaa\.clientsecret is missing/],
		['uaa.url not a URL', () => { const k = calm(); k.uaa.url = 'authentication.eu10'; return parseCloudAlmKey(k); }, 'uaa.url', /uaa\.url is not a URL/],
		['endpoints.Api with ftp://', () => { const k = calm(); k.endpoints.Api = 'ftp://x/api'; return parseCloudAlmKey(k); }, 'endpoints.Api', /must start with https/],
		['X.509 key without its private key', () => { const k = clone(sim.keys.cloudAlmX509) as unknown as Record<string, Record<string, unknown>>; delete k.uaa.key; return parseCloudAlmKey(k); }, 'uaa.key', /uaa\.key \(the private key/],
		['X.509 key without certurl', () => { const k = clone(sim.keys.cloudAlmX509) as unknown as Record<string, Record<string, unknown>>; delete k.uaa.certurl; return parseCloudAlmKey(k); }, 'uaa.certurl', /uaa\.certurl is missing/],
		['credential-type x509 without certificate', () => { const k = calm(); delete k.uaa.clientsecret; k.uaa['credential-type'] = 'x509'; return parseCloudAlmKey(k); }, 'uaa.certificate', /uaa\.certificate is missing although the key is an X\.509 key/],
		['cis key with the password grant', () => parseCloudManagementKey({ ...sim.keys.cisCentral, grant_type: 'user_token' }), 'grant_type', /user_token.*grantType.*clientCredentials/],
		['cis "local" key', () => parseCloudManagementKey({ uaa: sim.keys.cisCentral.uaa, endpoints: { provisioning_service_url: 'https://p', saas_registry_service_url: 'https://s' } }), 'endpoints.accounts_service_url', /cis "local" key/],
		['Service Manager key without sm_url', () => { const { sm_url: _drop, ...rest } = sim.keys.serviceManager; void _drop; return parseServiceManagerKey(rest); }, 'sm_url', /sm_url is missing/],
		['fields mode without the client secret', () => cloudAlmKeyFromCredentials({ ...fieldsFrom('sapCloudAlmApi', sim.keys.cloudAlm), clientSecret: '' }), 'Client Secret', /^Client Secret is missing/],
		['fields mode with a bad API URL', () => cloudAlmKeyFromCredentials({ ...fieldsFrom('sapCloudAlmApi', sim.keys.cloudAlm), apiUrl: 'calm/api' }), 'API URL', /^API URL is not a URL/],
	];

	test.each(cases)('%s', (_name, fn, field, message) => {
		const error = failure(fn);
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});

	test('the messages are all different and never quote a secret', () => {
		const messages = cases.map(([, fn]) => failure(fn).message);
		expect(new Set(messages).size).toBe(messages.length);
		const secrets = [...secretsOf(sim.keys), 's3cr3t-value'];
		for (const m of messages) for (const s of secrets) expect(m).not.toContain(s);
	});

	test('certificate and key of different bindings are refused before use', () => {
		const error = failure(() => checkCertificateAndKey(sim.keys.cloudAlmX509.uaa.certificate as string, sim.keys.serviceManagerX509.key as string));
		expect(error.message).toMatch(/do not belong together/);
		expect(failure(() => checkCertificateAndKey('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', sim.keys.serviceManagerX509.key as string)).field).toBe('uaa.certificate');
		expect(failure(() => checkCertificateAndKey(sim.keys.serviceManagerX509.certificate as string, 'not a key')).field).toBe('uaa.key');
	});

	test('a certificate ending within 30 days gives a warning for node output; secret keys give none', () => {
		expect(certificateExpiryWarning(parseCloudAlmKey(sim.keys.cloudAlmX509))).toMatch(/expires on \d{4}-\d{2}-\d{2} \(in [5-7] days\)/);
		expect(certificateExpiryWarning(parseCloudAlmKey(sim.keys.cloudAlm))).toBeUndefined();
	});
});

describe('URL safety', () => {
	test.each([
		['https://x.authentication.eu10.hana.ondemand.com', true],
		['http://127.0.0.1:4011', true],
		['http://localhost:4011', true],
		['http://[::1]:4011', true],
		['http://x.authentication.eu10.hana.ondemand.com', false],
		['http://10.0.0.5:8080', false],
		['https://user:pw@x.example.com', false],
	])('%s allowed: %s', (url, ok) => {
		const run = () => assertSafeUrl(url, 'uaa.url');
		if (ok) expect(run).not.toThrow();
		else expect(run).toThrow(/^uaa\.url /);
	});
});
