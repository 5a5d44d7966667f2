/**
 * THE one token fetch of this package: XSUAA client credentials (SAP-docs/btp-cloud-platform
 * getting-an-application-access-token-6391b5d.md; X.509: enable-mtls-authentication-to-sap-
 * authorization-and-trust-management-service-for-your-app-aa80338.md).
 *
 *   POST {tokenBaseUrl}/oauth/token   grant_type=client_credentials&client_id=…
 *   client secret: `client_secret` in the form body as well;  X.509: the certificate/key on the
 *   TLS connection (`agentOptions`, honoured by n8n's httpRequest) and no secret.
 *
 * Why the secret goes in the form body and not in `Authorization: Basic`: XSUAA secrets look like
 * `<uuid>$<base64>=` and often hold `+`, `/`, `=`. Whether XSUAA URL-decodes Basic credentials
 * depends on a server setting SAP does not publish (UAA ClientBasicAuthenticationFilter decodes
 * always, or only with `X-CF-ENCODED-CREDENTIALS: true` in compatibility mode), so a raw Basic
 * header breaks `+` secrets on one setting and an encoded one breaks them on the other without
 * the header. A form body is decoded the same way by every server; it is the first fix SAP names
 * (SAP-docs/btp-cloud-platform "Token Retrieval Fails With Status Code 401") and what SAP's own
 * @sap/xssec does (src/service/Service.js `addClientAuthentication`).
 *
 * Failures become XsuaaTokenError with a message that is safe to show: it names the host and
 * the fix, never the secret, the certificate's key or a token. The error deliberately has no
 * `response`/`code` properties, so n8n neither retries the token call on 401 nor replaces the
 * message with a bare error code.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';
import type { XsuaaClient } from './serviceKeys';
import { SecretRegistry } from './transport/secrets';
import { assertSafeUrl, hostOf } from './urlSafety';
import { chainForKey } from './x509';

export interface XsuaaToken {
	accessToken: string;
	expiresIn: number;
	scopes: string[];
}

export type XsuaaFailure = 'rejected' | 'rateLimited' | 'notFound' | 'badRequest' | 'serverError' | 'unreachable' | 'badResponse';

export class XsuaaTokenError extends Error {
	readonly kind: XsuaaFailure;
	readonly httpStatus?: number;

	constructor(kind: XsuaaFailure, message: string, httpStatus?: number) {
		super(message);
		this.name = 'XsuaaTokenError';
		this.kind = kind;
		this.httpStatus = httpStatus;
	}
}

interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

const TIMEOUT_MS = 30_000;

function asObject(body: unknown): Record<string, unknown> | undefined {
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
		} catch {
			return undefined;
		}
	}
	return typeof body === 'object' && body !== null && !Buffer.isBuffer(body) ? (body as Record<string, unknown>) : undefined;
}

/** `error` word of an OAuth error body (`invalid_client` …); short and never an echo of input. */
function oauthErrorWord(body: unknown): string {
	const word = asObject(body)?.error;
	return typeof word === 'string' && /^[\w.-]{1,40}$/.test(word) ? ` ${word}` : '';
}

function describeStatus(response: FullResponse, client: XsuaaClient, host: string): XsuaaTokenError {
	const status = response.statusCode;
	const word = oauthErrorWord(response.body);
	const x509 = !client.clientSecret;
	if (status === 401 || (status === 400 && /invalid_client|unauthorized/.test(word))) {
		const what = x509
			? `the client certificate of client id ${client.clientId} was rejected by ${host}`
			: `the client id or secret was rejected by ${host}`;
		const fix = x509
			? 'Check that uaa.certificate and uaa.key belong to this binding and that the certificate has not expired; create a new binding if in doubt.'
			: 'Copy uaa.clientid and uaa.clientsecret again from the service key (a deleted or re-created binding has new ones).';
		return new XsuaaTokenError('rejected', `Token request failed: ${what} (HTTP ${status}${word}). ${fix}`, status);
	}
	if (status === 429) {
		const retryAfter = response.headers?.['retry-after'];
		const wait = typeof retryAfter === 'string' || typeof retryAfter === 'number' ? ` Retry after ${retryAfter} s.` : '';
		return new XsuaaTokenError(
			'rateLimited',
			`Token request was rate limited by ${host} (HTTP 429): too many token requests for this subaccount.${wait}`,
			status,
		);
	}
	if (status === 404 || status === 405) {
		return new XsuaaTokenError(
			'notFound',
			`Token request failed: ${host} has no token endpoint at /oauth/token (HTTP ${status}). Check ${x509 ? 'uaa.certurl' : 'uaa.url'}: it must be the XSUAA URL of the key.`,
			status,
		);
	}
	if (status >= 500) {
		return new XsuaaTokenError('serverError', `Token request failed: ${host} answered HTTP ${status}${word}. Try again later.`, status);
	}
	return new XsuaaTokenError('badRequest', `Token request failed: ${host} answered HTTP ${status}${word}.`, status);
}

/** Connection-level failure (no HTTP answer): names the URL and, for TLS, the likely cause. */
function describeConnectionError(error: unknown, tokenUrl: string, x509: boolean): XsuaaTokenError {
	const err = error as { code?: unknown; cause?: { code?: unknown } };
	const code = String(err?.code ?? err?.cause?.code ?? '');
	let hint = '';
	if (/ENOTFOUND|EAI_AGAIN/.test(code)) hint = ' The host name does not resolve: check the URL in the key.';
	else if (/ECONNREFUSED/.test(code)) hint = ' Nothing listens there: check the URL in the key.';
	else if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) hint = ' The server certificate is not trusted.';
	else if (/ECONNRESET|EPROTO/.test(code) && x509) hint = ' The TLS handshake failed: check uaa.certificate and uaa.key.';
	else if (/ECONNABORTED|ETIMEDOUT/.test(code)) hint = ' The request timed out.';
	const shown = /^[A-Z0-9_]{2,40}$/.test(code) ? ` (${code})` : '';
	return new XsuaaTokenError('unreachable', `Could not reach the token endpoint ${tokenUrl}${shown}.${hint}`);
}

export async function fetchXsuaaToken(
	httpRequest: (o: IHttpRequestOptions) => Promise<unknown>,
	client: XsuaaClient,
): Promise<XsuaaToken> {
	const x509 = !client.clientSecret;
	const tokenUrl = `${client.tokenBaseUrl.replace(/\/+$/, '')}/oauth/token`;
	assertSafeUrl(tokenUrl, x509 ? 'uaa.certurl' : 'uaa.url');
	const host = hostOf(tokenUrl);

	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: tokenUrl,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// a token endpoint that redirects is misconfigured; never forward the secret elsewhere
		disableFollowRedirect: true,
		timeout: TIMEOUT_MS,
	};
	form.set('client_id', client.clientId);
	if (x509) {
		if (!client.certificate || !client.privateKey) {
			throw new XsuaaTokenError('badRequest', 'The key has neither a client secret nor an X.509 certificate and key.');
		}
		// the whole chain, the key's own certificate first (a pasted leaf + CA chain stays whole)
		options.agentOptions = { cert: chainForKey(client.certificate, client.privateKey), key: client.privateKey };
	} else {
		form.set('client_secret', client.clientSecret ?? '');
	}
	options.body = form.toString();

	// Raw errors carry the request (and so the secret); keep them out of anything thrown.
	let response: FullResponse | undefined;
	let connectionError: unknown;
	try {
		response = (await httpRequest(options)) as FullResponse;
	} catch (error) {
		connectionError = error;
	}
	if (!response) throw describeConnectionError(connectionError, tokenUrl, x509);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		// the OAuth `error` word is the server's text: a server that echoes the secret there (a
		// secret made of word characters passes the word check) must not put it in our message
		const secrets = new SecretRegistry();
		secrets.addClient(client);
		const error = describeStatus(response, client, host);
		error.message = secrets.scrub(error.message);
		throw error;
	}

	const body = asObject(response.body);
	const accessToken = body?.access_token;
	if (typeof accessToken !== 'string' || !accessToken) {
		throw new XsuaaTokenError(
			'badResponse',
			`Token request to ${host} returned HTTP ${response.statusCode} without an access_token. Check that the URL is the XSUAA URL of the key.`,
			response.statusCode,
		);
	}
	const expiresIn = Number(body?.expires_in);
	const scope = body?.scope;
	return {
		accessToken,
		expiresIn: Number.isFinite(expiresIn) ? expiresIn : 0,
		scopes: typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : Array.isArray(scope) ? scope.map(String) : [],
	};
}
