/**
 * Service Manager's rate limits as budget rules of the shared transport: which limits one SM call
 * counts against (by path prefix and method, as SM matches them).
 */
import type { RateLimitRule, WindowLimit } from '../../../shared/transport/rateLimit';

/**
 * SAP Service Manager's documented limits per caller (SAP-docs/btp-service-manager,
 * docs/Service-Consumption/SAP-Service-Manager/rate-limiting-97be679.md): all APIs 1,000/min and
 * 10,000/h; `/v1/service_bindings` 600/min and 6,000/h; `/v1/service_offerings` and
 * `/v1/service_plans` 100/min and 1,000/h each; instance creates 50/min; instance updates and
 * deletes 600/min and 6,000/h each. SM matches a limit by path PREFIX and, where given, method
 * (Peripli/service-manager api/filters/rate_limiter_filter.go), so operation polls under
 * `/v1/service_bindings/…` count against the bindings limit.
 *
 * How a group's limit counts is read two ways: SAP's page says "All API calls executed in the same
 * time frame count together towards rate limits" and its examples read a group's limit as a cap on
 * ALL of the caller's calls in the window (100 offerings calls leave 500 for bindings); Peripli
 * keeps one counter per group. The budget follows the stricter reading, which keeps the other too:
 * one log of the caller's calls per window, and a call may go out only while that log holds fewer
 * calls than the lowest limit of the groups the call falls in. Instance creates have their own
 * log ("CREATE is limited to 50 calls per minute").
 *
 * A call is recorded when it is sent, SM counts it when it arrives: each window is one second
 * longer than documented, so a call that arrived late is out of SM's window before ours reopens.
 */
const WINDOW_GUARD_MS = 1_000;
const MINUTE_MS = 60_000 + WINDOW_GUARD_MS;
const HOUR_MS = 3_600_000 + WINDOW_GUARD_MS;

/** SAP Service Manager: 50 instance creations per minute per caller (also read by the benchmark). */
export const SM_CREATE_INSTANCE_LIMIT: WindowLimit = { limit: 50, windowMs: MINUTE_MS };

const SM_KEY = 'serviceManager';
/** [path prefix, method (any when absent), per minute, per hour] of each documented group */
const SM_GROUPS: Array<[string, string | undefined, number, number]> = [
	['/', undefined, 1_000, 10_000],
	['/v1/service_bindings', undefined, 600, 6_000],
	['/v1/service_offerings', undefined, 100, 1_000],
	['/v1/service_plans', undefined, 100, 1_000],
	// the table's /v1/service_instances row (600/min, 6,000/h) covers its non-GET APIs, creates included
	['/v1/service_instances', 'POST', 600, 6_000],
	['/v1/service_instances', 'PATCH', 600, 6_000],
	['/v1/service_instances', 'DELETE', 600, 6_000],
];
const WINDOWS = { min: MINUTE_MS, hour: HOUR_MS } as const;
const thresholds = (index: 2 | 3) => [...new Set(SM_GROUPS.map((g) => g[index]))];

/**
 * The budget rules. Keys: `serviceManager:min@<limit>:<caller>` and `serviceManager:hour@<limit>:<caller>`
 * (judged against the caller's one log of that window), `serviceManager:createInstance:<caller>`.
 */
export const SM_RATE_LIMITS: RateLimitRule[] = [
	...(['min', 'hour'] as const).flatMap((w) =>
		thresholds(w === 'min' ? 2 : 3).map((limit) => ({
			match: (key: string) => key.startsWith(`${SM_KEY}:${w}@${limit}:`),
			window: { limit, windowMs: WINDOWS[w] },
			log: (key: string) => `${SM_KEY}:${w}:${key.slice(`${SM_KEY}:${w}@${limit}:`.length)}`,
		})),
	),
	{ match: (key: string) => key.startsWith(`${SM_KEY}:createInstance:`), window: SM_CREATE_INSTANCE_LIMIT },
];

/** The budget keys of one Service Manager call of caller `callerId`. */
export function smBudgetKeys(callerId: string, method: string, url: string): string[] {
	let path = url;
	try {
		path = new URL(url).pathname;
	} catch {
		// a relative path already
	}
	const verb = method.toUpperCase();
	const groups = SM_GROUPS.filter(([prefix, m]) => path.startsWith(prefix) && (!m || m === verb));
	const keys = [
		`${SM_KEY}:min@${Math.min(...groups.map((g) => g[2]))}:${callerId}`,
		`${SM_KEY}:hour@${Math.min(...groups.map((g) => g[3]))}:${callerId}`,
	];
	if (verb === 'POST' && path.startsWith('/v1/service_instances')) keys.push(`${SM_KEY}:createInstance:${callerId}`);
	return keys;
}
