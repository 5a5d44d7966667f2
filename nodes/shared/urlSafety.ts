import { ServiceKeyError } from './serviceKeyError';

/** Hosts that never leave the machine: plain http to them cannot expose a secret on the wire. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost' || host === '::1') return true;
	return /^127(\.\d{1,3}){3}$/.test(host);
}

/** `new URL()` without the throw. */
export function tryParseUrl(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/** The host part of a URL for messages (never the path or query, which might carry data). */
export function hostOf(url: string): string {
	return tryParseUrl(url)?.host ?? '(not a URL)';
}

/**
 * Refuses any URL that would receive a client secret or a token unless it is `https`, or `http`
 * to a loopback address (local simulators and tunnels). Also refuses URLs with embedded
 * user:password, which would leak into logs. Throws a ServiceKeyError naming `field`.
 */
export function assertSafeUrl(url: string, field: string): void {
	const parsed = tryParseUrl(url);
	if (!parsed) throw new ServiceKeyError(field, `${field} is not a valid URL. Copy it again from the service key.`);
	if (parsed.username || parsed.password) {
		throw new ServiceKeyError(field, `${field} must not contain a user name or password.`);
	}
	if (parsed.protocol === 'https:') return;
	if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return;
	if (parsed.protocol === 'http:') {
		throw new ServiceKeyError(
			field,
			`${field} uses plain http:// to ${parsed.host}; secrets and tokens are only sent over https:// (or http:// to a loopback address such as 127.0.0.1).`,
		);
	}
	throw new ServiceKeyError(field, `${field} must be an https:// URL (got ${parsed.protocol}).`);
}
