/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- a test: local listeners on 127.0.0.x need node:http */
/**
 * Issue 12 "Done when", in a REAL n8n 2.41.1 with n8n's own HTTP Request node (4.2: follows
 * redirects and sends credentials across origins by default) and each of the four credentials
 * of this package, plus the Cloud Management credential's Events host (issue 14: a key whose
 * events_service_url is its own listener, 127.0.0.4): a URL on another host and a non-loopback http
 * URL are refused, the key's own host gets the token, and an API that redirects to another host
 * never makes n8n forward it.
 *
 * One workflow, one `n8n execute`: every HTTP Request node continues on error, so each case is an
 * item. Listeners on 127.0.0.2 (the keys' API host) and 127.0.0.3 (another host) record every
 * request; tokens come from the simulator's XSUAA (the seed keys' uaa blocks).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { credentialFromKey, createN8nInstance, type N8nInstance } from './harness';
import { chain, manualTrigger, node } from './harness/workflows';
import type { CredentialImport, SapCredentialType } from '../../scripts/n8n/credentials';
import { CREDENTIAL_IDS } from '../../scripts/n8n/credentials';

interface Seen {
	method: string;
	path: string;
	authorization?: string;
}
interface Listener {
	url: string;
	seen: Seen[];
	server: Server;
}

async function listen(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listener> {
	const seen: Seen[] = [];
	const server = createServer((req, res) => {
		seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization });
		req.resume();
		req.on('end', () => handler(req, res));
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	return { url: `http://${host}:${(server.address() as AddressInfo).port}`, seen, server };
}

let sim: RunningSimulator;
let n8n: N8nInstance;
let api: Listener;
let other: Listener;
/** the Events service host of the `cisEvents` key */
let events: Listener;

/** a credential with its key's API on the listener, or `cisEvents`: the Cloud Management credential's Events host */
type Target = SapCredentialType | 'sapBtpDestinationServiceApi' | 'cisEvents';
const TYPES: Target[] = ['sapCloudAlmApi', 'sapBtpCloudManagementApi', 'sapBtpServiceManagerApi', 'sapBtpDestinationServiceApi', 'cisEvents'];
const credentialType = (target: Target) => (target === 'cisEvents' ? 'sapBtpCloudManagementApi' : target);
const LABEL: Record<Target, string> = {
	sapCloudAlmApi: 'SAP Cloud ALM API',
	sapBtpCloudManagementApi: 'SAP BTP Cloud Management API',
	sapBtpServiceManagerApi: 'SAP BTP Service Manager API',
	sapBtpDestinationServiceApi: 'SAP BTP Destination Service API',
	cisEvents: 'SAP BTP Cloud Management API',
};
/** n8n credential ids: the shared ones, and two only this test imports */
const CREDENTIAL_ID: Record<Target, string> = { ...CREDENTIAL_IDS, sapBtpDestinationServiceApi: 'e2eDestination', cisEvents: 'e2eCisEvents' };
/** path prefix per credential on its listener, so each request names its credential */
const PREFIX: Record<Target, string> = { sapCloudAlmApi: '/calm', sapBtpCloudManagementApi: '/cis', sapBtpServiceManagerApi: '/sm', sapBtpDestinationServiceApi: '/dest', cisEvents: '/events' };
/** the listener that is the key's own host */
const hostOf = (target: Target) => (target === 'cisEvents' ? events : api);
const CASES = ['own host', 'other host', 'plain http', 'redirect'] as const;
const nodeName = (type: Target, c: (typeof CASES)[number]) => `${type} ${c}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form key JSON edited by path
type AnyKey = Record<string, any>;

function keyFor(type: Target): AnyKey {
	const base = `${hostOf(type).url}${PREFIX[type]}`;
	const seed = (name: string) => JSON.parse(JSON.stringify((sim.keys as unknown as Record<string, unknown>)[name])) as AnyKey;
	if (type === 'cisEvents') {
		// Accounts on the API listener as for the plain CIS credential, the Events service on its own host
		const key = seed('cisCentral');
		key.endpoints.accounts_service_url = `${api.url}${PREFIX.sapBtpCloudManagementApi}`;
		key.endpoints.events_service_url = base;
		return key;
	}
	if (type === 'sapBtpDestinationServiceApi') {
		const key = seed('destination');
		key.uri = base;
		return key;
	}
	if (type === 'sapCloudAlmApi') {
		const key = seed('cloudAlm');
		key.endpoints.Api = base;
		return key;
	}
	if (type === 'sapBtpCloudManagementApi') {
		const key = seed('cisCentral');
		key.endpoints.accounts_service_url = base;
		return key;
	}
	const key = seed('serviceManager');
	key.sm_url = base;
	return key;
}

function urlFor(type: Target, c: (typeof CASES)[number]): string {
	if (c === 'own host') return `${hostOf(type).url}${PREFIX[type]}/ok`;
	if (c === 'other host') return `${other.url}${PREFIX[type]}/ok`;
	if (c === 'plain http') return `http://example.invalid${PREFIX[type]}/ok`;
	return `${hostOf(type).url}${PREFIX[type]}/redirect`;
}

function httpRequestNode(type: Target, c: (typeof CASES)[number]) {
	const credential = credentialType(type);
	return node(
		nodeName(type, c),
		'n8n-nodes-base.httpRequest',
		{ method: 'GET', url: urlFor(type, c), authentication: 'predefinedCredentialType', nodeCredentialType: credential, options: {} },
		{ typeVersion: 4.2, credentials: { [credential]: { id: CREDENTIAL_ID[type], name: `${LABEL[type]} (${type})` } }, onError: 'continueRegularOutput' } as never,
	);
}

function credentialImport(type: Target): CredentialImport {
	if (type === 'sapBtpDestinationServiceApi' || type === 'cisEvents') {
		return { id: CREDENTIAL_ID[type], name: `${LABEL[type]} (${type})`, type: credentialType(type), data: { inputMode: 'json', serviceKey: JSON.stringify(keyFor(type)) } };
	}
	return credentialFromKey(type, keyFor(type));
}

beforeAll(async () => {
	sim = await startSimulator({ profile: { cisRequestsPerWindow: 0 } });
	other = await listen('127.0.0.3', (_req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"stolen":true}');
	});
	const apiHandler = (req: IncomingMessage, res: ServerResponse) => {
		if ((req.url ?? '').endsWith('/redirect')) {
			res.writeHead(302, { location: `${other.url}/stolen` });
			res.end();
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ ok: true, path: req.url }));
	};
	api = await listen('127.0.0.2', apiHandler);
	events = await listen('127.0.0.4', apiHandler);
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importCredentials(TYPES.map(credentialImport));
	await n8n.importWorkflow(chain('e2eTokenHosts', 'E2E: token hosts', manualTrigger(), ...TYPES.flatMap((type) => CASES.map((c) => httpRequestNode(type, c)))));
});

afterAll(async () => {
	if (n8n) console.log(`[e2e] ${expect.getState().testPath?.split('/').pop()}: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
	for (const l of [api, other, events]) await new Promise((r) => l?.server.close(r));
	await sim?.stop();
});

test('n8n\'s HTTP Request node with each SAP credential: refuses other hosts and non-loopback http, sends the token to the key\'s host, never forwards it on a redirect', async () => {
	const run = await n8n.execute('e2eTokenHosts');
	const item = (type: Target, c: (typeof CASES)[number]) => {
		const n = run.nodes[nodeName(type, c)];
		if (!n) throw new Error(`"${nodeName(type, c)}" did not run; last: ${run.lastNodeExecuted}; error: ${run.error?.message}`);
		return n.items[0] as Record<string, unknown>;
	};
	const errorText = (type: Target, c: (typeof CASES)[number]) => JSON.stringify(item(type, c).error ?? null);

	// nothing ever reached the other host
	expect(other.seen).toEqual([]);
	for (const type of TYPES) {
		const mine = hostOf(type).seen.filter((s) => s.path.startsWith(`${PREFIX[type]}/`));
		// the key's own host: exactly one request with a token, answered 200
		expect(item(type, 'own host')).toEqual({ ok: true, path: `${PREFIX[type]}/ok` });
		expect(mine.filter((s) => s.path === `${PREFIX[type]}/ok`).map((s) => s.authorization)).toEqual([expect.stringMatching(/^Bearer ey[\w-]+\.[\w-]+\.[\w-]+$/)]);
		// another host: refused before sending, naming the URL option and the fix
		expect(errorText(type, 'other host')).toContain(
			`The ${LABEL[type]} credential only sends its token to 127.0.0.2:${new URL(api.url).port} (`,
		);
		expect(errorText(type, 'other host')).toContain(`the request URL (uri) goes to ${other.url}. Fix: use a path relative to the key's URL`);
		if (type === 'cisEvents') expect(errorText(type, 'other host')).toContain(`127.0.0.4:${new URL(events.url).port} (endpoints.events_service_url)`);
		// non-loopback http: refused before sending
		expect(errorText(type, 'plain http')).toContain(
			`The request URL (uri) uses plain http:// to example.invalid; the ${LABEL[type]} credential only sends its token over https://`,
		);
		// the redirect: the 302 is the answer (an error item), only the API host saw the request
		expect(errorText(type, 'redirect')).toContain('302');
		const redirects = mine.filter((s) => s.path === `${PREFIX[type]}/redirect`);
		// n8n's legacy helper repeats a failed request once with a new token: same URL, never elsewhere
		expect(redirects).toHaveLength(2);
		expect(redirects.every((s) => /^Bearer ey/.test(s.authorization ?? ''))).toBe(true);
		// and nothing else of this credential arrived anywhere
		expect(mine.map((s) => s.path).filter((p) => !p.endsWith('/ok') && !p.endsWith('/redirect'))).toEqual([]);
	}
	// the Events host saw only the cisEvents requests; the API host none of them
	expect(events.seen.every((s) => s.path.startsWith(`${PREFIX.cisEvents}/`))).toBe(true);
	expect(api.seen.filter((s) => s.path.startsWith(`${PREFIX.cisEvents}/`))).toEqual([]);
	// no secret or token in the run n8n stored
	const text = JSON.stringify(run);
	expect(text).not.toContain(String((sim.keys as unknown as AnyKey).destination.clientsecret));
	for (const s of [...api.seen, ...events.seen]) expect(text).not.toContain((s.authorization ?? 'Bearer none').slice(7));
	expect(text).not.toContain(String((sim.keys.cloudAlm as unknown as AnyKey).uaa.clientsecret));
});
