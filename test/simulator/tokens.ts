/**
 * JWT-shaped XSUAA tokens: minted by the XSUAA service, checked by every other service through
 * `authenticate()`. Signed with HMAC so a forged or edited token is rejected; looked up by `jti`
 * so revocation (`POST /__sim/tokens/revoke`) and expiry (profile TTL) work.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { SimError, type SimRequest } from './http';
import type { IssuedToken, SimContext, UaaClient } from './state';

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export function mintToken(sim: SimContext, client: UaaClient, grantType = 'client_credentials') {
	const now = Math.floor(sim.now() / 1000);
	const ttl = sim.profile.tokenTtlSeconds;
	const jti = randomUUID().replace(/-/g, '');
	const claims = {
		jti,
		iss: `${sim.urls.uaa}/oauth/token`,
		iat: now,
		exp: now + ttl,
		cid: client.clientid,
		azp: client.clientid,
		client_id: client.clientid,
		sub: client.clientid,
		aud: [...new Set(client.scopes.map((s) => s.split('.')[0]))],
		zid: client.zoneId,
		scope: client.scopes,
		grant_type: grantType,
		ext_attr: { enhancer: 'XSUAA', subaccountid: client.subaccountId, zdn: client.subdomain },
	};
	const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', jku: `${sim.urls.uaa}/token_keys`, kid: 'sim' }));
	const payload = b64url(JSON.stringify(claims));
	const signature = createHmac('sha256', sim.tokenSigningKey).update(`${header}.${payload}`).digest('base64url');
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

export function verifyToken(sim: SimContext, authorization: string | undefined): IssuedToken | TokenProblem {
	if (!authorization) return 'missing';
	const m = /^Bearer\s+(\S+)$/i.exec(authorization);
	if (!m) return 'missing';
	const parts = m[1].split('.');
	if (parts.length !== 3) return 'malformed';
	const expected = createHmac('sha256', sim.tokenSigningKey).update(`${parts[0]}.${parts[1]}`).digest('base64url');
	if (expected !== parts[2]) return 'signature';
	let jti: string;
	try {
		jti = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')).jti;
	} catch {
		return 'malformed';
	}
	const token = sim.state.tokens.find((t) => t.jti === jti);
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
