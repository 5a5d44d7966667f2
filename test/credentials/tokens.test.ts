/**
 * The four credentials inside n8n's real engine (in-process runner) against the simulator:
 * pasted and field-by-field input, one token for many requests, items and executions, the 401
 * refresh after revocation, X.509 over mTLS, and refusal of plain http before any call.
 */
import { CredentialStore, runWorkflow } from '../runner';
import { useSimulator } from '../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import {
	apiAnswers,
	control,
	CREDENTIAL_TYPES,
	fieldsFrom,
	lastSeq,
	pasted,
	probeWorkflow,
	SEED_KEY,
	tokensIssued,
	type CredentialType,
} from './helpers';

// token counting with a bare probe node (no 429 handling): the CIS limit, on by default since
// issue 11 (5 calls per 3 s per endpoint), is not what these tests are about
const sim = useSimulator({ start: { profile: { cisRequestsPerWindow: 0 } }, reset: false });

const keyOf = (type: CredentialType) => sim.keys[SEED_KEY[type]] as unknown as Record<string, unknown>;

// the Destination service lists the Cloud ALM subaccount's destinations: one, so its probe answer is not empty
beforeAll(() => {
	sim.context.state.destinations.push({
		subaccountGUID: SUBACCOUNT_IDS.calm,
		properties: { Name: 'credential-probe', Type: 'HTTP', URL: 'https://n8n.example.com/webhook/probe', Authentication: 'NoAuthentication', ProxyType: 'Internet' },
	});
});

describe.each(CREDENTIAL_TYPES)('%s', (type) => {
	test('pasted JSON (indented, inside a {"credentials": …} wrapper) works', async () => {
		const before = tokensIssued(sim);
		const text = `\n   ${JSON.stringify({ credentials: keyOf(type) }, null, 3)}   \n`;
		const result = await runWorkflow(probeWorkflow(type), { credentials: { [type]: pasted(null, text) }, store: new CredentialStore() });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const responses = result.lastNodeItems[0].responses as unknown[];
		expect(responses).toHaveLength(1);
		expect(JSON.stringify(responses[0]).length).toBeGreaterThan(20);
		expect(tokensIssued(sim) - before).toBe(1);
	});

	test('field-by-field input works', async () => {
		const before = tokensIssued(sim);
		const result = await runWorkflow(probeWorkflow(type), {
			credentials: { [type]: fieldsFrom(type, keyOf(type)) },
			store: new CredentialStore(),
		});
		expect(result.error).toBeUndefined();
		expect(result.lastNodeItems).toHaveLength(1);
		expect(tokensIssued(sim) - before).toBe(1);
	});

	test('one token for many requests, many items and a second execution', async () => {
		const store = new CredentialStore();
		const credentials = { [type]: pasted(keyOf(type)) };
		const before = tokensIssued(sim);
		const since = lastSeq(sim);
		const first = await runWorkflow(probeWorkflow(type, { items: 6, requestsPerItem: 3 }), { credentials, store });
		expect(first.status).toBe('success');
		expect(first.lastNodeItems).toHaveLength(6);
		expect(apiAnswers(sim, 200, since)).toBe(18);
		expect(tokensIssued(sim) - before).toBe(1);

		const second = await runWorkflow(probeWorkflow(type, { items: 4 }), { credentials, store });
		expect(second.status).toBe('success');
		expect(second.preAuthenticationCalls).toEqual({});
		expect(tokensIssued(sim) - before).toBe(1);
		expect(store.tokenWrites).toBe(1);
	});

	test('after the simulator revokes tokens: one 401, exactly one new token, and the run succeeds', async () => {
		const store = new CredentialStore();
		const credentials = { [type]: pasted(keyOf(type)) };
		await runWorkflow(probeWorkflow(type), { credentials, store });
		const tokenBefore = store.all()[0].data.accessToken;
		const revoked = (await control(sim, '/__sim/tokens/revoke')) as { revoked: number };
		expect(revoked.revoked).toBeGreaterThan(0);

		const before = tokensIssued(sim);
		const since = lastSeq(sim);
		const result = await runWorkflow(probeWorkflow(type, { items: 5 }), { credentials, store });
		expect(result.error).toBeUndefined();
		expect(result.lastNodeItems).toHaveLength(5);
		expect(apiAnswers(sim, 401, since)).toBe(1);
		expect(apiAnswers(sim, 200, since)).toBe(5);
		expect(tokensIssued(sim) - before).toBe(1);
		expect(store.all()[0].data.accessToken).not.toBe(tokenBefore);
	});
});

describe('X.509 keys get their token over mTLS', () => {
	test.each([
		['sapCloudAlmApi', 'cloudAlmX509'],
		['sapBtpServiceManagerApi', 'serviceManagerX509'],
	] as const)('%s with seed key %s', async (type, seedKey) => {
		const since = lastSeq(sim);
		const key = sim.keys[seedKey] as unknown as Record<string, unknown>;
		for (const data of [pasted(key), fieldsFrom(type, key)]) {
			const result = await runWorkflow(probeWorkflow(type, { items: 2 }), { credentials: { [type]: data }, store: new CredentialStore() });
			expect(result.error).toBeUndefined();
			expect(result.lastNodeItems).toHaveLength(2);
		}
		const tokenCalls = sim.log.entries.filter((e) => e.seq > since && e.route === '/oauth/token');
		expect(tokenCalls.map((e) => [e.service, e.status])).toEqual([
			['uaaCert', 200],
			['uaaCert', 200],
		]);
	});

	test('a certificate with the key of another binding is refused before any call', async () => {
		const since = lastSeq(sim);
		const key = JSON.parse(JSON.stringify(sim.keys.cloudAlmX509));
		key.uaa.key = sim.keys.serviceManagerX509.key;
		const result = await runWorkflow(probeWorkflow('sapCloudAlmApi'), { credentials: { sapCloudAlmApi: pasted(key) }, store: new CredentialStore() });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/uaa\.certificate and uaa\.key do not belong together/);
		expect(lastSeq(sim)).toBe(since);
	});
});

describe('plain http:// to a non-loopback host is refused before any call', () => {
	test.each([
		['uaa.url', (k: Record<string, Record<string, unknown>>) => (k.uaa.url = 'http://acme.authentication.eu10.hana.ondemand.com')],
		['endpoints.Api', (k: Record<string, Record<string, unknown>>) => (k.endpoints.Api = 'http://acme.eu10.alm.cloud.sap/api')],
	])('%s', async (field, edit) => {
		const key = JSON.parse(JSON.stringify(sim.keys.cloudAlm));
		edit(key);
		const since = lastSeq(sim);
		const result = await runWorkflow(probeWorkflow('sapCloudAlmApi'), { credentials: { sapCloudAlmApi: pasted(key) }, store: new CredentialStore() });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`${field} uses plain http://`);
		expect(lastSeq(sim)).toBe(since);
	});

	test('the token is not sent to a host the key does not name', async () => {
		const since = lastSeq(sim);
		const result = await runWorkflow(probeWorkflow('sapCloudAlmApi', { path: `${sim.urls.serviceManager}/v1/service_offerings` }), {
			credentials: { sapCloudAlmApi: pasted(sim.keys.cloudAlm) },
			store: new CredentialStore(),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/only sends its token to 127\.0\.0\.1:\d+ \(endpoints\.Api\)/);
		expect(sim.log.entries.filter((e) => e.seq > since && e.service === 'serviceManager')).toHaveLength(0);
	});

	test('CIS relative paths go to the Accounts or the Entitlements service of the key', async () => {
		const store = new CredentialStore();
		const credentials = { sapBtpCloudManagementApi: pasted(sim.keys.cisCentral) };
		const since = lastSeq(sim);
		const result = await runWorkflow(probeWorkflow('sapBtpCloudManagementApi', { path: '/entitlements/v1/assignments' }), { credentials, store });
		expect(result.error).toBeUndefined();
		expect(sim.log.entries.filter((e) => e.seq > since && e.service === 'entitlements' && e.status === 200)).toHaveLength(1);
	});
});
