/**
 * Batched entitlements (issue 17): the subaccounts of one execution are assigned a plan in a few
 * `PUT /entitlements/v1/subaccountServicePlans` calls, each carrying many `assignmentInfo` entries,
 * with one job poll loop per batch, instead of one PUT and one poll loop per subaccount.
 *
 * Why: the Cloud Management service limits every endpoint per caller (SAP-docs/btp-cloud-platform
 * docs/50-administration-and-ops/rate-limiting-77b217b.md), and all subaccounts are assigned with
 * the one central key, so per-subaccount PUTs, polls and reads queue behind one another on the same
 * three endpoints. `assignmentInfo` is an array: one PUT may assign many subaccounts (SAP's
 * "Entitlements Service" OpenAPI `SubaccountServicePlansRequestPayloadCollection`; SAP's own clients
 * send several entries per call: SAP-samples teched2023 part 3, SAP-samples btp-setup-automator).
 * SAP documents no maximum number of entries per PUT: the batch size is an option of Enable.
 *
 * Reads: the global account's assignments of the one plan in ONE call
 * (`GET /entitlements/v1/assignments?serviceName&planName`, without `subaccountGUID`: "whole global
 * account" per the spec) before the batches, and once per finished batch (reads of batches that end
 * together are shared), instead of one read per subaccount before and after.
 *
 * A batch SAP refuses (4xx on the PUT: SAP validates the whole payload, so one unknown subaccount or
 * one amount above the plan's per-subaccount cap refuses all) or whose job ends FAILED is split in
 * two and each half is sent again, down to the one entry that fails: that item gets SAP's error,
 * every other item its assignment. An entry SAP shows PROCESSING_FAILED after a COMPLETED job fails
 * only its own item (SAP names the subaccount in the state, so nothing needs splitting).
 */
import { NodeApiError, sleep, type IDataObject } from 'n8n-workflow';
import { locationOf, pollUntilDone } from '../../shared/transport';
import {
	assignmentFailedError,
	decideAssignment,
	getPlanInfo,
	isLagging,
	listPlanAssignments,
	putPlanAssignments,
	planEntry,
	waitForJob,
	withInputHint,
	WAIT_ASSIGNMENT_STEP,
	type Assignment,
	type EnsureRequest,
	type EnsureResult,
	type PlanInfo,
} from './entitlements';
import type { BtpSession } from './session';

/** Default of Enable's "Entitlement Batch Size": SAP publishes no maximum; 100 keeps a PUT about 6 KB and a split short (7 halvings). */
export const DEFAULT_ENTITLEMENT_BATCH_SIZE = 100;
/** How long the first entry of a batch waits for others before the PUT is sent (items of one execution arrive together). */
const LINGER_MS = 50;

interface Entry {
	req: EnsureRequest;
	info: IDataObject;
	result: EnsureResult;
	resolve: (r: EnsureResult) => void;
	reject: (e: unknown) => void;
}

export interface BatchStats {
	/** PUTs sent (a split batch counts each half) */
	puts: number;
	splits: number;
	reads: number;
}

/** Statuses that concern the whole request, not one entry of it: splitting would not help. */
const WHOLE_REQUEST = [401, 403, 429];

export class EntitlementBatcher {
	readonly stats: BatchStats = { puts: 0, splits: 0, reads: 0 };
	private queue: Entry[] = [];
	private lingering = false;
	private readonly started = new Map<string, Promise<EnsureResult>>();
	private reading: { startedAt: number; value: Promise<Map<string, Assignment>> } | undefined;
	private snapshot: Promise<Map<string, Assignment>> | undefined;

	constructor(
		private readonly session: BtpSession,
		private readonly serviceName: string,
		private readonly planName: string,
		private readonly batchSize = DEFAULT_ENTITLEMENT_BATCH_SIZE,
	) {}

	/**
	 * Starts (once per subaccount) what `ensureEntitlement` does for one, as part of a batch; the
	 * item takes the result with `resultFor`. A failure is kept for its item, never unhandled.
	 */
	start(req: Omit<EnsureRequest, 'serviceName' | 'planName'>): Promise<EnsureResult> {
		let pending = this.started.get(req.subaccountGUID);
		if (!pending) {
			pending = this.ensure({ ...req, serviceName: this.serviceName, planName: this.planName });
			pending.catch(() => undefined);
			this.started.set(req.subaccountGUID, pending);
		}
		return pending;
	}

	resultFor(subaccountGUID: string): Promise<EnsureResult> | undefined {
		return this.started.get(subaccountGUID);
	}

	private async ensure(req: EnsureRequest): Promise<EnsureResult> {
		const [plan, current] = await Promise.all([
			getPlanInfo(this.session, req.serviceName, req.planName, req.planUniqueIdentifier),
			this.current().then((all) => all.get(req.subaccountGUID)),
		]);
		const decision = decideAssignment(req, plan, current);
		if (decision.unchanged) return decision.unchanged;
		const result: EnsureResult = {
			...decision.base,
			action: decision.action,
			amount: decision.mode === 'amount' ? decision.wantedAmount : undefined,
			enable: decision.mode === 'enable' ? true : undefined,
		};
		return await new Promise<EnsureResult>((resolve, reject) => {
			this.queue.push({ req, info: decision.info, result, resolve, reject });
			this.schedule(plan);
		});
	}

	/** The plan's assignments of every subaccount before any change: one read for the execution. */
	private async current(): Promise<Map<string, Assignment>> {
		if (!this.snapshot) {
			this.snapshot = this.readAll('Read assignments of the plan');
			// a failed read is not kept: the next item reads again
			this.snapshot.catch(() => (this.snapshot = undefined));
		}
		return await this.snapshot;
	}

	private async readAll(step: string): Promise<Map<string, Assignment>> {
		this.stats.reads++;
		const all = await listPlanAssignments(this.session, this.serviceName, this.planName, step);
		return new Map(all.map((a) => [a.subaccountGUID, a]));
	}

	/** A read that started after `after` (ms): batches whose jobs end together share one. */
	private async readAfter(after: number): Promise<Map<string, Assignment>> {
		if (!this.reading || this.reading.startedAt < after) {
			const value = this.readAll(WAIT_ASSIGNMENT_STEP);
			value.catch(() => undefined);
			this.reading = { startedAt: Date.now(), value };
		}
		return await this.reading.value;
	}

	private schedule(plan: PlanInfo | undefined) {
		while (this.queue.length >= this.batchSize) this.send(this.queue.splice(0, this.batchSize), plan);
		if (this.queue.length && !this.lingering) {
			this.lingering = true;
			void sleep(LINGER_MS).then(() => {
				this.lingering = false;
				while (this.queue.length) this.send(this.queue.splice(0, this.batchSize), plan);
			});
		}
	}

	private send(entries: Entry[], plan: PlanInfo | undefined) {
		this.runBatch(entries, plan).catch((error: unknown) => {
			for (const e of entries) e.reject(error);
		});
	}

	/** Splits a failed batch in two and sends both halves; one entry alone gets SAP's error. */
	private retrySplit(entries: Entry[], plan: PlanInfo | undefined, error: unknown): void {
		if (entries.length === 1) {
			entries[0].reject(withInputHint(error, entries[0].req, plan, plan?.uniqueIdentifiers ?? []));
			return;
		}
		this.stats.splits++;
		const half = Math.ceil(entries.length / 2);
		this.send(entries.slice(0, half), plan);
		this.send(entries.slice(half), plan);
	}

	private async runBatch(entries: Entry[], plan: PlanInfo | undefined): Promise<void> {
		const first = entries[0].req;
		const guids = entries.map((e) => e.req.subaccountGUID);
		const what =
			entries.length === 1
				? `assigning ${first.serviceName}/${first.planName} to subaccount ${first.subaccountGUID}`
				: `assigning ${first.serviceName}/${first.planName} to ${entries.length} subaccounts (${guids[0]} … ${guids[guids.length - 1]})`;
		let answer;
		try {
			this.stats.puts++;
			answer = await putPlanAssignments(this.session, planEntry(first, plan, entries.map((e) => e.info)), 'Assign entitlement', what);
		} catch (error) {
			const status = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
			if (status >= 400 && status < 500 && !WHOLE_REQUEST.includes(status)) return this.retrySplit(entries, plan, error);
			for (const e of entries) e.reject(withInputHint(error, e.req, plan, plan?.uniqueIdentifiers ?? []));
			return;
		}
		const location = locationOf(answer);
		const jobId = location ? /jobs\/([^/]+)\/status/.exec(location)?.[1] : undefined;
		const started = Date.now();
		let polls = 0;
		let jobStatus: string | undefined;
		if (location) {
			const job = await waitForJob(this.session, location, `Entitlement job ${jobId ?? ''} (${what})`, first.timeoutMs);
			polls = job.polls;
			jobStatus = String(job.value?.status);
			if (jobStatus === 'FAILED') {
				const reason = String(job.value?.description ?? 'the job failed without a description');
				const message = `Entitlements service could not assign ${first.serviceName}/${first.planName}${entries.length === 1 ? ` to subaccount ${first.subaccountGUID}` : ` (a batch of ${entries.length})`}: ${reason}`;
				const description = `Step: Wait for the entitlement job\nJob: ${jobId ?? '?'} FAILED\nRun the node again to retry the assignment.`;
				return this.retrySplit(entries, plan, new NodeApiError(this.session.node, { message, description }, { message, description }));
			}
		}
		// SAP's COMPLETED is not the end (entitlements.ts): read until no entry of the batch is STARTED/PROCESSING
		const jobEnded = Date.now();
		const lagging = (all: Map<string, Assignment>) => guids.some((g) => isLagging(all.get(g)));
		let all = await this.readAfter(jobEnded);
		if (lagging(all)) {
			const waited = await pollUntilDone(
				this.session.node,
				this.session.transport,
				{
					step: WAIT_ASSIGNMENT_STEP,
					what: `The assignments of ${first.serviceName}/${first.planName} (job ${jobId ?? '?'} COMPLETED)`,
					timeoutMs: Math.max(1, first.timeoutMs - (Date.now() - started)),
					resumeHint: 'Run the node again later: it sees the assignment once SAP shows it OK and does not assign twice.',
				},
				async () => {
					const now = await this.readAfter(Date.now());
					return lagging(now) ? { done: false as const, state: 'PROCESSING' } : { done: true as const, value: now };
				},
			);
			all = waited.value;
			polls += waited.polls;
		}
		for (const e of entries) {
			const assignment = all.get(e.req.subaccountGUID);
			if (assignment?.entityState === 'PROCESSING_FAILED') {
				e.reject(assignmentFailedError(this.session, e.req, assignment, jobId));
				continue;
			}
			e.resolve({ ...e.result, jobId, jobStatus, assignment, polls, batchSize: entries.length });
		}
	}
}
