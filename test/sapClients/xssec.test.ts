/* eslint-disable @typescript-eslint/no-explicit-any -- service keys are free-form JSON read field by field */
/**
 * @sap/xssec 4.15.0 (SAP's XSUAA/IAS security library) as the judge of the simulator's XSUAA: for
 * every key a user can get (the seeded keys from `GET /__sim/keys`, and keys issued over HTTP: a
 * Service Manager key through CIS, Cloud ALM bindings through Service Manager on SAP's
 * auto-generated instance), xssec fetches a client-credentials token the way SAP apps do
 * (`XsuaaService.fetchClientCredentialsToken`: secret in the form body at `url`, X.509 over mTLS at
 * `certurl`) and validates it with `createSecurityContext`: expiry, audience (client id /
 * xsappname), and the RS256 signature against the JWKS it fetches itself from
 * `https://<uaadomain>/token_keys?zid=<zid>` (trusted through the simulator CA, NODE_EXTRA_CA_CERTS).
 * Nothing from `nodes/` or `credentials/` is used.
 *
 * Service Manager keys carry no `uaadomain` (SAP-docs/btp-service-manager create-a-sap-service-
 * manager-instance-and-binding-1ca5bbe.md: `clientid, clientsecret|certificate+key, url|certurl,
 * sm_url, xsappname`); an app validating their tokens takes it from the landscape,
 * here from a CIS key of the same (simulated) region.
 */
import { generateKeyPairSync, createSign } from 'node:crypto';
import axios from 'axios';
import { createSecurityContext, errors, XsuaaService } from '@sap/xssec';
import { useSimulator, fetchToken, httpClient, type UaaBlock } from '../../simulator/testkit';
import { AUTO_GENERATED_INSTANCE_NAME, SUBACCOUNT_IDS } from '../../simulator/seed';

type Json = Record<string, any>;

const sim = useSimulator({ reset: false });
/** Keys as `GET /__sim/keys` serves them, plus keys issued over HTTP in `beforeAll`. */
let keys: Json;
const issued: Record<string, Json> = {};

beforeAll(async () => {
	keys = (await axios.get(`${sim.urls.control}/__sim/keys`)).data;

	// Service Manager access for SAP's Cloud ALM tenant, issued through CIS (Accounts v2), secret and X.509
	const cis = httpClient(keys.cisCentral.endpoints.accounts_service_url, await fetchToken(keys.cisCentral.uaa));
	const smBindings = `/accounts/v2/subaccounts/${SUBACCOUNT_IDS.calm}/serviceManagerBindings`;
	const smSecret = await cis.post(smBindings, { name: 'xssec-judge' });
	const smX509 = await cis.post(smBindings, { name: 'xssec-judge-x509', parameters: { 'credential-type': 'x509' } });
	expect([smSecret.status, smX509.status]).toEqual([201, 201]);
	issued.smSecret = smSecret.data;
	issued.smX509 = smX509.data;

	// dedicated Cloud ALM bindings on SAP's auto-generated instance, created through Service Manager
	const sm = httpClient(issued.smSecret.sm_url, await fetchToken(issued.smSecret as UaaBlock));
	const instances = await sm.get('/v1/service_instances', { params: { fieldQuery: `name eq '${AUTO_GENERATED_INSTANCE_NAME}'` } });
	const instanceId = instances.data.items[0].id;
	const calmSecret = await sm.post('/v1/service_bindings?async=false', { name: 'xssec-judge', service_instance_id: instanceId });
	const calmX509 = await sm.post('/v1/service_bindings?async=false', {
		name: 'xssec-judge-x509',
		service_instance_id: instanceId,
		parameters: { 'credential-type': 'x509' },
	});
	expect([calmSecret.status, calmX509.status]).toEqual([201, 201]);
	issued.calmSecret = calmSecret.data.credentials;
	issued.calmX509 = calmX509.data.credentials;
});

/** The XSUAA credentials block of a key, as an app would pass it to `new XsuaaService(...)`. */
function xsuaaCredentials(name: string): Json {
	const cisUaadomain = keys.cisCentral.uaa.uaadomain;
	const pick: Record<string, () => Json> = {
		'CIS central': () => keys.cisCentral.uaa,
		'CIS central-viewer': () => keys.cisCentralViewer.uaa,
		'SM (seed, secret)': () => ({ ...keys.serviceManager, uaadomain: cisUaadomain }),
		'SM (seed, X.509)': () => ({ ...keys.serviceManagerX509, uaadomain: cisUaadomain }),
		'SM via CIS (secret)': () => ({ ...issued.smSecret, uaadomain: cisUaadomain }),
		// CIS spells it `certUrl` (Accounts v2 ServiceManagerBindingExtendedResponseObject); xssec reads `certurl`
		'SM via CIS (X.509)': () => ({ ...issued.smX509, certurl: issued.smX509.certUrl, uaadomain: cisUaadomain }),
		"Cloud ALM, SAP's auto-generated binding": () => keys.cloudAlm.uaa,
		'Cloud ALM (seed, X.509)': () => keys.cloudAlmX509.uaa,
		'Cloud ALM (seed, read-only)': () => keys.cloudAlmReadOnly.uaa,
		'Cloud ALM binding via SM (secret)': () => issued.calmSecret.uaa,
		'Cloud ALM binding via SM (X.509)': () => issued.calmX509.uaa,
	};
	return pick[name]();
}

const KEY_NAMES = [
	'CIS central',
	'CIS central-viewer',
	'SM (seed, secret)',
	'SM (seed, X.509)',
	'SM via CIS (secret)',
	'SM via CIS (X.509)',
	"Cloud ALM, SAP's auto-generated binding",
	'Cloud ALM (seed, X.509)',
	'Cloud ALM (seed, read-only)',
	'Cloud ALM binding via SM (secret)',
	'Cloud ALM binding via SM (X.509)',
];

describe('@sap/xssec fetches and validates a token for every key', () => {
	it.each(KEY_NAMES)('%s', async (name) => {
		const credentials = xsuaaCredentials(name);
		const x509 = !credentials.clientsecret;
		expect(Boolean(credentials.certificate && credentials.key)).toBe(x509);
		const service = new XsuaaService(credentials as any);
		const since = sim.log.summary().lastSeq;

		const token = await service.fetchClientCredentialsToken();
		expect(token.access_token).toEqual(expect.any(String));

		const ctx = await createSecurityContext(service, { jwt: token.access_token });
		expect(ctx.getClientId()).toBe(credentials.clientid);
		const claims = ctx.token.payload as Json;
		expect(ctx.getZoneId()).toBe(claims.zid);
		expect(ctx.token.header.alg).toBe('RS256');
		const granted: string[] = claims.scope;
		expect(granted.length).toBeGreaterThan(0);
		for (const scope of granted) expect(ctx.checkScope(scope)).toBe(true);

		// what xssec did, seen from the simulator: the token at url (secret) or certurl (mTLS), the JWKS
		// from the https uaadomain origin with the token's zone
		const calls = sim.log.entries.filter((e) => e.seq > since).map((e) => `${e.service} ${e.method} ${e.path} ${e.status}`);
		expect(calls).toEqual([
			`${x509 ? 'uaaCert' : 'uaa'} POST /oauth/token 200`,
			`uaaCert GET /token_keys?zid=${encodeURIComponent(ctx.getZoneId())} 200`,
		]);
	});
});

describe('@sap/xssec refuses what it must refuse', () => {
	it('a token signed by another key (same kid, same claims): InvalidTokenSignatureError', async () => {
		const service = new XsuaaService(keys.cloudAlm.uaa);
		const { access_token: jwt } = await service.fetchClientCredentialsToken();
		const [header, payload] = jwt.split('.');
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const forged = `${header}.${payload}.${createSign('RSA-SHA256').update(`${header}.${payload}`).sign(other, 'base64url')}`;
		await expect(createSecurityContext(service, { jwt: forged })).rejects.toBeInstanceOf(errors.InvalidTokenSignatureError);
		// the genuine token still passes on the same service
		await expect(createSecurityContext(service, { jwt })).resolves.toBeDefined();
	});

	it("another key's token: WrongAudienceError", async () => {
		const calm = new XsuaaService(keys.cloudAlm.uaa);
		const cis = new XsuaaService(keys.cisCentral.uaa);
		const { access_token: cisJwt } = await cis.fetchClientCredentialsToken();
		await expect(createSecurityContext(calm, { jwt: cisJwt })).rejects.toBeInstanceOf(errors.WrongAudienceError);
	});

	it('a wrong client secret: the token fetch fails with 401', async () => {
		const service = new XsuaaService({ ...keys.cloudAlm.uaa, clientsecret: `${keys.cloudAlm.uaa.clientsecret}x` });
		await expect(service.fetchClientCredentialsToken()).rejects.toMatchObject({ responseCode: 401 });
	});
});
