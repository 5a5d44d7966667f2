/**
 * Issue 12, weakness 5: every error message, description and stored error has the exact tokens,
 * secrets and private keys in use redacted, whatever surrounds them. A hostile API on 127.0.0.2
 * (./echo.ts), named by the key as its API or token URL, echoes the bearer token it received (a
 * real token from the simulator's XSUAA) and the key's secret back in `error.code`, messages,
 * details, correlation ids and the `x-correlationid` header — raw, `%20`/`_`-prefixed, URL- and
 * form-encoded, base64 (also inside `Basic`), JSON-escaped. The nodes run in n8n's real engine;
 * the secret's bytes must appear nowhere in the error message/description, JSON.stringify of the
 * error, the error items, or JSON.stringify of the run data.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { SecretRegistry } from '../../nodes/shared/transport/secrets';
import { testCredential } from '../runner';
import { runBtp, rl, type BtpRun } from '../nodes/sapBtp/harness';
import { runCalm, type CalmRun } from '../nodes/sapCloudAlm/harness';
import { useSimulator } from '../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { pollTrigger } from '../nodes/sapBtpTrigger/pollHarness';
import { PolledTrigger, projectsParameter } from '../nodes/sapCloudAlmPollingTrigger/harness';
import { encodings, startEchoServer, type EchoReply, type EchoServer, type Received } from './echo';

const sim = useSimulator({ reset: false });
let echo: EchoServer;

beforeAll(async () => {
	echo = await startEchoServer(() => ({ status: 500, body: {} }));
});
afterAll(async () => {
	await echo?.stop();
});
beforeEach(() => {
	echo.received.length = 0;
});

/** Every encoded form of `secret` that must not appear (forms containing the raw value are covered by it). */
function forbiddenForms(secret: string): string[] {
	const e = encodings(secret);
	return [...new Set([e.raw, e.url, e.urlLower, e.form, e.base64, e.base64Shifted.slice(4, -4), e.base64Url.slice(4, -4), e.json, e.jsonTwice])];
}

type AnyRun = (CalmRun | BtpRun) & { out: IDataObject[] };

function expectNoLeak(run: AnyRun, secrets: string[]) {
	expect(secrets.length).toBeGreaterThan(0);
	const texts: Record<string, string> = {
		message: String(run.error?.message ?? ''),
		description: String(run.error?.description ?? ''),
		'JSON of the error': JSON.stringify(run.error ?? null),
		'JSON of the stored error': JSON.stringify(run.run.data.resultData.error ?? null),
		'error items': JSON.stringify(run.out),
		'JSON of the run data': JSON.stringify(run.run),
	};
	const leaks: string[] = [];
	secrets.forEach((secret, i) => {
		for (const form of forbiddenForms(secret)) {
			for (const [where, text] of Object.entries(texts)) if (form.length >= 8 && text.includes(form)) leaks.push(`secret #${i} in ${where}`);
		}
	});
	expect(leaks).toEqual([]);
}

/** A Cloud ALM key whose API is the echo server; its token still comes from the simulator's XSUAA. */
const calmKeyOnEcho = () => ({ ...sim.keys.cloudAlm, endpoints: { Api: `${echo.origin}/api` } });
const calmSecret = () => (sim.keys.cloudAlm.uaa as IDataObject).clientsecret as string;
const calmClientId = () => (sim.keys.cloudAlm.uaa as IDataObject).clientid as string;
const listProjects = { resource: 'project', operation: 'list', returnAll: true };

function odata(status: number, code: unknown, message: string, headers: Record<string, string> = {}, extra: IDataObject = {}): EchoReply {
	return { status, headers, body: { error: { code, message, ...extra } } };
}

describe('Cloud ALM node: a backend that echoes the bearer token', () => {
	test('in error.code, as "Bearer%20<token>" in the message, and in the x-correlationid header', async () => {
		echo.reply = (r) => odata(400, r.token, `Bearer%20${r.token} is not valid here`, { 'x-correlationid': r.token! });
		const run = await runCalm(sim, listProjects, { key: calmKeyOnEcho() });
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('SAP Cloud ALM rejected');
		expect(run.error?.description).toMatch(/Backend code: <(redacted|token removed)>\nCorrelation ID: <(redacted|token removed)>/);
		expectNoLeak(run, echo.tokens());
	});

	test('"_"-prefixed in the body correlationID, URL-encoded and base64 at every alignment in the message', async () => {
		echo.reply = (r) => {
			const e = encodings(r.token!);
			return odata(400, 'BAD', `${e.underscore} / ${e.url} / ${e.base64} / ${e.base64Shifted} / ${e.base64Url}`, {}, { correlationID: e.underscore });
		};
		const run = await runCalm(sim, listProjects, { key: calmKeyOnEcho() });
		expect(run.status).toBe('error');
		expect(run.error?.description).toContain('HTTP status: 400');
		expectNoLeak(run, echo.tokens());
	});

	test('as plain (non-JSON) text with "%20" and JSON-escaped twice', async () => {
		echo.reply = (r) => ({ status: 404, body: `no route for Authorization: Bearer%20${r.token} ${encodings(r.token!).jsonTwice}` });
		const run = await runCalm(sim, listProjects, { key: calmKeyOnEcho() });
		expect(run.status).toBe('error');
		expectNoLeak(run, echo.tokens());
	});

	test('a 401 twice: n8n fetches a new token and retries; both tokens stay out of the error', async () => {
		echo.reply = (r) => odata(401, r.token, `token ${r.token} expired`, { 'x-correlationid': `_${r.token}` });
		const run = await runCalm(sim, listProjects, { key: calmKeyOnEcho() });
		expect(run.status).toBe('error');
		expect(echo.tokens().length).toBe(2);
		expectNoLeak(run, echo.tokens());
	});

	test('a 403 (missing scope path, one token refresh): message and correlation id echo the token', async () => {
		echo.reply = (r) => odata(403, r.token, `scope missing in ${r.token}`, { 'x-correlationid': r.token! }, { correlationID: `%20${r.token}` });
		const run = await runCalm(sim, listProjects, { key: calmKeyOnEcho() });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/refused GET .*403/);
		expectNoLeak(run, echo.tokens());
	});

	test('Continue On Fail: the error item (error, description) holds no token either', async () => {
		echo.reply = (r) => odata(409, `_${r.token}`, `conflict for ${encodings(r.token!).base64Shifted}`, { 'x-correlationid': r.token! });
		const run = await runCalm(sim, listProjects, { key: calmKeyOnEcho(), continueOnFail: true });
		expect(run.status).toBe('success');
		expect(String(run.out[0].error)).toContain('SAP Cloud ALM rejected');
		expectNoLeak(run, echo.tokens());
	});

	test('a JWT nobody registered (not the token in use), "_"-prefixed and with encoded dots, is removed by its shape', async () => {
		const foreign = `eyJhbGciOiJub25lIn0.eyJzdWIiOiJzb21lb25lLWVsc2UiLCJ4IjoxfQ.c2lnbmF0dXJlLXBhcnQ`;
		echo.reply = () => odata(400, 'X', `_${foreign} and ${foreign.replace(/\./g, '%2E')}`);
		const run = await runCalm(sim, listProjects, { key: calmKeyOnEcho() });
		expect(run.status).toBe('error');
		expectNoLeak(run, [foreign, foreign.split('.')[1]]);
	});
});

/** A client secret of word characters only, short enough (<= 40) to pass the OAuth error word check. */
const wordOnlySecret = () => `Word_Only_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

describe('the key\'s client secret echoed back', () => {
	test('by the API: raw, URL-encoded (upper and lower hex), form-encoded, JSON-escaped, and inside Basic base64(id:secret)', async () => {
		echo.reply = () => {
			const e = encodings(calmSecret());
			const basic = Buffer.from(`${calmClientId()}:${calmSecret()}`).toString('base64');
			return odata(400, e.url, `${e.raw} ${e.urlLower} ${e.form} ${e.jsonTwice} Basic ${basic}`, { 'x-correlationid': e.form });
		};
		const run = await runCalm(sim, listProjects, { key: calmKeyOnEcho() });
		expect(run.status).toBe('error');
		expectNoLeak(run, [calmSecret(), ...echo.tokens()]);
	});

	test('by a token endpoint (the key\'s uaa.url): the OAuth error word equals a word-only secret, the description repeats it', async () => {
		const wordSecret = wordOnlySecret();
		echo.reply = (r: Received) => ({
			status: 401,
			body: { error: wordSecret, error_description: `client_secret=${new URLSearchParams(r.body).get('client_secret')}` },
		});
		const key = { ...sim.keys.cloudAlm, uaa: { ...(sim.keys.cloudAlm.uaa as IDataObject), url: echo.origin, clientsecret: wordSecret } };
		const run = await runCalm(sim, listProjects, { key });
		expect(run.status).toBe('error');
		expect(echo.received.some((r) => r.path === '/oauth/token')).toBe(true);
		expect(run.error?.message).toMatch(/rejected/);
		expectNoLeak(run, [wordSecret]);
	});

	test('n8n\'s credential test against that token endpoint: the message names the failure, not the secret', async () => {
		const wordSecret = wordOnlySecret();
		echo.reply = () => ({ status: 401, body: { error: wordSecret } });
		const key = { ...sim.keys.cloudAlm, uaa: { ...(sim.keys.cloudAlm.uaa as IDataObject), url: echo.origin, clientsecret: wordSecret } };
		const result = await testCredential('sapCloudAlmApi', { inputMode: 'json', serviceKey: JSON.stringify(key) });
		expect(result.status).toBe('Error');
		expect(JSON.stringify(result)).not.toContain(wordSecret);
		expect(result.message).toMatch(/rejected/);
	});
});

describe('SAP BTP node: CIS and Service Manager formats', () => {
	test('Entitlements service (CIS format): code, message, correlationID, details and x-correlationid all echo the token', async () => {
		echo.reply = (r) => ({
			status: 400,
			headers: { 'x-correlationid': r.token! },
			body: {
				error: {
					code: r.token,
					message: `Bearer%20${r.token}`,
					correlationID: `_${r.token}`,
					details: [{ code: 1, message: encodings(r.token!).base64Shifted }],
				},
			},
		});
		const cisKey = {
			...sim.keys.cisCentral,
			endpoints: { ...(sim.keys.cisCentral.endpoints as IDataObject), accounts_service_url: echo.origin, entitlements_service_url: echo.origin },
		};
		const run = await runBtp(sim, { resource: 'entitlement', operation: 'list', subaccount: rl(SUBACCOUNT_IDS.dev) }, { cisKey });
		expect(run.status).toBe('error');
		expect(run.error?.description).toMatch(/Backend code: <(redacted|token removed)>/);
		expectNoLeak(run, echo.tokens());
	});

	test('Service Manager (its format): the `error` word is the token and the description carries the client secret', async () => {
		const smSecret = sim.keys.serviceManager.clientsecret as string;
		echo.reply = (r) => ({
			status: 400,
			headers: { 'x-correlationid': `%20${r.token}` },
			body: { error: r.token, description: `client ${encodings(smSecret).url} ${encodings(smSecret).jsonTwice}`, correlation_id: r.token },
		});
		const smKey = { ...sim.keys.serviceManager, sm_url: echo.origin };
		const run = await runBtp(sim, { resource: 'serviceInstance', operation: 'list', serviceManagerAccess: 'serviceManagerCredential' }, { smKey });
		expect(run.status).toBe('error');
		expectNoLeak(run, [smSecret, ...echo.tokens()]);
	});

	test('an X.509 key: its private key echoed line by line, JSON-escaped and without PEM armour, is redacted', async () => {
		const privateKey = sim.keys.serviceManagerX509.key as string;
		const body = privateKey.replace(/-----[A-Z ]+-----/g, '').trim();
		echo.reply = (r) => ({ status: 400, body: { error: 'Bad', description: `key ${JSON.stringify(body).slice(1, -1)} / ${body.replace(/\s+/g, '')} for ${r.token}` } });
		const smKey = { ...sim.keys.serviceManagerX509, sm_url: echo.origin };
		const run = await runBtp(sim, { resource: 'serviceInstance', operation: 'list', serviceManagerAccess: 'serviceManagerCredential', continueOnFail: true }, { smKey, continueOnFail: true });
		expect(run.out[0]?.error ?? run.error?.message).toBeTruthy();
		const lines = body.split(/\s+/).filter((l) => l.length >= 16);
		expectNoLeak(run, [...lines, body.replace(/\s+/g, ''), ...echo.tokens()]);
	});
});

describe('the registry: every surrounding and encoding of a registered secret', () => {
	const secret = 'f1e2d3c4-0000-4000-8000-abcdef012345$Zm9vYmFy+/bazQux=';
	const registry = new SecretRegistry();
	registry.addClient({ clientId: 'sb-client!b1|x!b2', clientSecret: secret });
	test.each(Object.entries(encodings(secret)))('%s', (_name, form) => {
		const text = `before ${form} after "${form}" (${form})`;
		const scrubbed = registry.scrub(text);
		for (const f of forbiddenForms(secret)) expect(scrubbed).not.toContain(f);
		expect(scrubbed).toContain('before');
		expect(scrubbed).toContain('after');
	});

	test('Basic base64(clientid:secret) and base64 of the form-encoded pair', () => {
		const basic = Buffer.from(`sb-client!b1|x!b2:${secret}`).toString('base64');
		const encoded = Buffer.from(`${encodeURIComponent('sb-client!b1|x!b2')}:${encodeURIComponent(secret)}`).toString('base64');
		expect(registry.scrub(`Authorization: Basic ${basic}; ${encoded}`)).toBe('Authorization: Basic <redacted>; <redacted>');
	});

	test('own hints that name secret fields stay readable', () => {
		const hint = 'Copy uaa.clientid and uaa.clientsecret again from the service key (a deleted binding has new ones).';
		expect(registry.scrub(hint)).toBe(hint);
	});
});

// ---------------------------------------------------------------- issue 14: the Destination and Events hosts, the polling triggers

/** A webhook password with the characters that change under URL, form, JSON and Basic encoding. */
const hostilePassword = () => `Pw+${randomUUID().slice(0, 8)}/%2B:%zz+:/`;

/** An error a trigger threw: message, description, JSON, stack and cause hold no form of the secrets. */
function expectErrorClean(error: Error | undefined, secrets: string[]) {
	expect(error).toBeDefined();
	expect(secrets.length).toBeGreaterThan(0);
	const e = error as Error & { description?: unknown; cause?: unknown; context?: unknown };
	const texts: Record<string, string> = {
		message: String(e.message),
		description: String(e.description ?? ''),
		'JSON of the error': JSON.stringify(e),
		stack: String(e.stack ?? ''),
		cause: e.cause instanceof Error ? `${e.cause.message} ${e.cause.stack ?? ''}` : JSON.stringify(e.cause ?? null),
		context: JSON.stringify(e.context ?? null),
	};
	const leaks: string[] = [];
	secrets.forEach((secret, i) => {
		for (const form of forbiddenForms(secret)) {
			for (const [where, text] of Object.entries(texts)) if (form.length >= 8 && text.includes(form)) leaks.push(`secret #${i} in ${where}`);
		}
	});
	expect(leaks).toEqual([]);
}

describe('issue 14: Connect Cloud ALM to a Webhook, the SAP BTP Trigger and the SAP Cloud ALM Polling Trigger', () => {
	const destinationKeyOnEcho = () => ({ ...sim.keys.destination, uri: echo.origin });
	const destinationSecret = () => sim.keys.destination.clientsecret as string;

	test('Connect: the Destination service echoes the webhook password (+ / % :), its token and the key\'s client secret; none of them is in the error', async () => {
		const password = hostilePassword();
		echo.reply = (r) => {
			if (r.method === 'GET') return { status: 404, body: { ErrorMessage: 'Configuration with the specified name was not found' } };
			const sent = JSON.parse(r.body || '{}') as IDataObject;
			const pw = String(sent.Password ?? '');
			const e = encodings(pw);
			const basic = Buffer.from(`calm-user:${pw}`).toString('base64');
			return {
				status: 400,
				headers: { 'x-correlationid': e.url },
				body: {
					error: {
						code: pw,
						message: `invalid destination ${r.body} ${e.form} ${e.base64Shifted} Basic ${basic} for ${r.token} with ${encodings(destinationSecret()).url}`,
					},
				},
			};
		};
		const run = await runBtp(
			sim,
			{ resource: 'cloudAlmApi', operation: 'connectN8n', webhookUrl: 'https://n8n.example.com/webhook/calm', webhookAuthentication: 'basic', destinationName: 'n8n-scrub' },
			{ destinationKey: destinationKeyOnEcho(), webhookCredential: { user: 'calm-user', password }, typeVersion: 2 },
		);
		expect(run.status).toBe('error');
		expect(echo.received.map((r) => r.method)).toEqual(['GET', 'POST']);
		expect(JSON.parse(echo.received[1].body).Password).toBe(password);
		expect(run.error?.message).toMatch(/^Destination service rejected/);
		// the password comes from the SAP Cloud ALM Webhook API credential: not even the workflow's own
		// node (kept in a failed run's execution stack) holds it
		expectNoLeak(run, [password, destinationSecret(), ...echo.tokens()]);
	});

	test('Connect, Continue On Fail: the error item holds no password, token or secret either', async () => {
		const password = hostilePassword();
		echo.reply = (r) => ({ status: 403, body: { error: { code: r.token, message: `Bearer%20${r.token} ${destinationSecret()}` } } });
		const run = await runBtp(
			sim,
			{ resource: 'cloudAlmApi', operation: 'connectN8n', webhookUrl: 'https://n8n.example.com/webhook/calm', webhookAuthentication: 'basic', destinationName: 'n8n-scrub' },
			{ destinationKey: destinationKeyOnEcho(), webhookCredential: { user: 'calm-user', password }, typeVersion: 2, continueOnFail: true },
		);
		expect(run.status).toBe('success');
		expect(String(run.out[0].error)).toMatch(/Destination service/);
		expectNoLeak(run, [password, destinationSecret(), ...echo.tokens()]);
	});

	test('SAP BTP Trigger: the Events service echoes the token and the cis client secret; the poll\'s error holds neither', async () => {
		const cisSecret = (sim.keys.cisCentral.uaa as IDataObject).clientsecret as string;
		echo.reply = (r) => ({
			status: 400,
			headers: { 'x-correlationid': `_${r.token}` },
			body: { error: { code: r.token, message: `Bearer%20${r.token} ${encodings(r.token!).base64Shifted} ${encodings(cisSecret).form}`, correlationID: `%20${r.token}` } },
		});
		const cisKey = { ...sim.keys.cisCentral, endpoints: { ...(sim.keys.cisCentral.endpoints as IDataObject), events_service_url: echo.origin } };
		const { error } = await pollTrigger(sim, { cisKey, mode: 'manual' });
		expect(error?.message).toMatch(/^Events service rejected/);
		expect(echo.tokens().length).toBeGreaterThan(0);
		expectErrorClean(error, [cisSecret, ...echo.tokens()]);
	});

	test('SAP Cloud ALM Polling Trigger: the API echoes the token and the client secret; the poll\'s error holds neither', async () => {
		echo.reply = (r) => odata(400, r.token, `Bearer%20${r.token} ${encodings(calmSecret()).url} ${encodings(r.token!).base64Url}`, { 'x-correlationid': r.token! });
		const trigger = new PolledTrigger(sim, { resource: 'task', projects: projectsParameter('11111111-2222-4333-8444-555555555555') }, calmKeyOnEcho());
		let error: Error | undefined;
		try {
			await trigger.poll();
		} catch (e) {
			error = e as Error;
		}
		expect(error?.message).toMatch(/SAP Cloud ALM rejected/);
		expect(echo.tokens().length).toBeGreaterThan(0);
		expectErrorClean(error, [calmSecret(), ...echo.tokens()]);
	});
});
