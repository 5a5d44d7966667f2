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
 * After the job says COMPLETED the assignment can still lag: it stays PROCESSING for
 * `profile.assignmentLagMs`, then turns OK, or PROCESSING_FAILED with a `stateMessage` (fault
 * `assignmentFailure`). Source: SAP's terraform provider waits for `entityState` OK after the job
 * and turns PROCESSING_FAILED into an error (SAP/terraform-provider-btp
 * btp/provider/resource_subaccount_entitlement.go, `createStateConf`: Pending STARTED/PROCESSING,
 * Target OK); assignments can stay PROCESSING (terraform-provider-btp issue #1658).
 *
 * Plan resolution as SAP answers it: a plan the global account is not entitled to → 409 code 30015
 * "Cannot assign service X and plan Y to subaccount S. The global account G of this subaccount is
 * not entitled to this service plan." (terraform-provider-btp issue #927); a plan name that
 * exists more than once without `servicePlanUniqueIdentifier` → 400 code 30001 "More than one plan
 * exists for service name X and plan name Y in the same region. Specify the unique identifier of
 * the plan to assign." (issue #930).
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
	uniqueIdentifier?: string;
	subaccountGUID: string;
};
const isFor = (a: PlanOfSubaccount, c: PlanOfSubaccount) =>
	a.serviceName === c.serviceName &&
	a.planName === c.planName &&
	a.subaccountGUID === c.subaccountGUID &&
	(a.uniqueIdentifier === undefined || c.uniqueIdentifier === undefined || a.uniqueIdentifier === c.uniqueIdentifier);

/** Writes the final state of a job's assignments (once). */
function applyJob(sim: SimContext, job: EntitlementJob) {
	const state = sim.state;
	job.applied = true;
	const failed = job.outcome === 'FAILED' || job.assignmentOutcome === 'PROCESSING_FAILED';
	const at = job.outcome === 'FAILED' ? job.doneAt : job.assignmentsAt;
	for (const change of job.changes) {
		const a = state.assignments.find((x) => isFor(x, change) && x.pendingJobId === job.id);
		if (!a) continue;
		delete a.pendingJobId;
		a.modifiedDate = at;
		if (failed) {
			a.entityState = 'PROCESSING_FAILED';
			a.stateMessage = (job.outcome === 'FAILED' ? job.failureMessage : job.assignmentFailureMessage) ?? 'Processing failed';
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
}

function finishJob(sim: SimContext, job: EntitlementJob) {
	job.status = job.outcome;
	if (job.outcome === 'FAILED') job.description = job.failureMessage;
	if (job.outcome === 'FAILED' || job.assignmentsAt <= sim.now()) {
		applyJob(sim, job);
		return;
	}
	// COMPLETED, but the assignment lags behind the job (see the header)
	for (const a of sim.state.assignments) {
		if (a.pendingJobId === job.id) a.entityState = 'PROCESSING';
	}
}

/** Moves every job whose time is up to its outcome and applies it to the assignments. */
export function settleEntitlementJobs(sim: SimContext): void {
	const now = sim.now();
	for (const job of sim.state.jobs) {
		if (job.status !== 'IN_PROGRESS') {
			if (!job.applied && job.assignmentsAt <= now) applyJob(sim, job);
			continue;
		}
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

/**
 * The plan an entry names, as SAP resolves it: 30001 when the name is ambiguous and no unique
 * identifier was sent (#930); undefined when the global account is not entitled to it (the 30015
 * answer names the subaccount, so it is raised per assignment in `notEntitled`).
 */
function findPlan(sim: SimContext, entry: Record<string, unknown>, where: string): EntitledPlan | undefined {
	const serviceName = requireString(entry, 'serviceName', where);
	const planName = requireString(entry, 'servicePlanName', where);
	const unique = entry.servicePlanUniqueIdentifier;
	const named = sim.state.entitledPlans.filter((p) => p.serviceName === serviceName && p.planName === planName);
	if (unique !== undefined && unique !== null && unique !== '') return named.find((p) => p.uniqueIdentifier === unique);
	if (named.length > 1) {
		throw bad(
			CIS_CODES.ambiguousPlan,
			`More than one plan exists for service name ${serviceName} and plan name ${planName} in the same region. Specify the unique identifier of the plan to assign.`,
		);
	}
	return named[0];
}

/** 409/30015 with SAP's wording (#927), after the subaccount itself was found (404/30003 first). */
function notEntitled(sim: SimContext, entry: Record<string, unknown>, where: string): SimError {
	const info = requireArray(entry, 'assignmentInfo', where)[0];
	const subaccountGUID = requireString(info, 'subaccountGUID', `${where}assignmentInfo[0].`);
	if (!sim.state.subaccounts.some((s) => s.guid === subaccountGUID)) {
		return cisError(404, CIS_CODES.unknownSubaccount, `Subaccount '${subaccountGUID}' not found in the global account`);
	}
	return cisError(
		409,
		CIS_CODES.notEntitled,
		`Cannot assign service ${String(entry.serviceName)} and plan ${String(entry.servicePlanName)} to subaccount ${subaccountGUID}. The global account ${sim.state.globalAccount.guid} of this subaccount is not entitled to this service plan.`,
	);
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
		uniqueIdentifier: plan.uniqueIdentifier,
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
	const mine = changes.filter((c) => isFor(c, { ...c, serviceName: plan.serviceName, planName: plan.planName, uniqueIdentifier: plan.uniqueIdentifier }));
	if (!mine.length) return;
	const touched = new Set(mine.map((c) => c.subaccountGUID));
	const others = sim.state.assignments.filter(
		(a) =>
			isFor(a, { ...a, serviceName: plan.serviceName, planName: plan.planName, uniqueIdentifier: plan.uniqueIdentifier }) &&
			!touched.has(a.subaccountGUID),
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
		if (!plan) throw notEntitled(sim, entry, where);
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

function lockError(sim: SimContext, change: Change) {
	return cisError(
		sim.profile.cisLockStatus,
		CIS_CODES.locked,
		`A job for service plan '${change.planName}' of service '${change.serviceName}' is already in progress for subaccount '${change.subaccountGUID}'; try again when it has finished`,
	);
}

function startJob(sim: SimContext, changes: Change[]): EntitlementJob {
	const now = sim.now();
	const failed = sim.faults.asyncFailure > 0 && sim.random() < sim.faults.asyncFailure;
	const assignmentFailed = !failed && sim.faults.assignmentFailure > 0 && sim.random() < sim.faults.assignmentFailure;
	const doneAt = now + sim.profile.entitlementJobMs;
	const job: EntitlementJob = {
		id: String(sim.state.seq.job++),
		status: 'IN_PROGRESS',
		createdAt: now,
		doneAt,
		outcome: failed ? 'FAILED' : 'COMPLETED',
		assignmentsAt: doneAt + Math.max(0, sim.profile.assignmentLagMs),
		assignmentOutcome: assignmentFailed ? 'PROCESSING_FAILED' : 'OK',
		changes,
	};
	const c = changes[0];
	if (failed) {
		job.failureMessage = `Failed to update assignment of service plan '${c.planName}' of service '${c.serviceName}' for subaccount '${c.subaccountGUID}': the service broker did not confirm the assignment (simulated failure)`;
	}
	if (assignmentFailed) {
		job.assignmentFailureMessage = `Failed to update assignment of service plan '${c.planName}' of service '${c.serviceName}' for subaccount '${c.subaccountGUID}': the provisioning of the service plan in the subaccount failed (simulated failure)`;
	}
	sim.state.jobs.push(job);
	for (const change of changes) {
		let a = sim.state.assignments.find((x) => isFor(x, change));
		if (!a) {
			if (change.amount === 0 && !change.enabled) continue; // nothing to remove
			a = {
				serviceName: change.serviceName,
				planName: change.planName,
				uniqueIdentifier: change.uniqueIdentifier,
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
			throw lockError(sim, change);
		}
	}
	if (sim.faults.entitlementLock > 0 && sim.random() < sim.faults.entitlementLock) throw lockError(sim, changes[0]);
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
