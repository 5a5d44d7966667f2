/**
 * The benchmark's fixed SAP-like latency profile and what it implies: the physical limit of a batch
 * (nothing can be faster) and the fewest polls a poll schedule needs to see each async step end.
 */
import { SM_CREATE_INSTANCE_LIMIT } from '../../nodes/SapBtp/api/session';
import { DEFAULT_POLL, type PollSettings } from '../../nodes/shared/transport/session';

/** POST /__sim/profile body: 30 ms per call, job 2 s, instance op 3 s, binding op 1 s, 12 h tokens. */
export const BENCH_PROFILE = {
	latencyMs: 30,
	entitlementJobMs: 2000,
	instanceOperationMs: 3000,
	bindingOperationMs: 1000,
	tokenTtlSeconds: 43199,
	smInstanceCreatesPerMinute: SM_CREATE_INSTANCE_LIMIT.limit,
	// the benchmark compares against a physical limit without CIS limits or an assignment lag: both
	// are off here explicitly (the simulator's defaults since issue 11 are 5 calls per 3 s per CIS
	// endpoint and a 100 ms lag of the assignment behind its job)
	cisRequestsPerWindow: 0,
	assignmentLagMs: 0,
	retryAfterSeconds: 1,
};

export const SEED = { customers: 40 };

/**
 * The calls one chain cannot do without, one after another. Everything else a client may do (the
 * Service Manager access and its token, lookups, verification) either overlaps the entitlement job
 * or is a choice of the client, so it is not part of the limit:
 *   CIS token → PUT entitlement → [job] → job status → POST instance (by offering/plan name)
 *   → [op] → operation status → POST binding → [op] → operation status → GET binding (credentials)
 */
export const CRITICAL_PATH_CALLS = [
	'POST /oauth/token (CIS)',
	'PUT /entitlements/v1/subaccountServicePlans',
	'GET /jobs-management/v1/jobs/:id/status (COMPLETED)',
	'POST /v1/service_instances',
	'GET /v1/service_instances/:id/operations/:op (succeeded)',
	'POST /v1/service_bindings',
	'GET /v1/service_bindings/:id/operations/:op (succeeded)',
	'GET /v1/service_bindings/:id',
];

export interface PhysicalLimit {
	chainMs: number;
	rateLimitMs: number;
	totalMs: number;
}

/**
 * Critical path of one chain + the rate-limit bound for N chains: Service Manager allows 50
 * instance creations per minute per client, so N creates need ⌈N/50⌉−1 extra full minutes if they
 * all came from one client (with derived access every subaccount has its own client; the bound
 * assumes the stricter single client, and is 0 for N ≤ 50 either way).
 */
export function physicalLimit(n: number, profile = BENCH_PROFILE): PhysicalLimit {
	const chainMs =
		CRITICAL_PATH_CALLS.length * profile.latencyMs + profile.entitlementJobMs + profile.instanceOperationMs + profile.bindingOperationMs;
	const rateLimitMs = Math.max(0, Math.ceil(n / profile.smInstanceCreatesPerMinute) - 1) * SM_CREATE_INSTANCE_LIMIT.windowMs;
	return { chainMs, rateLimitMs, totalMs: chainMs + rateLimitMs };
}

/** Polls a schedule needs to see a wait of `waitMs` end: the first k whose delays add up to ≥ waitMs. */
export function pollsForWait(waitMs: number, schedule: PollSettings): number {
	let elapsed = 0;
	let delay = schedule.firstDelayMs;
	for (let k = 1; ; k++) {
		elapsed += delay;
		if (elapsed >= waitMs) return k;
		delay = Math.min(delay * schedule.factor, schedule.maxDelayMs);
	}
}

/** Fewest polls of one chain (job + instance op + binding op) at a schedule. */
export function minPollsPerChain(schedule: PollSettings, profile = BENCH_PROFILE): number {
	return [profile.entitlementJobMs, profile.instanceOperationMs, profile.bindingOperationMs].reduce(
		(sum, w) => sum + pollsForWait(w, schedule),
		0,
	);
}

/** The node's poll schedule (the transport's default) and the naive workflow's fixed 5 s Wait. */
export const NODE_POLL_SCHEDULE: PollSettings = DEFAULT_POLL;
export const NAIVE_POLL_SCHEDULE: PollSettings = { firstDelayMs: 5000, factor: 1, maxDelayMs: 5000 };
