/**
 * What the three credentials' `preAuthentication` and `authenticate` share:
 *  - preAuthentication: refuse unsafe URLs, check an X.509 pair, fetch ONE token (n8n stores it
 *    in the hidden expirable `accessToken` and reuses it until an API answers 401), and note which
 *    key it was issued for (`accessTokenFor`, a hash);
 *  - authenticate: refuse a token issued for another key (see StaleTokenError), apply the one
 *    destination rule (./tokenDestination: relative URLs resolved against the key, the final URL
 *    on the key's own origins over https or loopback http, redirects not followed),
 *    add `Authorization: Bearer …`, and — for the credential test only (marked by
 *    CREDENTIAL_TEST_HEADER) — report missing scopes and an expiring certificate.
 */
import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import type { XsuaaClient } from './serviceKeys';
import { tokenRequest, type TokenDestination } from './tokenDestination';
import { assertSafeUrl } from './urlSafety';
import { certificateExpiryWarning, checkCertificateAndKey } from './x509';
import { fetchXsuaaToken } from './xsuaa';

/** Set by each credential's `test` request; stripped before the request is sent. */
export const CREDENTIAL_TEST_HEADER = 'X-Sap-N8n-Credential-Test';

/** An origin of the key that may receive its token (relative paths go to the first, or by `pathPrefix`). */
export type ApiBase = TokenDestination;

export interface KeyTarget {
	credentialName: string;
	uaa: XsuaaClient;
	bases: ApiBase[];
	/** scopes (suffixes) the credential test demands from the token, with the fix to show */
	requiredScopes?: { scopes: string[]; fix: string };
}

/**
 * Identifies the key material a token was issued for (token server, client, secret or
 * certificate). A one-way hash: it is stored next to the token, never shown.
 */
export function keyFingerprint(uaa: XsuaaClient): string {
	const material = [uaa.tokenBaseUrl, uaa.clientId, uaa.clientSecret ?? uaa.certificate ?? ''].join('\n');
	return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

/**
 * n8n keeps the stored token when the user edits a credential (and tests it with that token), so
 * a token minted for the old key would survive a key change — a credential test would then pass
 * with a wrong new secret. authenticate throws this instead; its 401-shaped `response` makes n8n
 * take its own refresh path (preAuthentication with the current key, then one retry), exactly as
 * if the API had rejected the token. Nothing is sent with the stale token.
 */
export class StaleTokenError extends Error {
	readonly response = { status: 401, statusText: 'Token issued for another key' };

	constructor(credentialName: string) {
		super(`The stored token of the ${credentialName} credential was issued for another key; a new one is fetched.`);
		this.name = 'StaleTokenError';
	}
}

/** Body of `preAuthentication`: returns `{ accessToken, accessTokenFor }`. */
export async function fetchTokenForKey(helper: IHttpRequestHelper, target: KeyTarget): Promise<IDataObject> {
	const x509 = !target.uaa.clientSecret;
	assertSafeUrl(target.uaa.tokenBaseUrl, x509 ? 'uaa.certurl' : 'uaa.url');
	for (const base of target.bases) assertSafeUrl(base.url, base.field);
	if (x509) checkCertificateAndKey(target.uaa.certificate ?? '', target.uaa.privateKey ?? '');
	const token = await fetchXsuaaToken(async (options) => await helper.helpers.httpRequest(options), target.uaa);
	return { accessToken: token.accessToken, accessTokenFor: keyFingerprint(target.uaa) };
}

/** Scopes of a JWT access token (XSUAA tokens are JWTs); undefined when it is not one. */
export function tokenScopes(token: string): string[] | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { scope?: unknown };
		if (Array.isArray(claims.scope)) return claims.scope.map(String);
		if (typeof claims.scope === 'string') return claims.scope.split(/\s+/);
		return undefined;
	} catch {
		return undefined;
	}
}

function takeTestMarker(headers: IDataObject): boolean {
	let marked = false;
	for (const name of Object.keys(headers)) {
		if (name.toLowerCase() === CREDENTIAL_TEST_HEADER.toLowerCase()) {
			delete headers[name];
			marked = true;
		}
	}
	return marked;
}

/** Checks only the credential test makes: scopes the token must carry, and certificate expiry. */
function credentialTestFindings(token: string, target: KeyTarget): string | undefined {
	const required = target.requiredScopes;
	const granted = tokenScopes(token);
	if (required && granted) {
		const missing = required.scopes.filter((s) => !granted.some((g) => g === s || g.endsWith(`.${s}`)));
		if (missing.length) {
			return `The token works, but it lacks the scope ${missing.join(', ')} (missing scope). ${required.fix}`;
		}
	}
	return certificateExpiryWarning(target.uaa);
}

/** Body of `authenticate`. Throws (before anything is sent) when the request would leak the token. */
export function authenticateWithKey(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	target: KeyTarget,
): IHttpRequestOptions {
	// the one rule for every request with a token (./tokenDestination): the final URL, whatever
	// option holds it (`url`, `uri` from n8n's HTTP Request node, `baseURL`), on one of the key's
	// origins over https or loopback http; sent as checked, never following a redirect. Checked
	// first, so a refused URL never looks like a stale token (which would make n8n fetch a new one).
	const options = tokenRequest(
		{ ...requestOptions, headers: { ...(requestOptions.headers ?? {}) } } as IHttpRequestOptions & { uri?: unknown },
		target.bases,
		`the ${target.credentialName} credential`,
	);
	const accessToken = credentials.accessToken;
	if (typeof accessToken !== 'string' || !accessToken) {
		throw new Error(`The ${target.credentialName} credential has no access token yet; run the credential test or the workflow again.`);
	}
	if (credentials.accessTokenFor !== keyFingerprint(target.uaa)) throw new StaleTokenError(target.credentialName);
	const headers = options.headers as IDataObject;
	const isCredentialTest = takeTestMarker(headers);

	if (isCredentialTest) {
		const finding = credentialTestFindings(accessToken, target);
		if (finding) throw new Error(finding);
	}
	headers.Authorization = `Bearer ${accessToken}`;
	return options;
}
