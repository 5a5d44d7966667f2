/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Helpers for every suite that runs against the simulator (its own contract tests and test/):
 * the per-file set-up (`useSimulator`), what the request log holds since a point (`watchLog`), a
 * token from a key's `uaa` block fetched the way a client would, and axios clients that never throw
 * on HTTP status (tests assert on codes).
 */
import axios, { type AxiosInstance } from 'axios';
import type { LogEntry } from './http';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './index';
import type { FaultConfig, Profile } from './profile';
import type { SeedOptions } from './seed';

export interface UaaBlock {
	url: string;
	clientid: string;
	clientsecret?: string;
}

/**
 * Client credentials at `<url>/oauth/token` with id and secret in the form body (works for every
 * secret on both `uaaBasicDecoding` settings, as SAP's @sap/xssec sends them); returns the token.
 */
export async function fetchToken(uaa: UaaBlock): Promise<string> {
	const res = await axios.post(
		`${uaa.url}/oauth/token`,
		new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: uaa.clientid,
			client_secret: uaa.clientsecret ?? '',
		}).toString(),
		{ headers: { 'content-type': 'application/x-www-form-urlencoded' } },
	);
	return res.data.access_token as string;
}

/** axios client on `baseURL` that resolves on every status (and sends the bearer token if given). */
export function httpClient(baseURL: string, token?: string): AxiosInstance {
	return axios.create({
		baseURL,
		validateStatus: () => true,
		headers: token ? { authorization: `Bearer ${token}` } : {},
	});
}

/** Clients of a CIS key: Accounts and Entitlements origins, both with a fresh token. */
export async function cisClients(key: {
	uaa: UaaBlock;
	endpoints: { accounts_service_url: string; entitlements_service_url: string };
}) {
	const token = await fetchToken(key.uaa);
	return {
		token,
		accounts: httpClient(key.endpoints.accounts_service_url, token),
		entitlements: httpClient(key.endpoints.entitlements_service_url, token),
	};
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** ms to wait after a CIS 429: until its `X-Ratelimit-Reset` (epoch ms), else one CIS window (3 s). */
export function rateLimitWaitMs(headers: Record<string, unknown>): number {
	const reset = Number(headers['x-ratelimit-reset']);
	return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset - Date.now()) : 3000;
}

/**
 * Polls a job status path until it is no longer IN_PROGRESS; returns every status seen. A 429
 * (the CIS limit is on by default) is waited out until its `X-Ratelimit-Reset`, as a client must.
 */
export async function pollJob(client: AxiosInstance, location: string, timeoutMs = 10_000) {
	const seen: Array<{ status: string; description?: string }> = [];
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const res = await client.get(location);
		if (res.status === 429) {
			await sleep(rateLimitWaitMs(res.headers as Record<string, unknown>));
			continue;
		}
		if (res.status !== 200) throw new Error(`job status answered HTTP ${res.status}`);
		seen.push(res.data);
		if (res.data.status !== 'IN_PROGRESS') return seen;
		await sleep(20);
	}
	throw new Error(`job ${location} still IN_PROGRESS after ${timeoutMs} ms`);
}

// ------------------------------------------------------------------------------------ set-up
export interface UseSimulatorOptions {
	/** How the simulator starts (profile, faults and seed at start). */
	start?: SimulatorOptions;
	/**
	 * Before each test: `true` (default) re-seeds the world with the last seed options, an object
	 * re-seeds it with these, `false` keeps one world for the whole file (and sets nothing per test).
	 */
	reset?: boolean | SeedOptions;
	/** Set before each test, after the reset. */
	profile?: Partial<Profile>;
	/** Set before each test, after the profile. */
	faults?: Partial<FaultConfig>;
}

export async function setProfile(sim: RunningSimulator, profile: Partial<Profile>): Promise<void> {
	await axios.post(`${sim.urls.control}/__sim/profile`, profile);
}

export async function setFaults(sim: RunningSimulator, faults: Partial<FaultConfig>): Promise<void> {
	await axios.post(`${sim.urls.control}/__sim/faults`, faults);
}

/**
 * The one set-up of a test file that runs against the simulator: one simulator per file, started
 * before its first test and stopped after its last; before each test (unless `reset: false`) the
 * simulator's clock is the real one again, the world is re-seeded, and the file's profile and
 * faults are set through the control API (`POST /__sim/profile`, `/__sim/faults`), as before any
 * other request of the test.
 *
 *   const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });
 *   it('…', async () => { const run = await runBtp(sim, …); });
 *
 * `sim` is usable from the file's first hook on (jest runs every beforeAll before any test), so a
 * file's own beforeAll declared after this call may use it too. Profile and faults are merged into
 * what the simulator has, so a value a test changes stays for the next test unless the file's
 * profile or faults name it.
 */
export function useSimulator(options: UseSimulatorOptions = {}): RunningSimulator {
	let running: RunningSimulator | undefined;
	const current = (): RunningSimulator => {
		if (!running) throw new Error('the simulator runs from beforeAll on: use `sim` inside hooks and tests');
		return running;
	};

	beforeAll(async () => {
		running = await startSimulator(options.start);
	});
	afterAll(async () => {
		await running?.stop();
	});

	const { reset = true, profile, faults } = options;
	if (reset !== false) {
		beforeEach(async () => {
			const sim = current();
			// a test may have moved the simulator's clock (`context.now`); the next one starts on the real one
			sim.context.now = () => Date.now();
			sim.reset(reset === true ? undefined : reset);
			if (profile) await setProfile(sim, profile);
			if (faults) await setFaults(sim, faults);
		});
	}

	return {
		get urls() {
			return current().urls;
		},
		get keys() {
			return current().keys;
		},
		get caCertPem() {
			return current().caCertPem;
		},
		get context() {
			return current().context;
		},
		get log() {
			return current().log;
		},
		reset: (seedOptions) => current().reset(seedOptions),
		stop: async () => await current().stop(),
	};
}

export interface LogSince {
	/** requests the simulator logged since the watch began (control API excluded) */
	entries: LogEntry[];
	/** tokens issued since, per client id (clients without a new token left out) */
	tokensIssued: Record<string, number>;
	tokensIssuedTotal: number;
}

/** Starts reading the simulator's request log here; call the result after the run for what came since. */
export function watchLog(sim: RunningSimulator): () => LogSince {
	const start = sim.log.summary();
	return () => {
		const summary = sim.log.summary(start.lastSeq);
		const tokensIssued: Record<string, number> = {};
		for (const [client, n] of Object.entries(summary.tokensIssued)) {
			const delta = n - (start.tokensIssued[client] ?? 0);
			if (delta) tokensIssued[client] = delta;
		}
		return { entries: summary.entries, tokensIssued, tokensIssuedTotal: summary.tokensIssuedTotal - start.tokensIssuedTotal };
	};
}
