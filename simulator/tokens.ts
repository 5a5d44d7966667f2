/**
 * JWT tokens as XSUAA issues them: RS256, signed with the active key of the JWKS that XSUAA
 * publishes at `/token_keys`, header `{alg, jku, kid, typ}`. Every other service checks them
 * through `authenticate()`: signature against the published key named by `kid`, then lookup by
 * `jti`, so revocation (`POST /__sim/tokens/revoke`) and expiry (profile TTL) work.
 *
 * Sources: cloudfoundry/uaa `server/src/main/java/org/cloudfoundry/identity/uaa/oauth/TokenKeyEndpoint.java`
 * (JWKS entries `kty, e, use: sig, kid, alg, value, n`; `n`/`e` from `BigInteger.toByteArray()`);
 * @sap/xssec 4.15 `src/service/XsuaaService.js` (JWKS at `https://<uaadomain>/token_keys?zid=<zid>`,
 * key chosen by `kid`) and `src/jwks/Jwk.js` (RS/PS/ES only; HS256 is unsupported).
 */
import { createPrivateKey, createPublicKey, createSign, createVerify, randomUUID, type KeyObject } from 'node:crypto';
import { SimError, type SimRequest } from './http';
import type { IssuedToken, SimContext, TokenSigningKey, UaaClient } from './state';

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

const keyObjects = new WeakMap<TokenSigningKey, { priv: KeyObject; pub: KeyObject }>();
function keyObjectsOf(key: TokenSigningKey) {
	let k = keyObjects.get(key);
	if (!k) {
		k = { priv: createPrivateKey(key.privateKeyPem), pub: createPublicKey(key.publicKeyPem) };
		keyObjects.set(key, k);
	}
	return k;
}

/** The key that signs new tokens (the last of the published set). */
export function activeTokenKey(sim: SimContext): TokenSigningKey {
	return sim.pki.tokenKeys[sim.pki.tokenKeys.length - 1];
}

/** PEM as XSUAA writes it into `verificationkey` and the JWKS `value` (no trailing newline). */
export function verificationKeyPem(sim: SimContext): string {
	return activeTokenKey(sim).publicKeyPem.trim();
}

/**
 * `uaadomain` of every key: host and port of the simulator's https XSUAA origin. SAP's value is a
 * port-less host (`authentication.eu10.hana.ondemand.com`) that serves `/token_keys` over https;
 * @sap/xssec builds `https://<uaadomain>/token_keys`, so it must be an https origin whose
 * certificate names the host (the simulator's server certificate has SAN IP 127.0.0.1).
 */
export function uaaDomain(sim: SimContext): string {
	return new URL(sim.urls.uaaCert).host;
}

/** Big-endian unsigned bytes as Java's `BigInteger.toByteArray()` writes them (sign byte when the top bit is set). */
function javaBigIntegerBase64url(unsigned: Buffer): string {
	return (unsigned[0] & 0x80 ? Buffer.concat([Buffer.from([0]), unsigned]) : unsigned).toString('base64url');
}

/** One JWKS entry as UAA's TokenKeyEndpoint renders it. */
export function jwkOf(key: TokenSigningKey) {
	const jwk = keyObjectsOf(key).pub.export({ format: 'jwk' }) as { n: string; e: string };
	return {
		kty: 'RSA',
		e: javaBigIntegerBase64url(Buffer.from(jwk.e, 'base64url')),
		use: 'sig',
		kid: key.kid,
		alg: 'RS256',
		value: key.publicKeyPem.trim(),
		n: javaBigIntegerBase64url(Buffer.from(jwk.n, 'base64url')),
	};
}

export function jwks(sim: SimContext) {
	return { keys: sim.pki.tokenKeys.map(jwkOf) };
}

export function mintToken(sim: SimContext, client: UaaClient, grantType = 'client_credentials') {
	const now = Math.floor(sim.now() / 1000);
	const ttl = sim.profile.tokenTtlSeconds;
	const jti = randomUUID().replace(/-/g, '');
	const key = activeTokenKey(sim);
	const claims = {
		jti,
		ext_attr: { enhancer: 'XSUAA', subaccountid: client.subaccountId, zdn: client.subdomain },
		sub: client.clientid,
		scope: client.scopes,
		client_id: client.clientid,
		cid: client.clientid,
		azp: client.clientid,
		grant_type: grantType,
		iat: now,
		exp: now + ttl,
		iss: `${sim.urls.uaa}/oauth/token`,
		zid: client.zoneId,
		// XSUAA's client-credentials tokens name the scopes' apps and the client itself
		aud: [...new Set([...client.scopes.map((s) => s.split('.')[0]), client.clientid])],
	};
	const header = b64url(
		JSON.stringify({ alg: 'RS256', jku: `https://${uaaDomain(sim)}/token_keys`, kid: key.kid, typ: 'JWT' }),
	);
	const payload = b64url(JSON.stringify(claims));
	const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(keyObjectsOf(key).priv, 'base64url');
	const token: IssuedToken = {
		jti,
		clientid: client.clientid,
		zoneId: client.zoneId,
		subaccountId: client.subaccountId,
		scopes: client.scopes,
		exp: claims.exp,
		revoked: false,
	};
	sim.state.tokens.push(token);
	return {
		access_token: `${header}.${payload}.${signature}`,
		token_type: 'bearer',
		expires_in: ttl,
		scope: client.scopes.join(' '),
		jti,
	};
}

export type TokenProblem = 'missing' | 'malformed' | 'signature' | 'unknown' | 'revoked' | 'expired';

function parseSegment(segment: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * A resource server's check: RS256 signature with the published key named by `kid` (any other
 * `alg`, an unknown `kid` or another key's signature is a forgery), then the token's record.
 */
export function verifyToken(sim: SimContext, authorization: string | undefined): IssuedToken | TokenProblem {
	if (!authorization) return 'missing';
	const m = /^Bearer\s+(\S+)$/i.exec(authorization);
	if (!m) return 'missing';
	const parts = m[1].split('.');
	if (parts.length !== 3) return 'malformed';
	const header = parseSegment(parts[0]);
	const payload = parseSegment(parts[1]);
	if (!header || !payload) return 'malformed';
	const key = sim.pki.tokenKeys.find((k) => k.kid === header.kid);
	if (header.alg !== 'RS256' || !key) return 'signature';
	const valid = createVerify('RSA-SHA256')
		.update(`${parts[0]}.${parts[1]}`)
		.verify(keyObjectsOf(key).pub, Buffer.from(parts[2], 'base64url'));
	if (!valid) return 'signature';
	const token = sim.state.tokens.find((t) => t.jti === payload.jti);
	if (!token) return 'unknown';
	if (token.revoked) return 'revoked';
	if (token.exp * 1000 <= sim.now()) return 'expired';
	return token;
}

/** Does the token carry a scope ending in `.<suffix>` (scopes are prefixed with the xsappname)? */
export function hasScope(token: IssuedToken, suffix: string): boolean {
	return token.scopes.some((s) => s === suffix || s.endsWith(`.${suffix}`));
}

/**
 * Checks the bearer token of a request. 401 when missing/invalid/expired/revoked; 403 when none of
 * `anyOfScopes` is granted (pass `[]` to only require a valid token).
 */
export function authenticate(req: SimRequest, sim: SimContext, anyOfScopes: string[]): IssuedToken {
	const result = verifyToken(sim, req.headers.authorization);
	if (typeof result === 'string') {
		const messages: Record<TokenProblem, string> = {
			missing: 'Full authentication is required to access this resource',
			malformed: 'Invalid access token',
			signature: 'Invalid access token: signature check failed',
			unknown: 'Invalid access token',
			revoked: 'Access token has been revoked',
			expired: 'Access token expired',
		};
		throw new SimError(401, 'Unauthorized', messages[result], {
			'www-authenticate': `Bearer error="invalid_token", error_description="${messages[result]}"`,
		});
	}
	req.clientid = result.clientid;
	if (anyOfScopes.length && !anyOfScopes.some((s) => hasScope(result, s))) {
		throw new SimError(
			403,
			'Forbidden',
			`Insufficient scope for this resource: requires one of ${anyOfScopes.join(', ')}`,
		);
	}
	return result;
}
