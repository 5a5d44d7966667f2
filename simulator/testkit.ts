/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Small helpers for the simulator's own tests: fetch a token from a key's `uaa` block the way a
 * client would, and get axios clients that never throw on HTTP status (tests assert on codes).
 */
import axios, { type AxiosInstance } from 'axios';

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
