/**
 * Paths under the binding's `endpoints.Api`. The bearer token goes wherever the request goes, so
 * every path a user or a server hands us (Custom API Call path, OData `@odata.nextLink`) is
 * checked to stay on the Cloud ALM host and under `endpoints.Api` before anything is sent.
 */

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export class UnsafePathError extends Error {}

/** `/calm-tasks/v1/tasks` from `calm-tasks/v1/tasks`, `/calm-tasks/v1/tasks`, or a URL under `apiBase`. */
export function toApiPath(input: string, apiBase?: string): string {
	const raw = input.trim();
	if (!raw) throw new UnsafePathError('The path is empty; give a path under endpoints.Api, e.g. /calm-tasks/v1/tasks');
	let path = raw;
	if (SCHEME.test(raw) || raw.startsWith('//')) {
		const inside = apiBase ? pathInsideBase(raw, apiBase) : undefined;
		if (inside === undefined) {
			throw new UnsafePathError(
				'The path must be relative to the binding\'s endpoints.Api (e.g. /calm-tasks/v1/tasks); ' +
					'absolute URLs to other hosts are refused so the Cloud ALM token never leaves the Cloud ALM host',
			);
		}
		path = inside;
	}
	if (path.includes('\\')) throw new UnsafePathError('The path must not contain backslashes');
	const pathOnly = path.split(/[?#]/)[0];
	if (pathOnly.split('/').some((segment) => segment === '..' || segment === '.' || /^%2e/i.test(segment))) {
		throw new UnsafePathError('The path must not contain "." or ".." segments');
	}
	return path.startsWith('/') ? path : `/${path}`;
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
	if (target.origin !== base.origin) return undefined;
	const basePath = base.pathname.replace(/\/+$/, '');
	if (target.pathname !== basePath && !target.pathname.startsWith(`${basePath}/`)) return undefined;
	const rest = target.pathname.slice(basePath.length) || '/';
	return `${rest}${target.search}`;
}
