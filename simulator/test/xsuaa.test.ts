/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * XSUAA token endpoint of the simulator over real HTTP (SAP-docs/btp-cloud-platform
 * getting-an-application-access-token-6391b5d.md, and UAA's behaviour): Basic and form client
 * authentication, the JWT's claims, error answers, mTLS at `certurl` with the seed's X.509 keys
 * (the CA is trusted through NODE_EXTRA_CA_CERTS, as a real client would), expiry and revocation.
 */
import { createPublicKey, createVerify, generateKeyPairSync, createSign, createHmac } from 'node:crypto';
import * as https from 'node:https';
import * as tls from 'node:tls';
import axios, { type AxiosInstance } from 'axios';
import { DEFAULT_PROFILE, seededRandom } from '../profile';
import { httpClient, useSimulator } from '../testkit';

let control: AxiosInstance;
let uaa: AxiosInstance;

const sim = useSimulator({ reset: false });
beforeAll(async () => {
	control = httpClient(sim.urls.control);
	uaa = httpClient(sim.urls.uaa);
});
afterEach(async () => {
	await control.post('/__sim/profile', { ...DEFAULT_PROFILE });
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
/** `curl -u id:secret`: id and secret raw in the Basic header. */
const basic = (id: string, secret: string) => 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64');
/** RFC 6749 §2.3.1: both URL-encoded (send `X-CF-ENCODED-CREDENTIALS: true` with it). */
const encodedBasic = (id: string, secret: string) =>
	'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
/** Basic client authentication as SAP advises for any secret: encoded, and flagged as encoded (both readings accept it). */
const encodedAuth = (id: string, secret: string) => ({
	authorization: encodedBasic(id, secret),
	'x-cf-encoded-credentials': 'true',
});

function claims(jwt: string) {
	const parts = jwt.split('.');
	expect(parts).toHaveLength(3);
	return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

const cis = () => sim.keys.cisCentral.uaa;

describe('client secret at /oauth/token', () => {
	it('issues a JWT with Basic client authentication', async () => {
		const res = await uaa.post('/oauth/token', form({ grant_type: 'client_credentials' }), {
			headers: { ...FORM, ...encodedAuth(cis().clientid, cis().clientsecret) },
		});
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json;charset=UTF-8');
		expect(res.data).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 43199,
			scope: expect.stringContaining('cis-central!b14.job.read'),
			jti: expect.any(String),
		});
		const c = claims(res.data.access_token);
		expect(c.cid).toBe(cis().clientid);
		expect(c.zid).toBe(cis().zoneid);
		expect(c.jti).toBe(res.data.jti);
		expect(Array.isArray(c.scope)).toBe(true);
		expect(c.scope).toContain('cis-central!b14.global-account.entitlement.subaccount.update');
		expect(res.data.scope.split(' ').sort()).toEqual([...c.scope].sort());
		expect(c.exp - c.iat).toBe(43199);
		expect(c.ext_attr).toEqual({ enhancer: 'XSUAA', subaccountid: cis().subaccountid, zdn: cis().identityzone });
		expect(c.grant_type).toBe('client_credentials');
	});

	it('issues a token with client_id/client_secret in the form body', async () => {
		const key = sim.keys.cloudAlm.uaa;
		const res = await axios.post(
			`${key.url}/oauth/token`,
			form({
				grant_type: 'client_credentials',
				client_id: String(key.clientid),
				client_secret: String(key.clientsecret),
			}),
			{ headers: FORM },
		);
		expect(res.status).toBe(200);
		const c = claims(res.data.access_token);
		expect(c.cid).toBe(key.clientid);
		expect(c.scope).toContain('sapcloudalm!b2.calm-api.tasks.read');
		expect(c.ext_attr.subaccountid).toBe(key.subaccountid);
	});

	it('answers a wrong secret or unknown client with 401 invalid_client and no secret in the answer', async () => {
		const wrong = await uaa.post('/oauth/token', form({ grant_type: 'client_credentials' }), {
			headers: { ...FORM, ...encodedAuth(cis().clientid, 'not-the-secret') },
		});
		expect(wrong.status).toBe(401);
		expect(wrong.data).toEqual({ error: 'invalid_client', error_description: 'Bad credentials' });
		expect(wrong.headers['www-authenticate']).toContain('Basic realm="UAA/client"');
		expect(JSON.stringify(wrong.data)).not.toContain('not-the-secret');

		const unknown = await uaa.post(
			'/oauth/token',
			form({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }),
			{ headers: FORM },
		);
		expect(unknown.status).toBe(401);
		expect(unknown.data.error).toBe('invalid_client');
	});

	it("says 'unauthorized' instead when the profile emulates an older UAA", async () => {
		await control.post('/__sim/profile', { uaaBadCredentialsError: 'unauthorized' });
		const res = await uaa.post(
			'/oauth/token',
			form({ grant_type: 'client_credentials', client_id: cis().clientid, client_secret: 'wrong' }),
			{ headers: FORM },
		);
		expect(res.status).toBe(401);
		expect(res.data.error).toBe('unauthorized');
	});

	it('rejects unsupported or missing grants and non-form bodies with 400', async () => {
		const auth = { ...encodedAuth(cis().clientid, cis().clientsecret) };
		const password = await uaa.post('/oauth/token', form({ grant_type: 'password', username: 'u', password: 'p' }), {
			headers: { ...FORM, ...auth },
		});
		expect(password.status).toBe(400);
		expect(password.data.error).toBe('unsupported_grant_type');
		const none = await uaa.post('/oauth/token', form({}), { headers: { ...FORM, ...auth } });
		expect(none.status).toBe(400);
		expect(none.data.error).toBe('invalid_request');
		const json = await uaa.post('/oauth/token', { grant_type: 'client_credentials' }, { headers: auth });
		expect(json.status).toBe(400);
		expect(json.data.error).toBe('invalid_request');
	});
});

describe('mTLS at certurl', () => {
	const mtlsToken = (certurl: string, clientid: string, agent?: https.Agent) =>
		axios.post(`${certurl}/oauth/token`, form({ grant_type: 'client_credentials', client_id: clientid }), {
			headers: FORM,
			httpsAgent: agent,
			validateStatus: () => true,
		});

	it('issues a token for the seed Service Manager X.509 key', async () => {
		const key = sim.keys.serviceManagerX509;
		expect(key.certurl).toBe(sim.urls.uaaCert);
		const res = await mtlsToken(key.certurl!, key.clientid, new https.Agent({ cert: key.certificate, key: key.key }));
		expect(res.status).toBe(200);
		expect(claims(res.data.access_token).cid).toBe(key.clientid);
	});

	it('issues a token for the seed Cloud ALM X.509 key', async () => {
		const { uaa: block } = sim.keys.cloudAlmX509;
		expect(block['credential-type']).toBe('x509');
		expect(block).not.toHaveProperty('clientsecret');
		const agent = new https.Agent({ cert: String(block.certificate), key: String(block.key) });
		const res = await mtlsToken(String(block.certurl), String(block.clientid), agent);
		expect(res.status).toBe(200);
		expect(claims(res.data.access_token).scope).toContain('sapcloudalm!b2.calm-api.projects.read');
	});

	it('answers 401 for another client’s certificate, no certificate, or a secret on the mTLS origin', async () => {
		const sm = sim.keys.serviceManagerX509;
		const calm = sim.keys.cloudAlmX509.uaa;
		const otherCert = new https.Agent({ cert: String(calm.certificate), key: String(calm.key) });
		const wrong = await mtlsToken(sm.certurl!, sm.clientid, otherCert);
		expect(wrong.status).toBe(401);
		expect(wrong.data.error).toBe('invalid_client');

		const noCert = await mtlsToken(sm.certurl!, sm.clientid);
		expect(noCert.status).toBe(401);

		const secretKey = sim.keys.cloudAlm.uaa;
		const bySecret = await axios.post(
			`${sim.urls.uaaCert}/oauth/token`,
			form({
				grant_type: 'client_credentials',
				client_id: String(secretKey.clientid),
				client_secret: String(secretKey.clientsecret),
			}),
			{ headers: FORM, validateStatus: () => true },
		);
		expect(bySecret.status).toBe(401);
	});
});

describe('token lifetime', () => {
	const getToken = async () =>
		(
			await uaa.post('/oauth/token', form({ grant_type: 'client_credentials' }), {
				headers: { ...FORM, ...encodedAuth(cis().clientid, cis().clientsecret) },
			})
		).data;

	it('rejects a token after tokenTtlSeconds', async () => {
		await control.post('/__sim/profile', { tokenTtlSeconds: 1 });
		// iat and exp are whole seconds (JWT NumericDate), so on a running clock a 1 s token can expire a few
		// ms after it was issued: the simulator's clock stands at the start of a second and moves only here
		let clock = Math.floor(Date.now() / 1000) * 1000;
		sim.context.now = () => clock;
		try {
			const token = await getToken();
			expect(token.expires_in).toBe(1);
			const api = httpClient(sim.urls.accounts, token.access_token);
			clock += 999;
			expect((await api.get('/accounts/v1/subaccounts')).status).toBe(200);
			clock += 1;
			const expired = await api.get('/accounts/v1/subaccounts');
			expect(expired.status).toBe(401);
			expect(expired.data.error.message).toBe('Access token expired');
		} finally {
			sim.context.now = () => Date.now();
		}
	});

	it('rejects revoked tokens after POST /__sim/tokens/revoke; a new token works', async () => {
		const before = await getToken();
		const api = httpClient(sim.urls.entitlements, before.access_token);
		expect((await api.get('/entitlements/v1/assignments')).status).toBe(200);
		const revoke = await control.post('/__sim/tokens/revoke');
		expect(revoke.status).toBe(200);
		expect(revoke.data.revoked).toBeGreaterThanOrEqual(1);
		const revoked = await api.get('/entitlements/v1/assignments');
		expect(revoked.status).toBe(401);
		expect(revoked.data.error.message).toBe('Access token has been revoked');
		expect(revoked.headers['www-authenticate']).toContain('invalid_token');
		const after = await getToken();
		expect(
			(await httpClient(sim.urls.entitlements, after.access_token).get('/entitlements/v1/assignments')).status,
		).toBe(200);
	});

	it('rejects a token whose payload was edited (signature check)', async () => {
		const token = await getToken();
		const [h, p, s] = String(token.access_token).split('.');
		const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
		payload.scope.push('cis-central!b14.global-account.everything');
		const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
		const res = await httpClient(sim.urls.accounts, forged).get('/accounts/v1/subaccounts');
		expect(res.status).toBe(401);
		expect(res.data.error.message).toContain('signature');
	});
});

// ------------------------------------------------------------------------------------------------
// Basic client authentication as UAA's ClientBasicAuthenticationFilter reads it (cloudfoundry/uaa
// server/src/main/java/org/cloudfoundry/identity/uaa/authentication/ClientBasicAuthenticationFilter.java)
// and SAP-docs/btp-cloud-platform "Token Retrieval Fails With Status Code 401".

const secretKeys = () => [
	sim.keys.cisCentral.uaa,
	sim.keys.cisCentralViewer.uaa,
	sim.keys.serviceManager,
	sim.keys.cloudAlm.uaa,
	sim.keys.cloudAlmReadOnly.uaa,
] as Array<{ clientid: string; clientsecret?: string }>;

const tokenWith = (headers: Record<string, string>, body = form({ grant_type: 'client_credentials' })) =>
	uaa.post('/oauth/token', body, { headers: { ...FORM, ...headers } });

describe('seeded credentials look like XSUAA’s', () => {
	it('secrets are `<uuid>$<base64>=` and hold + / = $; client ids hold ! and |', () => {
		for (const key of secretKeys()) {
			expect(key.clientsecret).toMatch(/^[0-9a-f-]{36}\$[A-Za-z0-9+/]{43}=$/);
			expect(key.clientsecret).toContain('+');
			expect(key.clientsecret).toContain('/');
			expect(key.clientid).toMatch(/^sb-[^!|]+![ab]\d+\|[^|]+![ab]\d+$/);
		}
		for (const c of sim.context.state.uaaClients.filter((x) => x.clientsecret)) {
			expect(c.clientsecret).toMatch(/^[0-9a-f-]{36}\$[A-Za-z0-9+/]{43}=$/);
		}
	});
});

describe('Basic credentials, profile uaaBasicDecoding=header (UAA in compatibility mode): URL-decoded only with X-CF-ENCODED-CREDENTIALS: true', () => {
	beforeEach(async () => {
		await control.post('/__sim/profile', { uaaBasicDecoding: 'header' });
	});

	it('accepts every seeded secret raw in the Basic header, and in the form body', async () => {
		for (const key of secretKeys()) {
			const raw = await tokenWith({ authorization: basic(key.clientid, key.clientsecret!) });
			expect(raw.status).toBe(200);
			const inForm = await tokenWith({}, form({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret! }));
			expect(inForm.status).toBe(200);
		}
	});

	it('accepts URL-encoded credentials with the header (value case-insensitive), refuses them without it', async () => {
		const key = cis();
		const encoded = encodedBasic(key.clientid, key.clientsecret);
		expect((await tokenWith({ authorization: encoded, 'x-cf-encoded-credentials': 'true' })).status).toBe(200);
		expect((await tokenWith({ authorization: encoded, 'x-cf-encoded-credentials': 'TRUE' })).status).toBe(200);
		const without = await tokenWith({ authorization: encoded });
		expect(without.status).toBe(401);
		expect(without.data).toEqual({ error: 'invalid_client', error_description: 'Bad credentials' });
		expect((await tokenWith({ authorization: encoded, 'x-cf-encoded-credentials': 'false' })).status).toBe(401);
	});

	it('decodes a raw `+` secret to a space when the header says encoded: 401', async () => {
		const key = cis();
		expect(key.clientsecret).toContain('+');
		const res = await tokenWith({ authorization: basic(key.clientid, key.clientsecret), 'x-cf-encoded-credentials': 'true' });
		expect(res.status).toBe(401);
		expect(res.data.error_description).toBe('Bad credentials');
	});
});

describe('Basic credentials, default profile (uaaBasicDecoding=always, UAA without compatibility mode)', () => {

	it('refuses a raw `+` secret (it decodes to a space), with or without the header', async () => {
		const key = cis();
		expect((await tokenWith({ authorization: basic(key.clientid, key.clientsecret) })).status).toBe(401);
		expect((await tokenWith({ authorization: basic(key.clientid, key.clientsecret), 'x-cf-encoded-credentials': 'true' })).status).toBe(401);
	});

	it('accepts URL-encoded credentials with or without the header, and the form body', async () => {
		for (const key of secretKeys()) {
			const encoded = encodedBasic(key.clientid, key.clientsecret!);
			expect((await tokenWith({ authorization: encoded })).status).toBe(200);
			expect((await tokenWith({ authorization: encoded, 'x-cf-encoded-credentials': 'true' })).status).toBe(200);
			const inForm = await tokenWith({}, form({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret! }));
			expect(inForm.status).toBe(200);
		}
	});
});

describe('malformed Basic credentials: always 401, never 500', () => {
	const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
	const cases: Array<[string, string, Record<string, string>, string]> = [
		['characters outside base64', 'Basic !!not*base64!!', {}, 'Failed to decode basic authentication token'],
		['one base64 character too many', 'Basic ' + b64('a:b') + 'A', {}, 'Failed to decode basic authentication token'],
		['wrong padding', 'Basic YQ=', {}, 'Failed to decode basic authentication token'],
		['padding in the middle', 'Basic YQ==YQ==', {}, 'Failed to decode basic authentication token'],
		// HTTP servers trim the value to `Basic`, which is no Basic header: no client authentication at all
		['empty value', 'Basic ', {}, 'Bad credentials'],
		['padding only', 'Basic =', {}, 'Failed to decode basic authentication token'],
		['no colon', 'Basic ' + b64('sb-na-1234!b5678|calm-api!b123'), {}, 'Invalid basic authentication token'],
		['lone % with the header', 'Basic ' + b64('sb-x!b1|y!b2:abc%'), { 'x-cf-encoded-credentials': 'true' }, 'Failed to URL Decode credentials'],
		['bad %zz escape with the header', 'Basic ' + b64('sb-x%zz!b1:abc'), { 'x-cf-encoded-credentials': 'true' }, 'Failed to URL Decode credentials'],
		['%FF (not UTF-8) with the header', 'Basic ' + b64('sb-x!b1|y!b2:%FF%FE'), { 'x-cf-encoded-credentials': 'true' }, 'Bad credentials'],
		['lone % without the header (default profile decodes always)', 'Basic ' + b64('sb-x!b1|y!b2:abc%'), {}, 'Failed to URL Decode credentials'],
		['only a colon', 'Basic ' + b64(':'), {}, 'Bad credentials'],
		['non-UTF-8 bytes', 'Basic ' + Buffer.from([0xff, 0xfe, 0x3a, 0xc3]).toString('base64'), {}, 'Bad credentials'],
	];

	it.each(cases)('%s', async (_name, authorization, extra, description) => {
		const res = await tokenWith({ authorization, ...extra });
		expect(res.status).toBe(401);
		expect(res.data).toEqual({ error: 'invalid_client', error_description: description });
		expect(res.headers['www-authenticate']).toContain('Basic realm="UAA/client"');
	});

	it('answers 401 to 200 random Basic values and secrets on both profiles (seeded, reproducible)', async () => {
		const random = seededRandom(11);
		const alphabet = 'AZaz09+/=%:!|$ \t.-_~\u00e9\u20ac';
		const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
		for (const decoding of ['header', 'always']) {
			await control.post('/__sim/profile', { uaaBasicDecoding: decoding });
			for (let i = 0; i < 100; i++) {
				const value = i % 2 ? pick(1 + Math.floor(random() * 30)) : b64(`${cis().clientid}:${pick(1 + Math.floor(random() * 30))}`);
				const headers: Record<string, string> = { authorization: `Basic ${value}`.replace(/[\t]/g, ' ') };
				if (random() < 0.5) headers['x-cf-encoded-credentials'] = 'true';
				const res = await tokenWith(headers);
				expect([res.status, value]).toEqual([401, value]);
			}
		}
	});
});

// ------------------------------------------------------------------------------------------------
// RS256 tokens, JWKS and discovery

describe('token signature and JWKS', () => {
	const jwksOf = async (origin: string) => (await axios.get(`${origin}/token_keys`)).data as { keys: Array<Record<string, string>> };

	it('serves /token_keys on both XSUAA origins in UAA’s shape: kty, e, use, kid, alg, value (PEM), n', async () => {
		const plain = await jwksOf(sim.urls.uaa);
		const tlsSet = await jwksOf(sim.urls.uaaCert);
		expect(tlsSet).toEqual(plain);
		expect(plain.keys.map((k) => k.kid)).toEqual(['key-id-0', 'key-id-1']);
		for (const k of plain.keys) {
			expect(Object.keys(k)).toEqual(['kty', 'e', 'use', 'kid', 'alg', 'value', 'n']);
			expect(k).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
			expect(k.value).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
			// n and e describe the same key as the PEM
			const fromJwk = createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' });
			expect(fromJwk.export({ type: 'spki', format: 'pem' }).toString().trim()).toBe(k.value);
		}
		expect(plain.keys[0].value).not.toBe(plain.keys[1].value);
	});

	it('signs tokens RS256 with the last published key, named by kid; verificationkey is that key', async () => {
		const res = await tokenWith({ ...encodedAuth(cis().clientid, cis().clientsecret) });
		const [h, p, sig] = res.data.access_token.split('.');
		const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
		expect(header).toEqual({ alg: 'RS256', jku: `https://${cis().uaadomain}/token_keys`, kid: 'key-id-1', typ: 'JWT' });
		const { keys } = await jwksOf(sim.urls.uaa);
		const active = keys.find((k) => k.kid === header.kid)!;
		expect(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(active.value, Buffer.from(sig, 'base64url'))).toBe(true);
		const retired = keys.find((k) => k.kid === 'key-id-0')!;
		expect(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(retired.value, Buffer.from(sig, 'base64url'))).toBe(false);
		for (const block of [cis(), sim.keys.cloudAlm.uaa, sim.keys.cloudAlmX509.uaa, sim.keys.cloudAlmReadOnly.uaa]) {
			expect(block.verificationkey).toBe(active.value);
			expect(() => createPublicKey(String(block.verificationkey))).not.toThrow();
		}
		const c = claims(res.data.access_token);
		expect(c.aud).toEqual(expect.arrayContaining(['cis-central!b14', cis().clientid]));
	});

	it('accepts ?zid= of a known zone, answers 400 for an unknown one', async () => {
		const ok = await uaa.get(`/token_keys?zid=${encodeURIComponent(String(sim.keys.cloudAlm.uaa.zoneid))}`);
		expect(ok.status).toBe(200);
		expect(ok.data.keys).toHaveLength(2);
		const unknown = await uaa.get('/token_keys?zid=00000000-0000-0000-0000-000000000000');
		expect(unknown.status).toBe(400);
	});

	it('uaadomain is the https origin (host:port) whose certificate names 127.0.0.1; its JWKS is trusted through the CA', async () => {
		expect(cis().uaadomain).toBe(new URL(sim.urls.uaaCert).host);
		expect(sim.keys.cloudAlm.uaa.uaadomain).toBe(cis().uaadomain);
		// no custom agent: trust comes from NODE_EXTRA_CA_CERTS, as for @sap/xssec
		const res = await axios.get(`https://${cis().uaadomain}/token_keys`);
		expect(res.status).toBe(200);
		const [host, port] = String(cis().uaadomain).split(':');
		const san = await new Promise<string>((resolve, reject) => {
			const socket = tls.connect({ host, port: Number(port), servername: undefined }, () => {
				resolve(String(socket.getPeerCertificate().subjectaltname));
				socket.end();
			});
			socket.on('error', reject);
		});
		expect(san).toContain('IP Address:127.0.0.1');
	});

	it('serves OpenID discovery on both origins; issuer is the tokens’ iss', async () => {
		for (const origin of [sim.urls.uaa, sim.urls.uaaCert]) {
			const res = await axios.get(`${origin}/.well-known/openid-configuration`);
			expect(res.status).toBe(200);
			expect(res.data).toMatchObject({
				issuer: `${sim.urls.uaa}/oauth/token`,
				token_endpoint: `${origin}/oauth/token`,
				jwks_uri: `${origin}/token_keys`,
				id_token_signing_alg_values_supported: ['RS256'],
			});
		}
		const token = await tokenWith({ ...encodedAuth(cis().clientid, cis().clientsecret) });
		expect(claims(token.data.access_token).iss).toBe(`${sim.urls.uaa}/oauth/token`);
	});

	it('rejects tokens signed by another key, with HS256, with alg none or an unknown kid', async () => {
		const good = (await tokenWith({ ...encodedAuth(cis().clientid, cis().clientsecret) })).data.access_token as string;
		const [h, p] = good.split('.');
		const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
		const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const signRs = (hh: string) => createSign('RSA-SHA256').update(`${hh}.${p}`).sign(other, 'base64url');
		const hs = enc({ ...header, alg: 'HS256' });
		const none = enc({ ...header, alg: 'none' });
		const unknownKid = enc({ ...header, kid: 'key-id-9' });
		const forged = [
			`${h}.${p}.${signRs(h)}`,
			`${hs}.${p}.${createHmac('sha256', 'guess').update(`${hs}.${p}`).digest('base64url')}`,
			`${none}.${p}.`,
			`${unknownKid}.${p}.${signRs(unknownKid)}`,
		];
		const api = (t: string) => httpClient(sim.urls.accounts, t).get('/accounts/v1/subaccounts');
		expect((await api(good)).status).toBe(200);
		for (const t of forged) {
			const res = await api(t);
			expect(res.status).toBe(401);
			expect(res.data.error.message).toContain('signature');
		}
	});
});
