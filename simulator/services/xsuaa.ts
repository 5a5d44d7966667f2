/**
 * XSUAA on two origins: `uaa` (`uaa.url`, client secret) and `uaaCert` (`certurl`,
 * https with the simulator CA; the client proves itself with its certificate). Both serve
 *   POST /oauth/token                       client credentials
 *   GET  /token_keys[?zid=]                 the JWKS that verifies every token (RS256, by `kid`)
 *   GET  /.well-known/openid-configuration  OpenID discovery
 * `uaadomain` in every key names the https origin, because @sap/xssec fetches
 * `https://<uaadomain>/token_keys` (@sap/xssec 4.15 src/service/XsuaaService.js `jwksBaseUrl`).
 */
import { timingSafeEqual } from 'node:crypto';
import { Router, SimError, parseFormBody, type ServiceModule, type SimRequest } from '../http';
import { jwks, mintToken } from '../tokens';
import type { SimContext, UaaClient } from '../state';

function safeEqual(a: string, b: string) {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

function badCredentials(sim: SimContext, description = 'Bad credentials') {
	return new SimError(401, sim.profile.uaaBadCredentialsError, description, {
		'www-authenticate': `Basic realm="UAA/client", error="unauthorized", error_description="${description}"`,
	});
}

/**
 * `java.util.Base64.getDecoder().decode()`: the standard alphabet only, padding optional but
 * exact when present; anything else is an IllegalArgumentException (undefined here). Node's own
 * decoder would silently skip bad characters.
 */
function javaBase64Decode(text: string): Buffer | undefined {
	const m = /^([A-Za-z0-9+/]*)(={0,2})$/.exec(text);
	if (!m) return undefined;
	const [, data, padding] = m;
	if (data.length % 4 === 1) return undefined;
	if (padding && (data.length + padding.length) % 4 !== 0) return undefined;
	return Buffer.from(data, 'base64');
}

/**
 * `java.net.URLDecoder.decode(s, UTF-8)`: `+` is a space, `%XY` a byte, a `%` without two hex
 * digits an IllegalArgumentException (undefined here); bytes that are not UTF-8 become U+FFFD.
 */
function javaUrlDecode(text: string): string | undefined {
	if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
	const bytes: Buffer[] = [];
	const re = /%([0-9A-Fa-f]{2})|([^%]+)/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) {
		bytes.push(m[1] !== undefined ? Buffer.from([parseInt(m[1], 16)]) : Buffer.from(m[2].replace(/\+/g, ' '), 'utf8'));
	}
	return Buffer.concat(bytes).toString('utf8');
}

/**
 * Client id and secret from `Authorization: Basic`, as UAA's ClientBasicAuthenticationFilter
 * reads them (cloudfoundry/uaa server/src/main/java/org/cloudfoundry/identity/uaa/authentication/
 * ClientBasicAuthenticationFilter.java): the value after `Basic ` must be strict base64 ("Failed
 * to decode basic authentication token"), hold a `:` ("Invalid basic authentication token"), and
 * is URL-decoded per the profile's `uaaBasicDecoding` ("Failed to URL Decode credentials"). Every
 * failure is a 401, never a 500.
 */
function basicCredentials(req: SimRequest, sim: SimContext, header: string): { clientid: string; clientsecret: string } {
	const decoded = javaBase64Decode(header.slice(6));
	if (!decoded) throw badCredentials(sim, 'Failed to decode basic authentication token');
	const token = decoded.toString('utf8');
	const i = token.indexOf(':');
	if (i < 0) throw badCredentials(sim, 'Invalid basic authentication token');
	const raw = { clientid: token.slice(0, i), clientsecret: token.slice(i + 1) };
	const flag = req.headers['x-cf-encoded-credentials'];
	const flagged = String(Array.isArray(flag) ? flag[0] : (flag ?? 'false')).toLowerCase() === 'true';
	if (sim.profile.uaaBasicDecoding === 'header' && !flagged) return raw;
	const clientid = javaUrlDecode(raw.clientid);
	const clientsecret = javaUrlDecode(raw.clientsecret);
	if (clientid === undefined || clientsecret === undefined) throw badCredentials(sim, 'Failed to URL Decode credentials');
	return { clientid, clientsecret };
}

function tokenHandler(mtls: boolean) {
	return (req: SimRequest, sim: SimContext) => {
		const contentType = String(req.headers['content-type'] ?? '');
		if (!contentType.includes('application/x-www-form-urlencoded')) {
			throw new SimError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
		}
		const form = parseFormBody(req);

		// client authentication comes first (UAA's filters run before the token endpoint)
		let clientid: string | null = null;
		let clientsecret: string | null = null;
		const auth = req.headers.authorization;
		if (auth && auth.toLowerCase().startsWith('basic ')) {
			({ clientid, clientsecret } = basicCredentials(req, sim, auth));
		} else {
			clientid = form.get('client_id');
			clientsecret = form.get('client_secret');
		}
		if (!clientid) throw badCredentials(sim);
		req.clientid = clientid;
		const client: UaaClient | undefined = sim.state.uaaClients.find((c) => c.clientid === clientid);
		if (!client) throw badCredentials(sim);

		if (mtls) {
			const presented = req.clientCertificate?.raw?.toString('base64');
			const expected = client.certificatePem
				?.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
				.replace(/\s+/g, '');
			if (!presented || !expected || presented !== expected) throw badCredentials(sim);
			// an expired client certificate authenticates no one (RFC 5280 6.1.3 (a)(2): validity is part
			// of path validation); the TLS server here accepts any certificate so XSUAA's answer is a 401
			const validTo = Date.parse(req.clientCertificate?.valid_to ?? '');
			if (Number.isFinite(validTo) && validTo <= sim.now()) throw badCredentials(sim, 'Client certificate expired');
		} else {
			if (!client.clientsecret || clientsecret === null || !safeEqual(clientsecret, client.clientsecret)) {
				throw badCredentials(sim);
			}
		}

		const grantType = form.get('grant_type');
		if (!grantType) throw new SimError(400, 'invalid_request', 'Missing grant type');
		if (grantType !== 'client_credentials') {
			throw new SimError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
		}
		return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: mintToken(sim, client) };
	};
}

/** Zone ids this XSUAA knows: the global account's and every subaccount's. */
function knownZone(sim: SimContext, zid: string) {
	return (
		zid === sim.state.globalAccount.zoneId ||
		sim.state.subaccounts.some((s) => s.technicalName === zid || s.guid === zid) ||
		sim.state.uaaClients.some((c) => c.zoneId === zid)
	);
}

export function createXsuaaService(name: 'uaa' | 'uaaCert', log: { countToken(clientid: string): void }): ServiceModule {
	const router = new Router();
	const handler = tokenHandler(name === 'uaaCert');
	router.post('/oauth/token', function issueToken(req, sim) {
		const res = handler(req, sim);
		log.countToken(req.clientid!);
		return res;
	});

	// UAA TokenKeyEndpoint (cloudfoundry/uaa server/src/main/java/org/cloudfoundry/identity/uaa/oauth/
	// TokenKeyEndpoint.java): public, `{"keys":[{kty,e,use,kid,alg,value,n}]}`. @sap/xssec sends
	// `?zid=<token zid>` and reads a 400 as "this token is not for you" (XsuaaService.getJwks); the
	// body of that 400 is not published [I].
	router.get('/token_keys', function getTokenKeys(req, sim) {
		const zid = req.query.get('zid');
		if (zid !== null && !knownZone(sim, zid)) {
			throw new SimError(400, 'invalid_request', 'Unknown zone id');
		}
		return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: jwks(sim) };
	});

	// OpenID Connect Discovery 1.0 §3 fields; `issuer` equals the tokens' `iss`.
	router.get('/.well-known/openid-configuration', function getOpenIdConfiguration(_req, sim) {
		const origin = sim.urls[name];
		return {
			status: 200,
			headers: { 'content-type': 'application/json;charset=UTF-8' },
			body: {
				issuer: `${sim.urls.uaa}/oauth/token`,
				authorization_endpoint: `${origin}/oauth/authorize`,
				token_endpoint: `${origin}/oauth/token`,
				userinfo_endpoint: `${origin}/userinfo`,
				jwks_uri: `${origin}/token_keys`,
				end_session_endpoint: `${origin}/logout.do`,
				response_types_supported: ['code', 'id_token', 'id_token token', 'token'],
				grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token', 'password', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
				subject_types_supported: ['public'],
				id_token_signing_alg_values_supported: ['RS256'],
				token_endpoint_auth_methods_supported: name === 'uaaCert' ? ['tls_client_auth'] : ['client_secret_basic', 'client_secret_post'],
				scopes_supported: ['openid'],
				claims_supported: ['sub', 'user_name', 'origin', 'iss', 'auth_time', 'amr', 'acr', 'client_id', 'aud', 'zid', 'grant_type', 'user_id', 'azp', 'scope', 'exp', 'iat', 'jti', 'rev_sig', 'cid', 'given_name', 'family_name', 'phone_number', 'email'],
				code_challenge_methods_supported: ['S256', 'plain'],
			},
		};
	});

	return {
		name,
		router,
		errorBody: (err) => ({ error: String(err.code), error_description: err.message }),
		rateLimited: (_req, sim) =>
			new SimError(429, 'too_many_requests', 'Rate limit exceeded', {
				'retry-after': String(sim.profile.retryAfterSeconds),
			}),
	};
}
