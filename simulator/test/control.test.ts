/**
 * Control API of the simulator (`/__sim/*`) over real HTTP: keys, redacted state, the request
 * log (counts, redaction, `since`), reset, the latency profile, and fault injection (each kind,
 * the `paths` filter, and reproducibility from a seed).
 */
import type { AxiosInstance } from 'axios';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { SUBACCOUNT_IDS } from '../seed';
import { cisClients, httpClient, useSimulator } from '../testkit';

let control: AxiosInstance;
let acc: AxiosInstance;
let ent: AxiosInstance;

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
beforeAll(async () => {
	control = httpClient(sim.urls.control);
});
beforeEach(async () => {
	const c = await cisClients(sim.keys.cisCentral);
	acc = c.accounts;
	ent = c.entitlements;
});

const SUBACCOUNTS = '/accounts/v1/subaccounts';

describe('keys and state', () => {
	it('serves the seeded keys, the URLs and the CA', async () => {
		const res = await control.get('/__sim/keys');
		expect(res.status).toBe(200);
		expect(res.data.cisCentral).toEqual(sim.keys.cisCentral);
		expect(res.data.cloudAlm.endpoints.Api).toBe(`${sim.urls.cloudAlm}/api`);
		expect(res.data.urls).toEqual(sim.urls);
		expect(res.data.caCertPem).toBe(sim.caCertPem);
		expect(Object.keys(res.data)).toEqual(
			expect.arrayContaining(['cisCentralViewer', 'serviceManager', 'serviceManagerX509', 'cloudAlmX509']),
		);
	});

	it('dumps the state without secrets', async () => {
		await acc.post(`/accounts/v2/subaccounts/${SUBACCOUNT_IDS.dev}/serviceManagerBindings`, {
			name: 'x509',
			parameters: { 'credential-type': 'x509' },
		});
		const res = await control.get('/__sim/state');
		expect(res.status).toBe(200);
		const dump = JSON.stringify(res.data);
		const secrets = [
			sim.keys.cisCentral.uaa.clientsecret,
			sim.keys.serviceManager.clientsecret!,
			String(sim.keys.cloudAlm.uaa.clientsecret),
			String(sim.keys.cloudAlmX509.uaa.key),
		];
		for (const s of secrets) expect(dump).not.toContain(s);
		expect(dump).not.toContain('PRIVATE KEY');
		expect(res.data.smAccess[0]).toMatchObject({ name: 'x509', key: '<redacted>' });
		expect(
			res.data.uaaClients.every((c: { clientsecret?: string }) => !c.clientsecret || c.clientsecret === '<redacted>'),
		).toBe(true);
		expect(res.data.tokens).toEqual({ issued: 1, revoked: 0 });
		expect(res.data.subaccounts).toHaveLength(9);
	});
});

describe('request log', () => {
	it('counts requests per route and tokens per client, and supports since', async () => {
		await acc.get(SUBACCOUNTS);
		await acc.get(SUBACCOUNTS);
		await ent.get('/entitlements/v1/assignments');
		const log = (await control.get('/__sim/requests')).data;
		expect(log.total).toBe(4); // one token + three API calls
		expect(log.perRoute).toMatchObject({
			'POST uaa /oauth/token': 1,
			[`GET accounts ${SUBACCOUNTS}`]: 2,
			'GET entitlements /entitlements/v1/assignments': 1,
		});
		expect(log.tokensIssued).toEqual({ [sim.keys.cisCentral.uaa.clientid]: 1 });
		expect(log.tokensIssuedTotal).toBe(1);
		const last = log.entries[log.entries.length - 1];
		expect(last).toMatchObject({ service: 'entitlements', status: 200, clientid: sim.keys.cisCentral.uaa.clientid });
		// control calls are not logged
		expect(log.entries.some((e: { path: string }) => e.path.startsWith('/__sim'))).toBe(false);

		await acc.get(`${SUBACCOUNTS}/${SUBACCOUNT_IDS.qa}`);
		const since = (await control.get('/__sim/requests', { params: { since: log.lastSeq } })).data;
		expect(since.total).toBe(1);
		expect(since.entries[0].route).toBe('/accounts/v1/subaccounts/:guid');
	});

	it('redacts secret-looking query values', async () => {
		await acc.get(SUBACCOUNTS, { params: { client_secret: 'hunter2', access_token: 'tok123', keep: 'visible' } });
		const log = (await control.get('/__sim/requests')).data;
		const dump = JSON.stringify(log);
		expect(dump).not.toContain('hunter2');
		expect(dump).not.toContain('tok123');
		expect(log.entries[log.entries.length - 1].path).toContain('client_secret=***');
		expect(log.entries[log.entries.length - 1].path).toContain('keep=visible');
	});
});

describe('reset', () => {
	it('re-seeds the world: changes are gone, old credentials stop working, the log is cleared', async () => {
		const oldKey = sim.keys.cisCentral;
		await acc.post(`/accounts/v2/subaccounts/${SUBACCOUNT_IDS.dev}/serviceManagerBindings`, { name: 'temp' });
		expect(sim.context.state.smAccess).toHaveLength(1);
		const res = await control.post('/__sim/reset', { customers: 2 });
		expect(res.data).toEqual({ ok: true });
		const state = (await control.get('/__sim/state')).data;
		expect(state.smAccess).toEqual([]);
		expect(state.subaccounts).toHaveLength(6);
		expect(sim.keys.cisCentral.uaa.clientid).not.toBe(oldKey.uaa.clientid);
		expect((await acc.get(SUBACCOUNTS)).status).toBe(401);
		const log = (await control.get('/__sim/requests')).data;
		expect(log.total).toBe(1); // only the 401 above
		const fresh = await cisClients(sim.keys.cisCentral);
		expect((await fresh.accounts.get(SUBACCOUNTS)).data.value).toHaveLength(6);
	});
});

describe('profile', () => {
	it('adds latencyMs to API calls but not to control calls', async () => {
		await control.post('/__sim/profile', { latencyMs: 150 });
		let t = Date.now();
		expect((await acc.get(SUBACCOUNTS)).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
		const log = (await control.get('/__sim/requests')).data;
		expect(log.entries[log.entries.length - 1].durationMs).toBeGreaterThanOrEqual(140);
		// control calls skip the latency: against a latency no load can hide (20 s; the file's profile sets it
		// back before the next test), a control call answers in far less (a bound of 140 ms raced a busy CI machine)
		await control.post('/__sim/profile', { latencyMs: 20_000 });
		t = Date.now();
		expect((await control.get('/__sim/requests')).status).toBe(200);
		expect(Date.now() - t).toBeLessThan(10_000);
	});
});

describe('faults', () => {
	const statuses = async (n: number) => {
		const out: number[] = [];
		for (let i = 0; i < n; i++) out.push((await acc.get(SUBACCOUNTS)).status);
		return out;
	};

	it('reproduces the same fault sequence from the same seed', async () => {
		const config = { seed: 42, rateLimit: 0.25, serverError: 0.25, paths: [SUBACCOUNTS] };
		// injected faults only: the real CIS limit (5 per 3 s, on by default) would add its own 429s
		await control.post('/__sim/profile', { cisRequestsPerWindow: 0 });
		await control.post('/__sim/faults', config);
		const first = await statuses(24);
		await control.post('/__sim/faults', config);
		const second = await statuses(24);
		expect(second).toEqual(first);
		expect(first.some((s) => s === 200)).toBe(true);
		expect(first.some((s) => s === 429)).toBe(true);
		expect(first.some((s) => s >= 500)).toBe(true);
		await control.post('/__sim/faults', { ...config, seed: 7 });
		expect(await statuses(24)).not.toEqual(first);
	});

	it('rateLimit answers in the service’s format (CIS 11006; XSUAA with Retry-After)', async () => {
		await control.post('/__sim/faults', { rateLimit: 1 });
		const cis = await acc.get(SUBACCOUNTS);
		expect(cis.status).toBe(429);
		expect(cis.data.error.code).toBe(11006);
		const token = await httpClient(sim.urls.uaa).post('/oauth/token', 'grant_type=client_credentials', {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(token.status).toBe(429);
		expect(token.headers['retry-after']).toBe(String(DEFAULT_PROFILE.retryAfterSeconds));
		const log = (await control.get('/__sim/requests')).data;
		expect(log.faults.rateLimit).toBe(2);
	});

	it('serverError answers 500/502/503 with the service’s error body', async () => {
		await control.post('/__sim/faults', { serverError: 1 });
		const seen = new Set<number>();
		for (let i = 0; i < 12; i++) {
			const res = await ent.get('/entitlements/v1/assignments');
			seen.add(res.status);
			expect(res.data.error.message).toMatch(/^Injected fault: HTTP 50[023]$/);
		}
		expect([...seen].every((s) => [500, 502, 503].includes(s))).toBe(true);
		expect(seen.size).toBeGreaterThan(1);
	});

	it('connectionReset destroys the socket without an answer', async () => {
		await control.post('/__sim/faults', { connectionReset: 1 });
		await expect(acc.get(SUBACCOUNTS)).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE/),
		});
		const log = (await control.get('/__sim/requests')).data;
		expect(log.faults.reset).toBe(1);
		expect(log.entries[log.entries.length - 1].status).toBe(0);
	});

	it('slow delays the answer by slowMs and still answers', async () => {
		await control.post('/__sim/faults', { slow: 1, slowMs: 300 });
		const t = Date.now();
		const res = await acc.get(SUBACCOUNTS);
		expect(res.status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(290);
	});

	it('only faults requests whose path matches `paths`', async () => {
		await control.post('/__sim/faults', { serverError: 1, paths: ['/entitlements/'] });
		expect((await acc.get(SUBACCOUNTS)).status).toBe(200);
		expect((await ent.get('/entitlements/v1/assignments')).status).toBeGreaterThanOrEqual(500);
	});
});
