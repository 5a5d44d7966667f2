/**
 * Issue 12, hole 4: with "Include Secrets" off, credentials of bindings of ANY service are shown by
 * allow-list. Each case seeds a binding of another service into the simulator (./foreign.ts), runs
 * the SAP BTP node in n8n's real engine over real HTTP (Service Binding Get / Get Many / Create,
 * Enable, Service Instance Get), and asserts the secret's bytes — raw, URL-encoded, decoded —
 * appear nowhere in the output or in JSON.stringify of the run data, while the public fields stay.
 */
import type { IDataObject } from 'n8n-workflow';
import { hiddenValues, maskCredentials } from '../../nodes/shared/credentialMask';
import { runBtp, rl, type BtpRun } from '../nodes/sapBtp/harness';
import { useSimulator } from '../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { FOREIGN_INSTANCE_ID, secretValue, seedForeignBinding, seedForeignInstance } from './foreign';

const HIDDEN = '**hidden** (enable Include Secrets)';
const sm = { serviceManagerAccess: 'serviceManagerCredential' };

const sim = useSimulator({ reset: false });

/** Every form of a secret that must not appear. */
const forms = (s: string) => [...new Set([s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)])];

function expectAbsent(run: BtpRun, secrets: string[]) {
	const texts = { out: JSON.stringify(run.out), run: JSON.stringify(run.run), error: JSON.stringify(run.error ?? null) };
	for (const secret of secrets) {
		for (const form of forms(secret)) {
			for (const [where, text] of Object.entries(texts)) {
				if (text.includes(form)) throw new Error(`secret (${secret.length} chars) found in ${where}`);
			}
		}
	}
}

async function getBinding(id: string): Promise<{ run: BtpRun; key: IDataObject }> {
	const run = await runBtp(sim, { resource: 'serviceBinding', operation: 'get', ...sm, binding: rl(id, 'id') });
	expect(run.error).toBeUndefined();
	expect(run.out[0].secretsIncluded).toBe(false);
	return { run, key: run.out[0].serviceKey as IDataObject };
}

async function listBindings(id: string): Promise<{ run: BtpRun; key: IDataObject }> {
	const run = await runBtp(sim, { resource: 'serviceBinding', operation: 'list', ...sm });
	expect(run.error).toBeUndefined();
	const item = run.out.find((o) => o.id === id);
	expect(item).toBeDefined();
	return { run, key: item!.serviceKey as IDataObject };
}

describe('Include Secrets off: bindings of other services show only public fields', () => {
	test('Object Store (S3): secret_access_key, access_key_id and the key pair inside `uri` are hidden; host, region stay (Get Many)', async () => {
		const accessKey = `AKIA${secretValue('ak').replace(/[^A-Z0-9]/gi, '').slice(0, 16).toUpperCase()}`;
		const secretKey = secretValue('s3');
		const id = seedForeignBinding(sim, 's3-key', {
			access_key_id: accessKey,
			secret_access_key: secretKey,
			bucket: 'hcp-bucket-1',
			host: 's3-eu-central-1.amazonaws.com',
			region: 'eu-central-1',
			uri: `s3://${accessKey}:${secretKey}@s3-eu-central-1.amazonaws.com/hcp-bucket-1`,
			username: 'hcp-user-1',
		});
		const { run, key } = await listBindings(id);
		expect(key.secret_access_key).toBe(HIDDEN);
		expect(key.access_key_id).toBe(HIDDEN);
		expect(key.host).toBe('s3-eu-central-1.amazonaws.com');
		expect(key.region).toBe('eu-central-1');
		expect(key.uri).toBe(`s3://${HIDDEN}@s3-eu-central-1.amazonaws.com/hcp-bucket-1`);
		expectAbsent(run, [accessKey, secretKey]);
	});

	test('PostgreSQL: the password inside `uri` userinfo (percent-encoded) and a password query value are hidden; sslmode stays', async () => {
		const password = secretValue('pg');
		const id = seedForeignBinding(sim, 'pg-key', {
			hostname: 'pg.example.internal',
			port: '5432',
			dbname: 'db1',
			username: 'db_user_1',
			password,
			uri: `postgres://db_user_1:${encodeURIComponent(password)}@pg.example.internal:5432/db1?sslmode=require&password=${encodeURIComponent(password)}`,
		});
		const { run, key } = await getBinding(id);
		expect(key.password).toBe(HIDDEN);
		expect(key.port).toBe('5432');
		expect(key.uri).toBe(`postgres://${HIDDEN}@pg.example.internal:5432/db1?sslmode=require&password=${HIDDEN}`);
		expectAbsent(run, [password, 'db_user_1:']);
	});

	test('HANA HDI: hdi_password, password and a JDBC url with a password parameter; certificate and encrypt flag stay', async () => {
		const hdi = secretValue('hdi');
		const pw = secretValue('rt');
		const id = seedForeignBinding(sim, 'hdi-key', {
			host: 'abc.hana.prod-eu10.hanacloud.ondemand.com',
			port: '443',
			driver: 'com.sap.db.jdbc.Driver',
			url: `jdbc:sap://abc.hana.prod-eu10.hanacloud.ondemand.com:443?encrypt=true&validateCertificate=true&currentschema=S1;password=${pw}`,
			schema: 'S1',
			hdi_user: 'S1_DT',
			hdi_password: hdi,
			user: 'S1_RT',
			password: pw,
			certificate: '-----BEGIN CERTIFICATE-----\nMIIBpublicCert\n-----END CERTIFICATE-----',
		});
		const { run, key } = await getBinding(id);
		expect(key.hdi_password).toBe(HIDDEN);
		expect(key.password).toBe(HIDDEN);
		expect(key.url).toBe(`jdbc:sap://abc.hana.prod-eu10.hanacloud.ondemand.com:443?encrypt=true&validateCertificate=true&currentschema=S1;password=${HIDDEN}`);
		expect(key.certificate).toContain('MIIBpublicCert');
		expectAbsent(run, [hdi, pw]);
	});

	test('Destination-style: clientSecret in camelCase hidden, clientId and uri stay', async () => {
		const secret = secretValue('dest');
		const id = seedForeignBinding(sim, 'dest-key', {
			clientId: 'sb-clone-dest!b9|destination-xsappname!b62',
			clientSecret: secret,
			uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com',
			url: 'https://acme.authentication.eu10.hana.ondemand.com',
			identityzone: 'acme',
		});
		const { run, key } = await listBindings(id);
		expect(key.clientSecret).toBe(HIDDEN);
		expect(key.clientId).toBe('sb-clone-dest!b9|destination-xsappname!b62');
		expect(key.uri).toBe('https://destination-configuration.cfapps.eu10.hana.ondemand.com');
		expect(key.identityzone).toBe('acme');
		expectAbsent(run, [secret]);
	});

	test('a `uaa` block given as a JSON string (Kubernetes secret style): clientsecret inside hidden, clientid and url kept', async () => {
		const secret = secretValue('k8s');
		const id = seedForeignBinding(sim, 'k8s-key', {
			uaa: JSON.stringify({ clientid: 'sb-k8s!b1', clientsecret: secret, url: 'https://acme.authentication.eu10.hana.ondemand.com' }),
			endpoints: JSON.stringify({ Api: 'https://acme.eu10.alm.cloud.sap/api' }),
		});
		const { run, key } = await getBinding(id);
		const uaa = JSON.parse(key.uaa as string) as IDataObject;
		expect(uaa).toEqual({ clientid: 'sb-k8s!b1', clientsecret: HIDDEN, url: 'https://acme.authentication.eu10.hana.ondemand.com' });
		expect(JSON.parse(key.endpoints as string)).toEqual({ Api: 'https://acme.eu10.alm.cloud.sap/api' });
		expectAbsent(run, [secret]);
	});

	test('a JSON string inside a JSON string is walked too', async () => {
		const secret = secretValue('deep');
		const inner = JSON.stringify({ clientsecret: secret, clientid: 'sb-inner' });
		const id = seedForeignBinding(sim, 'double-json-key', { wrapped: JSON.stringify({ uaa: inner }) });
		const { run, key } = await getBinding(id);
		const outer = JSON.parse(key.wrapped as string) as IDataObject;
		expect(JSON.parse(outer.uaa as string)).toEqual({ clientsecret: HIDDEN, clientid: 'sb-inner' });
		expectAbsent(run, [secret]);
	});

	test('apikey and token of an API-key service are hidden', async () => {
		const apikey = secretValue('apikey');
		const token = secretValue('token');
		const id = seedForeignBinding(sim, 'apikey-key', { apikey, token, url: 'https://api.example.com/v1' });
		const { run, key } = await listBindings(id);
		expect(key).toEqual({ apikey: HIDDEN, token: HIDDEN, url: 'https://api.example.com/v1' });
		expectAbsent(run, [apikey, token]);
	});

	test('an X.509 binding of another service: `key` (private key) hidden, certificate and its expiry kept', async () => {
		const keyBody = Buffer.from(secretValue('pk').repeat(4)).toString('base64');
		const privateKey = `-----BEGIN PRIVATE KEY-----\n${keyBody.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----`;
		const id = seedForeignBinding(sim, 'x509-key', {
			clientid: 'sb-x509!b7',
			'credential-type': 'x509',
			certificate: '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----',
			certificateExpiresAt: '2027-01-01T00:00:00Z',
			key: privateKey,
			certurl: 'https://acme.authentication.cert.eu10.hana.ondemand.com',
		});
		const { run, key } = await getBinding(id);
		expect(key.key).toBe(HIDDEN);
		expect(key['credential-type']).toBe('x509');
		expect(key.certificateExpiresAt).toBe('2027-01-01T00:00:00Z');
		expect(key.certurl).toBe('https://acme.authentication.cert.eu10.hana.ondemand.com');
		expectAbsent(run, [privateKey, keyBody.slice(0, 64), keyBody.slice(64, 128)]);
	});

	test('a private key block pasted into the public `certificate` field is cut out, the certificate stays', async () => {
		const keyBody = Buffer.from(secretValue('chain')).toString('base64');
		const id = seedForeignBinding(sim, 'cert-with-key', {
			certificate: `-----BEGIN CERTIFICATE-----\nMIIBcert2\n-----END CERTIFICATE-----\n-----BEGIN RSA PRIVATE KEY-----\n${keyBody}\n-----END RSA PRIVATE KEY-----`,
		});
		const { run, key } = await getBinding(id);
		expect(key.certificate).toContain('MIIBcert2');
		expect(key.certificate).toContain(HIDDEN);
		expectAbsent(run, [keyBody]);
	});

	test('arrays: passwords of a user list and hosts of a cluster', async () => {
		const p1 = secretValue('u1');
		const p2 = secretValue('u2');
		const id = seedForeignBinding(sim, 'cluster-key', {
			hosts: ['node1.example.internal', 'node2.example.internal'],
			users: [
				{ name: 'alice', password: p1 },
				{ name: 'bob', password: p2 },
			],
		});
		const { run, key } = await listBindings(id);
		expect(key.hosts).toEqual(['node1.example.internal', 'node2.example.internal']);
		expect(key.users).toEqual([
			{ name: HIDDEN, password: HIDDEN },
			{ name: HIDDEN, password: HIDDEN },
		]);
		expectAbsent(run, [p1, p2]);
	});

	test('allow-list, not deny-list: a field nobody listed (any name, number or string) is hidden', async () => {
		const odd = secretValue('odd');
		const id = seedForeignBinding(sim, 'unknown-fields', { sharedAccessSignature: odd, pin: 48151623, whatever: 'plain-looking-but-unknown', tags: ['t1'] });
		const { run, key } = await getBinding(id);
		expect(key).toEqual({ sharedAccessSignature: HIDDEN, pin: HIDDEN, whatever: HIDDEN, tags: [HIDDEN] });
		expectAbsent(run, [odd, 'plain-looking-but-unknown', '48151623']);
	});

	test('a URL field whose value is not a URL is hidden, and a URL query signature is hidden', async () => {
		const notUrl = `${secretValue('nu')} with spaces`;
		const sig = secretValue('sig');
		const id = seedForeignBinding(sim, 'url-oddities', {
			url: notUrl,
			sas_url: `https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=${encodeURIComponent(sig)}#frag-${sig}`,
		});
		const { run, key } = await getBinding(id);
		expect(key.url).toBe(HIDDEN);
		expect(key.sas_url).toBe(`https://acct.blob.core.windows.net/c?sv=${HIDDEN}&sig=${HIDDEN}#${HIDDEN}`);
		expectAbsent(run, [notUrl, sig]);
	});

	test('a password with "@" and "/" in unencoded userinfo is hidden whole', async () => {
		const password = `pa@ss/${secretValue('at')}`;
		const id = seedForeignBinding(sim, 'userinfo-at', { uri: `redis://default:${password}@redis.example.internal:6380/0` });
		const { run, key } = await getBinding(id);
		expect(key.uri).toBe(`redis://${HIDDEN}@redis.example.internal:6380/0`);
		expectAbsent(run, [password, password.slice(6)]);
	});

	test('Include Secrets on: the same binding shows the secret (only there), proving the cases above read real values', async () => {
		const secret = secretValue('on');
		const id = seedForeignBinding(sim, 'include-on', { clientsecret: secret, clientid: 'sb-on' });
		const run = await runBtp(sim, { resource: 'serviceBinding', operation: 'get', ...sm, binding: rl(id, 'id'), includeSecrets: true });
		expect(run.error).toBeUndefined();
		expect((run.out[0].serviceKey as IDataObject).clientsecret).toBe(secret);
		expect(JSON.stringify(run.out[0]).split(secret)).toHaveLength(2);
	});
});

describe('every output with credentials uses the allow-list', () => {
	test('Service Binding Create (a Service Manager binding the simulator mints): clientsecret hidden, sm_url, url, clientid kept', async () => {
		const instanceName = 'sm-access-for-mask';
		{
			const created = await runBtp(sim, {
				resource: 'serviceInstance',
				operation: 'create',
				...sm,
				instanceName,
				offering: rl('service-manager', 'name'),
				plan: rl('subaccount-admin', 'name'),
				parametersMode: 'none',
			});
			expect(created.error).toBeUndefined();
		}
		const run = await runBtp(sim, { resource: 'serviceBinding', operation: 'create', ...sm, instance: rl(instanceName, 'name'), bindingName: 'mask-create' });
		expect(run.error).toBeUndefined();
		const key = run.out[0].serviceKey as IDataObject;
		const binding = sim.context.state.bindings.find((b) => b.name === 'mask-create')!;
		const secret = (binding.credentials.clientsecret ?? (binding.credentials.uaa as IDataObject)?.clientsecret) as string;
		expect(secret).toBeTruthy();
		expect(key.clientsecret).toBe(HIDDEN);
		expect(key.clientid).toBe(binding.credentials.clientid);
		expect(key.sm_url).toBe(binding.credentials.sm_url);
		expect(key.url).toBe(binding.credentials.url);
		expectAbsent(run, [secret]);
	});

	test('Enable Cloud ALM API: serviceKey.uaa.clientsecret hidden; endpoints.Api, uaa.url, clientid, identityzone kept', async () => {
		const run = await runBtp(sim, { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(SUBACCOUNT_IDS.prod) });
		expect(run.error).toBeUndefined();
		const key = run.out[0].serviceKey as IDataObject;
		const uaa = key.uaa as IDataObject;
		const binding = sim.context.state.bindings.find((b) => b.subaccountGUID === SUBACCOUNT_IDS.prod && b.name === 'cloud-alm-api-key')!;
		const real = binding.credentials.uaa as IDataObject;
		expect(uaa.clientsecret).toBe(HIDDEN);
		expect(uaa.clientid).toBe(real.clientid);
		expect(uaa.url).toBe(real.url);
		expect(uaa.identityzone).toBe(real.identityzone);
		expect((key.endpoints as IDataObject).Api).toBe((binding.credentials.endpoints as IDataObject).Api);
		expectAbsent(run, [real.clientsecret as string]);
	});

	test('Service Instance Get with parameters: a password, an API key and a URL password in the parameters are hidden; xs-security stays', async () => {
		const password = secretValue('param');
		const apiKey = secretValue('paramkey');
		const urlPw = secretValue('paramurl');
		seedForeignInstance(sim, {
			'xs-security': { xsappname: 'foreign', 'oauth2-configuration': { 'credential-types': ['binding-secret'] } },
			adminPassword: password,
			backend: { api_key: apiKey, url: `https://svc:${urlPw}@backend.example.com/x`, size: 3 },
		});
		const run = await runBtp(sim, { resource: 'serviceInstance', operation: 'get', ...sm, instance: rl(FOREIGN_INSTANCE_ID, 'id'), includeParameters: true });
		expect(run.error).toBeUndefined();
		const parameters = run.out[0].parameters as IDataObject;
		expect(parameters['xs-security']).toEqual({ xsappname: 'foreign', 'oauth2-configuration': { 'credential-types': ['binding-secret'] } });
		expect(parameters.adminPassword).toBe(HIDDEN);
		expect(parameters.backend).toEqual({ api_key: HIDDEN, url: `https://${HIDDEN}@backend.example.com/x`, size: 3 });
		expectAbsent(run, [password, apiKey, urlPw]);
	});
});

describe('issue 14: the Destination Service key and the credentials\' own data', () => {
	test('a Destination service binding (Get Many): clientsecret hidden; uri, url, clientid, identityzone, xsappname kept', async () => {
		const clientsecret = secretValue('dest');
		const seed = sim.keys.destination as IDataObject;
		const id = seedForeignBinding(sim, 'dest-key', { ...seed, clientsecret });
		const { run, key } = await listBindings(id);
		expect(key.clientsecret).toBe(HIDDEN);
		for (const field of ['uri', 'url', 'clientid', 'identityzone', 'xsappname', 'uaadomain']) expect(key[field]).toBe(seed[field]);
		expectAbsent(run, [clientsecret]);
	});

	/** What the secret registry takes from a credential's data: everything the allow-list hides. */
	const registered = (data: IDataObject) => hiddenValues(data).filter((v) => v.length >= 8);

	test('the Destination credential, pasted: its clientsecret and token are hidden (registered for scrubbing); uri and url are public', () => {
		const key = sim.keys.destination as IDataObject;
		const token = ['eyJhbGciOiJSUzI1NiJ9', 'eyJzdWIiOiJ4In0', secretValue('sig')].join('.');
		const data: IDataObject = { inputMode: 'json', serviceKey: JSON.stringify(key), accessTokenFor: 'f'.repeat(32) };
		data.accessToken = token;
		const hidden = registered(data);
		expect(hidden).toEqual(expect.arrayContaining([key.clientsecret as string, token]));
		expect(hidden).not.toContain(key.uri);
		expect(hidden).not.toContain(key.url);
		expect(hidden).not.toContain(key.clientid);
		expect(JSON.stringify(maskCredentials(data))).not.toContain(key.clientsecret as string);
	});

	test('the Destination credential and the Cloud Management credential field by field: Client Secret hidden; Destination and Events Service URLs public', () => {
		const cis = sim.keys.cisCentral as { endpoints: IDataObject; uaa: IDataObject };
		const dest = sim.keys.destination as IDataObject;
		const destFields = { inputMode: 'fields', destinationUrl: dest.uri, authType: 'secret', clientId: dest.clientid, clientSecret: dest.clientsecret, uaaUrl: dest.url };
		const cisFields = {
			inputMode: 'fields',
			accountsUrl: cis.endpoints.accounts_service_url,
			entitlementsUrl: cis.endpoints.entitlements_service_url,
			eventsUrl: cis.endpoints.events_service_url,
			authType: 'secret',
			clientId: cis.uaa.clientid,
			clientSecret: cis.uaa.clientsecret,
			uaaUrl: cis.uaa.url,
		};
		expect(registered(destFields)).toEqual([dest.clientsecret]);
		expect(registered(cisFields)).toEqual([cis.uaa.clientsecret]);
		const masked = maskCredentials(cisFields) as IDataObject;
		expect(masked.eventsUrl).toBe(cis.endpoints.events_service_url);
		expect(masked.clientSecret).toBe(HIDDEN);
		expect((maskCredentials(destFields) as IDataObject).destinationUrl).toBe(dest.uri);
	});

	test('an events_service_url with user:password@ is not public: the userinfo is hidden and registered', () => {
		const cis = JSON.parse(JSON.stringify(sim.keys.cisCentral)) as { endpoints: IDataObject };
		const password = secretValue('evpw');
		cis.endpoints.events_service_url = `https://ev:${password}@events.example.com`;
		const data = { inputMode: 'json', serviceKey: JSON.stringify(cis) };
		expect(JSON.stringify(maskCredentials(data))).not.toContain(password);
		expect(registered(data).join(' ')).toContain(password);
	});
});
