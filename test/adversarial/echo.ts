/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * A hostile "SAP API" for the scrubbing cases: a plain HTTP server on 127.0.0.2 (loopback only)
 * that a key names as its API (or token) URL, and that echoes what it received — the bearer token,
 * the form body with the client secret, the Basic header — back in its error bodies, in
 * `error.code`, in correlation ids and in the `x-correlationid` header, in every encoding.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	method: string;
	path: string;
	authorization?: string;
	/** the bearer token, when the request carried one */
	token?: string;
	body: string;
}

export interface EchoReply {
	status: number;
	headers?: Record<string, string>;
	body: unknown;
}

export interface EchoServer {
	/** http://127.0.0.2:<port> */
	origin: string;
	received: Received[];
	/** every bearer token the server received */
	tokens(): string[];
	reply: (r: Received) => EchoReply;
	stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startEchoServer(reply: EchoServer['reply']): Promise<EchoServer> {
	const echo: EchoServer = {
		origin: '',
		received: [],
		tokens: () => [...new Set(echo.received.map((r) => r.token).filter((t): t is string => !!t))],
		reply,
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server: Server = createServer((req, res) => {
		void (async () => {
			const authorization = req.headers.authorization;
			const received: Received = {
				method: req.method ?? 'GET',
				path: req.url ?? '/',
				authorization,
				token: /^Bearer (.+)$/i.exec(authorization ?? '')?.[1],
				body: await readBody(req),
			};
			echo.received.push(received);
			const answer = echo.reply(received);
			const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
			res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
			res.end(text);
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', () => resolve()));
	echo.origin = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
	return echo;
}

/** The forms a backend might echo a value in. */
export const encodings = (value: string) => ({
	raw: value,
	pct20: `Bearer%20${value}`,
	underscore: `_${value}`,
	url: encodeURIComponent(value),
	urlLower: encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
	form: new URLSearchParams({ v: value }).toString().slice(2),
	base64: Buffer.from(value).toString('base64'),
	base64Shifted: Buffer.from(`x${value}`).toString('base64'),
	base64Url: Buffer.from(`xy${value}`).toString('base64url'),
	json: JSON.stringify(value).slice(1, -1),
	jsonTwice: JSON.stringify(JSON.stringify(value)).slice(1, -1),
});
