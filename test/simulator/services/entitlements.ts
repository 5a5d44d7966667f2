/**
 * CIS Entitlements service (contract §3.5) and its job status route (§3.3).
 *
 * `PUT /entitlements/v1/subaccountServicePlans` validates the whole payload first (nothing is
 * changed when any entry is wrong), then starts ONE job for all its entries and answers 202
 * `{"jobId":"<id>"}` with a relative `Location`. The body is [U] in the contract (the spec says
 * "string"; the BTP CLI server shows `{"jobId":…}`); clients should rely on `Location`.
 * A PUT that changes nothing still starts a job, as the real service does not short-circuit.
 *
 * Jobs are settled lazily (`settleEntitlementJobs`): while running, an assignment shows
 * `STARTED` (first half of `profile.entitlementJobMs`) then `PROCESSING`, with `requestedAmount`.
 */
import { Router, SimError, parseJsonBody, type SimRequest, type ServiceModule } from '../http';
import type { EntitledPlan, EntitlementJob, SimContext } from '../state';
import { CIS_CODES, cisError, cisErrorBody, cisGuard, cisRateLimited } from './cis';
import { dataCenters, entitledAndAssigned, isEnablePlan, reservedAmount } from './entitlementViews';

const OK_MESSAGE = 'Succeeded to update assignment of service plan.';
const RUNNING_MESSAGE = 'Updating assignment of service plan is in progress.';

type PlanOfSubaccount = {
	serviceName: string;
	planName: string;
	subaccountGUID: string;
};
const isFor = (a: PlanOfSubaccount, c: PlanOfSubaccount) =>
	a.serviceName === c.serviceName && a.planName === c.planName && a.subaccountGUID === c.subaccountGUID;

function finishJob(sim: SimContext, job: EntitlementJob) {
	const state = sim.state;
	job.status = job.outcome;
	for (const change of job.changes) {
		const a = state.assignments.find((x) => isFor(x, change) && x.pendingJobId === job.id);
		if (!a) continue;
		delete a.pendingJobId;
		a.modifiedDate = job.doneAt;
		if (job.outcome === 'FAILED') {
			a.entityState = 'PROCESSING_FAILED';
			a.stateMessage = job.failureMessage ?? 'Processing failed';
			continue;
		}
		if (change.amount === 0 && !change.enabled) {
			state.assignments = state.assignments.filter((x) => x !== a);
			continue;
		}
		a.amount = change.amount;
		a.enabled = change.enabled;
		a.entityState = 'OK';
		a.stateMessage = OK_MESSAGE;
		delete a.requestedAmount;
	}
	if (job.outcome === 'FAILED') job.description = job.failureMessage;
}

/** Moves every job whose time is up to its outcome and applies it to the assignments. */
export function settleEntitlementJobs(sim: SimContext): void {
	const now = sim.now();
	for (const job of sim.state.jobs) {
		if (job.status !== 'IN_PROGRESS') continue;
		if (job.doneAt <= now) {
			finishJob(sim, job);
			continue;
		}
		if (now >= job.createdAt + (job.doneAt - job.createdAt) / 2) {
			for (const a of sim.state.assignments) {
				if (a.pendingJobId === job.id && a.entityState === 'STARTED') a.entityState = 'PROCESSING';
			}
		}
	}
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

// ------------------------------------------------------------------------------------ PUT validation
type Change = EntitlementJob['changes'][number];

const bad = (code: number, message: string) => cisError(400, code, message);

function requireString(obj: Record<string, unknown>, field: string, where: string): string {
	const v = obj[field];
	if (typeof v !== 'string' || !v.trim()) {
		throw bad(CIS_CODES.invalidPayload, `Invalid request payload: '${where}${field}' is required and must be a string`);
	}
	return v;
}

function requireArray(obj: Record<string, unknown>, field: string, where: string): Array<Record<string, unknown>> {
	const v = obj[field];
	if (!Array.isArray(v) || v.length === 0 || v.some((x) => !x || typeof x !== 'object')) {
		throw bad(
			CIS_CODES.invalidPayload,
			`Invalid request payload: '${where}${field}' is required and must be a non-empty array of objects`,
		);
	}
	return v as Array<Record<string, unknown>>;
}

function findPlan(sim: SimContext, entry: Record<string, unknown>, where: string): EntitledPlan {
	const serviceName = requireString(entry, 'serviceName', where);
	const planName = requireString(entry, 'servicePlanName', where);
	const unique = entry.servicePlanUniqueIdentifier;
	const plan = sim.state.entitledPlans.find(
		(p) =>
			p.serviceName === serviceName &&
			p.planName === planName &&
			(unique === undefined || unique === null || p.uniqueIdentifier === unique),
	);
	if (!plan) {
		throw bad(
			CIS_CODES.unknownPlan,
			`Service plan '${planName}' of service '${serviceName}'${unique ? ` (uniqueIdentifier '${String(unique)}')` : ''} is not entitled to the global account`,
		);
	}
	return plan;
}

function toChange(sim: SimContext, plan: EntitledPlan, info: Record<string, unknown>, where: string): Change {
	const subaccountGUID = requireString(info, 'subaccountGUID', where);
	if (!sim.state.subaccounts.some((s) => s.guid === subaccountGUID)) {
		throw cisError(404, CIS_CODES.unknownSubaccount, `Subaccount '${subaccountGUID}' not found in the global account`);
	}
	const hasAmount = info.amount !== undefined && info.amount !== null;
	const hasEnable = info.enable !== undefined && info.enable !== null;
	const planText = `service plan '${plan.planName}' of service '${plan.serviceName}' (category ${plan.category})`;
	if (hasAmount && hasEnable) {
		throw bad(
			CIS_CODES.amountAndEnable,
			`Invalid request payload: '${where}amount' and '${where}enable' cannot be used together`,
		);
	}
	if (!hasAmount && !hasEnable) {
		throw bad(CIS_CODES.invalidPayload, `Invalid request payload: '${where}amount' or '${where}enable' is required`);
	}
	const base = {
		serviceName: plan.serviceName,
		planName: plan.planName,
		subaccountGUID,
	};
	if (isEnablePlan(plan)) {
		if (hasAmount) {
			throw bad(
				CIS_CODES.amountOnEnablePlan,
				`Cannot assign an amount to ${planText}: the plan has no numeric quota; send "enable": true or false instead of "amount"`,
			);
		}
		if (typeof info.enable !== 'boolean') {
			throw bad(CIS_CODES.invalidPayload, `Invalid request payload: '${where}enable' must be a boolean`);
		}
		return { ...base, amount: info.enable ? 1 : 0, enabled: info.enable };
	}
	if (hasEnable) {
		throw bad(
			CIS_CODES.enableOnNumericPlan,
			`Cannot enable ${planText}: the plan has a numeric quota; send "amount" instead of "enable"`,
		);
	}
	const amount = info.amount;
	if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
		throw bad(CIS_CODES.invalidPayload, `Invalid request payload: '${where}amount' must be a non-negative integer`);
	}
	const cap = plan.maxAllowedSubaccountQuota;
	if (cap && amount > cap) {
		throw bad(
			CIS_CODES.subaccountQuotaExceeded,
			`Amount ${amount} exceeds the maximum allowed quota of ${cap} per subaccount for ${planText}`,
		);
	}
	return { ...base, amount, enabled: amount > 0 };
}

/** Totals per plan after the change must stay within the global account's quota. */
function checkQuota(sim: SimContext, plan: EntitledPlan, changes: Change[]) {
	const mine = changes.filter((c) => c.serviceName === plan.serviceName && c.planName === plan.planName);
	if (!mine.length) return;
	const touched = new Set(mine.map((c) => c.subaccountGUID));
	const others = sim.state.assignments.filter(
		(a) => a.serviceName === plan.serviceName && a.planName === plan.planName && !touched.has(a.subaccountGUID),
	);
	if (plan.category === 'ELASTIC_LIMITED') {
		const enabledElsewhere = others.some((a) => a.enabled || (a.requestedAmount ?? 0) > 0);
		if (mine.filter((c) => c.enabled).length + (enabledElsewhere ? 1 : 0) > 1) {
			throw bad(
				CIS_CODES.quotaExceeded,
				`Service plan '${plan.planName}' of service '${plan.serviceName}' can be enabled in one subaccount of the global account only`,
			);
		}
		return;
	}
	if (plan.unlimited || isEnablePlan(plan)) return;
	const total = others.reduce((sum, a) => sum + reservedAmount(a), 0) + mine.reduce((s, c) => s + c.amount, 0);
	if (total > plan.amount) {
		throw bad(
			CIS_CODES.quotaExceeded,
			`Quota exceeded for service plan '${plan.planName}' of service '${plan.serviceName}': requested total ${total}, global account quota ${plan.amount}, remaining ${Math.max(0, plan.amount - (total - mine.reduce((s, c) => s + c.amount, 0)))}`,
		);
	}
}

function parseChanges(sim: SimContext, req: SimRequest): Change[] {
	let body: Record<string, unknown>;
	try {
		body = parseJsonBody(req);
	} catch (err) {
		throw bad(CIS_CODES.badRequest, (err as SimError).message);
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw bad(CIS_CODES.invalidPayload, "Invalid request payload: expected an object with 'subaccountServicePlans'");
	}
	const changes: Change[] = [];
	const plans: EntitledPlan[] = [];
	requireArray(body, 'subaccountServicePlans', '').forEach((entry, i) => {
		const where = `subaccountServicePlans[${i}].`;
		const plan = findPlan(sim, entry, where);
		plans.push(plan);
		requireArray(entry, 'assignmentInfo', where).forEach((info, j) => {
			const change = toChange(sim, plan, info, `${where}assignmentInfo[${j}].`);
			const existing = sim.state.assignments.find((a) => isFor(a, change));
			if (existing?.autoAssigned && change.amount === 0 && !change.enabled) {
				throw bad(
					CIS_CODES.autoAssignedRemoval,
					`Service plan '${plan.planName}' of service '${plan.serviceName}' is assigned automatically to subaccount '${change.subaccountGUID}' and cannot be removed`,
				);
			}
			if (changes.some((c) => isFor(c, change))) {
				throw bad(
					CIS_CODES.invalidPayload,
					`Invalid request payload: subaccount '${change.subaccountGUID}' appears twice for service plan '${plan.planName}' of service '${plan.serviceName}'`,
				);
			}
			changes.push(change);
		});
	});
	for (const plan of new Set(plans)) checkQuota(sim, plan, changes);
	return changes;
}

function lockError(change: Change) {
	return cisError(
		409,
		CIS_CODES.locked,
		`A job for service plan '${change.planName}' of service '${change.serviceName}' is already in progress for subaccount '${change.subaccountGUID}'; try again when it has finished`,
	);
}

function startJob(sim: SimContext, changes: Change[]): EntitlementJob {
	const now = sim.now();
	const failed = sim.faults.asyncFailure > 0 && sim.random() < sim.faults.asyncFailure;
	const job: EntitlementJob = {
		id: String(sim.state.seq.job++),
		status: 'IN_PROGRESS',
		createdAt: now,
		doneAt: now + sim.profile.entitlementJobMs,
		outcome: failed ? 'FAILED' : 'COMPLETED',
		changes,
	};
	if (failed) {
		const c = changes[0];
		job.failureMessage = `Failed to update assignment of service plan '${c.planName}' of service '${c.serviceName}' for subaccount '${c.subaccountGUID}': the service broker did not confirm the assignment (simulated failure)`;
	}
	sim.state.jobs.push(job);
	for (const change of changes) {
		let a = sim.state.assignments.find((x) => isFor(x, change));
		if (!a) {
			if (change.amount === 0 && !change.enabled) continue; // nothing to remove
			a = {
				serviceName: change.serviceName,
				planName: change.planName,
				subaccountGUID: change.subaccountGUID,
				amount: 0,
				enabled: false,
				entityState: 'STARTED',
				stateMessage: RUNNING_MESSAGE,
				createdDate: now,
				modifiedDate: now,
				autoAssigned: false,
			};
			sim.state.assignments.push(a);
		}
		a.entityState = 'STARTED';
		a.stateMessage = RUNNING_MESSAGE;
		a.requestedAmount = change.amount;
		a.pendingJobId = job.id;
		a.modifiedDate = now;
	}
	// zero-duration jobs are done at once (a profile for fast tests)
	if (job.doneAt <= now) finishJob(sim, job);
	return job;
}

function putSubaccountServicePlans(req: SimRequest, sim: SimContext) {
	cisGuard(req, sim, ['global-account.entitlement.subaccount.update']);
	settleEntitlementJobs(sim);
	const changes = parseChanges(sim, req);
	const running = sim.state.jobs.filter((j) => j.status === 'IN_PROGRESS');
	for (const change of changes) {
		if (running.some((j) => j.changes.some((c) => isFor(c, change)))) {
			throw lockError(change);
		}
	}
	if (sim.faults.entitlementLock > 0 && sim.random() < sim.faults.entitlementLock) throw lockError(changes[0]);
	const job = startJob(sim, changes);
	return {
		status: 202,
		headers: { location: `/jobs-management/v1/jobs/${job.id}/status` },
		body: { jobId: job.id },
	};
}

// ------------------------------------------------------------------------------------ module
const flag = (req: SimRequest, name: string) => req.query.get(name)?.toLowerCase() === 'true';

function assignmentsHandler(scopes: string[]) {
	return (req: SimRequest, sim: SimContext) => {
		cisGuard(req, sim, scopes);
		settleEntitlementJobs(sim);
		const subaccountGUID = req.query.get('subaccountGUID') ?? undefined;
		if (subaccountGUID && !sim.state.subaccounts.some((s) => s.guid === subaccountGUID)) {
			throw cisError(404, CIS_CODES.subaccountNotFound, `Subaccount '${subaccountGUID}' not found`);
		}
		const directoryGUID = req.query.get('directoryGUID');
		if (directoryGUID) {
			throw cisError(404, CIS_CODES.notFound, `Directory '${directoryGUID}' not found`);
		}
		const body = entitledAndAssigned(sim, {
			subaccountGUID,
			serviceName: req.query.get('serviceName') ?? undefined,
			planName: req.query.get('planName') ?? undefined,
			assignedServiceName: req.query.get('assignedServiceName') ?? undefined,
			entitledServicesOnly: flag(req, 'entitledServicesOnly'),
			includeAutoManagedPlans: flag(req, 'includeAutoManagedPlans'),
		});
		return { status: 200, body };
	};
}

export function createEntitlementsService(): ServiceModule {
	const router = new Router();
	router.get(
		'/entitlements/v1/assignments',
		assignmentsHandler(['directory.entitlement.read', 'global-account.entitlement.read']),
	);
	router.get('/entitlements/v1/globalAccountAssignments', assignmentsHandler(['global-account.entitlement.read']));
	router.get('/entitlements/v1/globalAccountAllowedDataCenters', (req, sim) => {
		cisGuard(req, sim, ['global-account.region.read']);
		const region = req.query.get('region');
		return {
			status: 200,
			body: {
				datacenters: dataCenters(sim).filter((d) => !region || d.region === region),
			},
		};
	});
	router.put('/entitlements/v1/subaccountServicePlans', putSubaccountServicePlans);
	router.get('/jobs-management/v1/jobs/:id/status', jobStatusHandler);
	return {
		name: 'entitlements',
		router,
		errorBody: cisErrorBody,
		rateLimited: cisRateLimited,
	};
}
