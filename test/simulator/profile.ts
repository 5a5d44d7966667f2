/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Latency profile and fault injection of the simulator. Both can be changed at run time through
 * the control API (`POST /__sim/profile`, `POST /__sim/faults`), so one running simulator serves a
 * fast unit test, a benchmark with SAP-like waits, and a fault soak with a fixed seed.
 */

export interface Profile {
	/** Added to every API response (ms). Control API calls are never delayed. */
	latencyMs: number;
	/** How long an entitlement job stays IN_PROGRESS (ms). */
	entitlementJobMs: number;
	/** How long a Service Manager instance operation stays `in progress` (ms). */
	instanceOperationMs: number;
	/** How long a Service Manager binding operation stays `in progress` (ms). */
	bindingOperationMs: number;
	/** `expires_in` of issued tokens (seconds); tokens are rejected after it. */
	tokenTtlSeconds: number;
	/** Service Manager creates per minute per client before 429 (SAP: 50). */
	smInstanceCreatesPerMinute: number;
	/** CIS requests per `cisRateWindowMs` per client and path before 429 code 11006 (0 = off). */
	cisRequestsPerWindow: number;
	cisRateWindowMs: number;
	/**
	 * What SM does when `async` is omitted on a mutating call. The contract says it is unknown
	 * (4.5): `async` is the safer default for clients because it forces them to handle 202.
	 */
	smDefaultAsync: boolean;
	/** Reject instance names that are not <= 32 chars of [A-Za-z0-9._-] (contract 4.6 [U]). */
	smStrictInstanceNames: boolean;
	/** `error` string of XSUAA 401s: `invalid_client` (new UAA) or `unauthorized` (old UAA). */
	uaaBadCredentialsError: 'invalid_client' | 'unauthorized';
	/**
	 * How XSUAA reads `Authorization: Basic` client credentials at `/oauth/token`. UAA's
	 * ClientBasicAuthenticationFilter (cloudfoundry/uaa server/src/main/java/org/cloudfoundry/identity/
	 * uaa/authentication/ClientBasicAuthenticationFilter.java) URL-decodes id and secret unless
	 * `enableUriEncodingCompatibilityMode` is on, in which case it decodes only when the request
	 * says `X-CF-ENCODED-CREDENTIALS: true`. Which one SAP's XSUAA runs is not published, and SAP's
	 * own doc (SAP-docs/btp-cloud-platform "Token Retrieval Fails With Status Code 401") fits both:
	 * a raw `+` fails (decoding), and Spring >= 5.6 clients, which URL-encode, need the header
	 * (compatibility). So both are modelled and clients must work with both:
	 * - `header` (default): decoded only with `X-CF-ENCODED-CREDENTIALS: true`, else taken raw;
	 * - `always`: always decoded (`+` becomes a space, a bad `%` escape is a 401).
	 */
	uaaBasicDecoding: 'header' | 'always';
	/** `Retry-After` of rate-limit answers, seconds. */
	retryAfterSeconds: number;
}

export const DEFAULT_PROFILE: Profile = {
	latencyMs: 0,
	entitlementJobMs: 150,
	instanceOperationMs: 200,
	bindingOperationMs: 100,
	tokenTtlSeconds: 43199,
	smInstanceCreatesPerMinute: 50,
	cisRequestsPerWindow: 0,
	cisRateWindowMs: 3000,
	smDefaultAsync: true,
	smStrictInstanceNames: true,
	uaaBadCredentialsError: 'invalid_client',
	uaaBasicDecoding: 'header',
	retryAfterSeconds: 1,
};

/** Probabilities in [0, 1], drawn per API request (control API excluded) from a seeded generator. */
export interface FaultConfig {
	seed: number;
	/** 429 with Retry-After (SM: HTTP-date + `{description}`; CIS: 11006 wrapper; UAA: Retry-After seconds). */
	rateLimit: number;
	/** 500 / 502 / 503 with the service's error body (picked uniformly). */
	serverError: number;
	/** The socket is destroyed before any answer. */
	connectionReset: number;
	/** The answer is delayed by `slowMs` (meant to exceed a client timeout). */
	slow: number;
	slowMs: number;
	/** An async SM operation or entitlement job that is started ends `failed` / `FAILED`. */
	asyncFailure: number;
	/** Entitlement PUT answers 409 with the 30004-style lock error although no job runs. */
	entitlementLock: number;
	/**
	 * Where a fault hits a mutating call, apply it AFTER the mutation was committed (the answer is
	 * lost, the object exists): the case that makes naive retries create duplicates.
	 */
	afterCommit: number;
	/** Only requests whose path matches one of these substrings are faulted (empty = all). */
	paths: string[];
}

export const NO_FAULTS: FaultConfig = {
	seed: 1,
	rateLimit: 0,
	serverError: 0,
	connectionReset: 0,
	slow: 0,
	slowMs: 0,
	asyncFailure: 0,
	entitlementLock: 0,
	afterCommit: 0,
	paths: [],
};

/** mulberry32: small, fast, and good enough to make a fault run reproducible from its seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const delay = (ms: number) =>
	new Promise<void>((resolve) => {
		if (ms <= 0) return resolve();
		setTimeout(resolve, ms);
	});
