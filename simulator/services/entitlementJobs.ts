/**
 * Jobs of the CIS Entitlements service: what a `PUT /entitlements/v1/subaccountServicePlans` starts
 * and `GET /jobs-management/v1/jobs/{id}/status` (in `cis.ts`) reports.
 *
 * Jobs are settled lazily (`settleEntitlementJobs`): while running, an assignment shows
 * `STARTED` (first half of `profile.entitlementJobMs`) then `PROCESSING`, with `requestedAmount`.
 * After the job says COMPLETED the assignment can still lag: it stays PROCESSING for
 * `profile.assignmentLagMs`, then turns OK, or PROCESSING_FAILED with a `stateMessage` (fault
 * `assignmentFailure`). Source: SAP's terraform provider waits for `entityState` OK after the job
 * and turns PROCESSING_FAILED into an error (SAP/terraform-provider-btp
 * btp/provider/resource_subaccount_entitlement.go, `createStateConf`: Pending STARTED/PROCESSING,
 * Target OK); assignments can stay PROCESSING (terraform-provider-btp issue #1658).
 */
import type { EntitlementJob, SimContext } from '../state';
import { recordEntitlementsUpdated } from './accountEvents';

export type Change = EntitlementJob['changes'][number];

const OK_MESSAGE = 'Succeeded to update assignment of service plan.';
const RUNNING_MESSAGE = 'Updating assignment of service plan is in progress.';

export type PlanOfSubaccount = {
	serviceName: string;
	planName: string;
	uniqueIdentifier?: string;
	subaccountGUID: string;
};
/** Whether two entries name the same plan of the same subaccount (a missing unique identifier matches any). */
export const isFor = (a: PlanOfSubaccount, c: PlanOfSubaccount) =>
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
	// the Events service reports a completed assignment as SubaccountEntitlements_Update (accountEvents.ts)
	if (job.outcome === 'COMPLETED') recordEntitlementsUpdated(sim, job, job.previousAmounts ?? []);
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

/** Starts ONE job for all changes of a PUT and marks their assignments STARTED. */
export function startJob(sim: SimContext, changes: Change[], badEntry?: string): EntitlementJob {
	const now = sim.now();
	const failed = !!badEntry || (sim.faults.asyncFailure > 0 && sim.random() < sim.faults.asyncFailure);
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
	if (badEntry) {
		job.failureMessage = `Failed to update the assignments of the job: ${badEntry}`;
	} else if (failed) {
		job.failureMessage = `Failed to update assignment of service plan '${c.planName}' of service '${c.serviceName}' for subaccount '${c.subaccountGUID}': the service broker did not confirm the assignment (simulated failure)`;
	}
	if (assignmentFailed) {
		job.assignmentFailureMessage = `Failed to update assignment of service plan '${c.planName}' of service '${c.serviceName}' for subaccount '${c.subaccountGUID}': the provisioning of the service plan in the subaccount failed (simulated failure)`;
	}
	sim.state.jobs.push(job);
	job.previousAmounts = changes.map((change) => sim.state.assignments.find((x) => isFor(x, change))?.amount ?? 0);
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
