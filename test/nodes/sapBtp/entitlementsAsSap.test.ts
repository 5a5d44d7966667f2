/**
 * Issue 11, item 5 and 8: the SAP BTP node against Entitlements as SAP runs them (the simulator's
 * default profile): 409/30015 and 400/30001 with the node field to change, an assignment that lags
 * its COMPLETED job (waited out, or PROCESSING_FAILED's reason surfaced), CIS 429s with
 * `X-Ratelimit-Reset` honoured by every item of a batch, and every error naming its step.
 */
import type { IDataObject } from 'n8n-workflow';
import { useSimulator } from '../../../simulator/testkit';
import type { LogEntry } from '../../../simulator/http';
import { DEFAULT_PROFILE } from '../../../simulator/profile';
import { SUBACCOUNT_IDS, customerGuid } from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, setFaults, setProfile, simState } from './harness';

// the default profile (assignment lag 100 ms) with fast jobs and the CIS limiter off; tests set their own
const sim = useSimulator({ reset: { customers: 6 }, profile: { ...DEFAULT_PROFILE, ...FAST_PROFILE }, faults: NO_FAULTS });

const DEV = SUBACCOUNT_IDS.dev;
const configure = (extra: IDataObject = {}): IDataObject => ({
	resource: 'entitlement',
	operation: 'configure',
	subaccount: rl(DEV),
	serviceName: 'SAPCloudALMAPIs',
	planName: 'standard',
	...extra,
});
const label = (c: Pick<LogEntry, 'method' | 'route'>) => `${c.method} ${c.route}`;
const assignmentOf = async (guid: string, service = 'SAPCloudALMAPIs') =>
	((await simState(sim)).assignments as IDataObject[]).find((a) => a.subaccountGUID === guid && a.serviceName === service);

describe('plans SAP cannot resolve: the error names the node field', () => {
	it('409/30015 (global account not entitled): SAP\'s reason and code, Field: Service Name / Plan Name, nothing assigned', async () => {
		const run = await runBtp(sim, configure({ planName: 'gold' }), { continueOnFail: true });
		const item = run.out[0];
		expect(item.httpCode).toBe('409');
		expect(item.error).toMatch(/\(code 30015\): Cannot assign service SAPCloudALMAPIs and plan gold to subaccount .*not entitled to this service plan\.$/);
		expect(item.step).toBe('Assign entitlement');
		expect(item.description).toContain('Field: Service Name / Plan Name. The global account has no entitlement for SAPCloudALMAPIs/gold');
		expect(item.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
		expect(await assignmentOf(DEV)).toBeUndefined();
	});

	it('400/30001 (same-name plans, no unique identifier): Field: Plan Unique Identifier with the candidates; with it the plan is assigned', async () => {
		const run = await runBtp(sim, configure({ serviceName: 'hana-cloud', planName: 'hana' }), { continueOnFail: true });
		const item = run.out[0];
		expect(item.httpCode).toBe('400');
		expect(item.error).toContain('(code 30001): More than one plan exists for service name hana-cloud and plan name hana in the same region.');
		expect(item.step).toBe('Assign entitlement');
		expect(item.description).toContain(
			'Field: Plan Unique Identifier. The global account has more than one plan named hana-cloud/hana: hana-cloud-hana, hana-cloud-hana-byol.',
		);
		// the node did not pick one of the two on its own
		expect(run.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);

		const fixed = await runBtp(sim, configure({ serviceName: 'hana-cloud', planName: 'hana', planUniqueIdentifier: 'hana-cloud-hana', amount: 2 }));
		expect(fixed.error).toBeUndefined();
		expect(fixed.out[0]).toMatchObject({ action: 'assigned', planUniqueIdentifier: 'hana-cloud-hana', amount: 2, entityState: 'OK' });
		expect(await assignmentOf(DEV, 'hana-cloud')).toMatchObject({ uniqueIdentifier: 'hana-cloud-hana', amount: 2, entityState: 'OK' });
	});
});

describe('the assignment lags its COMPLETED job', () => {
	it('is waited out: the node reports OK only once SAP shows OK (one read after the job, polls while PROCESSING)', async () => {
		// SAP's lag has no documented bound. A fixed one (1.5 s) raced a loaded machine, whose slow job poll could
		// see COMPLETED only after the assignment was already OK; here the assignment turns OK right after the
		// node's first read of it after the job (which therefore saw PROCESSING), on any machine
		await setProfile(sim, { ...FAST_PROFILE, entitlementJobMs: 100, assignmentLagMs: 600_000 });
		const add = sim.log.add.bind(sim.log);
		let jobPolled = false;
		let seenAfterJob: string | undefined;
		sim.log.add = (e) => {
			add(e);
			if (e.route === '/jobs-management/v1/jobs/:id/status') jobPolled = true;
			else if (jobPolled && seenAfterJob === undefined && label(e) === 'GET /entitlements/v1/assignments') {
				seenAfterJob = sim.context.state.assignments.find((a) => a.subaccountGUID === DEV && a.serviceName === 'SAPCloudALMAPIs')?.entityState;
				for (const job of sim.context.state.jobs) job.assignmentsAt = Math.min(job.assignmentsAt, sim.context.now());
			}
		};
		const run = await runBtp(sim, configure()).finally(() => {
			sim.log.add = add;
		});
		expect(run.error).toBeUndefined();
		expect(run.out[0]).toMatchObject({ action: 'assigned', entityState: 'OK', amount: 1, job: { status: 'COMPLETED' } });
		// the node did not stop at the job: its first read after COMPLETED saw PROCESSING, and it read again
		expect(seenAfterJob).toBe('PROCESSING');
		const reads = run.calls.filter((c) => label(c) === 'GET /entitlements/v1/assignments');
		const lastJobPoll = run.calls.filter((c) => c.route === '/jobs-management/v1/jobs/:id/status').pop()!;
		const afterJob = reads.filter((c) => c.seq > lastJobPoll.seq);
		expect(afterJob.length).toBeGreaterThanOrEqual(2);
		// SAP turned it OK at modifiedDate: the node's OK comes from a read that SAP answered after that
		const assignment = await assignmentOf(DEV);
		expect(assignment).toMatchObject({ entityState: 'OK', amount: 1 });
		const last = afterJob[afterJob.length - 1];
		expect(last.at + last.durationMs).toBeGreaterThanOrEqual(Number(assignment!.modifiedDate));
		expect(Number(assignment!.modifiedDate)).toBeGreaterThanOrEqual(lastJobPoll.at);
	});

	it('PROCESSING_FAILED after a COMPLETED job: SAP\'s stateMessage is the error, in step "Wait for the assignment"', async () => {
		await setFaults(sim, { ...NO_FAULTS, assignmentFailure: 1 });
		const run = await runBtp(sim, configure(), { continueOnFail: true });
		const item = run.out[0];
		expect(item.step).toBe('Wait for the assignment');
		expect(item.error).toMatch(
			/^Entitlements service could not assign SAPCloudALMAPIs\/standard to subaccount .*: Failed to update assignment of service plan 'standard' of service 'SAPCloudALMAPIs' .*\(simulated failure\)$/,
		);
		expect(item.description).toContain('COMPLETED, but the assignment ended PROCESSING_FAILED');
		expect(await assignmentOf(DEV)).toMatchObject({ entityState: 'PROCESSING_FAILED' });
	});

	it('stuck in PROCESSING (terraform-provider-btp #1658): the wait timeout says what is still running and how to resume', async () => {
		await setProfile(sim, { ...FAST_PROFILE, entitlementJobMs: 0, assignmentLagMs: 600_000 });
		const run = await runBtp(sim, configure({ waitTimeout: 1 }), { continueOnFail: true });
		const item = run.out[0];
		expect(item.step).toBe('Wait for the assignment');
		expect(item.error).toMatch(/^The assignment of SAPCloudALMAPIs\/standard to subaccount .* is still PROCESSING after \d+ s \(timeout\)$/);
		expect(item.description).toContain('Run the node again later');
	});
});

describe('CIS 429 with X-Ratelimit-Reset: honoured by every item of the batch', () => {
	const WINDOW_MS = 1500;
	/** Requests the client had sent before a 429 reached it may still arrive just after it. */
	const IN_FLIGHT_SLACK_MS = 200;
	const guids = [1, 2, 3, 4].map(customerGuid);
	const batch = () => ({ ...configure(), subaccount: rl(`={{ ${JSON.stringify(guids)}[$json.n] }}`) });

	/**
	 * For the first 429 of every CIS endpoint: SAP's window frees no slot before the oldest of the
	 * `limit` accepted calls in it is `WINDOW_MS` old, and no item may call that endpoint again
	 * before then. Returns the number of endpoints that answered 429.
	 */
	function expectResetHonoured(calls: LogEntry[], limit: number): number {
		const cis = calls.filter((c) => c.service === 'entitlements' || c.service === 'accounts');
		const endpoints = [...new Set(cis.map((c) => `${c.service} ${label(c)}`))];
		let limited = 0;
		for (const endpoint of endpoints) {
			const mine = cis.filter((c) => `${c.service} ${label(c)}` === endpoint).sort((a, b) => a.seq - b.seq);
			const first429 = mine.find((c) => c.status === 429);
			if (!first429) continue;
			limited++;
			const accepted = mine.filter((c) => c.status !== 429 && c.seq < first429.seq).slice(-limit);
			const freeAt = accepted[0].at + WINDOW_MS;
			const early = mine.filter((c) => c.at > first429.at + first429.durationMs + IN_FLIGHT_SLACK_MS && c.at < freeAt - 2);
			expect({ endpoint, early: early.map((c) => ({ at: c.at - freeAt, status: c.status })) }).toEqual({ endpoint, early: [] });
		}
		return limited;
	}

	it('four items assigning at 2 calls per 1.5 s per endpoint: all succeed, none calls an endpoint before its reset', async () => {
		await setProfile(sim, { ...FAST_PROFILE, entitlementJobMs: 100, assignmentLagMs: 0, cisRequestsPerWindow: 2, cisRateWindowMs: WINDOW_MS });
		const run = await runBtp(sim, batch(), { count: guids.length });
		expect(run.error).toBeUndefined();
		expect(run.out.map((o) => [(o.subaccount as IDataObject).guid, o.entityState])).toEqual(guids.map((g) => [g, 'OK']));
		expect(run.calls.filter((c) => c.status === 429).length).toBeGreaterThan(0);
		expect(expectResetHonoured(run.calls, 2)).toBeGreaterThan(0);
	});

	it('without the header (SAP\'s help page: no rate-limit headers) the 11007 rule paces the batch the same way', async () => {
		await setProfile(sim, {
			...FAST_PROFILE,
			entitlementJobMs: 100,
			assignmentLagMs: 0,
			cisRequestsPerWindow: 2,
			cisRateWindowMs: WINDOW_MS,
			cisRateLimitResetHeader: false,
		});
		const run = await runBtp(sim, batch(), { count: guids.length });
		expect(run.error).toBeUndefined();
		expect(run.out.map((o) => o.entityState)).toEqual(['OK', 'OK', 'OK', 'OK']);
		expect(expectResetHonoured(run.calls, 2)).toBeGreaterThan(0);
	});
});

describe('every error names its step (item 8)', () => {
	it('an unknown subaccount GUID: step "Resolve subaccount", field and fix, nothing changed', async () => {
		const run = await runBtp(sim, configure({ subaccount: rl('7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0aff') }), { continueOnFail: true });
		const item = run.out[0];
		expect(item.step).toBe('Resolve subaccount');
		expect(item.error).toBe('Subaccount "7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0aff" is not in the global account of the Cloud Management credential');
		expect(item.description).toMatch(/^Step: Resolve subaccount\nField: Subaccount\./);
		expect(run.mutations).toEqual([]);
	});

	it('input refused before any call: step "Check input"', async () => {
		const run = await runBtp(sim, configure({ waitTimeout: 0 }), { continueOnFail: true });
		expect(run.out[0]).toMatchObject({ step: 'Check input', error: 'Wait Timeout must be greater than 0 (got 0)' });
		expect(run.calls).toEqual([]);
	});

	it('an error that names no step of its own gets the operation as its step, thrown or as an item', async () => {
		const run = await runBtp(sim, { resource: 'serviceInstance', operation: 'update', serviceManagerAccess: 'serviceManagerCredential', instance: rl('calm-api-dev', 'name') }, { continueOnFail: true });
		const item = run.out[0];
		expect(typeof item.step).toBe('string');
		expect(String(item.step).length).toBeGreaterThan(3);
		expect(String(item.description)).toContain(`Step: ${String(item.step)}`);
	});
});
