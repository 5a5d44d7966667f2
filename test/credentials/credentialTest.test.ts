/**
 * Each credential's `test`, run the way n8n's credentials tester runs it (test/runner): a good key
 * connects; a bad secret, a wrong URL and a missing scope give three different, clear messages;
 * an X.509 certificate ending within 30 days is reported; and no secret, token or private key
 * shows up in any message, node error or run data.
 */
import { randomUUID } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { CredentialStore, runWorkflow, testCredential } from '../runner';
import { createCloudAlmBindingCredentials, registerClient, secret } from '../../simulator/clients';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { useSimulator } from '../../simulator/testkit';
import { pasted, probeWorkflow, secretsOf, SEED_KEY, type CredentialType } from './helpers';

const sim = useSimulator({ reset: false });

type Key = Record<string, unknown> & { uaa: Record<string, unknown>; endpoints: Record<string, unknown> };
const copy = (type: CredentialType): Key => JSON.parse(JSON.stringify(sim.keys[SEED_KEY[type]]));
const subaccount = (guid: string) => sim.context.state.subaccounts.find((s) => s.guid === guid)!;

/** Keys whose token lacks the scope the test call needs. */
function keyWithoutScope(type: CredentialType): unknown {
	if (type === 'sapBtpCloudManagementApi') return sim.keys.cisCentralViewer;
	if (type === 'sapBtpDestinationServiceApi') {
		// a token of another service's client (Service Manager) on the Destination service's uri
		const sm = sim.keys.serviceManager as Record<string, unknown>;
		return { ...copy(type), clientid: sm.clientid, clientsecret: sm.clientsecret, url: sm.url };
	}
	if (type === 'sapCloudAlmApi') {
		// an SAPCloudALMAPIs instance created without authorities: its binding gets no calm-api scope
		return createCloudAlmBindingCredentials(sim.context, subaccount(SUBACCOUNT_IDS.calm), { name: 'calm-no-authorities', parameters: {} }, { owner: 'test' });
	}
	const sa = subaccount(SUBACCOUNT_IDS.dev);
	const clientid = `sb-no-scopes-${randomUUID()}!b9|service-manager!b1`;
	const clientsecret = secret();
	registerClient(sim.context.state, { clientid, clientsecret, zoneId: sa.technicalName, subdomain: sa.subdomain, subaccountId: sa.guid, scopes: [], owner: 'test' });
	return { clientid, clientsecret, sm_url: sim.urls.serviceManager, url: sim.urls.uaa, xsappname: 'no-scopes' };
}

/** A random secret the token server does not know. */
const wrongSecret = secret();

function withBadSecret(type: CredentialType): unknown {
	const key = copy(type);
	if (type === 'sapBtpServiceManagerApi' || type === 'sapBtpDestinationServiceApi') key.clientsecret = wrongSecret;
	else key.uaa.clientsecret = wrongSecret;
	return key;
}

function withWrongUrl(type: CredentialType): unknown {
	const key = copy(type);
	if (type === 'sapCloudAlmApi') key.endpoints.Api = `${sim.urls.cloudAlm}/wrong`;
	if (type === 'sapBtpCloudManagementApi') key.endpoints.accounts_service_url = `${sim.urls.accounts}/wrong`;
	if (type === 'sapBtpServiceManagerApi') key.sm_url = `${sim.urls.serviceManager}/wrong`;
	if (type === 'sapBtpDestinationServiceApi') key.uri = `${sim.urls.destination}/wrong`;
	return key;
}

const EXPECTED: Record<CredentialType, { badSecret: RegExp; wrongUrl: RegExp; missingScope: RegExp }> = {
	sapCloudAlmApi: {
		badSecret: /^Token request failed: the client id or secret was rejected by 127\.0\.0\.1:\d+ \(HTTP 401 invalid_client\)/,
		wrongUrl: /^Wrong API URL: endpoints\.Api has no \/calm-projects\/v1\/projects \(HTTP 404\)/,
		missingScope: /lacks the scope calm-api\.projects\.read \(missing scope, HTTP 403\)/,
	},
	sapBtpCloudManagementApi: {
		badSecret: /^Token request failed: the client id or secret was rejected by 127\.0\.0\.1:\d+/,
		wrongUrl: /^Wrong service URL: endpoints\.accounts_service_url has no \/accounts\/v1\/subaccounts \(HTTP 404\)/,
		missingScope: /lacks the scope global-account\.entitlement\.subaccount\.update \(missing scope\).*central-viewer/,
	},
	sapBtpServiceManagerApi: {
		badSecret: /^Token request failed: the client id or secret was rejected by 127\.0\.0\.1:\d+/,
		wrongUrl: /^Wrong Service Manager URL: sm_url has no \/v1\/service_offerings \(HTTP 404\)/,
		missingScope: /lacks the scope subaccount\.service_offering\.read \(missing scope, HTTP 403\)/,
	},
	sapBtpDestinationServiceApi: {
		badSecret: /^Token request failed: the client id or secret was rejected by 127\.0\.0\.1:\d+/,
		wrongUrl: /^Wrong Destination service URL: uri has no \/destination-configuration\/v1\/subaccountDestinations \(HTTP 404\)/,
		missingScope: /^The token was not accepted by the Destination service \(HTTP 403\): paste a key of a destination instance, not of another service\./,
	},
};

/** Every message, node error and run datum a test produced, for the leak check at the end. */
const captured: string[] = [];
const tokens = new Set<string>();

async function check(type: CredentialType, key: unknown) {
	const store = new CredentialStore();
	const result = await testCredential(type, pasted(key), { store });
	captured.push(JSON.stringify(result));
	for (const c of store.all()) if (c.data.accessToken) tokens.add(String(c.data.accessToken));
	return result;
}

describe.each(Object.keys(EXPECTED) as CredentialType[])('%s test', (type) => {
	test('a good key connects', async () => {
		expect(await check(type, sim.keys[SEED_KEY[type]])).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('bad secret, wrong URL and missing scope give three different, clear messages', async () => {
		const badSecret = await check(type, withBadSecret(type));
		const wrongUrl = await check(type, withWrongUrl(type));
		const missingScope = await check(type, keyWithoutScope(type));
		expect(badSecret.status).toBe('Error');
		expect(badSecret.message).toMatch(EXPECTED[type].badSecret);
		expect(wrongUrl.message).toMatch(EXPECTED[type].wrongUrl);
		expect(missingScope.message).toMatch(EXPECTED[type].missingScope);
		expect(new Set([badSecret.message, wrongUrl.message, missingScope.message]).size).toBe(3);
	});
});

test('an edited key is tested with the new key, not with the token n8n kept from the old one', async () => {
	const store = new CredentialStore();
	const id = 'edited-credential';
	expect((await testCredential('sapCloudAlmApi', pasted(sim.keys.cloudAlm), { store, id })).status).toBe('OK');
	const kept = store.get(id)?.data.accessToken;
	expect(kept).toBeTruthy();
	const since = sim.log.summary().lastSeq;
	const result = await testCredential('sapCloudAlmApi', pasted(withBadSecret('sapCloudAlmApi')), { store, id });
	expect(result.message).toMatch(EXPECTED.sapCloudAlmApi.badSecret);
	// the stale token was never sent: the only request was the (refused) token request
	expect(sim.log.entries.filter((e) => e.seq > since).map((e) => [e.service, e.status])).toEqual([['uaa', 401]]);
	tokens.add(String(kept));
	captured.push(JSON.stringify(result));
});

test('an X.509 certificate ending within 30 days is reported by the test', async () => {
	const calm = await check('sapCloudAlmApi', sim.keys.cloudAlmX509);
	const sm = await check('sapBtpServiceManagerApi', sim.keys.serviceManagerX509);
	for (const result of [calm, sm]) {
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/X\.509 certificate of client .+ expires on \d{4}-\d{2}-\d{2} \(in [5-7] days\)\. Create a new binding/);
	}
});

test('a malformed key fails the test with the parser message', async () => {
	const result = await check('sapCloudAlmApi', sim.keys.serviceManager);
	expect(result.message).toMatch(/looks like a Service Manager key \(sm_url\)/);
});

test('no secret, token or private key appears in any captured message, node error or run data', async () => {
	const data = (key: unknown): ICredentialDataDecryptedObject => pasted(key);
	// workflow runs that fail after a token was issued (404, 403, 401 at the token endpoint)
	for (const [type, key, path] of [
		['sapCloudAlmApi', sim.keys.cloudAlm, '/calm-projects/v1/projects/does-not-exist'],
		['sapCloudAlmApi', keyWithoutScope('sapCloudAlmApi'), '/calm-projects/v1/projects'],
		['sapCloudAlmApi', withBadSecret('sapCloudAlmApi'), '/calm-projects/v1/projects'],
		['sapCloudAlmApi', sim.keys.cloudAlmX509, '/calm-projects/v1/projects/does-not-exist'],
		['sapBtpServiceManagerApi', sim.keys.serviceManagerX509, '/v1/service_instances/does-not-exist'],
	] as Array<[CredentialType, unknown, string]>) {
		const store = new CredentialStore();
		const result = await runWorkflow(probeWorkflow(type, { path }), { credentials: { [type]: data(key) }, store });
		expect(result.status).toBe('error');
		captured.push(JSON.stringify(result.error), JSON.stringify(result.nodes), JSON.stringify(result.run.data.resultData));
		for (const c of store.all()) if (c.data.accessToken) tokens.add(String(c.data.accessToken));
	}
	const secrets = [...secretsOf(sim.keys), wrongSecret, ...tokens];
	expect(tokens.size).toBeGreaterThanOrEqual(8);
	expect(captured.length).toBeGreaterThanOrEqual(25);
	// the captured texts really hold the failures (so the check below is not vacuous)
	expect(captured.join('\n')).toMatch(/could not be found[\s\S]*Forbidden[\s\S]*client id or secret was rejected/);
	for (const text of captured) for (const s of secrets) expect(text).not.toContain(s);
});
