/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * XSUAA token endpoint of the simulator over real HTTP (contract §2): Basic and form client
 * authentication, the JWT's claims, error answers, mTLS at `certurl` with the seed's X.509 keys
 * (the CA is trusted through NODE_EXTRA_CA_CERTS, as a real client would), expiry and revocation.
 */
import * as https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { startSimulator, type RunningSimulator } from './index';
import { DEFAULT_PROFILE } from './profile';
import { httpClient, sleep } from './testkit';

let sim: RunningSimulator;
let control: AxiosInstance;
let uaa: AxiosInstance;

beforeAll(async () => {
	sim = await startSimulator();
	control = httpClient(sim.urls.control);
	uaa = httpClient(sim.urls.uaa);
});
afterAll(async () => sim.stop());
afterEach(async () => {
	await control.post('/__sim/profile', { ...DEFAULT_PROFILE });
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const basic = (id: string, secret: string) =>
	'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');

function claims(jwt: string) {
	const parts = jwt.split('.');
	expect(parts).toHaveLength(3);
	return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

const cis = () => sim.keys.cisCentral.uaa;

describe('client secret at /oauth/token', () => {
	it('issues a JWT with Basic client authentication', async () => {
		const res = await uaa.post('/oauth/token', form({ grant_type: 'client_credentials' }), {
			headers: { ...FORM, authorization: basic(cis().clientid, cis().clientsecret) },
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
			headers: { ...FORM, authorization: basic(cis().clientid, 'not-the-secret') },
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
		const auth = { authorization: basic(cis().clientid, cis().clientsecret) };
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
				headers: { ...FORM, authorization: basic(cis().clientid, cis().clientsecret) },
			})
		).data;

	it('rejects a token after tokenTtlSeconds', async () => {
		await control.post('/__sim/profile', { tokenTtlSeconds: 1 });
		const token = await getToken();
		expect(token.expires_in).toBe(1);
		const api = httpClient(sim.urls.accounts, token.access_token);
		expect((await api.get('/accounts/v1/subaccounts')).status).toBe(200);
		await sleep(1100);
		const expired = await api.get('/accounts/v1/subaccounts');
		expect(expired.status).toBe(401);
		expect(expired.data.error.message).toBe('Access token expired');
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
