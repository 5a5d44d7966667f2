/**
 * Entitlements service (contract §3.5): plan facts of the global account (category decides
 * `amount` vs `enable`), a subaccount's assignments, and assigning a plan with the job polled to
 * its end. `ensureEntitlement` is used by "Entitlement → Configure" and by "Enable Cloud ALM API".
 */
import { NodeApiError, type IDataObject, type JsonObject } from 'n8n-workflow';
import { callApi, locationOf, pollUntilDone } from '../../shared/transport';
import type { BtpSession } from './session';

/** Categories whose plans are switched on with `enable` rather than given an `amount` (§3.5.1). */
export const ENABLE_CATEGORIES = ['ELASTIC_SERVICE', 'ELASTIC_LIMITED', 'APPLICATION'];

export interface PlanInfo {
	serviceName: string;
	planName: string;
	category: string;
	uniqueIdentifier?: string;
	amount?: number;
	remainingAmount?: number;
	unlimited?: boolean;
	maxAllowedSubaccountQuota?: number | null;
}

export interface Assignment {
	serviceName: string;
	planName: string;
	category?: string;
	subaccountGUID: string;
	amount: number;
	requestedAmount?: number;
	entityState: string;
	stateMessage?: string;
	autoAssigned?: boolean;
}

const list = (v: unknown): IDataObject[] => (Array.isArray(v) ? (v as IDataObject[]) : []);

/** What the global account is entitled to for service/plan; undefined when it is not. Once per run. */
export async function getPlanInfo(session: BtpSession, serviceName: string, planName: string): Promise<PlanInfo | undefined> {
	return await session.once('planInfo', `${serviceName}/${planName}`, async () => {
		const key = await session.cisKey();
		const answer = await callApi<IDataObject>(session.ctx, session.transport, session.cisAuth, {
			service: 'entitlements',
			step: 'Read plan of the global account',
			method: 'GET',
			url: `${key.entitlementsUrl}/entitlements/v1/globalAccountAssignments`,
			qs: { serviceName, planName, entitledServicesOnly: true, includeAutoManagedPlans: true },
			okStatuses: [204],
		});
		const service = list(answer.body?.entitledServices).find((s) => s.name === serviceName);
		const plan = list(service?.servicePlans).find((p) => p.name === planName);
		if (!plan) return undefined;
		return {
			serviceName,
			planName,
			category: String(plan.category ?? ''),
			uniqueIdentifier: plan.uniqueIdentifier as string | undefined,
			amount: plan.amount as number | undefined,
			remainingAmount: plan.remainingAmount as number | undefined,
			unlimited: plan.unlimited as boolean | undefined,
			maxAllowedSubaccountQuota: plan.maxAllowedSubaccountQuota as number | null | undefined,
		};
	});
}

function assignmentsOf(body: IDataObject | undefined, subaccountGUID: string): Assignment[] {
	const out: Assignment[] = [];
	for (const service of list(body?.assignedServices)) {
		for (const plan of list(service.servicePlans)) {
			for (const info of list(plan.assignmentInfo)) {
				if (info.entityId !== subaccountGUID) continue;
				out.push({
					serviceName: String(service.name),
					planName: String(plan.name),
					category: plan.category as string | undefined,
					subaccountGUID,
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
): Promise<Assignment[]> {
	const key = await session.cisKey();
	const qs: IDataObject = { subaccountGUID, includeAutoManagedPlans: filter.includeAutoManagedPlans ?? true };
	if (filter.serviceName && filter.planName) Object.assign(qs, { serviceName: filter.serviceName, planName: filter.planName });
	const answer = await callApi<IDataObject>(session.ctx, session.transport, session.cisAuth, {
		service: 'entitlements',
		step: 'Read assignments of the subaccount',
		method: 'GET',
		url: `${key.entitlementsUrl}/entitlements/v1/assignments`,
		qs,
		okStatuses: [204],
	});
	return assignmentsOf(answer.status === 204 ? undefined : answer.body, subaccountGUID).filter(
		(a) => (!filter.serviceName || a.serviceName === filter.serviceName) && (!filter.planName || a.planName === filter.planName),
	);
}

export async function getAssignment(session: BtpSession, subaccountGUID: string, serviceName: string, planName: string) {
	return (await listAssignments(session, subaccountGUID, { serviceName, planName }))[0];
}

export interface EnsureRequest {
	subaccountGUID: string;
	serviceName: string;
	planName: string;
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
}

/**
 * SAP's 400 on an assignment names SAP's fields; the user has to change the node's. When the
 * input explains the refusal (a plan the global account does not list, an amount on a plan that
 * is switched on), the error also names the node field and the fix.
 */
function withInputHint(error: unknown, req: EnsureRequest, plan: PlanInfo | undefined): unknown {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return error;
	let hint: string | undefined;
	if (!plan) {
		hint = `Field: Service Name / Plan Name. The global account has no entitlement for ${req.serviceName}/${req.planName}: check both names (technical names, e.g. SAPCloudALMAPIs / standard) or add the plan to the global account first.`;
	} else if (req.amountOverride && ENABLE_CATEGORIES.includes(plan.category)) {
		hint = `Field: Amount. ${req.serviceName}/${req.planName} (category ${plan.category}) is switched on, not given a quota: set Amount to 0.`;
	}
	if (hint) error.description = [error.description, hint].filter(Boolean).join('\n');
	return error;
}

const isAssigned = (a: Assignment | undefined) => !!a && a.entityState === 'OK' && a.amount > 0;

/**
 * Assigns the plan if (and only if) needed: an assignment in state OK with the wanted amount
 * means no PUT at all. Amount vs enable follows the plan's category; when the global account
 * does not list the plan, the PUT is sent with an amount so SAP states its own reason.
 */
export async function ensureEntitlement(session: BtpSession, req: EnsureRequest): Promise<EnsureResult> {
	// two independent reads: side by side, not one after the other (issue 7: critical path)
	const [plan, current] = await Promise.all([
		getPlanInfo(session, req.serviceName, req.planName),
		getAssignment(session, req.subaccountGUID, req.serviceName, req.planName),
	]);
	const mode: 'amount' | 'enable' =
		plan && ENABLE_CATEGORIES.includes(plan.category) && !req.amountOverride ? 'enable' : 'amount';
	const wantedAmount = req.amountOverride ? req.amountOverride : Math.max(1, current?.amount ?? 0);
	const base = { mode, category: plan?.category };
	if (isAssigned(current) && (mode === 'enable' || current!.amount === wantedAmount)) {
		return { ...base, action: 'unchanged', amount: current!.amount, enable: mode === 'enable' ? true : undefined, assignment: current };
	}

	const key = await session.cisKey();
	const info: IDataObject = { subaccountGUID: req.subaccountGUID };
	if (mode === 'enable') info.enable = true;
	else info.amount = wantedAmount;
	const entry: IDataObject = { serviceName: req.serviceName, servicePlanName: req.planName, assignmentInfo: [info] };
	if (plan?.uniqueIdentifier) entry.servicePlanUniqueIdentifier = plan.uniqueIdentifier;
	const answer = await callApi(session.ctx, session.transport, session.cisAuth, {
		service: 'entitlements',
		step: 'Assign entitlement',
		method: 'PUT', // absolute amount: repeating it is harmless, so it is retried (also on the 30004 lock)
		url: `${key.entitlementsUrl}/entitlements/v1/subaccountServicePlans`,
		body: { subaccountServicePlans: [entry] },
		what: `assigning ${req.serviceName}/${req.planName} to subaccount ${req.subaccountGUID}`,
	}).catch((error: unknown) => {
		throw withInputHint(error, req, plan);
	});
	const action = current ? 'updated' : 'assigned';
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
	if (location) {
		const job = await pollUntilDone(
			session.node,
			session.transport,
			{
				step: 'Wait for the entitlement job',
				what: `Entitlement job ${jobId ?? ''} (${req.serviceName}/${req.planName} → ${req.subaccountGUID})`,
				timeoutMs: req.timeoutMs,
				resumeHint: 'Run the node again later: it sees the assignment and does not assign twice.',
			},
			async () => {
				const poll = await callApi<IDataObject>(session.ctx, session.transport, session.cisAuth, {
					service: 'entitlements',
					step: 'Wait for the entitlement job',
					method: 'GET',
					url: location,
				});
				const status = String(poll.body?.status ?? '');
				return status === 'IN_PROGRESS' || !status ? { done: false as const, state: 'IN_PROGRESS' } : { done: true as const, value: poll.body };
			},
		);
		result.jobStatus = String(job.value?.status);
		result.polls = job.polls;
		if (result.jobStatus === 'FAILED') {
			const reason = String(job.value?.description ?? 'the job failed without a description');
			const message = `Entitlements service could not assign ${req.serviceName}/${req.planName} to subaccount ${req.subaccountGUID}: ${reason}`;
			const description = `Step: Wait for the entitlement job\nJob: ${jobId ?? '?'} FAILED\nRun the node again to retry the assignment.`;
			throw new NodeApiError(session.node, { message, description } as JsonObject, { message, description });
		}
		if (result.jobStatus === 'COMPLETED') {
			// the job's COMPLETED is SAP's confirmation: reading the assignment again would only add a
			// call after the job, on every chain's critical path (issue 7)
			result.assignment = {
				serviceName: req.serviceName,
				planName: req.planName,
				category: plan?.category,
				subaccountGUID: req.subaccountGUID,
				amount: mode === 'enable' ? 1 : wantedAmount, // SAP lists an enabled plan with amount 1
				entityState: 'OK',
			};
			return result;
		}
	}
	// no job to follow, or a job state we do not know: read what SAP shows
	result.assignment = await getAssignment(session, req.subaccountGUID, req.serviceName, req.planName);
	return result;
}
