/**
 * THE rule for every request that carries a token of this package (issue 12, holes 1-3):
 *
 *   the final URL — whatever the caller set: `url`, `uri` (n8n's legacy request, used by the
 *   HTTP Request node V3-V4.x), `baseURL`/`baseUrl`, absolute or relative — is on one of the
 *   key's own origins (scheme + host + port) and is https:// or http:// to a loopback address.
 *   Anything unclear (no URL, an unparsable one, `user:password@` in it, `url` and `uri` or
 *   `baseURL` and `baseUrl` that disagree, a protocol-relative `//host`) is refused before
 *   anything is sent, with a message naming the URL option and the fix.
 *
 * `tokenRequest` also rewrites the request so that n8n sends exactly the URL that was checked:
 * one absolute URL in the option the caller used (`uri` and/or `url`), no base URL left for n8n
 * or axios to combine differently, and no redirect following (see `NO_REDIRECTS`).
 *
 * How n8n 2.41.1 reads these options (node_modules/@n8n/backend-network/dist/http/axios):
 * - `httpRequest` (IHttpRequestOptions): axios `url` + `baseURL`; `qs` only adds a query.
 * - legacy `request`/`requestWithAuthentication` (IRequestOptions): `url ?? uri` + `baseURL`
 *   (utils.js `resolveLegacyRequestTarget`); `baseUrl` is ignored by n8n, so a caller that set
 *   it meant a base we must honour — we resolve against it and then remove it.
 * - axios joins a relative URL to `baseURL` by string concatenation (`combineURLs`), and treats
 *   `scheme://…` and `//…` as absolute (`isAbsoluteURL`), ignoring `baseURL`; node's http adapter
 *   then parses the result with WHATWG `new URL`, which is what we compare.
 */
import { ServiceKeyError } from './serviceKeyError';
import { isLoopbackHost, tryParseUrl } from './urlSafety';

/** One origin a key names for its token, e.g. `endpoints.Api`. */
export interface TokenDestination {
	/** base URL from the key, without trailing slash */
	url: string;
	/** where it comes from, for messages (`endpoints.Api`) */
	field: string;
	/** relative paths starting with this go to this base (first base = default) */
	pathPrefix?: string;
}

/** The URL-bearing options of n8n's two request shapes (IHttpRequestOptions and legacy IRequestOptions). */
export interface RequestUrlOptions {
	url?: unknown;
	uri?: unknown;
	baseURL?: unknown;
	baseUrl?: unknown;
}

/**
 * Options that make n8n send the request once, never following a redirect with the token:
 * `disableFollowRedirect` (httpRequest → axios `maxRedirects: 0`), `followRedirect` and
 * `followAllRedirects` false (legacy request → `maxRedirects: 0`, legacy.js), `maxRedirects: 0`
 * for both, and `sendCredentialsOnCrossOriginRedirect: false` in case anything follows anyway.
 */
export const NO_REDIRECTS = {
	disableFollowRedirect: true,
	followRedirect: false,
	followAllRedirects: false,
	maxRedirects: 0,
	sendCredentialsOnCrossOriginRedirect: false,
} as const;

/** Thrown before sending; `field` is the request option that holds the URL (`uri`, `url`, `baseURL`). */
export class TokenDestinationError extends ServiceKeyError {
	constructor(field: string, message: string) {
		super(field, message);
		this.name = 'TokenDestinationError';
	}
}

/** axios `isAbsoluteURL`: a scheme followed by `//`, or a protocol-relative `//host` */
const AXIOS_ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

function asText(value: unknown, option: string, holder: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (value instanceof URL) return value.href;
	throw new TokenDestinationError(
		option,
		`The request option "${option}" is not a text URL; ${holder} sends nothing. Fix: set the URL field to a URL or a path.`,
	);
}

/** Two options for the same thing must agree (n8n would pick one silently). */
function single(options: RequestUrlOptions, a: 'url' | 'baseURL', b: 'uri' | 'baseUrl', holder: string) {
	const first = asText(options[a], a, holder);
	const second = asText(options[b], b, holder);
	if (first !== undefined && second !== undefined && first !== second) {
		throw new TokenDestinationError(
			a,
			`The request sets both "${a}" and "${b}" to different URLs; ${holder} does not guess which one is sent. Fix: set only one of them.`,
		);
	}
	if (first !== undefined) return { value: first, option: a };
	if (second !== undefined) return { value: second, option: b };
	return undefined;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** axios `combineURLs`. */
function combine(base: string, relative: string): string {
	return relative ? `${base.replace(/\/?\/$/, '')}/${relative.replace(/^\/+/, '')}` : base;
}

/** `scheme://host[:port]` for messages: never a path, query or user info. */
function originOf(url: URL): string {
	return `${url.protocol}//${url.host}`;
}

function allowedList(destinations: TokenDestination[]): string {
	return destinations.map((d) => `${tryParseUrl(d.url)?.host ?? '(not a URL)'} (${d.field})`).join(', ');
}

export interface CheckedDestination {
	/** the absolute URL n8n will send to (WHATWG-normalised; no query from `qs` yet) */
	url: URL;
	/** which option it came from (`uri`, `url`, `baseURL`, `baseUrl`, or `key` for the key's default) */
	option: string;
}

/**
 * Resolves and checks where a request would go. `holder` names whose token it is, for messages
 * ("the SAP Cloud ALM API credential"). Throws TokenDestinationError (before anything is
 * sent) unless the rule above holds. A relative URL without a base URL is resolved against the
 * key: the destination whose `pathPrefix` it starts with, else the first one.
 */
export function checkTokenDestination(
	options: RequestUrlOptions,
	destinations: TokenDestination[],
	holder: string,
): CheckedDestination {
	const target = single(options, 'url', 'uri', holder);
	const base = single(options, 'baseURL', 'baseUrl', holder);
	const option = target?.option ?? base?.option ?? 'url';
	const fixPath = `Fix: use a path relative to the key's URL (e.g. /…) or a URL on ${destinations.map((d) => tryParseUrl(d.url)?.origin ?? d.url).join(' or ')}.`;

	let finalText: string;
	if (target?.value.startsWith('//')) {
		throw new TokenDestinationError(
			option,
			`The request URL (${option}) starts with "//" (a protocol-relative URL): where it goes depends on how it is read, so ${holder} sends nothing. ${fixPath}`,
		);
	}
	if (target && AXIOS_ABSOLUTE.test(target.value)) {
		finalText = target.value;
	} else if (base) {
		finalText = combine(base.value, target?.value ?? '');
	} else if (target) {
		const path = target.value.startsWith('/') ? target.value : `/${target.value}`;
		const key = destinations.find((d) => d.pathPrefix && path.startsWith(d.pathPrefix)) ?? destinations[0];
		if (!key) throw new TokenDestinationError(option, `${capital(holder)} names no URL to send its token to.`);
		finalText = combine(key.url, path);
	} else {
		throw new TokenDestinationError(
			'url',
			`The request has no URL (neither url nor uri is set); ${holder} sends nothing. Fix: set the URL field to a URL on the key's host or a path relative to it.`,
		);
	}

	const url = tryParseUrl(finalText);
	if (!url) {
		throw new TokenDestinationError(option, `The request URL (${option}) is not a valid URL; ${holder} sends nothing. ${fixPath}`);
	}
	if (url.username || url.password) {
		throw new TokenDestinationError(
			option,
			`The request URL (${option}) contains a user name or password ("…@" before the host); ${holder} never sends its token to such a URL. Fix: remove the part up to and including "@" after "//".`,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new TokenDestinationError(
			option,
			`The request URL (${option}) uses ${url.protocol}; ${holder} only sends its token over https:// (or http:// to a loopback address). ${fixPath}`,
		);
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new TokenDestinationError(
			option,
			`The request URL (${option}) uses plain http:// to ${url.host}; ${holder} only sends its token over https:// (or http:// to a loopback address such as 127.0.0.1). ${fixPath}`,
		);
	}
	const allowed = destinations.map((d) => tryParseUrl(d.url)?.origin).filter((o): o is string => Boolean(o));
	if (!allowed.includes(url.origin)) {
		throw new TokenDestinationError(
			option,
			`${capital(holder)} only sends its token to ${allowedList(destinations)}; the request URL (${option}) goes to ${originOf(url)}. ${fixPath}`,
		);
	}
	return { url, option };
}

/**
 * `checkTokenDestination` plus the rewrite: the returned options carry the checked absolute URL in
 * the option(s) the caller used, no base URL, and `NO_REDIRECTS`. Use the result, never the input.
 */
export function tokenRequest<T extends RequestUrlOptions>(options: T, destinations: TokenDestination[], holder: string): T {
	const { url } = checkTokenDestination(options, destinations, holder);
	const out: RequestUrlOptions & Record<string, unknown> = { ...(options as Record<string, unknown>), ...NO_REDIRECTS };
	// the hash never leaves the machine; drop it so nothing reinterprets it
	const href = url.href.replace(/#.*$/, '');
	const usedUri = out.uri !== undefined && out.uri !== null && out.uri !== '';
	const usedUrl = out.url !== undefined && out.url !== null && out.url !== '';
	if (usedUri) out.uri = href;
	if (usedUrl || !usedUri) out.url = href;
	delete out.baseURL;
	delete out.baseUrl;
	return out as T;
}
