/**
 * XSUAA token endpoint (contract §2): `POST /oauth/token`, client credentials with Basic or form
 * client authentication; on the mTLS origin (`certurl`) the client proves itself with its
 * certificate instead of a secret.
 */
import { timingSafeEqual } from 'node:crypto';
import { Router, SimError, parseFormBody, type ServiceModule, type SimRequest } from '../http';
import { mintToken } from '../tokens';
import type { SimContext, UaaClient } from '../state';

function safeEqual(a: string, b: string) {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

function badCredentials(sim: SimContext) {
	return new SimError(401, sim.profile.uaaBadCredentialsError, 'Bad credentials', {
		'www-authenticate': 'Basic realm="UAA/client", error="unauthorized", error_description="Bad credentials"',
	});
}

function tokenHandler(mtls: boolean) {
	return (req: SimRequest, sim: SimContext) => {
		const contentType = String(req.headers['content-type'] ?? '');
		if (!contentType.includes('application/x-www-form-urlencoded')) {
			throw new SimError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
		}
		const form = parseFormBody(req);
		const grantType = form.get('grant_type');
		if (!grantType) throw new SimError(400, 'invalid_request', 'Missing grant type');
		if (grantType !== 'client_credentials') {
			throw new SimError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
		}

		let clientid: string | null = null;
		let clientsecret: string | null = null;
		const auth = req.headers.authorization;
		if (auth && /^Basic /i.test(auth)) {
			const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			if (i < 0) throw badCredentials(sim);
			// client ids/secrets are URL-encoded inside Basic auth per RFC 6749 §2.3.1
			clientid = decodeURIComponent(decoded.slice(0, i));
			clientsecret = decodeURIComponent(decoded.slice(i + 1));
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
		} else {
			if (!client.clientsecret || clientsecret === null || !safeEqual(clientsecret, client.clientsecret)) {
				throw badCredentials(sim);
			}
		}
		return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: mintToken(sim, client) };
	};
}

export function createXsuaaService(name: 'uaa' | 'uaaCert', log: { countToken(clientid: string): void }): ServiceModule {
	const router = new Router();
	const handler = tokenHandler(name === 'uaaCert');
	router.post('/oauth/token', (req, sim) => {
		const res = handler(req, sim);
		log.countToken(req.clientid!);
		return res;
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
