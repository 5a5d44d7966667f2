/**
 * Conventions shared by the CIS services (Accounts, Entitlements): the
 * `{"error":{code,message,target,correlationID,details?}}` wrapper, the 11006 rate-limit answer,
 * a per-caller-and-endpoint rate limiter, and the job status route both origins serve.
 *
 * The numeric codes are SAP's where an SAP source names them: 11006/11007 rate limit (SAP-docs/
 * btp-cloud-platform rate-limiting-77b217b.md); 12003 amount on an enable-only plan
 * (SAP/terraform-exporter-btp #485); 30004 lock (SAP/terraform-provider-btp internal/btpcli/client.go
 * retries `[Error: 30004/400]`, i.e. relayed as HTTP 400 by the BTP CLI server: the 409 used here
 * is inferred from the spec's unexplained 409); 30015 plan the global account is not entitled to
 * and 30001 ambiguous plan without its unique identifier (SAP/terraform-provider-btp #927, #930).
 * All others are picked from SAP's documented ranges (11XXX request, 2XXXX Accounts, 3XXXX
 * Entitlements) and are not facts.
 */
import { SimError, type SimRequest } from '../http';
import { authenticate } from '../tokens';
import type { IssuedToken, SimContext, SimState } from '../state';
import { settleEntitlementJobs } from './entitlementJobs';

export const CIS_CODES = {
	badRequest: 11001,
	unauthorized: 11002,
	forbidden: 11003,
	notFound: 11004,
	methodNotAllowed: 11005,
	rateLimited: 11006,
	rateLimitDetail: 11007,
	serverError: 10001,
	amountOnEnablePlan: 12003,
	subaccountNotFound: 20004,
	smBindingMissingName: 20011,
	smBindingExists: 20012,
	smBindingNotFound: 20013,
	/** SAP uses 30001/400 for "More than one plan exists … Specify the unique identifier" (terraform-provider-btp #930) */
	ambiguousPlan: 30001,
	/** picked: SAP's code for a malformed payload is not published (30001 is SAP's for the ambiguous plan) */
	invalidPayload: 30001,
	/** 409: "The global account … is not entitled to this service plan" (terraform-provider-btp #927) */
	notEntitled: 30015,
	unknownSubaccount: 30003,
	locked: 30004,
	enableOnNumericPlan: 30005,
	quotaExceeded: 30006,
	subaccountQuotaExceeded: 30007,
	autoAssignedRemoval: 30008,
	amountAndEnable: 30009,
	jobNotFound: 80001,
} as const;

/** Code for SimErrors raised by the shared plumbing (`http.ts`, `tokens.ts`) with a word code. */
function numericCode(err: SimError): number {
	if (typeof err.code === 'number') return err.code;
	const byStatus: Record<number, number> = {
		400: CIS_CODES.badRequest,
		401: CIS_CODES.unauthorized,
		403: CIS_CODES.forbidden,
		404: CIS_CODES.notFound,
		405: CIS_CODES.methodNotAllowed,
		429: CIS_CODES.rateLimited,
	};
	return byStatus[err.status] ?? CIS_CODES.serverError;
}

export function cisErrorBody(err: SimError, req: SimRequest) {
	const details = err.extra.details;
	return {
		error: {
			code: numericCode(err),
			message: err.message,
			target: req.path,
			correlationID: req.correlationId,
			...(Array.isArray(details) && details.length ? { details } : {}),
		},
	};
}

/**
 * The documented 429 (SAP-docs/btp-cloud-platform rate-limiting-77b217b.md): code 11006, message
 * "Request rate limit exceeded.", one 11007 detail per exceeded rule. `X-Ratelimit-Reset` (epoch ms)
 * as SAP's OpenAPI specs declare it on every CIS 429, unless `profile.cisRateLimitResetHeader` is
 * off (the help page says no headers). No `Retry-After`: no SAP source shows CIS sending one.
 */
export function cisRateLimited(_req: SimRequest, sim: SimContext, resetAt?: number): SimError {
	const perWindow = sim.profile.cisRequestsPerWindow > 0 ? sim.profile.cisRequestsPerWindow : 5;
	const seconds = Math.max(1, Math.round(sim.profile.cisRateWindowMs / 1000));
	const reset = resetAt ?? sim.now() + sim.profile.cisRateWindowMs;
	return new SimError(
		429,
		CIS_CODES.rateLimited,
		'Request rate limit exceeded.',
		sim.profile.cisRateLimitResetHeader ? { 'x-ratelimit-reset': String(Math.ceil(reset)) } : {},
		{
			details: [
				{
					code: CIS_CODES.rateLimitDetail,
					message: `Maximum request rate limit is ${perWindow} requests in ${seconds} seconds`,
				},
			],
		},
	);
}

/** Request times per caller and endpoint, kept per world so `POST /__sim/reset` clears them. */
const requestTimes = new WeakMap<SimState, Map<string, number[]>>();

/**
 * Per endpoint per caller (rate-limiting-77b217b.md: "Every API endpoint defines its own custom
 * rate limit rule … per identified caller"). The endpoint is the method and the route TEMPLATE, so
 * forty items polling forty different jobs share `GET /jobs-management/v1/jobs/{id}/status`.
 * Sliding window on `sim.now()`, so tests can move the clock instead of sleeping.
 */
function checkRateLimit(req: SimRequest, sim: SimContext, clientid: string) {
	const limit = sim.profile.cisRequestsPerWindow;
	if (limit <= 0) return;
	let perKey = requestTimes.get(sim.state);
	if (!perKey) {
		perKey = new Map();
		requestTimes.set(sim.state, perKey);
	}
	const key = `${req.service} ${clientid} ${req.method} ${req.route}`;
	const now = sim.now();
	const windowMs = sim.profile.cisRateWindowMs;
	const recent = (perKey.get(key) ?? []).filter((t) => t > now - windowMs);
	if (recent.length >= limit) {
		perKey.set(key, recent);
		throw cisRateLimited(req, sim, recent[recent.length - limit] + windowMs);
	}
	recent.push(now);
	perKey.set(key, recent);
}

/**
 * Authenticates (401/403 in CIS format) and applies the per-caller, per-endpoint rate limit. Every
 * CIS route starts with this. Scopes as the `cis` plans grant them (`CIS_CENTRAL_SCOPES` in clients.ts), e.g. `job.read`.
 */
export function cisGuard(req: SimRequest, sim: SimContext, anyOfScopes: string[]): IssuedToken {
	const token = authenticate(req, sim, anyOfScopes);
	checkRateLimit(req, sim, token.clientid);
	return token;
}

/** Throws a CIS error: `status` HTTP, `code` application code (they are not coupled). */
export function cisError(status: number, code: number, message: string): SimError {
	return new SimError(status, code, message);
}

/** `GET /jobs-management/v1/jobs/:id/status`, served by the Accounts and Entitlements origins. */
export function jobStatusHandler(req: SimRequest, sim: SimContext) {
	cisGuard(req, sim, ['job.read']);
	settleEntitlementJobs(sim);
	const job = sim.state.jobs.find((j) => j.id === req.params.id);
	if (!job) throw cisError(404, CIS_CODES.jobNotFound, `Job ${req.params.id} not found`);
	return {
		status: 200,
		body: {
			status: job.status,
			...(job.description ? { description: job.description } : {}),
		},
	};
}
