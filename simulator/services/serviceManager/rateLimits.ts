/** Service Manager's per-caller rate limits and its 429 answer. */
import { SimError, type SimRequest } from '../../http';
import type { IssuedToken, SimContext } from '../../state';

const MINUTE = 60_000;

const HOUR = 3_600_000;

interface RateGroup {
	id: string;
	/** Peripli matches by path prefix (`strings.HasPrefix`) and, where given, method */
	prefix: string;
	method?: string;
	perMinute: number;
	perHour: number;
	/** counted on its own even when groups count together ("CREATE … is limited to 50 calls per minute") */
	own?: boolean;
}

/**
 * SAP Help "Rate Limiting" (SAP-docs/btp-service-manager docs/Service-Consumption/SAP-Service-Manager/
 * rate-limiting-97be679.md): all APIs 10,000/h and 1,000/min; `/v1/service_bindings` 6,000/h and
 * 600/min; `/v1/service_offerings` and `/v1/service_plans` 1,000/h and 100/min; the non-GET
 * `/v1/service_instances` APIs 6,000/h and 600/min; `CREATE /v1/service_instances` 50/min. Callers
 * are told apart by OAuth client id. Groups match by path prefix as in Peripli's
 * api/filters/rate_limiter_filter.go, so operation polls under `/v1/service_bindings/…` count
 * against the bindings group.
 */
function rateGroups(sim: SimContext): RateGroup[] {
	const p = sim.profile;
	return [
		{ id: 'all', prefix: '/', perMinute: p.smRequestsPerMinute, perHour: p.smRequestsPerHour },
		{ id: 'bindings', prefix: '/v1/service_bindings', perMinute: p.smBindingRequestsPerMinute, perHour: p.smBindingRequestsPerHour },
		{ id: 'offerings', prefix: '/v1/service_offerings', perMinute: p.smCatalogRequestsPerMinute, perHour: p.smCatalogRequestsPerHour },
		{ id: 'plans', prefix: '/v1/service_plans', perMinute: p.smCatalogRequestsPerMinute, perHour: p.smCatalogRequestsPerHour },
		// the table's /v1/service_instances row (6,000/h, 600/min) is for its non-GET APIs, one group per method [I]
		{ id: 'instanceCreatesGroup', prefix: '/v1/service_instances', method: 'POST', perMinute: p.smInstanceChangesPerMinute, perHour: p.smInstanceChangesPerHour },
		{ id: 'instanceUpdates', prefix: '/v1/service_instances', method: 'PATCH', perMinute: p.smInstanceChangesPerMinute, perHour: p.smInstanceChangesPerHour },
		{ id: 'instanceDeletes', prefix: '/v1/service_instances', method: 'DELETE', perMinute: p.smInstanceChangesPerMinute, perHour: p.smInstanceChangesPerHour },
		{ id: 'instanceCreates', prefix: '/v1/service_instances', method: 'POST', perMinute: p.smInstanceCreatesPerMinute, perHour: 0, own: true },
	];
}

/** A fixed window that starts with the first call counted in it (ulule/limiter, used by Peripli). */
function rateWindow(sim: SimContext, key: string, windowMs: number) {
	const now = sim.now();
	let w = sim.state.smCreateLog[key];
	if (!w || w.resetAt <= now) {
		w = { resetAt: now + windowMs, count: 0 };
		sim.state.smCreateLog[key] = w;
	}
	return w;
}

/**
 * 429 when the call would exceed any documented limit of its caller; otherwise counts it.
 * `profile.smRateLimitCounting` decides what a group limit counts (see `Profile`).
 */
export function enforceRateLimits(req: SimRequest, sim: SimContext, token: IssuedToken) {
	const groups = rateGroups(sim).filter((g) => req.path.startsWith(g.prefix) && (!g.method || g.method === req.method));
	const together = sim.profile.smRateLimitCounting === 'together';
	const counters: Array<{ key: string; windowMs: number; limit: number }> = [];
	for (const g of groups) {
		for (const [limit, windowMs] of [
			[g.perMinute, MINUTE],
			[g.perHour, HOUR],
		]) {
			if (!(limit > 0)) continue;
			const scope = together && !g.own ? 'total' : g.id;
			counters.push({ key: `${token.clientid}|${scope}|${windowMs}`, windowMs, limit });
		}
	}
	for (const c of counters) {
		const w = rateWindow(sim, c.key, c.windowMs);
		if (w.count >= c.limit) throw rateLimited(req, sim, c.limit, w.resetAt);
	}
	for (const key of new Set(counters.map((c) => c.key))) sim.state.smCreateLog[key].count++;
}

/**
 * SM's 429: body `{"description": …}` and `Retry-After` as an HTTP-date (SAP Help "Rate Limiting",
 * Response). Real limits answer the end of their window, rounded up to the second the HTTP-date can
 * express; injected faults (no `resetAt`) answer `profile.retryAfterSeconds` ahead.
 */
export function rateLimited(_req: SimRequest, sim: SimContext, limit = 1000, resetAt?: number) {
	const at = resetAt ?? sim.now() + sim.profile.retryAfterSeconds * 1000;
	const retryAt = new Date(Math.ceil(at / 1000) * 1000);
	return new SimError(
		429,
		'TooManyRequests',
		`The allowed request limit of ${limit} responses has been reached. Please try again later.Check the 'Retry-After' header value to see how long you need to wait.`,
		{ 'retry-after': retryAt.toUTCString() },
	);
}
