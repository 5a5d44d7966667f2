/**
 * Paths under the binding's `endpoints.Api`. The bearer token goes wherever the request goes, so
 * every path a user or a server hands us (Custom API Call path, OData `@odata.nextLink`) is
 * checked to stay on the Cloud ALM host and under `endpoints.Api` before anything is sent.
 *
 * Issue 12 weakness 6: WHATWG URL parsing (what Node's http client and every proxy in between
 * apply) drops tabs and line breaks and reads `%2e`/`%2E` as a dot, so `.%2e`, `%2e%2e`, `.\t.`
 * and `.\n.` are `..` on the wire; a server may further decode `%2f` and `%5c` into separators.
 * The raw text is refused when it holds any of these, and the path is then resolved with `URL`
 * and must still lie under `endpoints.Api`'s path on its origin: what is sent is what was checked.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export class UnsafePathError extends Error {}

const EXAMPLE = 'e.g. /calm-tasks/v1/tasks';
const FIX = `Give a path under the binding's endpoints.Api, ${EXAMPLE}.`;

/** A character shown in a message: tabs and line breaks by name, other control characters as \uXXXX. */
function showChar(c: string): string {
	if (c === '\t') return 'a tab';
	if (c === '\n' || c === '\r') return 'a line break';
	return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function decodeQuietly(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}

/** Refuses what URL parsing or the server could turn into another path (raw text, before resolving). */
function assertPlainPath(path: string): void {
	// eslint-disable-next-line no-control-regex
	const control = /[\u0000-\u001f\u007f]/.exec(path);
	if (control) {
		throw new UnsafePathError(`Path contains ${showChar(control[0])}; remove it. ${FIX}`);
	}
	if (path.includes('\\')) throw new UnsafePathError(`Path must not contain backslashes (\\); use / between segments. ${FIX}`);
	const pathOnly = path.split(/[?#]/)[0];
	if (/%(2f|5c)/i.test(pathOnly)) {
		throw new UnsafePathError(`Path must not contain an encoded slash or backslash (%2F, %5C); use / between segments. ${FIX}`);
	}
	for (const segment of pathOnly.split('/')) {
		const decoded = decodeQuietly(segment);
		if (decoded === undefined) {
			throw new UnsafePathError(`Path segment "${segment}" has a broken percent escape (% must be followed by two hex digits). ${FIX}`);
		}
		// `..;x` is `..` to servlet containers (path parameters are cut off before normalising)
		const name = decoded.split(';')[0];
		if (name === '.' || name === '..') {
			throw new UnsafePathError(
				`Path must not contain "." or ".." segments (also encoded, like ".%2e" or "%2e%2e"): "${segment}" would leave endpoints.Api. ${FIX}`,
			);
		}
	}
}

/**
 * `/calm-tasks/v1/tasks` from `calm-tasks/v1/tasks`, `/calm-tasks/v1/tasks`, or a URL under
 * `apiBase`; the result is what `new URL` makes of it, relative to `apiBase`'s path.
 */
export function toApiPath(input: string, apiBase?: string): string {
	const raw = input.trim();
	if (!raw) throw new UnsafePathError(`Path is empty. ${FIX}`);
	let path = raw;
	if (SCHEME.test(raw) || raw.startsWith('//')) {
		// the URL's own path text first: URL parsing would already have resolved its dot segments
		if (apiBase) assertPlainPath(raw.replace(/^([a-z][a-z0-9+.-]*:)?\/\/[^/?#]*/i, ''));
		const inside = apiBase ? pathInsideBase(raw, apiBase) : undefined;
		if (inside === undefined) {
			throw new UnsafePathError(
				'Path must be relative to the binding\'s endpoints.Api (e.g. /calm-tasks/v1/tasks); ' +
					'absolute URLs to other hosts are refused so the Cloud ALM token never leaves the Cloud ALM host',
			);
		}
		path = inside;
	}
	assertPlainPath(path);
	const relative = path.startsWith('/') ? path : `/${path}`;
	if (!apiBase) return relative;
	const resolved = pathInsideBase(`${apiBase.replace(/\/+$/, '')}${relative}`, apiBase);
	if (resolved === undefined) {
		throw new UnsafePathError(`Path "${raw}" resolves outside the binding's endpoints.Api. ${FIX}`);
	}
	return resolved;
}

/**
 * The part of `url` after `apiBase` when `url` is on the same origin and under its path, else
 * undefined. `url` may be relative to `requestUrl` (an OData nextLink usually is).
 */
export function pathInsideBase(url: string, apiBase: string, requestUrl?: string): string | undefined {
	let target: URL;
	let base: URL;
	try {
		base = new URL(apiBase);
		target = new URL(url, requestUrl ?? apiBase);
	} catch {
		return undefined;
	}
	if (target.origin !== base.origin || target.username || target.password) return undefined;
	const basePath = base.pathname.replace(/\/+$/, '');
	if (target.pathname !== basePath && !target.pathname.startsWith(`${basePath}/`)) return undefined;
	const rest = target.pathname.slice(basePath.length) || '/';
	return `${rest}${target.search}`;
}
