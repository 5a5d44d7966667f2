/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test server, not node code */
/**
 * Small misbehaving servers for the adversarial tests. They listen ONLY on 127.0.0.x loopback
 * addresses (issue 12 rule), http or https (with the simulator's server certificate, which names
 * 127.0.0.1), and record every request they get: method, URL, whether an Authorization header
 * came with it, and for https the client certificate chain the peer presented. An https server
 * trusts only `ca`: give it a certificate that issued none of the client's, so the chain it reports
 * is the one the client sent, not one it completed from its own trust store.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface SeenRequest {
	method: string;
	url: string;
	authorization: boolean;
	/** https only: fingerprints (SHA-256) of the client certificates presented, leaf first */
	clientChain?: string[];
}

export type Handler = (req: IncomingMessage, url: URL, seen: SeenRequest[]) => { status?: number; body?: unknown; headers?: Record<string, string> };

export interface LocalServer {
	origin: string;
	seen: SeenRequest[];
	stop(): Promise<void>;
}

function clientChainOf(socket: TLSSocket): string[] {
	const chain: string[] = [];
	let cert = socket.getPeerCertificate(true) as (ReturnType<TLSSocket['getPeerCertificate']> & { issuerCertificate?: unknown }) | undefined;
	while (cert && cert.fingerprint256 && !chain.includes(cert.fingerprint256)) {
		chain.push(cert.fingerprint256);
		cert = cert.issuerCertificate as typeof cert;
	}
	return chain;
}

export async function startLocalServer(
	host: `127.0.0.${number}`,
	handler: Handler,
	tls?: { cert: string; key: string; ca: string },
): Promise<LocalServer> {
	const seen: SeenRequest[] = [];
	const listener = (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', `http://${host}`);
		const entry: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', authorization: Boolean(req.headers.authorization) };
		if (tls) entry.clientChain = clientChainOf(req.socket as TLSSocket);
		seen.push(entry);
		req.resume();
		req.on('end', () => {
			const answer = handler(req, url, seen);
			const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
			res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
			res.end(body);
		});
	};
	const server: Server = tls
		? createHttpsServer({ cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: true, rejectUnauthorized: false }, listener)
		: createHttpServer(listener);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		origin: `${tls ? 'https' : 'http'}://${host}:${port}`,
		seen,
		stop: async () => {
			server.closeAllConnections?.();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
