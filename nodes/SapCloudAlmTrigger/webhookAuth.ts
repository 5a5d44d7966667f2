/**
 * Who may post to the trigger, as a Cloud ALM destination can authenticate (SAP Community, "SAP
 * Cloud ALM integration: events to tickets", ba-p/13536733: BasicAuthentication,
 * ClientCertificateAuthentication, OAuth2ClientCredentials, NoAuthentication; header values are
 * not offered):
 * - Basic: the SAP Cloud ALM Webhook credential, checked as n8n's Webhook node checks Basic auth.
 * - Client certificate: TLS ends at the reverse proxy in front of n8n, so n8n never sees the
 *   certificate; the proxy verifies it and forwards its fingerprint in a header (Envoy:
 *   `X-Forwarded-Client-Cert: Hash=<sha256>;…`; nginx: `$ssl_client_fingerprint`, SHA-1, in a header
 *   you name). The trigger compares that fingerprint with the allowed ones. This is only as safe as
 *   the proxy: it must verify the certificate and overwrite the header on every request.
 */
import { timingSafeEqual } from 'node:crypto';

/** Request headers as Node gives them (lower-case names). */
export type IncomingHttpHeaders = Record<string, string | string[] | undefined>;

export type TriggerAuthentication = 'none' | 'basicAuth' | 'clientCertificate';

export interface AuthRefusal {
	status: 401 | 403 | 500;
	message: string;
	/** the challenge of a 401 */
	challenge?: string;
}

export const BASIC_CHALLENGE = 'Basic realm="SAP Cloud ALM Trigger"';

function sameText(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** `Basic base64(user:password)` → user and password; the password may contain ':'. */
function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
	const m = /^\s*basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header ?? '');
	if (!m) return undefined;
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function checkBasicAuth(headers: IncomingHttpHeaders, expected: { user?: unknown; password?: unknown } | undefined): AuthRefusal | undefined {
	if (!expected || typeof expected.user !== 'string' || typeof expected.password !== 'string' || !expected.user || !expected.password) {
		return {
			status: 500,
			message: "No user and password are set in the trigger's Basic Auth credential",
		};
	}
	const authorization = headers.authorization;
	const given = basicCredentials(Array.isArray(authorization) ? authorization[0] : authorization);
	if (!given)
		return {
			status: 401,
			message: 'Authorization is required',
			challenge: BASIC_CHALLENGE,
		};
	// both compared, so the time does not tell which one was wrong
	const userOk = sameText(given.user, expected.user);
	const passwordOk = sameText(given.password, expected.password);
	if (!userOk || !passwordOk)
		return {
			status: 401,
			message: 'Authorization data is wrong',
			challenge: BASIC_CHALLENGE,
		};
	return undefined;
}

/** Hex fingerprint without separators, lower case (`AB:CD` and `abcd` are the same). */
export const normalizeFingerprint = (value: string) => value.replace(/[^0-9a-fA-F]/g, '').toLowerCase();

/** The fingerprints in the header: Envoy's `Hash=` elements (several when proxies chain), or the bare value. */
export function forwardedFingerprints(value: string): string[] {
	const hashes = [...value.matchAll(/(?:^|[;,\s])Hash=([0-9A-Fa-f:]+)/g)].map((m) => normalizeFingerprint(m[1]));
	if (hashes.length) return hashes;
	const bare = normalizeFingerprint(value);
	return bare.length >= 40 && /^[0-9a-fA-F:\s]+$/.test(value.trim()) ? [bare] : [];
}

export function checkClientCertificate(headers: IncomingHttpHeaders, headerName: string, allowed: string[]): AuthRefusal | undefined {
	const allowedSet = allowed.map(normalizeFingerprint).filter((f) => f.length >= 40);
	if (!allowedSet.length)
		return {
			status: 500,
			message: 'No certificate fingerprint is allowed: fill in Allowed Fingerprints',
		};
	const raw = headers[headerName.toLowerCase()];
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (!value)
		return {
			status: 403,
			message: `No client certificate was forwarded (header ${headerName})`,
		};
	const given = forwardedFingerprints(value);
	if (!given.some((g) => allowedSet.some((a) => sameText(a, g))))
		return {
			status: 403,
			message: 'The client certificate is not one of the allowed ones',
		};
	return undefined;
}
