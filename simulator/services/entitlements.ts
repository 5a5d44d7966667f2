/**
 * CIS Entitlements service: assignments, the global account's data centers and the PUT that
 * changes a subaccount's plans. Its jobs are in `entitlementJobs.ts`; the job status route both CIS
 * origins serve is in `cis.ts`.
 *
 * `PUT /entitlements/v1/subaccountServicePlans` validates the whole payload first (nothing is
 * changed when any entry is wrong), then starts ONE job for all its entries and answers 202
 * `{"jobId":"<id>"}` with a relative `Location`. SAP does not document the body (the spec says
 * "string"; the BTP CLI server shows `{"jobId":…}`); clients should rely on `Location`.
 * A PUT that changes nothing still starts a job, as the real service does not short-circuit.
 *
 * Plan resolution as SAP answers it: a plan the global account is not entitled to → 409 code 30015
 * "Cannot assign service X and plan Y to subaccount S. The global account G of this subaccount is
 * not entitled to this service plan." (terraform-provider-btp issue #927); a plan name that
 * exists more than once without `servicePlanUniqueIdentifier` → 400 code 30001 "More than one plan
 * exists for service name X and plan name Y in the same region. Specify the unique identifier of
 * the plan to assign." (issue #930).
 */
import { Router, SimError, parseJsonBody, type SimRequest, type ServiceModule } from '../http';
import type { EntitledPlan, SimContext } from '../state';
import { CIS_CODES, cisError, cisErrorBody, cisGuard, cisRateLimited, jobStatusHandler } from './cis';
import { isFor, settleEntitlementJobs, startJob, type Change } from './entitlementJobs';
import { dataCenters, entitledAndAssigned, isEnablePlan, reservedAmount } from './entitlementViews';

// ------------------------------------------------------------------------------------ PUT validation
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

/** What the PUT asks: its valid changes, and (profile `cisBadEntryInBatch: 'failJob'`) the first wrong entry's error. */
interface ParsedPut {
	changes: Change[];
	badEntry?: SimError;
}

function parseChanges(sim: SimContext, req: SimRequest): ParsedPut {
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
	let badEntry: SimError | undefined;
	requireArray(body, 'subaccountServicePlans', '').forEach((entry, i) => {
		const where = `subaccountServicePlans[${i}].`;
		const plan = findPlan(sim, entry, where);
		if (!plan) throw notEntitled(sim, entry, where);
		plans.push(plan);
		const infos = requireArray(entry, 'assignmentInfo', where);
		const batch = infos.length > 1 || (body.subaccountServicePlans as unknown[]).length > 1;
		infos.forEach((info, j) => {
			const at = `${where}assignmentInfo[${j}].`;
			let change: Change;
			// a wrong entry of a batch: refuses the PUT (default: toChange throws) or fails its job (Profile.cisBadEntryInBatch)
			if (batch && sim.profile.cisBadEntryInBatch === 'failJob') {
				try {
					change = toChange(sim, plan, info, at);
				} catch (err) {
					badEntry ??= err as SimError; // toChange throws only SimErrors
					return;
				}
			} else {
				change = toChange(sim, plan, info, at);
			}
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
	return { changes, badEntry };
}

function lockError(sim: SimContext, change: Change) {
	return cisError(
		sim.profile.cisLockStatus,
		CIS_CODES.locked,
		`A job for service plan '${change.planName}' of service '${change.serviceName}' is already in progress for subaccount '${change.subaccountGUID}'; try again when it has finished`,
	);
}

function putSubaccountServicePlans(req: SimRequest, sim: SimContext) {
	cisGuard(req, sim, ['global-account.entitlement.subaccount.update']);
	settleEntitlementJobs(sim);
	const { changes, badEntry } = parseChanges(sim, req);
	const running = sim.state.jobs.filter((j) => j.status === 'IN_PROGRESS');
	for (const change of changes) {
		if (running.some((j) => j.changes.some((c) => isFor(c, change)))) {
			throw lockError(sim, change);
		}
	}
	if (sim.faults.entitlementLock > 0 && sim.random() < sim.faults.entitlementLock) throw lockError(sim, changes[0]);
	const job = startJob(sim, changes, badEntry?.message);
	return {
		status: 202,
		headers: { location: `/jobs-management/v1/jobs/${job.id}/status` },
		body: { jobId: job.id },
	};
}

// ------------------------------------------------------------------------------------ module
const flag = (req: SimRequest, name: string) => req.query.get(name)?.toLowerCase() === 'true';

function assignmentsHandler(scopes: string[]) {
	return function listAssignments(req: SimRequest, sim: SimContext) {
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
	router.get('/entitlements/v1/globalAccountAllowedDataCenters', function listDataCenters(req, sim) {
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
