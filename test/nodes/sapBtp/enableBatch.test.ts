/**
 * Batched entitlements of "Enable Cloud ALM API" (issue 17): items of one execution share the
 * batches, the Cloud Management calls stay O(N / batch) with SAP's per-endpoint limits on, and a
 * batch with one subaccount SAP refuses is split until only that subaccount fails, in both readings
 * of how SAP refuses it (simulator profile `cisBadEntryInBatch`).
 */
import type { IDataObject } from 'n8n-workflow';
import { unwaitedRateLimits, type LogEntry } from '../../../simulator/http';
import { customerGuid } from '../../../simulator/seed';
import { useSimulator } from '../../../simulator/testkit';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, setProfile, simState } from './harness';

// customer-001 is left out: its Cloud Foundry instance uses its amount, so it needs a raise of its own
const guids = (n: number) => Array.from({ length: n }, (_, k) => customerGuid(k + 2));
const sim = useSimulator({ reset: { customers: 13, calmPlanMaxPerSubaccount: 3 }, faults: NO_FAULTS });

/** SAP's published CIS limit (5 calls per 3 s per endpoint and caller) on, the rest fast. */
const SAP_CIS_LIMITS = { ...FAST_PROFILE, cisRequestsPerWindow: 5, cisRateWindowMs: 3000, entitlementJobMs: 300 };

const enableFor = (list: string[], extra: IDataObject = {}) => ({
	resource: 'cloudAlmApi',
	operation: 'enable',
	subaccount: rl(`={{ ${JSON.stringify(list)}[$json.n] }}`),
	...extra,
});

const isCis = (c: LogEntry) => c.service === 'accounts' || c.service === 'entitlements';
const count = (calls: LogEntry[], method: string, route: string, pathHas = '') =>
	calls.filter((c) => c.method === method && c.route === route && c.path.includes(pathHas)).length;

describe('Enable Cloud ALM API: batched entitlements', () => {
	it('12 subaccounts in batches of 5: 3 PUTs, one read of the plan for all before them, no per-subaccount entitlement read, paced at SAP\'s CIS limits (every 429 waited out)', async () => {
		await setProfile(sim, SAP_CIS_LIMITS);
		const list = guids(12);
		const run = await runBtp(sim, enableFor(list, { entitlementBatchSize: 5 }), { count: list.length, typeVersion: 2 });
		expect(run.error).toBeUndefined();
		expect(run.out.map((o) => (o.subaccount as IDataObject).guid)).toEqual(list);
		expect(run.out.every((o) => o.status === 'enabled')).toBe(true);
		const entitlement = (o: IDataObject) => (o.steps as IDataObject[]).find((s) => s.step === 'entitlement')!;
		expect(run.out.map((o) => (entitlement(o).details as IDataObject).batchSize)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 2, 2]);
		expect(new Set(run.out.map((o) => (entitlement(o).details as IDataObject).jobId)).size).toBe(3);

		const calls = run.calls;
		expect(count(calls, 'PUT', '/entitlements/v1/subaccountServicePlans')).toBe(3);
		expect(count(calls, 'GET', '/entitlements/v1/assignments', 'subaccountGUID')).toBe(0);
		// one read before the batches, one per batch after its job (shared when jobs end together), more only while SAP lags
		const reads = count(calls, 'GET', '/entitlements/v1/assignments');
		expect(reads).toBeGreaterThanOrEqual(2);
		expect(reads).toBeLessThanOrEqual(1 + 3 * 2);
		// the entitlement side is O(N / batch): per batch one PUT, its job polls and its share of the reads
		const jobPolls = count(calls, 'GET', '/jobs-management/v1/jobs/:id/status');
		expect(jobPolls).toBeLessThanOrEqual(3 * 4);
		const entitlementCalls = calls.filter((c) => c.service === 'entitlements').length;
		expect(entitlementCalls).toBe(1 /* plan of the global account */ + reads + 3 + jobPolls);
		// The budget paces every CIS endpoint at SAP's figure by the node's send times; the simulator counts arrivals, as
		// SAP does. Node and simulator share one event loop here, so on a loaded machine a request can reach the
		// simulator several hundred ms after it was sent and the next window's first call then lands in the same
		// window: a fresh-clone CI run saw 2 such 429s (0.3 s of skew, beyond the 300 ms guard). What holds on any
		// machine is what the issue asks: every 429 waited out. That the pacing works shows in how few there are:
		// unpaced, most of this burst of CIS calls would be refused
		const cisCalls = calls.filter(isCis);
		expect(cisCalls.length).toBeGreaterThanOrEqual(30); // 39 when measured: 12 subaccounts' reads and creates, the batches
		expect(cisCalls.filter((c) => c.status === 429).length).toBeLessThanOrEqual(Math.floor(cisCalls.length / 10));
		expect(unwaitedRateLimits(calls)).toHaveLength(0);

		const state = await simState(sim);
		for (const guid of list) {
			const a = (state.assignments as IDataObject[]).find((x) => x.subaccountGUID === guid && x.serviceName === 'SAPCloudALMAPIs');
			expect(a).toMatchObject({ amount: 1, entityState: 'OK' });
		}
	}, 60_000);

	it('a 429 that still comes (the limit met from elsewhere) pauses the endpoint for every item until X-Ratelimit-Reset: none is left un-waited', async () => {
		await setProfile(sim, { ...SAP_CIS_LIMITS, cisRequestsPerWindow: 2 });
		const list = guids(8);
		const run = await runBtp(sim, enableFor(list), { count: list.length, typeVersion: 2 });
		expect(run.error).toBeUndefined();
		expect(run.out.every((o) => o.status === 'enabled')).toBe(true);
		expect(run.calls.filter((c) => isCis(c) && c.status === 429).length).toBeGreaterThan(0);
		expect(unwaitedRateLimits(run.calls)).toHaveLength(0);
	}, 60_000);

	for (const reading of ['rejectRequest', 'failJob'] as const) {
		it(`one subaccount SAP refuses (${reading}): the batch is split until only that one fails; the other five are enabled`, async () => {
			await setProfile(sim, { ...FAST_PROFILE, cisBadEntryInBatch: reading });
			const list = guids(6);
			// item 3 asks for 5, above the plan's 3 per subaccount: SAP refuses that entry
			const run = await runBtp(sim, enableFor(list, { amount: '={{ $json.n === 3 ? 5 : 0 }}' }), {
				count: list.length,
				continueOnFail: true,
				typeVersion: 2,
			});
			expect(run.error).toBeUndefined();
			expect(run.out).toHaveLength(6);
			run.out.forEach((o, k) => {
				if (k === 3) {
					expect(JSON.stringify(o)).toMatch(/maximum allowed quota of 3/);
					expect(o.status).toBeUndefined();
				} else {
					expect(o.status).toBe('enabled');
				}
			});
			const puts = count(run.calls, 'PUT', '/entitlements/v1/subaccountServicePlans');
			// 6 → 3 + 3 → the bad half 3 → 2 + 1 → … : a handful of PUTs, not one per subaccount
			expect(puts).toBeGreaterThanOrEqual(4);
			expect(puts).toBeLessThanOrEqual(7);
			const state = await simState(sim);
			const assigned = (guid: string) =>
				(state.assignments as IDataObject[]).find((x) => x.subaccountGUID === guid && x.serviceName === 'SAPCloudALMAPIs' && x.entityState === 'OK');
			expect(list.filter((g) => assigned(g))).toEqual(list.filter((_, k) => k !== 3));
			expect((state.instances as IDataObject[]).filter((i) => i.subaccountGUID === list[3])).toHaveLength(0);
		}, 60_000);
	}
});
