/**
 * Entitlements service (SAP's "Entitlements Service" OpenAPI, SAP/crossplane-provider-btp
 * internal/openapi_clients/btp-entitlements-service-api-go/swagger.json): plan facts of the global
 * account (category decides `amount` vs `enable`), a subaccount's assignments, and assigning a
 * plan with the job polled to its end and then the assignment's `entityState` to OK.
 * `ensureEntitlement` is used by "Entitlement → Configure" and by "Enable Cloud ALM API".
 *
 * Why the wait after the job: SAP's own terraform provider does not trust the job's COMPLETED; it
 * polls the assignment until `entityState` is OK and turns PROCESSING_FAILED into an error
 * (SAP/terraform-provider-btp btp/provider/resource_subaccount_entitlement.go, `createStateConf`),
 * and assignments have been seen staying PROCESSING after the work was done (issue #1658).
 *
 * Rate limits: CIS limits each endpoint per caller (SAP help "Rate Limiting", Cloud Management
 * service), so every call names its endpoint as the budget key (`ENDPOINT`): a 429 on the job status
 * endpoint pauses every item's job polls, and nothing else.
 */
import { NodeApiError, type IDataObject, type JsonObject } from 'n8n-workflow';
import { callApi, locationOf, pollUntilDone } from '../../shared/transport';
import type { BtpSession } from './session';

/** Rate-limit budget keys: one per CIS endpoint (method + route template), as SAP counts them. */
export const ENDPOINT = {
	globalAccountAssignments: 'entitlements:GET /entitlements/v1/globalAccountAssignments',
	assignments: 'entitlements:GET /entitlements/v1/assignments',
	assign: 'entitlements:PUT /entitlements/v1/subaccountServicePlans',
	jobStatus: 'entitlements:GET /jobs-management/v1/jobs/{id}/status',
} as const;

/** SAP's codes for plans it cannot resolve (terraform-provider-btp issues #927 and #930). */
export const CIS_NOT_ENTITLED = 30015;
export const CIS_AMBIGUOUS_PLAN = 30001;
export const CIS_AMOUNT_ON_ENABLE_PLAN = 12003;

/** Categories whose plans are switched on with `enable` rather than given an `amount` (§3.5.1). */
export const ENABLE_CATEGORIES = ['ELASTIC_SERVICE', 'ELASTIC_LIMITED', 'APPLICATION'];

export interface PlanInfo {
	serviceName: string;
	planName: string;
	category: string;
	uniqueIdentifier?: string;
	/** every plan of this name the global account lists (more than one: hana-cloud/hana, #930) */
	uniqueIdentifiers: string[];
	amount?: number;
	remainingAmount?: number;
	unlimited?: boolean;
	maxAllowedSubaccountQuota?: number | null;
}

export interface Assignment {
	serviceName: string;
	planName: string;
	uniqueIdentifier?: string;
	category?: string;
	subaccountGUID: string;
	amount: number;
	requestedAmount?: number;
	entityState: string;
	stateMessage?: string;
	autoAssigned?: boolean;
}

const list = (v: unknown): IDataObject[] => (Array.isArray(v) ? (v as IDataObject[]) : []);

/**
 * What the global account is entitled to for service/plan; undefined when it is not. Once per run.
 * `uniqueIdentifier` picks the plan among same-name plans; without it the first is described and
 * `uniqueIdentifiers` lists them all.
 */
export async function getPlanInfo(
	session: BtpSession,
	serviceName: string,
	planName: string,
	uniqueIdentifier?: string,
): Promise<PlanInfo | undefined> {
	const plans = await session.once('planInfo', `${serviceName}/${planName}`, async () => {
		const key = await session.cisKey();
		const answer = await callApi<IDataObject>(session.ctx, session.transport, session.cisAuth, {
			service: 'entitlements',
			step: 'Read plan of the global account',
			method: 'GET',
			url: `${key.entitlementsUrl}/entitlements/v1/globalAccountAssignments`,
			qs: { serviceName, planName, entitledServicesOnly: true, includeAutoManagedPlans: true },
			okStatuses: [204],
			budgetKey: ENDPOINT.globalAccountAssignments,
		});
		const service = list(answer.body?.entitledServices).find((s) => s.name === serviceName);
		return list(service?.servicePlans).filter((p) => p.name === planName);
	});
	const plan = uniqueIdentifier ? plans.find((p) => p.uniqueIdentifier === uniqueIdentifier) : plans[0];
	if (!plan) return undefined;
	return {
		serviceName,
		planName,
		category: String(plan.category ?? ''),
		uniqueIdentifier: plan.uniqueIdentifier as string | undefined,
		uniqueIdentifiers: plans.map((p) => String(p.uniqueIdentifier ?? '')).filter(Boolean),
		amount: plan.amount as number | undefined,
		remainingAmount: plan.remainingAmount as number | undefined,
		unlimited: plan.unlimited as boolean | undefined,
		maxAllowedSubaccountQuota: plan.maxAllowedSubaccountQuota as number | null | undefined,
	};
}

/** The assignments an answer lists: of one subaccount, or (without a GUID) of every subaccount. */
export function assignmentsOf(body: IDataObject | undefined, subaccountGUID?: string): Assignment[] {
	const out: Assignment[] = [];
	for (const service of list(body?.assignedServices)) {
		for (const plan of list(service.servicePlans)) {
			for (const info of list(plan.assignmentInfo)) {
				if (subaccountGUID ? info.entityId !== subaccountGUID : info.entityType !== undefined && info.entityType !== 'SUBACCOUNT') continue;
				out.push({
					serviceName: String(service.name),
					planName: String(plan.name),
					uniqueIdentifier: plan.uniqueIdentifier as string | undefined,
					category: plan.category as string | undefined,
					subaccountGUID: String(info.entityId),
					amount: Number(info.amount ?? 0),
					requestedAmount: info.requestedAmount as number | undefined,
					entityState: String(info.entityState ?? ''),
					stateMessage: info.stateMessage as string | undefined,
					autoAssigned: info.autoAssigned as boolean | undefined,
				});
			}
		}
	}
	return out;
}

export async function listAssignments(
	session: BtpSession,
	subaccountGUID: string,
	filter: { serviceName?: string; planName?: string; includeAutoManagedPlans?: boolean } = {},
	step = 'Read assignments of the subaccount',
): Promise<Assignment[]> {
	const key = await session.cisKey();
	const qs: IDataObject = { subaccountGUID, includeAutoManagedPlans: filter.includeAutoManagedPlans ?? true };
	if (filter.serviceName && filter.planName) Object.assign(qs, { serviceName: filter.serviceName, planName: filter.planName });
	const answer = await callApi<IDataObject>(session.ctx, session.transport, session.cisAuth, {
		service: 'entitlements',
		step,
		method: 'GET',
		url: `${key.entitlementsUrl}/entitlements/v1/assignments`,
		qs,
		okStatuses: [204],
		budgetKey: ENDPOINT.assignments,
	});
	return assignmentsOf(answer.status === 204 ? undefined : answer.body, subaccountGUID).filter(
		(a) => (!filter.serviceName || a.serviceName === filter.serviceName) && (!filter.planName || a.planName === filter.planName),
	);
}

/**
 * The assignments of one plan to every subaccount of the global account: one call of
 * `GET /entitlements/v1/assignments` without `subaccountGUID` (SAP's Entitlements Service OpenAPI:
 * the subaccount filter is optional).
 */
export async function listPlanAssignments(session: BtpSession, serviceName: string, planName: string, step: string): Promise<Assignment[]> {
	const key = await session.cisKey();
	const answer = await callApi<IDataObject>(session.ctx, session.transport, session.cisAuth, {
		service: 'entitlements',
		step,
		method: 'GET',
		url: `${key.entitlementsUrl}/entitlements/v1/assignments`,
		qs: { serviceName, planName, includeAutoManagedPlans: true },
		okStatuses: [204],
		budgetKey: ENDPOINT.assignments,
	});
	return assignmentsOf(answer.status === 204 ? undefined : answer.body).filter((a) => a.serviceName === serviceName && a.planName === planName);
}

export async function getAssignment(
	session: BtpSession,
	subaccountGUID: string,
	serviceName: string,
	planName: string,
	step?: string,
	uniqueIdentifier?: string,
) {
	const found = await listAssignments(session, subaccountGUID, { serviceName, planName }, step);
	return (uniqueIdentifier && found.find((a) => a.uniqueIdentifier === uniqueIdentifier)) || found[0];
}

export interface EnsureRequest {
	subaccountGUID: string;
	serviceName: string;
	planName: string;
	/** picks one of several same-name plans (Entitlements `servicePlanUniqueIdentifier`) */
	planUniqueIdentifier?: string;
	/** user's amount for quota plans (0/undefined = keep what is there, at least 1) */
	amountOverride?: number;
	wait: boolean;
	timeoutMs: number;
}

export interface EnsureResult {
	action: 'unchanged' | 'assigned' | 'updated' | 'started';
	mode: 'amount' | 'enable';
	amount?: number;
	enable?: boolean;
	category?: string;
	jobId?: string;
	jobStatus?: string;
	assignment?: Assignment;
	polls?: number;
	/** how many subaccounts the PUT assigned together (batched entitlements, entitlementBatch.ts) */
	batchSize?: number;
}

/**
 * SAP's refusal of an assignment names SAP's fields; the user has to change the node's. When the
 * answer or the input explains it, the error also names the node field and the fix:
 *   409/30015  the global account is not entitled to the plan (#927)
 *   400/30001  several plans of this name; the unique identifier is missing (#930)
 *   400/12003  an amount on a plan that is switched on
 * and any other refusal of a plan the global account does not list.
 */
export function withInputHint(error: unknown, req: EnsureRequest, plan: PlanInfo | undefined, candidates: string[]): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const status = Number(error.httpCode);
	const code = Number(/Backend code: (\S+)/.exec(error.description ?? '')?.[1]);
	const names = `${req.serviceName}/${req.planName}`;
	let hint: string | undefined;
	if (code === CIS_AMBIGUOUS_PLAN && !req.planUniqueIdentifier) {
		hint = `Field: Plan Unique Identifier. The global account has more than one plan named ${names}${candidates.length ? `: ${candidates.join(', ')}` : ''}. Set Plan Unique Identifier to the one to assign (the uniqueIdentifier that Entitlement → Get Many or the cockpit shows).`;
	} else if (code === CIS_NOT_ENTITLED || (!plan && status >= 400 && status < 500 && code !== CIS_AMBIGUOUS_PLAN)) {
		hint = req.planUniqueIdentifier
			? `Field: Plan Unique Identifier / Service Name / Plan Name. The global account has no entitlement for ${names} with unique identifier "${req.planUniqueIdentifier}"${candidates.length ? `; it lists: ${candidates.join(', ')}` : ''}. Check the three fields, or add the plan to the global account first.`
			: `Field: Service Name / Plan Name. The global account has no entitlement for ${names}: check both names (technical names, e.g. SAPCloudALMAPIs / standard) or add the plan to the global account first (global account → Entitlements).`;
	} else if (code === CIS_AMOUNT_ON_ENABLE_PLAN || (req.amountOverride && plan && ENABLE_CATEGORIES.includes(plan.category))) {
		hint = `Field: Amount. ${names}${plan ? ` (category ${plan.category})` : ''} is switched on, not given a quota: set Amount to 0.`;
	}
	if (hint) error.description = [error.description, hint].filter(Boolean).join('\n');
	return error;
}

export const isAssigned = (a: Assignment | undefined) => !!a && a.entityState === 'OK' && a.amount > 0;
export const isLagging = (a: Assignment | undefined) => !!a && (a.entityState === 'STARTED' || a.entityState === 'PROCESSING');

export const WAIT_ASSIGNMENT_STEP = 'Wait for the assignment';

/**
 * After the job: one read of the assignment; polls only while SAP still shows it STARTED or
 * PROCESSING; PROCESSING_FAILED becomes an error carrying SAP's `stateMessage`.
 */
async function waitForAssignment(
	session: BtpSession,
	req: EnsureRequest,
	timeoutMs: number,
	jobId: string | undefined,
): Promise<{ assignment: Assignment | undefined; polls: number }> {
	const names = `${req.serviceName}/${req.planName}`;
	const read = async () =>
		await getAssignment(session, req.subaccountGUID, req.serviceName, req.planName, WAIT_ASSIGNMENT_STEP, req.planUniqueIdentifier);
	let assignment = await read();
	let polls = 0;
	if (isLagging(assignment)) {
		const waited = await pollUntilDone(
			session.node,
			session.transport,
			{
				step: WAIT_ASSIGNMENT_STEP,
				what: `The assignment of ${names} to subaccount ${req.subaccountGUID} (job ${jobId ?? '?'} COMPLETED)`,
				timeoutMs: Math.max(1, timeoutMs),
				resumeHint: 'Run the node again later: it sees the assignment once SAP shows it OK and does not assign twice.',
			},
			async () => {
				const now = await read();
				return isLagging(now) ? { done: false as const, state: now!.entityState } : { done: true as const, value: now };
			},
		);
		assignment = waited.value;
		polls = waited.polls;
	}
	if (assignment?.entityState === 'PROCESSING_FAILED') throw assignmentFailedError(session, req, assignment, jobId);
	return { assignment, polls };
}

/** An assignment SAP shows PROCESSING_FAILED after its job COMPLETED, with SAP's `stateMessage`. */
export function assignmentFailedError(session: BtpSession, req: EnsureRequest, assignment: Assignment, jobId: string | undefined): NodeApiError {
	const names = `${req.serviceName}/${req.planName}`;
	const reason = assignment.stateMessage || 'SAP gave no reason (stateMessage is empty)';
	const message = `Entitlements service could not assign ${names} to subaccount ${req.subaccountGUID}: ${reason}`;
	const description = [
		`Step: ${WAIT_ASSIGNMENT_STEP}`,
		`Job: ${jobId ?? '?'} COMPLETED, but the assignment ended PROCESSING_FAILED`,
		'Run the node again to retry the assignment; if it fails again, check the plan in the cockpit (global account → Entitlements).',
	].join('\n');
	return new NodeApiError(
		session.node,
		{ message, description, step: WAIT_ASSIGNMENT_STEP, entityState: 'PROCESSING_FAILED' } as JsonObject,
		{ message, description },
	);
}

/** Polls an entitlement job (`Location` of the PUT) until it is no longer IN_PROGRESS. */
export async function waitForJob(session: BtpSession, location: string, what: string, timeoutMs: number) {
	return await pollUntilDone(
		session.node,
		session.transport,
		{
			step: 'Wait for the entitlement job',
			what,
			timeoutMs,
			resumeHint: 'Run the node again later: it sees the assignment and does not assign twice.',
		},
		async () => {
			const poll = await callApi<IDataObject>(session.ctx, session.transport, session.cisAuth, {
				service: 'entitlements',
				step: 'Wait for the entitlement job',
				method: 'GET',
				url: location,
				budgetKey: ENDPOINT.jobStatus,
			});
			const status = String(poll.body?.status ?? '');
			return status === 'IN_PROGRESS' || !status ? { done: false as const, state: 'IN_PROGRESS' } : { done: true as const, value: poll.body };
		},
	);
}

/**
 * Assigns the plan if (and only if) needed: an assignment in state OK with the wanted amount
 * means no PUT at all. Amount vs enable follows the plan's category; when the global account
 * does not list the plan, the PUT is sent with an amount so SAP states its own reason.
 */
/** What an assignment needs: nothing (`unchanged`), or this `assignmentInfo` entry. */
export function decideAssignment(req: EnsureRequest, plan: PlanInfo | undefined, current: Assignment | undefined) {
	const mode: 'amount' | 'enable' =
		plan && ENABLE_CATEGORIES.includes(plan.category) && !req.amountOverride ? 'enable' : 'amount';
	const wantedAmount = req.amountOverride ? req.amountOverride : Math.max(1, current?.amount ?? 0);
	const base = { mode, category: plan?.category };
	const unchanged: EnsureResult | undefined =
		isAssigned(current) && (mode === 'enable' || current!.amount === wantedAmount)
			? { ...base, action: 'unchanged', amount: current!.amount, enable: mode === 'enable' ? true : undefined, assignment: current }
			: undefined;
	const info: IDataObject = { subaccountGUID: req.subaccountGUID };
	if (mode === 'enable') info.enable = true;
	else info.amount = wantedAmount;
	return { mode, wantedAmount, base, unchanged, info, action: (current ? 'updated' : 'assigned') as EnsureResult['action'] };
}

/** One `subaccountServicePlans` entry of the PUT: the plan and its `assignmentInfo` (one or many subaccounts). */
export function planEntry(req: EnsureRequest, plan: PlanInfo | undefined, infos: IDataObject[]): IDataObject {
	const candidates = plan?.uniqueIdentifiers ?? [];
	const entry: IDataObject = { serviceName: req.serviceName, servicePlanName: req.planName, assignmentInfo: infos };
	// the user's identifier; else the plan's when it is the only one of its name. With several, none
	// is guessed: SAP resolves by the subaccount's region, or answers 30001 naming the problem
	const unique = req.planUniqueIdentifier ?? (candidates.length === 1 ? plan?.uniqueIdentifier : undefined);
	if (unique) entry.servicePlanUniqueIdentifier = unique;
	return entry;
}

/**
 * The one PUT of assignments (`subaccountServicePlans`, one plan entry with one or many `assignmentInfo`
 * entries). Amounts are absolute, so repeating it is harmless and the transport retries it (also on
 * the 30004 lock). Used by a single assignment, the batcher and lowering an entitlement.
 */
export async function putPlanAssignments(session: BtpSession, entry: IDataObject, step: string, what: string) {
	const key = await session.cisKey();
	return await callApi(session.ctx, session.transport, session.cisAuth, {
		service: 'entitlements',
		step,
		method: 'PUT',
		url: `${key.entitlementsUrl}/entitlements/v1/subaccountServicePlans`,
		body: { subaccountServicePlans: [entry] },
		what,
		budgetKey: ENDPOINT.assign,
	});
}

export async function ensureEntitlement(session: BtpSession, req: EnsureRequest): Promise<EnsureResult> {
	// two independent reads: side by side, not one after the other (issue 7: critical path)
	const [plan, current] = await Promise.all([
		getPlanInfo(session, req.serviceName, req.planName, req.planUniqueIdentifier),
		getAssignment(session, req.subaccountGUID, req.serviceName, req.planName, undefined, req.planUniqueIdentifier),
	]);
	const candidates = plan?.uniqueIdentifiers ?? [];
	const decision = decideAssignment(req, plan, current);
	const { mode, wantedAmount, base } = decision;
	if (decision.unchanged) return decision.unchanged;

	const entry: IDataObject = planEntry(req, plan, [decision.info]);
	const answer = await putPlanAssignments(
		session,
		entry,
		'Assign entitlement',
		`assigning ${req.serviceName}/${req.planName} to subaccount ${req.subaccountGUID}`,
	).catch((error: unknown) => {
		throw withInputHint(error, req, plan, candidates);
	});
	const action = decision.action;
	const location = locationOf(answer);
	const jobId = location ? /jobs\/([^/]+)\/status/.exec(location)?.[1] : undefined;
	const result: EnsureResult = {
		...base,
		action,
		amount: mode === 'amount' ? wantedAmount : undefined,
		enable: mode === 'enable' ? true : undefined,
		jobId,
	};
	if (!req.wait) return { ...result, action: 'started', jobStatus: 'IN_PROGRESS' };
	const started = Date.now();
	if (location) {
		const job = await waitForJob(session, location, `Entitlement job ${jobId ?? ''} (${req.serviceName}/${req.planName} → ${req.subaccountGUID})`, req.timeoutMs);
		result.jobStatus = String(job.value?.status);
		result.polls = job.polls;
		if (result.jobStatus === 'FAILED') {
			const reason = String(job.value?.description ?? 'the job failed without a description');
			const message = `Entitlements service could not assign ${req.serviceName}/${req.planName} to subaccount ${req.subaccountGUID}: ${reason}`;
			const description = `Step: Wait for the entitlement job\nJob: ${jobId ?? '?'} FAILED\nRun the node again to retry the assignment.`;
			throw new NodeApiError(session.node, { message, description } as JsonObject, { message, description });
		}
	}
	// SAP's COMPLETED is not the end: the assignment can still be STARTED/PROCESSING (see header)
	const waited = await waitForAssignment(session, req, req.timeoutMs - (Date.now() - started), jobId);
	result.assignment = waited.assignment;
	result.polls = (result.polls ?? 0) + waited.polls;
	return result;
}

export interface ReleaseResult {
	action: 'reduced' | 'removed';
	amount?: number;
	jobId?: string;
	jobStatus?: string;
}

/**
 * Lowers a subaccount's assignment of a plan: a quota plan to `amount` (0 removes the assignment),
 * a plan that is switched on is switched off (`enable: false`) — the Entitlements service's own
 * way (SAP's Entitlements Service OpenAPI, PUT /entitlements/v1/subaccountServicePlans:
 * assignmentInfo `amount` / `enable`; the BTP cockpit's "Remove"). Waits for the job and for the
 * assignment to leave STARTED/PROCESSING.
 */
export async function releaseEntitlement(
	session: BtpSession,
	req: { subaccountGUID: string; serviceName: string; planName: string; uniqueIdentifier?: string; mode: 'amount' | 'enable'; amount: number; timeoutMs: number },
): Promise<ReleaseResult> {
	const info: IDataObject = { subaccountGUID: req.subaccountGUID };
	if (req.mode === 'enable') info.enable = false;
	else info.amount = req.amount;
	const entry: IDataObject = { serviceName: req.serviceName, servicePlanName: req.planName, assignmentInfo: [info] };
	if (req.uniqueIdentifier) entry.servicePlanUniqueIdentifier = req.uniqueIdentifier;
	const names = `${req.serviceName}/${req.planName}`;
	const answer = await putPlanAssignments(session, entry, 'Lower the entitlement', `lowering ${names} of subaccount ${req.subaccountGUID}`);
	const location = locationOf(answer);
	const jobId = location ? /jobs\/([^/]+)\/status/.exec(location)?.[1] : undefined;
	const started = Date.now();
	let jobStatus: string | undefined;
	if (location) {
		const job = await waitForJob(session, location, `Entitlement job ${jobId ?? ''} (lower ${names} of ${req.subaccountGUID})`, req.timeoutMs);
		jobStatus = String(job.value?.status);
		if (jobStatus === 'FAILED') {
			const reason = String(job.value?.description ?? 'the job failed without a description');
			const message = `Entitlements service could not lower ${names} of subaccount ${req.subaccountGUID}: ${reason}`;
			const description = `Step: Wait for the entitlement job\nJob: ${jobId ?? '?'} FAILED\nRun the node again to retry: what is already deleted stays deleted.`;
			throw new NodeApiError(session.node, { message, description } as JsonObject, { message, description });
		}
	}
	const ensure: EnsureRequest = { subaccountGUID: req.subaccountGUID, serviceName: req.serviceName, planName: req.planName, planUniqueIdentifier: req.uniqueIdentifier, wait: true, timeoutMs: req.timeoutMs };
	await waitForAssignment(session, ensure, req.timeoutMs - (Date.now() - started), jobId);
	const removed = req.mode === 'enable' || req.amount === 0;
	return { action: removed ? 'removed' : 'reduced', amount: req.mode === 'amount' ? req.amount : undefined, jobId, jobStatus };
}
