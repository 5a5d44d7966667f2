/**
 * The benchmark's fixed SAP-like latency profile and what it implies: the physical limit of a batch
 * (nothing can be faster) and the fewest polls a poll schedule needs to see each async step end.
 */
import { SM_CREATE_INSTANCE_LIMIT } from '../../nodes/SapBtp/api/serviceManager/rateLimits';
import { DEFAULT_POLL, type PollSettings } from '../../nodes/shared/transport/session';

/**
 * POST /__sim/profile body: 30 ms per call, job 2 s, instance op 3 s, binding op 1 s, 12 h tokens,
 * and since issue 17 SAP's rate limits of the Cloud Management service ON as the simulator models them
 * (5 calls per 3 s per endpoint and caller, 429 with X-Ratelimit-Reset): the limit below includes them.
 * The lag of an assignment behind its job stays off (its length on SAP is unknown; the chain has none).
 */
export const BENCH_PROFILE = {
	latencyMs: 30,
	entitlementJobMs: 2000,
	instanceOperationMs: 3000,
	bindingOperationMs: 1000,
	tokenTtlSeconds: 43199,
	smInstanceCreatesPerMinute: SM_CREATE_INSTANCE_LIMIT.limit,
	cisRequestsPerWindow: 5,
	cisRateWindowMs: 3000,
	cisRateLimitResetHeader: true,
	assignmentLagMs: 0,
	retryAfterSeconds: 1,
};

/** The naive workflow runs only up to this N (bench/README.md says why). */
export const NAIVE_MAX_N = 40;

/** The seeded world for the largest N: enough customers, and quota of the plan for each of them. */
export const seedFor = (maxN: number) => ({ customers: Math.max(40, maxN), calmPlanQuota: Math.max(500, maxN + 10) });

/**
 * The calls one chain cannot do without, one after another. Everything else a client may do (the
 * Service Manager access and its token, the assignment read after the job, verification) either
 * overlaps a wait or is a choice of the client, so it is not part of the limit:
 *   CIS token → GET assignment → PUT entitlement → [job] → job status → GET offering → GET plan
 *   → POST instance (by plan id) → [op] → operation status → POST binding → [op] → operation status
 *   → GET binding (credentials)
 *
 * Three calls are unavoidable since issue 11 made the simulator as strict as SAP:
 * - GET assignment before the PUT. The amount is absolute and instances of every platform use it
 *   (simulator/services/serviceManager/instances.ts `checkQuota`); customer-001, in every batch, has
 *   amount 1 used by a Cloud Foundry instance (seed.ts), so its PUT must raise it, and the amount to
 *   set cannot be known without a read (the assignment, or Service Manager's instances). A fresh
 *   subaccount could skip it only if the client knew it was fresh.
 * - GET offering and GET plan after the job. The instance is created by plan id: by offering and
 *   plan name Service Manager answers 400 "ambiguity error" once the catalog name exists in a second
 *   data center (Peripli/service-manager api/filters/extract_plan_id_by_service_and_plan_name_filter.go;
 *   the simulator seeds SAPCloudALMAPIs in cf-us10 too). The id is looked up as SAP's operator
 *   (SAP/sap-btp-service-operator client/sm/client.go) and crossplane
 *   (SAP/crossplane-provider-btp internal/clients/servicemanager/api_plan_resolver.go) do: the offering
 *   with `catalog_name eq 'SAPCloudALMAPIs' and data_center eq ''`, then its plan by offering id (the
 *   second call needs the first's answer). They cannot overlap the job: Service Manager lists an
 *   offering and its plans to a subaccount only while the subaccount's assignment of the plan is OK
 *   (simulator/services/serviceManager/plans.ts `planVisible`; inferred: no SAP source says when a
 *   plan appears in the catalog), which a fresh subaccount's is not before its job, and customer-001's
 *   is not during its job (the PUT sets it STARTED). The chain's own Service Manager access is the
 *   only one it has. customer-001 could look the ids up before its PUT instead, while its catalog
 *   still lists the plan, but that needs its Service Manager access first (Accounts binding + SM
 *   token, then offering, then plan before the PUT): 11 calls as well. The ids are the same in every
 *   subaccount, so in a batch a client may reuse them (the node looks them up once per execution);
 *   that shortens fresh chains, not customer-001's, and every batch (customer-001 … N) has it.
 * Not added: the read of the assignment after the job (SAP's terraform provider reads `entityState`
 * after COMPLETED). It needs only the job, as the offering lookup does, so it can run beside it; a
 * plan the catalog lists has its assignment OK (`planVisible`), and this profile has no lag
 * (`assignmentLagMs: 0`). Reading it before the lookup is the client's choice (one call, 30 ms).
 */
export const CRITICAL_PATH_CALLS = [
	'POST /oauth/token (CIS)',
	'GET /entitlements/v1/assignments?subaccountGUID=…&serviceName=SAPCloudALMAPIs&planName=standard',
	'PUT /entitlements/v1/subaccountServicePlans',
	'GET /jobs-management/v1/jobs/:id/status (COMPLETED)',
	"GET /v1/service_offerings?fieldQuery=catalog_name eq 'SAPCloudALMAPIs' and data_center eq ''",
	"GET /v1/service_plans?fieldQuery=catalog_name eq 'standard' and service_offering_id eq '<offering id>'",
	'POST /v1/service_instances (service_plan_id)',
	'GET /v1/service_instances/:id/operations/:op (succeeded)',
	'POST /v1/service_bindings',
	'GET /v1/service_bindings/:id/operations/:op (succeeded)',
	'GET /v1/service_bindings/:id',
];

export interface PhysicalLimit {
	chainMs: number;
	/** Cloud Management: the last subaccount's Service Manager access, then its chain's tail (see below) */
	cisBoundMs: number;
	rateLimitMs: number;
	totalMs: number;
}

/**
 * After its Service Manager access, the rest of a subaccount's chain: the access call itself, the SM
 * token, POST instance, [op], operation status, POST binding, [op], operation status, GET binding.
 */
export const TAIL_AFTER_ACCESS_CALLS = 8;

/**
 * The physical limit of N chains: the larger of
 * - the critical path of one chain. Service Manager's limits are per caller, and both workflows reach
 *   each subaccount's Service Manager with that subaccount's own binding (derived access), so no caller
 *   makes more than one instance creation: the 50 per minute never bind (before issue 17 the limit
 *   added ⌈N/50⌉−1 minutes as if one client made them all; that is 0 for N ≤ 50, and wrong above);
 * - the Cloud Management bound (issue 17): every subaccount needs one call of its own on one CIS
 *   endpoint, its Service Manager access (`POST /accounts/v2/subaccounts/{guid}/serviceManagerBindings`
 *   for a fresh subaccount: there is no call that serves several subaccounts, and Service Manager of a
 *   subaccount is reached only with a binding of that subaccount). All N share one endpoint (method +
 *   route template) and the one central key, so at 5 calls per 3 s the N-th goes out no earlier than
 *   (⌈N/5⌉−1) × 3 s after the first, which itself needs the CIS token first; that subaccount then still
 *   needs its tail (TAIL_AFTER_ACCESS_CALLS calls, instance op, binding op). Everything else of the
 *   entitlement side fits in a few calls whatever N: one PUT may carry every subaccount (no maximum is
 *   published), one job, one read.
 */
export function physicalLimit(n: number, profile = BENCH_PROFILE): PhysicalLimit {
	const chainMs =
		CRITICAL_PATH_CALLS.length * profile.latencyMs + profile.entitlementJobMs + profile.instanceOperationMs + profile.bindingOperationMs;
	const cisBoundMs =
		profile.cisRequestsPerWindow > 0
			? profile.latencyMs +
				(Math.ceil(n / profile.cisRequestsPerWindow) - 1) * profile.cisRateWindowMs +
				TAIL_AFTER_ACCESS_CALLS * profile.latencyMs +
				profile.instanceOperationMs +
				profile.bindingOperationMs
			: 0;
	const totalMs = Math.max(chainMs, cisBoundMs);
	return { chainMs, cisBoundMs, rateLimitMs: totalMs - chainMs, totalMs };
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
