/**
 * THE place where this package's nodes make HTTP calls.
 *
 * Two ways to authenticate:
 * - `credential`: `this.helpers.httpRequestWithAuthentication` with an n8n credential of this
 *   package (CIS Cloud Management, Service Manager, Cloud ALM). n8n runs the credential's
 *   `preAuthentication` (token) and `authenticate` (bearer header).
 * - `bearer`: `this.helpers.httpRequest` with a token the transport fetched itself, for derived
 *   Service Manager access (key from CIS `serviceManagerBindings`) and for verifying a fresh
 *   binding. These functions never call `getCredentials` (lint rule
 *   no-http-request-with-manual-auth): the key material arrives as data.
 *
 * What n8n-core 2.41.1 does (read in node_modules/n8n-core/dist/execution-engine/
 * node-execution-context/utils/request-helpers/authentication.js and
 * @n8n/backend-network/dist/http/axios/request.js):
 * - `httpRequestWithAuthentication` retries once with a fresh token only when the request THROWS
 *   and `error.response.status` is the retry code (default 401). `ignoreHttpStatusErrors: true`
 *   would turn the 401 into a normal response and silently disable that refresh. We therefore
 *   pass `ignoreHttpStatusErrors: { ignore: true, except: [401] }`: every other status comes back
 *   as a response (so we can read SAP's error body, `Retry-After`, `Location`), and a 401 still
 *   throws, still triggers preAuthentication + one retry.
 * - Failures reach us as `NodeApiError` whose `cause` is the axios error (`cause.response` holds
 *   status/headers/data; `cause.code` e.g. ECONNRESET). Plain `httpRequest` throws the axios
 *   error itself. `returnFullResponse: true` gives `{ body, headers, statusCode }`.
 */
import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
} from 'n8n-workflow';
import { tokenRequest } from '../tokenDestination';
import { apiError, scrubSecrets, SERVICE_LABELS } from './errors';
import { backoffMs, classifyStatus, isTransientConnectionCode, rateLimitWaitMs, rateRuleOf, retryAfterMs } from './retry';
import type { TransportSession } from './session';
import type { CallAuth, HttpAnswer, HttpCall, TransportContext } from './types';

/** How much longer a window learned from a 429 (CIS 11007) is kept than the service named it. */
export const LEARNED_WINDOW_GUARD_MS = 300;

/** One attempt's result: an HTTP answer, a lost answer (connection/timeout), or another failure. */
export type Outcome =
	| { kind: 'answer'; answer: HttpAnswer }
	| { kind: 'lost'; reason: string }
	/** the request never left (e.g. the credential's token fetch hit a 429/5xx): safe to repeat, even a POST */
	| { kind: 'notSent'; reason: string }
	| { kind: 'failed'; error: unknown };

const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];

export const isIdempotent = (call: HttpCall) => call.idempotent ?? IDEMPOTENT_METHODS.includes(call.method);

function plainHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	const source =
		typeof (headers as { toJSON?: () => unknown }).toJSON === 'function'
			? ((headers as { toJSON: () => unknown }).toJSON() as Record<string, unknown>)
			: (headers as Record<string, unknown>);
	for (const [k, v] of Object.entries(source)) {
		if (v === undefined || v === null) continue;
		out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
	}
	return out;
}

interface ErrorShape {
	code?: string;
	message?: string;
	messages?: string[];
	response?: { status?: number; headers?: unknown; data?: unknown };
	cause?: ErrorShape;
}

/** Reads an error of either helper into an outcome (a 4xx/5xx still counts as an answer). */
export function outcomeOfError(error: unknown, url: string): Outcome {
	const outer = (error ?? {}) as ErrorShape;
	const inner = outer.cause ?? outer;
	const response = inner.response ?? outer.response;
	if (response && typeof response.status === 'number') {
		return {
			kind: 'answer',
			answer: { status: response.status, headers: plainHeaders(response.headers), body: response.data, url },
		};
	}
	const code = inner.code ?? outer.code;
	// n8n keeps the original text of a connection error in `messages` when it rewords `message`
	const message = [inner.message, outer.message, ...(outer.messages ?? [])].filter(Boolean).join(' | ');
	const tokenFailure = inner as { name?: string; kind?: string };
	if (tokenFailure.name === 'XsuaaTokenError' && ['rateLimited', 'serverError', 'unreachable'].includes(tokenFailure.kind ?? '')) {
		return { kind: 'notSent', reason: scrubSecrets(message.slice(0, 200)) };
	}
	if (isTransientConnectionCode(code, message)) {
		return { kind: 'lost', reason: scrubSecrets(`${code ?? 'connection error'}: ${message}`.slice(0, 200)) };
	}
	return { kind: 'failed', error };
}

function answerOf(response: { body?: unknown; headers?: unknown; statusCode?: number }, url: string): Outcome {
	return {
		kind: 'answer',
		answer: { status: response.statusCode ?? 200, headers: plainHeaders(response.headers), body: response.body, url },
	};
}

function requestOptions(session: TransportSession, call: HttpCall): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: call.url,
		qs: call.qs,
		headers: { Accept: 'application/json', ...(call.headers ?? {}) },
		json: true,
		returnFullResponse: true,
		timeout: call.timeoutMs ?? session.settings.requestTimeoutMs,
		// issue 12 hole 2: a token never follows a redirect (n8n re-adds Authorization across
		// origins); a 30x comes back as an answer and becomes an error (redirectError)
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	if (call.body !== undefined) options.body = call.body as IHttpRequestOptions['body'];
	return options;
}

async function sendWithCredential(
	ctx: TransportContext,
	credentialType: string,
	options: IHttpRequestOptions,
	refreshTokenOn: number[] = [],
): Promise<Outcome> {
	const refreshOn = [401, ...refreshTokenOn.filter((status) => status !== 401)];
	try {
		const response = await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			credentialType,
			{
				...options,
				// keep these statuses throwing so n8n's preAuthentication refresh + retry stays intact (see header)
				ignoreHttpStatusErrors: { ignore: true, except: refreshOn },
			},
			refreshOn.length > 1 ? { preAuthenticationRetryStatusCode: refreshOn } : undefined,
		);
		return answerOf(response as { body?: unknown; headers?: unknown; statusCode?: number }, options.url);
	} catch (error) {
		return outcomeOfError(error, options.url);
	}
}

async function sendWithBearer(ctx: TransportContext, token: string, options: IHttpRequestOptions): Promise<Outcome> {
	try {
		const response = await ctx.helpers.httpRequest({
			...options,
			headers: { ...(options.headers ?? {}), Authorization: `Bearer ${token}` },
			ignoreHttpStatusErrors: true,
		});
		return answerOf(response as { body?: unknown; headers?: unknown; statusCode?: number }, options.url);
	} catch (error) {
		return outcomeOfError(error, options.url);
	}
}

/** Exactly one attempt, through the budget and (for credentials) the first-call gate. */
export async function callOnce(
	ctx: TransportContext,
	session: TransportSession,
	auth: CallAuth,
	call: HttpCall,
	refreshToken = false,
): Promise<Outcome> {
	let options = requestOptions(session, call);
	if (auth.kind === 'bearer') {
		// the one rule for a token (../tokenDestination), before the token is even fetched; a
		// credential's token gets the same check in its `authenticate`
		try {
			options = tokenRequest(options, auth.tokens.destinations, auth.tokens.holder);
		} catch (error) {
			return { kind: 'failed', error };
		}
	}
	await session.budget.take(call.budgetKey ?? call.service);
	session.stats.calls++;
	let outcome: Outcome;
	if (auth.kind === 'credential') {
		outcome = await session.throughCredentialGate(auth.credentialType, async () =>
			await sendWithCredential(ctx, auth.credentialType, options, call.refreshTokenOn),
		);
	} else {
		const token = await auth.tokens.get(refreshToken);
		outcome = await sendWithBearer(ctx, token, options);
	}
	if (outcome.kind === 'answer' && isRedirect(outcome.answer.status)) {
		return { kind: 'failed', error: redirectError(ctx.getNode(), call, outcome.answer) };
	}
	return outcome;
}

const isRedirect = (status: number) => status >= 300 && status < 400;

/** `scheme://host[:port]` of a Location (never its path or query), resolved against the URL that answered. */
function locationOriginOf(answer: HttpAnswer): string {
	const location = answer.headers.location;
	if (!location) return 'no Location header';
	try {
		const target = new URL(location, answer.url);
		const same = target.origin === new URL(answer.url).origin ? ', the same host' : '';
		return `${target.protocol}//${target.host}${same}`;
	} catch {
		return 'an unreadable Location header';
	}
}

/**
 * A 30x from an SAP API (issue 12 hole 2): SAP's APIs answer, they do not redirect, so a redirect
 * means a wrong URL in the key or something in between. It is never followed with the token and
 * never counts as success (a POST after a 302 would silently become a GET of another page).
 */
export function redirectError(node: INode, call: HttpCall, answer: HttpAnswer): NodeApiError {
	const to = locationOriginOf(answer);
	const message = `${SERVICE_LABELS[call.service]} answered "${call.step}" with a redirect (HTTP ${answer.status} to ${to}); requests with a token never follow redirects`;
	const description = [
		`Step: ${call.step}`,
		`HTTP status: ${answer.status}`,
		`Redirect to: ${to}`,
		'The token was not sent to the redirect target, and the answer is not a result.',
		isIdempotent(call)
			? 'Check the service URL in the key (copy it again from the SAP BTP cockpit); SAP APIs do not redirect.'
			: 'The request reached the service, but its outcome is unknown: check in SAP before running again. Check the service URL in the key; SAP APIs do not redirect.',
	].join('\n');
	return new NodeApiError(node, { message, description, step: call.step, httpCode: String(answer.status) } as JsonObject, {
		message,
		description,
		httpCode: String(answer.status),
	});
}

/** A connection failure in words. */
export function connectionFailureInWords(reason: string): string {
	if (/ECONNREFUSED|refused/i.test(reason)) return 'the connection was refused';
	if (/ETIMEDOUT|ESOCKETTIMEDOUT|timeout|timed out|ECONNABORTED|aborted/i.test(reason)) return 'no answer within the request timeout';
	if (/ECONNRESET|socket hang up|closed unexpectedly|terminated/i.test(reason)) return 'the connection was reset';
	return 'the connection failed';
}

/**
 * The error for a call whose answer never arrived. The message says the cause in words: n8n's
 * NodeApiError replaces any message that contains a code such as ECONNABORTED with its generic
 * "perhaps the server is offline", which would hide the service and the step (found by the fault
 * suite); the raw detail goes into the description.
 */
export function lostError(node: INode, call: HttpCall, reason: string, attempts: number): NodeApiError {
	const message = `${SERVICE_LABELS[call.service]} did not answer "${call.step}" after ${attempts} attempt(s): ${connectionFailureInWords(reason)}`;
	const description = [
		`Step: ${call.step}`,
		'No HTTP answer (connection reset, refused or timed out).',
		`Detail: ${reason}`,
		isIdempotent(call)
			? 'The call was retried with backoff.'
			: 'A create is never repeated blindly: run the workflow again; the node looks the object up by name and adopts it if the first attempt created it.',
	].join('\n');
	return new NodeApiError(node, { message, description, step: call.step } as JsonObject, { message, description });
}

/** Wraps a non-HTTP failure (credential missing, token fetch failed, …) with the step. */
export function failedError(node: INode, call: HttpCall, error: unknown): NodeOperationError | NodeApiError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (!error.description?.includes('Step:')) {
			error.description = [`Step: ${call.step}`, error.description].filter(Boolean).join('\n');
		}
		return error;
	}
	const message = scrubSecrets(String((error as Error)?.message ?? error));
	return new NodeOperationError(node, `${call.step} failed: ${message}`, { description: `Step: ${call.step}` });
}

/**
 * A call with retries for idempotent requests (429 with Retry-After, 5xx, connection failures,
 * the entitlement lock). Answers outside 2xx/`okStatuses` become a readable NodeApiError.
 * Non-idempotent calls are tried once; use `createOrAdopt` for creates.
 */
export async function callApi<T = unknown>(
	ctx: TransportContext,
	session: TransportSession,
	auth: CallAuth,
	call: HttpCall,
): Promise<HttpAnswer<T>> {
	// n8n's getNode() deep-copies the node on every call: only errors need it (issue 7 CPU profile)
	const node = () => ctx.getNode();
	const policy = session.settings.retry;
	const idempotent = isIdempotent(call);
	const key = call.budgetKey ?? call.service;
	let refreshed = false;
	// every error leaves with the secrets and tokens in use redacted by value (issue 12, weakness 5)
	const scrubbed = async <E>(error: E): Promise<E> => {
		if (auth.kind === 'credential') await session.rememberCredential(ctx, auth.credentialType);
		return session.secrets.scrubError(error);
	};
	for (let attempt = 1; ; attempt++) {
		const outcome = await callOnce(ctx, session, auth, call, false);
		if (outcome.kind === 'failed') throw await scrubbed(failedError(node(), call, outcome.error));
		if (outcome.kind === 'answer') {
			const { answer } = outcome;
			if (answer.status < 300 || call.okStatuses?.includes(answer.status)) return answer as HttpAnswer<T>;
			if (answer.status === 401 && auth.kind === 'bearer' && !refreshed) {
				// our own token expired or was revoked: fetch a new one once, as n8n does for credentials
				refreshed = true;
				await auth.tokens.get(true);
				attempt--;
				continue;
			}
			const verdict = classifyStatus(answer.status, answer.body);
			// a 429 that says when to come back is waited out as often as it takes (like the lock)
			const told = answer.status === 429 ? rateLimitWaitMs(answer.headers, answer.body) : undefined;
			const max = (verdict.retry && verdict.lock) || told !== undefined ? policy.lockMaxAttempts : policy.maxAttempts;
			if (!verdict.retry || !idempotent || attempt >= max) {
				throw await scrubbed(
					apiError(node(), {
						step: call.step,
						service: call.service,
						status: answer.status,
						body: answer.body,
						headers: answer.headers,
						what: call.what,
						secrets: session.secrets,
					}),
				);
			}
			session.stats.retries++;
			if (answer.status === 429) {
				// every item of this key waits until the service's reset, not only this one, and keeps
				// the window the service named (CIS 11007) from then on
				const rule = rateRuleOf(answer.body);
				// SAP counts a call when it arrives, the budget when it is sent: the learned window is a little longer
				if (rule && typeof key === 'string') session.budget.learn(key, { ...rule, windowMs: rule.windowMs + LEARNED_WINDOW_GUARD_MS });
				session.budget.pause(key, Date.now() + (told ?? backoffMs(attempt, policy)));
				continue;
			}
			const wait = Math.max(retryAfterMs(answer.headers) ?? 0, backoffMs(attempt, policy));
			await sleep(wait);
			continue;
		}
		if ((!idempotent && outcome.kind === 'lost') || attempt >= policy.maxAttempts) {
			throw await scrubbed(lostError(node(), call, outcome.reason, attempt));
		}
		session.stats.retries++;
		await sleep(backoffMs(attempt, policy));
	}
}

/**
 * `Location` of an answer as an absolute URL on the SAME origin that answered (relative paths
 * are resolved against it: CIS jobs per SAP-docs/btp-cloud-platform asynchronous-jobs-0a0a6ab.md,
 * Service Manager operations per its OpenAPI, SAP/crossplane-provider-btp internal/openapi_clients/
 * btp-service-manager-api-go/swagger.json). A Location on another origin is ignored: the
 * token must not be sent anywhere the key did not name.
 */
export function locationOf(answer: HttpAnswer): string | undefined {
	const location = answer.headers.location;
	if (!location) return undefined;
	try {
		const resolved = new URL(location, answer.url);
		return resolved.origin === new URL(answer.url).origin ? resolved.toString() : undefined;
	} catch {
		return undefined;
	}
}
