/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test: local listeners on 127.0.0.x need node:http */
/**
 * Issue 12 holes 1-3: a token of this package goes only to its key's own origins, over https or
 * loopback http, and never rides a redirect. Every case runs through n8n-core's real engine
 * (test/runner: WorkflowExecute, the runner's credentials helper, n8n's real
 * requestWithAuthentication / httpRequestWithAuthentication) and asserts what arrived where:
 * small local listeners on 127.0.0.2 (the key's API host), 127.0.0.3 (another host) and
 * 127.0.0.2 on another port record every request and its Authorization header. URLs on
 * non-loopback hosts (example.invalid, 10.0.0.1) are only ever refused before sending.
 *
 * The XSUAA token comes from the simulator (the seed keys' uaa blocks); only the API URLs of the
 * keys point at the listeners.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INode } from 'n8n-workflow';
import { checkTokenDestination } from '../../nodes/shared/tokenDestination';
import { CredentialStore, runWorkflow, type WorkflowJson } from '../runner';
import { useSimulator } from '../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { pollTrigger } from '../nodes/sapBtpTrigger/pollHarness';

interface Seen {
	method: string;
	path: string;
	authorization?: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Listener {
	url: string;
	seen: Seen[];
	server: Server;
}

async function listen(host: string, handler: Handler): Promise<Listener> {
	const seen: Seen[] = [];
	const server = createServer((req, res) => {
		seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization });
		req.resume();
		req.on('end', () => handler(req, res));
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://${host}:${port}`, seen, server };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
};

const sim = useSimulator({ start: { profile: { cisRequestsPerWindow: 0 } }, reset: false });
/** the keys' API host: answers 200, or a redirect where the path says `/redirect/<status>/<other|same>` */
let api: Listener;
/** another loopback host: must never see a request */
let other: Listener;
/** the API host on another port: must never see a request */
let otherPort: Listener;
/** the derived Service Manager host (sm_url from the Accounts service) */
let smHost: Listener;
/** what the fake Accounts service returns as the derived Service Manager binding */
let derivedSmUrl = '';

const SM_BINDING_NAME = 'sap-cloud-alm-n8n';

function apiHandler(req: IncomingMessage, res: ServerResponse) {
	const path = req.url ?? '';
	const redirect = /\/redirect\/(\d{3})\/(other|same)/.exec(path);
	if (redirect) {
		const location = redirect[2] === 'other' ? `${other.url}/stolen?from=${redirect[1]}` : '/api/after-redirect?x=1';
		return json(res, Number(redirect[1]), { moved: true }, { location });
	}
	// the Accounts service part of the CIS key (derived Service Manager access)
	if (path.startsWith('/accounts/v1/subaccounts')) {
		return json(res, 200, { value: [{ guid: SUBACCOUNT_IDS.dev, displayName: 'dev', subdomain: 'dev', region: 'eu10', state: 'OK' }] });
	}
	if (path.startsWith(`/accounts/v2/subaccounts/${SUBACCOUNT_IDS.dev}/serviceManagerBindings/`)) {
		const sm = sim.keys.serviceManager as unknown as Record<string, unknown>;
		return json(res, 200, { name: SM_BINDING_NAME, clientid: sm.clientid, clientsecret: sm.clientsecret, url: sm.url, xsappname: sm.xsappname, sm_url: derivedSmUrl });
	}
	return json(res, 200, { ok: true, path });
}

beforeAll(async () => {
	other = await listen('127.0.0.3', (_req, res) => json(res, 200, { stolen: true }));
	api = await listen('127.0.0.2', apiHandler);
	otherPort = await listen('127.0.0.2', (_req, res) => json(res, 200, { wrongPort: true }));
	smHost = await listen('127.0.0.4', apiHandler);
});
afterAll(async () => {
	for (const l of [api, other, otherPort, smHost]) await new Promise((r) => l?.server.close(r));
});

/**
 * What a case attacks: one of the four credentials with its key's API on the listener, or
 * `cisEvents`: the Cloud Management credential whose Events service (endpoints.events_service_url,
 * the SAP BTP Trigger's host, issue 14) is on the listener while its Accounts and Entitlements
 * services stay on the simulator.
 */
type Target = 'sapCloudAlmApi' | 'sapBtpCloudManagementApi' | 'sapBtpServiceManagerApi' | 'sapBtpDestinationServiceApi' | 'cisEvents';
type CredentialType = Exclude<Target, 'cisEvents'>;
const TYPES: Target[] = ['sapCloudAlmApi', 'sapBtpCloudManagementApi', 'sapBtpServiceManagerApi', 'sapBtpDestinationServiceApi', 'cisEvents'];
/** the credential type a target uses */
const credOf = (target: Target): CredentialType => (target === 'cisEvents' ? 'sapBtpCloudManagementApi' : target);
const LABEL: Record<Target, string> = {
	sapCloudAlmApi: 'SAP Cloud ALM API',
	sapBtpCloudManagementApi: 'SAP BTP Cloud Management API',
	sapBtpServiceManagerApi: 'SAP BTP Service Manager API',
	sapBtpDestinationServiceApi: 'SAP BTP Destination Service API',
	cisEvents: 'SAP BTP Cloud Management API',
};
/** the path under the key's URL where each credential's API lives on the listener */
const BASE_PATH: Record<Target, string> = { sapCloudAlmApi: '/api', sapBtpCloudManagementApi: '', sapBtpServiceManagerApi: '', sapBtpDestinationServiceApi: '', cisEvents: '' };
/** the field the key names its API URL in (appears in refusals) */
const FIELD: Record<Target, string> = {
	sapCloudAlmApi: 'endpoints.Api',
	sapBtpCloudManagementApi: 'endpoints.accounts_service_url',
	sapBtpServiceManagerApi: 'sm_url',
	sapBtpDestinationServiceApi: 'uri',
	cisEvents: 'endpoints.events_service_url',
};
/** a relative path (no leading slash) the key resolves to the listener: its own API's path */
const RELATIVE: Record<Target, string> = {
	sapCloudAlmApi: 'calm-projects/v1/projects',
	sapBtpCloudManagementApi: 'accounts/v1/subaccounts',
	sapBtpServiceManagerApi: 'v1/service_offerings',
	sapBtpDestinationServiceApi: 'destination-configuration/v1/subaccountDestinations',
	cisEvents: 'cloud-management/v1/events',
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form key JSON edited by path
type AnyKey = Record<string, any>;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The seed key of each type with its API URL on the listener (token still from the simulator). */
function keyFor(type: Target, apiUrl = api.url): AnyKey {
	if (type === 'cisEvents') {
		const key = clone(sim.keys.cisCentral) as AnyKey;
		key.endpoints.events_service_url = apiUrl;
		return key;
	}
	if (type === 'sapBtpDestinationServiceApi') {
		const key = clone(sim.keys.destination) as AnyKey;
		key.uri = apiUrl;
		return key;
	}
	if (type === 'sapCloudAlmApi') {
		const key = clone(sim.keys.cloudAlm) as AnyKey;
		key.endpoints.Api = `${apiUrl}/api`;
		return key;
	}
	if (type === 'sapBtpCloudManagementApi') {
		const key = clone(sim.keys.cisCentral) as AnyKey;
		key.endpoints.accounts_service_url = apiUrl;
		return key;
	}
	const key = clone(sim.keys.serviceManager) as AnyKey;
	key.sm_url = apiUrl;
	return key;
}

const stores: Partial<Record<Target, CredentialStore>> = {};
const storeOf = (type: Target) => (stores[type] ??= new CredentialStore());
const tokenOf = (type: Target) => String(storeOf(type).all()[0]?.data.accessToken ?? '');

function probeWorkflow(target: Target, helper: 'request' | 'httpRequest', options: IDataObject): WorkflowJson {
	const type = credOf(target);
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'p',
			name: 'Probe',
			type: 'n8n-nodes-sap-cloud-alm.requestProbe',
			typeVersion: 1,
			position: [200, 0],
			parameters: { authentication: type, helper, options: JSON.stringify(options) },
			credentials: { [type]: { id: `${target}-adv`, name: `${target} adversarial` } },
			onError: 'continueRegularOutput',
		},
	];
	return { name: 'token hosts', nodes, connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } } };
}

interface Sent {
	item: IDataObject;
	/** requests each listener saw during this run */
	api: Seen[];
	other: Seen[];
	otherPort: Seen[];
}

async function send(type: Target, helper: 'request' | 'httpRequest', options: IDataObject): Promise<Sent> {
	const marks = [api.seen.length, other.seen.length, otherPort.seen.length];
	const run = await runWorkflow(probeWorkflow(type, helper, options), {
		credentials: { [credOf(type)]: { inputMode: 'json', serviceKey: JSON.stringify(keyFor(type)) } },
		store: storeOf(type),
	});
	expect(run.status).toBe('success'); // continue-on-fail: a refusal is the item
	return {
		item: run.lastNodeItems[0],
		api: api.seen.slice(marks[0]),
		other: other.seen.slice(marks[1]),
		otherPort: otherPort.seen.slice(marks[2]),
	};
}

/** Refused before sending: the exact message, and not one byte reached any listener. */
function expectRefused(sent: Sent, message: RegExp) {
	expect(sent.item.error).toMatch(message);
	expect(sent.api).toEqual([]);
	expect(sent.other).toEqual([]);
	expect(sent.otherPort).toEqual([]);
}

/**
 * A redirect answered on the key's host and not followed: only that host saw the request, each
 * time with a token. n8n's legacy helper (requestWithAuthentication, authentication.js) repeats
 * ANY failed request once after fetching a new token, so the same URL is asked twice: first with
 * the old token, then with the new one (the one stored now) - never anywhere else.
 */
function expectNotFollowed(sent: Sent, type: Target, method: string, path: string, times = 2) {
	expect(sent.api.map((s) => `${s.method} ${s.path}`)).toEqual(Array(times).fill(`${method} ${path}`));
	expect(sent.api.every((s) => /^Bearer ey[\w-]+\.[\w-]+\.[\w-]+$/.test(s.authorization ?? ''))).toBe(true);
	expect(sent.api[times - 1].authorization).toBe(`Bearer ${tokenOf(type)}`);
	expect(sent.other).toEqual([]);
	expect(sent.otherPort).toEqual([]);
}

/** Sent once to the key's host, with exactly this credential's token, and nowhere else. */
function expectToken(sent: Sent, type: Target, path: string) {
	expect(sent.item.error).toBeUndefined();
	expect(sent.item.statusCode).toBe(200);
	expect(sent.api).toEqual([{ method: 'GET', path, authorization: `Bearer ${tokenOf(type)}` }]);
	expect(tokenOf(type)).toMatch(/^ey/);
	expect(sent.other).toEqual([]);
	expect(sent.otherPort).toEqual([]);
}

const port = (l: Listener) => new URL(l.url).port;
const origin = (type: Target) => `${api.url}${BASE_PATH[type]}`;

describe.each(TYPES)('%s in n8n\'s HTTP Request node shape (requestWithAuthentication with uri)', (type) => {
	const holder = `The ${LABEL[type]} credential`;

	test('the key\'s own host gets the token', async () => {
		expectToken(await send(type, 'request', { uri: `${origin(type)}/v1/ok` }), type, `${BASE_PATH[type]}/v1/ok`);
	});

	test('another 127.0.0.x host is refused before sending (hole 1)', async () => {
		const sent = await send(type, 'request', { uri: `${other.url}/v1/ok` });
		expectRefused(sent, new RegExp(`^${holder} only sends its token to [^;]*127\\.0\\.0\\.2:${port(api)} \\(${FIELD[type].replace('.', '\\.')}\\)[^;]*; the request URL \\(uri\\) goes to http://127\\.0\\.0\\.3:${port(other)}\\. Fix: use a path relative to the key's URL`));
	});

	test('plain http to a non-loopback host is refused before sending', async () => {
		const sent = await send(type, 'request', { uri: 'http://example.invalid/v1/ok' });
		expectRefused(sent, /^The request URL \(uri\) uses plain http:\/\/ to example\.invalid; the .* credential only sends its token over https:\/\/ \(or http:\/\/ to a loopback address such as 127\.0\.0\.1\)\. Fix:/);
	});

	test('a 302 to another host is not followed and the other host never sees the token (hole 2)', async () => {
		const sent = await send(type, 'request', { uri: `${origin(type)}/redirect/302/other` });
		expect(sent.item.httpCode).toBe('302');
		expectNotFollowed(sent, type, 'GET', `${BASE_PATH[type]}/redirect/302/other`);
	});
});

/**
 * Every spelling attack runs against the Cloud ALM credential (issue 12) and the issue-14 surface:
 * the Destination Service credential (uri) and the Cloud Management credential's Events host.
 * `{B}` is the key's API path on the listener, `{R}` a relative path the key resolves to it.
 */
const SPELLING_TARGETS: Target[] = ['sapCloudAlmApi', 'sapBtpDestinationServiceApi', 'cisEvents'];

describe.each(SPELLING_TARGETS)('where the URL comes from: uri, url, baseURL, baseUrl, relative, qs (%s)', (type) => {
	const label = LABEL[type];
	const field = FIELD[type].replace(/\./g, '\\.');
	const fill = (o: unknown) =>
		JSON.parse(JSON.stringify(o).replace(/PORT/g, port(api)).replace(/\{B\}/g, BASE_PATH[type]).replace(/\{R\}/g, RELATIVE[type])) as IDataObject;
	const path = (p: string) => String(fill({ p }).p);
	const refusedHost = (option: string, to: string) =>
		new RegExp(`only sends its token to [^;]*127\\.0\\.0\\.2:\\d+ \\(${field}\\)[^;]*; the request URL \\(${option}\\) goes to ${to.replace(/[.[\]]/g, '\\$&')}\\. Fix:`);

	test.each([
		['relative uri, no base → the key\'s API', { uri: '/{R}' }, '{B}/{R}'],
		['relative uri without leading slash', { uri: '{R}' }, '{B}/{R}'],
		['uppercase scheme HTTP://', { uri: 'HTTP://127.0.0.2:PORT{B}/x' }, '{B}/x'],
		['trailing dot on an IPv4 host (WHATWG reads 127.0.0.2. as 127.0.0.2)', { uri: 'http://127.0.0.2.:PORT{B}/x' }, '{B}/x'],
		['dot segments normalised before the check', { uri: 'http://127.0.0.2:PORT{B}/a/../x' }, '{B}/x'],
		['baseUrl (request-promise spelling) on the key host + relative uri', { baseUrl: 'http://127.0.0.2:PORT{B}', uri: '/x' }, '{B}/x'],
		['url and uri the same', { url: 'http://127.0.0.2:PORT{B}/x', uri: 'http://127.0.0.2:PORT{B}/x' }, '{B}/x'],
	])('request: %s gets the token', async (_name, options, expected) => {
		expectToken(await send(type, 'request', fill(options)), type, path(expected));
	});

	test.each([
		['relative url, no base → the key', { url: '/{R}' }, '{B}/{R}'],
		['relative url + baseURL on the key host', { baseURL: 'http://127.0.0.2:PORT{B}', url: '/x' }, '{B}/x'],
		['baseURL only', { baseURL: 'http://127.0.0.2:PORT{B}/x' }, '{B}/x'],
		['qs adds only a query', { url: '/{R}', qs: { $top: 1, host: 'http://127.0.0.3' } }, '{B}/{R}?%24top=1&host=http%3A%2F%2F127.0.0.3'],
	])('httpRequest: %s gets the token', async (_name, options, expected) => {
		expectToken(await send(type, 'httpRequest', fill(options)), type, path(expected));
	});

	test('uri on the same host, another port: refused', async () => {
		expectRefused(await send(type, 'request', { uri: `${otherPort.url}${BASE_PATH[type]}/x` }), refusedHost('uri', otherPort.url));
	});

	test('httpRequest url on another host: refused', async () => {
		expectRefused(await send(type, 'httpRequest', { url: `${other.url}${BASE_PATH[type]}/x` }), refusedHost('url', other.url));
	});

	test('the key\'s own path on another host: refused', async () => {
		expectRefused(await send(type, 'request', { uri: `${other.url}/${RELATIVE[type]}` }), refusedHost('uri', other.url));
	});

	test('relative uri + baseURL on another host: refused', async () => {
		expectRefused(await send(type, 'request', { baseURL: other.url, uri: `/${RELATIVE[type]}` }), refusedHost('uri', other.url));
	});

	test('httpRequest: absolute url on another host wins over a baseURL on the key host (as in axios): refused', async () => {
		expectRefused(await send(type, 'httpRequest', { baseURL: `${api.url}${BASE_PATH[type]}`, url: `${other.url}/x` }), refusedHost('url', other.url));
	});

	test('baseUrl on another host + relative uri: refused', async () => {
		expectRefused(await send(type, 'request', { baseUrl: other.url, uri: '/x' }), refusedHost('uri', other.url));
	});

	test('url and uri that disagree: refused (n8n would send url, a check of uri would be fooled)', async () => {
		expectRefused(
			await send(type, 'request', { uri: `${api.url}${BASE_PATH[type]}/x`, url: `${other.url}/x` }),
			new RegExp(`^The request sets both "url" and "uri" to different URLs; the ${label} credential does not guess which one is sent\\. Fix: set only one of them\\.$`),
		);
	});

	test('baseURL and baseUrl that disagree: refused', async () => {
		expectRefused(
			await send(type, 'request', { baseURL: `${api.url}${BASE_PATH[type]}`, baseUrl: other.url, uri: '/x' }),
			/^The request sets both "baseURL" and "baseUrl" to different URLs/,
		);
	});

	test('userinfo on the key host: refused (user:password@ would leak into logs)', async () => {
		expectRefused(
			await send(type, 'request', { uri: `http://user:pw@127.0.0.2:${port(api)}${BASE_PATH[type]}/x` }),
			new RegExp(`^The request URL \\(uri\\) contains a user name or password \\("…@" before the host\\); the ${label} credential never sends its token to such a URL\\. Fix: remove the part up to and including "@" after "\\/\\/"\\.$`),
		);
	});

	test('the key host as userinfo in front of another host (http://<key host>@127.0.0.3): refused', async () => {
		expectRefused(await send(type, 'request', { uri: `http://127.0.0.2:${port(api)}@127.0.0.3:${port(other)}/x` }), /^The request URL \(uri\) contains a user name or password/);
	});

	test('protocol-relative //127.0.0.3: refused', async () => {
		expectRefused(await send(type, 'request', { uri: `//127.0.0.3:${port(other)}/x` }), /^The request URL \(uri\) starts with "\/\/" \(a protocol-relative URL\)/);
	});

	test('IPv6 loopback [::1] on the key\'s port: another origin, refused', async () => {
		expectRefused(await send(type, 'request', { uri: `http://[::1]:${port(api)}${BASE_PATH[type]}/x` }), refusedHost('uri', `http://[::1]:${port(api)}`));
	});

	test('other 127.0.0.x with the key\'s port: refused', async () => {
		expectRefused(await send(type, 'request', { uri: `http://127.0.0.5:${port(api)}${BASE_PATH[type]}/x` }), refusedHost('uri', `http://127.0.0.5:${port(api)}`));
	});

	test('https on the key host (other scheme = other origin): refused', async () => {
		expectRefused(await send(type, 'request', { uri: `https://127.0.0.2:${port(api)}${BASE_PATH[type]}/x` }), refusedHost('uri', `https://127.0.0.2:${port(api)}`));
	});

	test('a trailing-dot host name (localhost.) is not the loopback name localhost: refused as plain http', async () => {
		expectRefused(await send(type, 'request', { uri: `http://localhost.:${port(api)}${BASE_PATH[type]}/x` }), /^The request URL \(uri\) uses plain http:\/\/ to localhost\.:\d+;/);
	});

	test.each([
		['http://10.0.0.1/x', '10.0.0.1'],
		['http://EXAMPLE.invalid/x', 'example.invalid'],
		['http://127.0.0.2.example.invalid/x', '127.0.0.2.example.invalid'],
		['http://localhost.example.invalid/x', 'localhost.example.invalid'],
	])('plain http to a non-loopback host %s: refused before sending', async (uri, host) => {
		expectRefused(await send(type, 'request', { uri }), new RegExp(`^The request URL \\(uri\\) uses plain http:// to ${host.replace(/\./g, '\\.')};`));
	});

	test('https on a host the key does not name: refused before sending', async () => {
		expectRefused(await send(type, 'request', { uri: 'https://example.invalid/x' }), refusedHost('uri', 'https://example.invalid'));
	});

	test.each([
		['ftp://127.0.0.2/x', 'uses ftp:; the LABEL credential only sends its token over https:\\/\\/'],
		['http://[::1/x', 'is not a valid URL; the LABEL credential sends nothing\\. Fix:'],
	])('unclear URL %s: refused', async (uri, message) => {
		expectRefused(await send(type, 'request', { uri }), new RegExp(`^The request URL \\(uri\\) ${message.replace('LABEL', label)}`));
	});

	test('no URL at all: refused', async () => {
		expectRefused(
			await send(type, 'request', { uri: '' }),
			new RegExp(`^The request has no URL \\(neither url nor uri is set\\); the ${label} credential sends nothing\\. Fix: set the URL field`),
		);
	});

	test('a URL object that is not text: refused', async () => {
		expectRefused(await send(type, 'request', { uri: { href: `${other.url}/x` } }), /^The request option "uri" is not a text URL/);
	});
});

describe.each(SPELLING_TARGETS)('redirects are never followed with the token (hole 2): %s', (type) => {
	const at = (status: number, where: 'other' | 'same') => `${BASE_PATH[type]}/redirect/${status}/${where}`;

	test.each([301, 302, 303, 307, 308])('HTTP Request node defaults (follow, credentials on cross-origin): %i to another host stops there', async (status) => {
		const sent = await send(type, 'request', { uri: `${api.url}${at(status, 'other')}` });
		expect(sent.item.httpCode).toBe(String(status));
		expectNotFollowed(sent, type, 'GET', at(status, 'other'));
	});

	test.each([301, 302, 303, 307, 308])('%i to the same host is not followed either', async (status) => {
		const sent = await send(type, 'request', { uri: `${api.url}${at(status, 'same')}` });
		expect(sent.item.httpCode).toBe(String(status));
		expectNotFollowed(sent, type, 'GET', at(status, 'same'));
	});

	test('POST after 302 with followAllRedirects: an error, not a success, and nothing reaches the other host', async () => {
		const sent = await send(type, 'request', { method: 'POST', uri: `${api.url}${at(302, 'other')}`, body: { a: 1 }, json: true });
		expect(sent.item.httpCode).toBe('302');
		expect(sent.item.statusCode).toBeUndefined();
		expectNotFollowed(sent, type, 'POST', at(302, 'other'));
	});

	test('"Never Error" (simple: false): the 302 comes back as the answer, still not followed', async () => {
		const sent = await send(type, 'request', { uri: `${api.url}${at(307, 'other')}`, simple: false });
		expect(sent.item.statusCode).toBe(307);
		expect(sent.other).toEqual([]);
	});

	test('httpRequestWithAuthentication with maxRedirects set by the caller: still not followed', async () => {
		const sent = await send(type, 'httpRequest', { url: `${api.url}${at(308, 'other')}`, maxRedirects: 5, disableFollowRedirect: false });
		expect(sent.item.httpCode).toBe('308');
		expect(sent.other).toEqual([]);
	});
});

// ---------------------------------------------------------------- the package's own nodes (transport)

function nodeWorkflow(type: string, parameters: IDataObject, credentials: Record<string, string>): WorkflowJson {
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'n',
			name: 'Node',
			type,
			typeVersion: 1,
			position: [200, 0],
			parameters: parameters as INode['parameters'],
			credentials: Object.fromEntries(Object.keys(credentials).map((c) => [c, { id: `${c}-node`, name: c }])),
		},
	];
	return { name: 'node', nodes, connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } } };
}

async function runNode(type: string, parameters: IDataObject, keys: Record<string, unknown>) {
	const marks = [api.seen.length, other.seen.length, smHost.seen.length];
	const run = await runWorkflow(nodeWorkflow(type, parameters, keys as Record<string, string>), {
		credentials: Object.fromEntries(Object.entries(keys).map(([c, key]) => [c, { inputMode: 'json', serviceKey: JSON.stringify(key) }])),
		store: new CredentialStore(),
	});
	return { run, api: api.seen.slice(marks[0]), other: other.seen.slice(marks[1]), sm: smHost.seen.slice(marks[2]) };
}

describe('the SAP Cloud ALM node: a 30x from the API is an error naming it (transport)', () => {
	const calmKey = (status: number, where: 'other' | 'same') => {
		const key = keyFor('sapCloudAlmApi');
		key.endpoints.Api = `${api.url}/redirect/${status}/${where}/api`;
		return key;
	};

	test.each([
		[301, 'other'],
		[302, 'other'],
		[303, 'other'],
		[307, 'other'],
		[308, 'other'],
		[302, 'same'],
		[307, 'same'],
	] as const)('GET projects answered %i to the %s host', async (status, where) => {
		const { run, api: seen, other: stolen } = await runNode('n8n-nodes-sap-cloud-alm.sapCloudAlm', { resource: 'project', operation: 'list', returnAll: true }, { sapCloudAlmApi: calmKey(status, where) });
		expect(run.status).toBe('error');
		const to = where === 'other' ? `${other.url}` : `${api.url}, the same host`;
		expect(run.error?.message).toBe(`SAP Cloud ALM answered "SAP Cloud ALM GET /calm-projects/v1/projects" with a redirect (HTTP ${status} to ${to}); requests with a token never follow redirects`);
		expect(run.error?.description).toContain(`Redirect to: ${to}`);
		expect(run.error?.description).not.toContain('stolen');
		expect(run.error?.description).not.toContain('x=1');
		expect(seen).toHaveLength(1);
		expect(stolen).toEqual([]);
	});

	test('POST (create project) answered 302: an error whose outcome is unknown, never success; not repeated', async () => {
		const { run, api: seen, other: stolen } = await runNode('n8n-nodes-sap-cloud-alm.sapCloudAlm', { resource: 'project', operation: 'create', name: 'Redirected' }, { sapCloudAlmApi: calmKey(302, 'other') });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^SAP Cloud ALM answered ".*" with a redirect \(HTTP 302 to http:\/\/127\.0\.0\.3:\d+\)/);
		expect(run.error?.description).toContain('its outcome is unknown');
		expect(seen.map((s) => s.method)).toEqual(['POST']);
		expect(stolen).toEqual([]);
	});
});

describe('derived Service Manager access (sm_url from the Accounts service, hole 3)', () => {
	const cisKey = () => keyFor('sapBtpCloudManagementApi');
	const params = { resource: 'serviceInstance', operation: 'list', subaccount: { __rl: true, mode: 'id', value: SUBACCOUNT_IDS.dev } };
	const tokensBefore = () => sim.log.summary().tokensIssuedTotal;

	test.each([
		['http://sm.example.invalid', /plain http:\/\/ to sm\.example\.invalid/],
		['http://10.0.0.1:8080', /plain http:\/\/ to 10\.0\.0\.1:8080/],
		['ftp://127.0.0.4/x', /sm_url must be an https:\/\/ URL|sm_url must start with https:\/\//],
	])('sm_url %s: refused before the SM token is fetched or anything is sent', async (smUrl, reason) => {
		derivedSmUrl = smUrl;
		const before = tokensBefore();
		const { run, sm } = await runNode('n8n-nodes-sap-cloud-alm.sapBtp', params, { sapBtpCloudManagementApi: cisKey(), sapBtpServiceManagerApi: keyFor('sapBtpServiceManagerApi') });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^The Service Manager binding "[\w-]+" from the Accounts service is unusable: /);
		expect(run.error?.message).toMatch(reason);
		expect(sm).toEqual([]);
		// only the CIS credential's token was fetched, not the derived SM one
		expect(tokensBefore() - before).toBe(1);
	});

	test('sm_url on its own loopback host gets the SM token (and only it)', async () => {
		derivedSmUrl = smHost.url;
		const { run, sm, other: stolen } = await runNode('n8n-nodes-sap-cloud-alm.sapBtp', params, { sapBtpCloudManagementApi: cisKey(), sapBtpServiceManagerApi: keyFor('sapBtpServiceManagerApi') });
		expect(sm.length).toBeGreaterThan(0);
		expect(sm.every((s) => /^Bearer ey/.test(s.authorization ?? ''))).toBe(true);
		expect(stolen).toEqual([]);
		expect(run.error?.message ?? '').not.toMatch(/only sends its token/);
	});

	test('sm_url that redirects to another host: error naming the redirect, the SM token never reaches it', async () => {
		derivedSmUrl = `${smHost.url}/redirect/307/other`;
		const { run, sm, other: stolen } = await runNode('n8n-nodes-sap-cloud-alm.sapBtp', params, { sapBtpCloudManagementApi: cisKey(), sapBtpServiceManagerApi: keyFor('sapBtpServiceManagerApi') });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Service Manager answered ".*" with a redirect \(HTTP 307 to http:\/\/127\.0\.0\.3:\d+\); requests with a token never follow redirects$/);
		expect(sm).toHaveLength(1);
		expect(stolen).toEqual([]);
	});
});

describe('the rule itself: spellings that reach no listener', () => {
	const keyHost = [{ url: 'https://acme.eu10.alm.cloud.sap/api', field: 'endpoints.Api' }];
	const holder = 'the SAP Cloud ALM API credential';
	test.each([
		['HTTPS://ACME.EU10.ALM.CLOUD.SAP/api/x', 'https://acme.eu10.alm.cloud.sap/api/x'],
		['https://acme.eu10.alm.cloud.sap:443/api/x', 'https://acme.eu10.alm.cloud.sap/api/x'],
	])('%s is the key\'s origin', (uri, href) => {
		expect(checkTokenDestination({ uri }, keyHost, holder).url.href).toBe(href);
	});
	test.each([
		'https://acme.eu10.alm.cloud.sap./api/x',
		'https://acme.eu10.alm.cloud.sap:8443/api/x',
		'https://acme.eu10.alm.cloud.sap.evil.invalid/api/x',
		'https://evil.invalid/acme.eu10.alm.cloud.sap/api',
	])('%s is not', (uri) => {
		expect(() => checkTokenDestination({ uri }, keyHost, holder)).toThrow(/only sends its token to acme\.eu10\.alm\.cloud\.sap \(endpoints\.Api\)/);
	});
	test('http to IPv6 loopback counts as loopback when the key names it', () => {
		expect(checkTokenDestination({ url: 'http://[::1]:4000/api/x' }, [{ url: 'http://[::1]:4000/api', field: 'endpoints.Api' }], holder).url.host).toBe('[::1]:4000');
	});
});

// ---------------------------------------------------------------- issue 14: the events host and the destination host (transport)

describe('the SAP BTP Trigger (events_service_url) and Connect Cloud ALM to a Webhook (the Destination key\'s uri)', () => {
	const tokensBefore = () => sim.log.summary().tokensIssuedTotal;
	const cisWithEvents = (eventsUrl: string) => {
		const key = clone(sim.keys.cisCentral) as AnyKey;
		key.endpoints.events_service_url = eventsUrl;
		return key;
	};
	const poll = async (cisKey: AnyKey) => {
		const marks = [api.seen.length, other.seen.length];
		const result = await pollTrigger(sim, { cisKey, mode: 'manual' });
		return { result, api: api.seen.slice(marks[0]), other: other.seen.slice(marks[1]) };
	};
	const connect = async (destinationKey: AnyKey) =>
		await runNode(
			'n8n-nodes-sap-cloud-alm.sapBtp',
			{ resource: 'cloudAlmApi', operation: 'connectN8n', webhookUrl: 'https://n8n.example.com/webhook/calm', webhookAuthentication: 'none', destinationName: 'n8n-adversarial' },
			{ sapBtpDestinationServiceApi: destinationKey },
		);

	test.each([302, 307])('the Events service answers %i to another host: an error naming the redirect; the token never reaches it', async (status) => {
		const { result, api: seen, other: stolen } = await poll(cisWithEvents(`${api.url}/redirect/${status}/other`));
		expect(result.error?.message).toMatch(new RegExp(`^Events service answered ".*" with a redirect \\(HTTP ${status} to http://127\\.0\\.0\\.3:${port(other)}\\); requests with a token never follow redirects$`));
		expect(seen).toHaveLength(1);
		expect(seen[0].authorization).toMatch(/^Bearer ey/);
		expect(stolen).toEqual([]);
	});

	test.each([
		['http://events.example.invalid', /endpoints\.events_service_url uses plain http:\/\//],
		['http://10.0.0.1:8080', /endpoints\.events_service_url uses plain http:\/\//],
	])('events_service_url %s (plain http to a foreign host): refused before a token is fetched', async (eventsUrl, reason) => {
		const before = tokensBefore();
		const { result, api: seen, other: stolen } = await poll(cisWithEvents(eventsUrl));
		expect(result.error?.message).toMatch(reason);
		expect(tokensBefore() - before).toBe(0);
		expect(seen).toEqual([]);
		expect(stolen).toEqual([]);
	});

	test('an events host the key does not name (no events_service_url): the Cloud Management token is refused there', async () => {
		const key = clone(sim.keys.cisCentral) as AnyKey;
		delete key.endpoints.events_service_url;
		const marks = [api.seen.length, other.seen.length];
		const run = await runWorkflow(probeWorkflow('cisEvents', 'request', { uri: `${api.url}/cloud-management/v1/events` }), {
			credentials: { sapBtpCloudManagementApi: { inputMode: 'json', serviceKey: JSON.stringify(key) } },
			store: new CredentialStore(),
		});
		const item = run.lastNodeItems[0];
		expect(item.error).toMatch(/only sends its token to 127\.0\.0\.1:\d+ \(endpoints\.accounts_service_url\), 127\.0\.0\.1:\d+ \(endpoints\.entitlements_service_url\); the request URL \(uri\) goes to http:\/\/127\.0\.0\.2:\d+\./);
		expect(api.seen.slice(marks[0])).toEqual([]);
		expect(other.seen.slice(marks[1])).toEqual([]);
	});

	test.each([302, 307])('the Destination service answers %i to another host: Connect fails naming the redirect; the token never reaches it', async (status) => {
		const key = keyFor('sapBtpDestinationServiceApi', `${api.url}/redirect/${status}/other`);
		const { run, api: seen, other: stolen } = await connect(key);
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(new RegExp(`^Destination service answered ".*" with a redirect \\(HTTP ${status} to http://127\\.0\\.0\\.3:${port(other)}\\); requests with a token never follow redirects$`));
		expect(seen.map((s) => s.method)).toEqual(['GET']);
		expect(stolen).toEqual([]);
	});

	test('a Destination key whose uri is plain http to a foreign host: refused before a token is fetched', async () => {
		const before = tokensBefore();
		const { run, api: seen, other: stolen } = await connect(keyFor('sapBtpDestinationServiceApi', 'http://destination.example.invalid'));
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/uri uses plain http:\/\//);
		expect(tokensBefore() - before).toBe(0);
		expect(seen).toEqual([]);
		expect(stolen).toEqual([]);
	});
});
