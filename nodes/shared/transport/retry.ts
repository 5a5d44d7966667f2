/**
 * When and how long to wait before repeating a call.
 *
 * Retryable: 429, 500/502/503/504, connection failures and timeouts, and the Entitlements lock
 * (409 with CIS code 30004: "a job for this plan and subaccount is already in progress") and Service
 * Manager's 422 ConcurrentOperation (an operation on the same instance/binding is still running).
 * Only idempotent calls are repeated by the transport; see `types.ts` (`idempotent`).
 */
import { backendCode } from './errors';

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
	if (status === 409 && Number(backendCode(body)) === CIS_LOCK_CODE) {
		return { retry: true, reason: 'entitlement locked by a running job (409, code 30004)', lock: true };
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
