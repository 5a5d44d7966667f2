/**
 * When and how long to wait before repeating a call.
 *
 * Retryable: 429, 500/502/503/504, connection failures and timeouts, and the Entitlements lock
 * (CIS code 30004 with 409 or 400: "a job for this plan and subaccount is already in progress") and Service
 * Manager's 422 ConcurrentOperation (an operation on the same instance/binding is still running).
 * Only idempotent calls are repeated by the transport; see `types.ts` (`idempotent`).
 *
 * A 429 says when to come back in one of three ways, all honoured: `Retry-After` (seconds or
 * HTTP-date: Service Manager, XSUAA), `X-Ratelimit-Reset` (epoch ms: SAP's OpenAPI specs of the
 * Entitlements and Accounts services declare it on every 429), or nothing (SAP's help page
 * "Rate Limiting" of the Cloud Management service says no headers are returned); then the CIS body's
 * 11007 detail "Maximum request rate limit is <X> requests in <Y> seconds" names the window.
 */
import type { WindowLimit } from './rateLimit';
import { backendCode, parseBackendError } from './errors';

export interface RetryPolicy {
	/** attempts in total, including the first */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** waits for the Entitlements lock can be long (a job takes seconds) */
	lockMaxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 300,
	maxDelayMs: 10_000,
	lockMaxAttempts: 20,
};

export const CIS_LOCK_CODE = 30004;
export const CIS_RATE_LIMIT_CODE = 11006;

export type Verdict = { retry: false } | { retry: true; reason: string; lock?: boolean };

export function classifyStatus(status: number, body: unknown): Verdict {
	if (status === 429) return { retry: true, reason: 'rate limited (429)' };
	if ([500, 502, 503, 504].includes(status)) return { retry: true, reason: `server error (${status})` };
	if (status === 422 && backendCode(body) === 'ConcurrentOperation') {
		return { retry: true, reason: 'another operation on the resource is running (422 ConcurrentOperation)', lock: true };
	}
	// the lock is known by its code: the spec suggests 409, SAP's terraform provider sees it as 400
	// (SAP/terraform-provider-btp internal/btpcli/client.go retries `[Error: 30004/400]`)
	if ((status === 409 || status === 400) && Number(backendCode(body)) === CIS_LOCK_CODE) {
		return { retry: true, reason: `entitlement locked by a running job (${status}, code 30004)`, lock: true };
	}
	return { retry: false };
}

/** `Retry-After` as seconds or HTTP-date → ms to wait from now (undefined when absent/invalid). */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
	const value = headers['retry-after'];
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const at = Date.parse(value);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}

/**
 * `X-Ratelimit-Reset` → ms to wait from now. SAP's specs: "The time at which the rate limit will
 * reset, expressed in milliseconds" (a timestamp). Epoch seconds are accepted too; a value that is
 * neither (or more than 10 min away) is ignored rather than trusted.
 */
export function rateLimitResetMs(headers: Record<string, string>, now = Date.now()): number | undefined {
	const value = Number(headers['x-ratelimit-reset']);
	if (!Number.isFinite(value) || value <= 0) return undefined;
	const at = value >= 1e12 ? value : value >= 1e9 ? value * 1000 : undefined;
	if (at === undefined) return undefined;
	const wait = Math.max(0, at - now);
	return wait <= 600_000 ? wait : undefined;
}

/** The rule a CIS 429 names in its 11007 detail, e.g. 5 requests in 3 seconds. */
export function rateRuleOf(body: unknown): WindowLimit | undefined {
	for (const detail of parseBackendError(body).details) {
		const m = /Maximum request rate limit is (\d+) requests? in (\d+) seconds?/i.exec(detail);
		if (m && Number(m[1]) > 0 && Number(m[2]) > 0) return { limit: Number(m[1]), windowMs: Number(m[2]) * 1000 };
	}
	return undefined;
}

/** When a 429 lets calls go again (ms from now): the headers first, then the named window. */
export function rateLimitWaitMs(headers: Record<string, string>, body: unknown, now = Date.now()): number | undefined {
	return rateLimitResetMs(headers, now) ?? retryAfterMs(headers, now) ?? rateRuleOf(body)?.windowMs;
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(exp / 2 + (random() * exp) / 2);
}

const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Also n8n's own wording: its NodeApiError replaces the message of a connection error with a
 * descriptive one (n8n-workflow COMMON_ERRORS, e.g. ECONNRESET → "The connection to the server was
 * closed unexpectedly…"), and in a real n8n the code is not always on the error we get.
 */
const TRANSIENT_TEXT =
	/socket hang up|timeout|timed out|ECONNRESET|ECONNABORTED|terminated|connection to the server was closed unexpectedly|connection was aborted/i;

export const isTransientConnectionCode = (code: string | undefined, message = ''): boolean =>
	(code !== undefined && TRANSIENT_CODES.has(code)) || TRANSIENT_TEXT.test(message);
