/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
/**
 * The simulator's HTTP plumbing: a tiny router, one server per SAP service (each its own origin,
 * as in BTP), the latency profile, fault injection, and the request log. Service modules under
 * `services/` only describe routes; everything cross-cutting happens here, in `serve()`.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { TLSSocket, PeerCertificate } from 'node:tls';
import { delay } from './profile';
import type { SimContext } from './state';

export type ServiceName =
	| 'control'
	| 'uaa'
	| 'uaaCert'
	| 'accounts'
	| 'entitlements'
	| 'serviceManager'
	| 'cloudAlm'
	| 'events'
	| 'destination';

export interface SimRequest {
	service: ServiceName;
	method: string;
	/** path without query */
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	/** route parameters (`:id` in the pattern) */
	params: Record<string, string>;
	/** the route pattern that matched, e.g. `/v1/service_instances/:id` */
	route: string;
	/** per-request correlation id, echoed as `x-correlationid` and in error bodies */
	correlationId: string;
	/** client certificate presented over mTLS (uaaCert origin only) */
	clientCertificate?: PeerCertificate;
	/** set by `authenticate()` so the log can attribute the request to a client */
	clientid?: string;
}

export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	/** objects/arrays are sent as JSON; strings as text/plain; undefined = no body */
	body?: unknown;
}

/** Thrown by handlers; rendered in the owning service's error format. */
export class SimError extends Error {
	constructor(
		public status: number,
		/** CIS: numeric code (e.g. 30004); SM: word (e.g. `Conflict`); UAA: `invalid_client` … */
		public code: string | number,
		message: string,
		public headers: Record<string, string> = {},
		/** CIS `details`, SM `broker_error`, … merged into the body by the service's formatter */
		public extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export type Handler = (req: SimRequest, sim: SimContext) => SimResponse | Promise<SimResponse>;

interface Route {
	method: string;
	pattern: string;
	regex: RegExp;
	keys: string[];
	handler: Handler;
	/** mutating routes can have faults applied after the change was committed */
	mutating: boolean;
}

export class Router {
	readonly routes: Route[] = [];

	add(method: string, pattern: string, handler: Handler, opts: { mutating?: boolean } = {}) {
		const keys: string[] = [];
		const regex = new RegExp(
			'^' +
				pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/:(\w+)/g, (_m, k: string) => {
					keys.push(k);
					return '/([^/]+)';
				}) +
				'/?$',
		);
		this.routes.push({
			method: method.toUpperCase(),
			pattern,
			regex,
			keys,
			handler,
			mutating: opts.mutating ?? !['GET', 'HEAD'].includes(method.toUpperCase()),
		});
		return this;
	}

	get(p: string, h: Handler) {
		return this.add('GET', p, h);
	}
	post(p: string, h: Handler) {
		return this.add('POST', p, h);
	}
	put(p: string, h: Handler) {
		return this.add('PUT', p, h);
	}
	patch(p: string, h: Handler) {
		return this.add('PATCH', p, h);
	}
	delete(p: string, h: Handler) {
		return this.add('DELETE', p, h);
	}

	match(method: string, path: string): { route: Route; params: Record<string, string> } | 'method' | undefined {
		let pathMatched = false;
		for (const route of this.routes) {
			const m = route.regex.exec(path);
			if (!m) continue;
			pathMatched = true;
			if (route.method !== method) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
			return { route, params };
		}
		return pathMatched ? 'method' : undefined;
	}
}

/** What each SAP service module provides: its routes and its own error/429 formats. */
export interface ServiceModule {
	name: ServiceName;
	router: Router;
	/** Body of an error answer in this service's format. */
	errorBody(err: SimError, req: SimRequest): unknown;
	/** The service's rate-limit answer (used by fault injection and by real limits). */
	rateLimited(req: SimRequest, sim: SimContext): SimError;
}

// ------------------------------------------------------------------------------------ request log
export interface LogEntry {
	seq: number;
	at: number;
	service: ServiceName;
	method: string;
	/** path + query, with secret-looking query values redacted */
	path: string;
	route: string;
	status: number;
	durationMs: number;
	clientid?: string;
	fault?: string;
	/** a 429's "come back at" (epoch ms), from its `X-Ratelimit-Reset` or `Retry-After` */
	retryAt?: number;
}

/** When a 429 answer lets the caller come back (epoch ms), or undefined. */
function retryAtOf(r: SimResponse, now: number): number | undefined {
	if (r.status !== 429) return undefined;
	const reset = Number(r.headers?.['x-ratelimit-reset']);
	if (Number.isFinite(reset) && reset > 0) return reset;
	const after = r.headers?.['retry-after'];
	if (!after) return undefined;
	const seconds = Number(after);
	if (Number.isFinite(seconds)) return now + seconds * 1000;
	const at = Date.parse(after);
	return Number.isNaN(at) ? undefined : at;
}

/**
 * 429s the caller did not wait out (issue 17): a 429 after which the same caller sent the same
 * request (method and path) again before the 429's "come back at" (`X-Ratelimit-Reset` or
 * `Retry-After`). Every such repeat is returned.
 */
export function unwaitedRateLimits(entries: LogEntry[]): LogEntry[] {
	const told = new Map<string, number>();
	const out: LogEntry[] = [];
	for (const e of [...entries].sort((a, b) => a.at - b.at)) {
		const key = `${e.service} ${e.clientid ?? ''} ${e.method} ${e.path}`;
		const retryAt = told.get(key);
		if (retryAt !== undefined && e.at < retryAt) out.push(e);
		if (e.status === 429 && e.retryAt !== undefined) told.set(key, e.retryAt);
		else told.delete(key);
	}
	return out;
}

export class RequestLog {
	entries: LogEntry[] = [];
	private seq = 0;
	tokensIssued: Record<string, number> = {};

	add(e: Omit<LogEntry, 'seq'>) {
		this.entries.push({ ...e, seq: ++this.seq });
	}

	countToken(clientid: string) {
		this.tokensIssued[clientid] = (this.tokensIssued[clientid] ?? 0) + 1;
	}

	reset() {
		this.entries = [];
		this.tokensIssued = {};
	}

	summary(sinceSeq = 0) {
		const entries = this.entries.filter((e) => e.seq > sinceSeq);
		const perRoute: Record<string, number> = {};
		const faults: Record<string, number> = {};
		for (const e of entries) {
			const key = `${e.method} ${e.service} ${e.route}`;
			perRoute[key] = (perRoute[key] ?? 0) + 1;
			if (e.fault) faults[e.fault] = (faults[e.fault] ?? 0) + 1;
		}
		return {
			total: entries.length,
			lastSeq: this.seq,
			perRoute,
			faults,
			tokensIssued: { ...this.tokensIssued },
			tokensIssuedTotal: Object.values(this.tokensIssued).reduce((a, b) => a + b, 0),
			entries,
		};
	}
}

const SECRET_QUERY = /(secret|token|password|assertion|key)=([^&]*)/gi;
export const redactQuery = (pathAndQuery: string) => pathAndQuery.replace(SECRET_QUERY, '$1=***');

// ------------------------------------------------------------------------------------ serving
function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(res: http.ServerResponse, r: SimResponse, correlationId: string) {
	const headers: Record<string, string> = { 'x-correlationid': correlationId, ...(r.headers ?? {}) };
	let payload: string | undefined;
	if (r.body !== undefined) {
		if (typeof r.body === 'string') {
			payload = r.body;
			headers['content-type'] ??= 'text/plain; charset=utf-8';
		} else {
			payload = JSON.stringify(r.body);
			headers['content-type'] ??= 'application/json';
		}
	}
	res.writeHead(r.status, headers);
	res.end(payload);
}

type FaultKind = 'reset' | 'rateLimit' | 'serverError' | 'slow';

/** The client id a request names (bearer token claim or Basic user), unverified: for the log only. */
function claimedClient(authorization: string | undefined): string | undefined {
	const [scheme, value] = (authorization ?? '').split(' ');
	try {
		if (/^bearer$/i.test(scheme)) {
			const claims = JSON.parse(Buffer.from(value.split('.')[1] ?? '', 'base64url').toString('utf8')) as { client_id?: string };
			return claims.client_id;
		}
		if (/^basic$/i.test(scheme)) return decodeURIComponent(Buffer.from(value, 'base64').toString('utf8').split(':')[0]);
	} catch {
		/* not a token we can read: leave the request unattributed */
	}
	return undefined;
}

/** Draws at most one fault for a request, in a fixed order so a seed reproduces a run. */
function drawFault(sim: SimContext, path: string): FaultKind | undefined {
	const f = sim.faults;
	if (f.paths.length && !f.paths.some((p) => path.includes(p))) return undefined;
	const total = f.connectionReset + f.rateLimit + f.serverError + f.slow;
	if (total <= 0) return undefined;
	const r = sim.random();
	let acc = f.connectionReset;
	if (r < acc) return 'reset';
	acc += f.rateLimit;
	if (r < acc) return 'rateLimit';
	acc += f.serverError;
	if (r < acc) return 'serverError';
	acc += f.slow;
	if (r < acc) return 'slow';
	return undefined;
}

export interface ServeOptions {
	module: ServiceModule;
	sim: SimContext;
	log: RequestLog;
	/** control API is exempt from latency, faults and logging */
	plain?: boolean;
	tls?: { cert: string; key: string; ca: string };
}

export function createServer(opts: ServeOptions): http.Server {
	const { module, sim, log } = opts;
	const listener = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://sim');
		const correlationId = randomUUID();
		const rawBody = await readBody(req).catch(() => '');
		const simReq: SimRequest = {
			service: module.name,
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			rawBody,
			params: {},
			route: url.pathname,
			correlationId,
		};
		if (opts.tls) {
			const cert = (req.socket as TLSSocket).getPeerCertificate?.();
			if (cert && Object.keys(cert).length) simReq.clientCertificate = cert;
		}
		let fault: string | undefined;
		const finish = (r: SimResponse) => {
			if (!opts.plain) {
				log.add({
					at: started,
					service: module.name,
					method: simReq.method,
					path: redactQuery(url.pathname + url.search),
					route: simReq.route,
					status: r.status,
					durationMs: Date.now() - started,
					clientid: simReq.clientid,
					fault,
					retryAt: retryAtOf(r, Date.now()),
				});
			}
			send(res, r, correlationId);
		};
		const asError = (err: unknown): SimResponse => {
			if (err instanceof SimError) {
				return { status: err.status, headers: err.headers, body: module.errorBody(err, simReq) };
			}
			const e = new SimError(500, 'InternalError', `simulator bug: ${(err as Error)?.message ?? err}`);
			return { status: 500, body: module.errorBody(e, simReq) };
		};

		try {
			const matched = module.router.match(simReq.method, simReq.path);
			if (matched === undefined) {
				return finish(asError(new SimError(404, 'NotFound', `No route ${simReq.method} ${simReq.path}`)));
			}
			if (matched === 'method') {
				return finish(
					asError(new SimError(405, 'MethodNotAllowed', `Method ${simReq.method} not allowed on ${simReq.path}`)),
				);
			}
			simReq.params = matched.params;
			simReq.route = matched.route.pattern;

			if (!opts.plain) await delay(sim.profile.latencyMs);
			const kind = opts.plain ? undefined : drawFault(sim, simReq.path);
			// a faulted request never reaches authentication; log whom it claimed to be from, so fault runs can be attributed
			if (kind) simReq.clientid = claimedClient(req.headers.authorization);
			const afterCommit = kind && matched.route.mutating && sim.random() < sim.faults.afterCommit;

			if (kind && afterCommit) {
				// the change happens, its answer is lost
				try {
					await matched.route.handler(simReq, sim);
				} catch {
					/* the fault below is what the client sees */
				}
			}
			if (kind === 'reset') {
				fault = afterCommit ? 'reset-after-commit' : 'reset';
				log.add({
					at: started,
					service: module.name,
					method: simReq.method,
					path: redactQuery(url.pathname + url.search),
					route: simReq.route,
					status: 0,
					durationMs: Date.now() - started,
					clientid: simReq.clientid,
					fault,
				});
				req.socket.destroy();
				return;
			}
			if (kind === 'rateLimit') {
				fault = afterCommit ? 'rateLimit-after-commit' : 'rateLimit';
				return finish(asError(module.rateLimited(simReq, sim)));
			}
			if (kind === 'serverError') {
				fault = afterCommit ? 'serverError-after-commit' : 'serverError';
				const status = [500, 502, 503][Math.floor(sim.random() * 3)];
				const words: Record<number, string> = { 500: 'InternalError', 502: 'BadGateway', 503: 'ServiceUnavailable' };
				return finish(asError(new SimError(status, words[status], `Injected fault: HTTP ${status}`)));
			}
			if (kind === 'slow') {
				fault = 'slow';
				await delay(sim.faults.slowMs);
			}
			finish(await matched.route.handler(simReq, sim));
		} catch (err) {
			finish(asError(err));
		}
	};

	if (opts.tls) {
		return https.createServer(
			{
				cert: opts.tls.cert,
				key: opts.tls.key,
				ca: opts.tls.ca,
				requestCert: true,
				// the token endpoint decides (401 invalid_client) rather than the TLS layer
				rejectUnauthorized: false,
			},
			(req, res) => void listener(req, res),
		);
	}
	return http.createServer((req, res) => void listener(req, res));
}

// ------------------------------------------------------------------------------------ helpers for services
export function parseJsonBody<T = Record<string, unknown>>(req: SimRequest): T {
	if (!req.rawBody.trim()) throw new SimError(400, 'BadRequest', 'Request body is missing');
	try {
		return JSON.parse(req.rawBody) as T;
	} catch {
		throw new SimError(400, 'BadRequest', 'Request body is not valid JSON');
	}
}

export function parseFormBody(req: SimRequest): URLSearchParams {
	return new URLSearchParams(req.rawBody);
}

export const isoNow = (sim: SimContext) => new Date(sim.now()).toISOString();
