/**
 * Client secrets with `+`, `/`, `=`, `$`, `%` and `:` (SAP-docs/btp-cloud-platform "Token Retrieval
 * Fails With Status Code 401": a `+` secret fails in a raw Basic header when XSUAA URL-decodes it)
 * get a token for every credential type, inside n8n's real engine over real HTTP, on both ways the
 * simulator's XSUAA can read Basic credentials (profile `uaaBasicDecoding`: `header` = decoded
 * only with X-CF-ENCODED-CREDENTIALS: true, `always` = UAA's default). Our token fetch sends the
 * secret in the form body, which both read the same way; the credential `test` still tells a
 * wrong secret from a good one.
 */
import { randomUUID } from 'node:crypto';
import { CredentialStore, runWorkflow, testCredential } from '../runner';
import { useSimulator } from '../../simulator/testkit';
import { registerClient } from '../../simulator/clients';
import { CREDENTIAL_TYPES, control, FLAT_KEY, lastSeq, pasted, probeWorkflow, SEED_KEY, type CredentialType } from './helpers';

const sim = useSimulator({ reset: false });
afterEach(async () => {
	await control(sim, '/__sim/profile', { uaaBasicDecoding: 'header' });
});

/**
 * Every character that breaks one reading or the other: `+` (space when decoded), `%2B` and a
 * lone `%` (decoded to `+` / refused), `:` (the Basic separator), `/ = $` as in real secrets.
 */
const HOSTILE = `${randomUUID()}$Ab+cd/ef=%2B:gh%zz+%`;

type Key = Record<string, unknown> & { uaa?: Record<string, unknown> };

/** A copy of the seed key of `type` whose client (same zone and scopes) has `secret`. */
function keyWithSecret(type: CredentialType, secret: string): Key {
	const key = JSON.parse(JSON.stringify(sim.keys[SEED_KEY[type]])) as Key;
	const block = (FLAT_KEY[type] ? key : key.uaa) as Record<string, unknown>;
	const original = sim.context.state.uaaClients.find((c) => c.clientid === block.clientid)!;
	const clientid = String(block.clientid).replace(/^sb-/, `sb-hostile-${randomUUID().slice(0, 8)}-`);
	registerClient(sim.context.state, { ...original, clientid, clientsecret: secret, owner: 'hostile-secret test' });
	block.clientid = clientid;
	block.clientsecret = secret;
	return key;
}

describe.each(['header', 'always'] as const)('XSUAA reads Basic credentials: %s', (decoding) => {
	beforeEach(async () => {
		await control(sim, '/__sim/profile', { uaaBasicDecoding: decoding });
	});

	test.each(CREDENTIAL_TYPES)('%s: a +/%%/: secret gets a token and the API answers', async (type) => {
		const key = keyWithSecret(type, HOSTILE);
		const since = lastSeq(sim);
		const result = await runWorkflow(probeWorkflow(type, { items: 2 }), {
			credentials: { [type]: pasted(key) },
			store: new CredentialStore(),
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.lastNodeItems).toHaveLength(2);
		const calls = sim.log.entries.filter((e) => e.seq > since);
		expect(calls.filter((e) => e.route === '/oauth/token').map((e) => [e.service, e.status])).toEqual([['uaa', 200]]);
	});

	test.each(CREDENTIAL_TYPES)('%s: the credential test connects with it, and refuses the same secret one character off', async (type) => {
		const good = await testCredential(type, pasted(keyWithSecret(type, HOSTILE)), { store: new CredentialStore() });
		expect(good).toEqual({ status: 'OK', message: 'Connection successful!' });
		const key = keyWithSecret(type, HOSTILE);
		const block = (FLAT_KEY[type] ? key : key.uaa) as Record<string, unknown>;
		// the server reading `+` as a space must not make a space match: send the space variant
		block.clientsecret = HOSTILE.replace(/\+/g, ' ');
		const bad = await testCredential(type, pasted(key), { store: new CredentialStore() });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/^Token request failed: the client id or secret was rejected by 127\.0\.0\.1:\d+ \(HTTP 401 invalid_client\)/);
		expect(bad.message).not.toContain(HOSTILE);
	});
});
