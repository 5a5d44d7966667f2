/**
 * CIS Entitlements service of the simulator over real HTTP: response shapes, the async job of
 * `PUT /entitlements/v1/subaccountServicePlans` (202 + relative Location → STARTED/PROCESSING → OK),
 * validation codes (12003, quota, lock 30004, 30015 not entitled, 30001 ambiguous plan), failed
 * jobs, the assignment lagging its job, scopes, the per-endpoint rate limit and error format.
 *
 * Rules other than the rate limit and the assignment lag run with both switched off (`ISOLATED`):
 * they poll and read far more often than 5 per 3 s. The two have their own tests below, on the
 * default profile and a movable clock.
 */
import type { AxiosInstance } from 'axios';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { SUBACCOUNT_IDS, customerGuid } from '../seed';
import { cisClients, httpClient, pollJob, sleep, useSimulator } from '../testkit';

let control: AxiosInstance;
let ent: AxiosInstance;
let acc: AxiosInstance;

const DEV = SUBACCOUNT_IDS.dev;
const QA = SUBACCOUNT_IDS.qa;
const CALM = SUBACCOUNT_IDS.calm;

async function login() {
	const c = await cisClients(sim.keys.cisCentral);
	ent = c.entitlements;
	acc = c.accounts;
}

/** Default profile without the CIS limiter and the assignment lag (tested on their own). */
const ISOLATED = { ...DEFAULT_PROFILE, cisRequestsPerWindow: 0, assignmentLagMs: 0 };
const sim = useSimulator({ reset: {}, profile: ISOLATED, faults: NO_FAULTS });
beforeAll(async () => {
	control = httpClient(sim.urls.control);
});

/**
 * The simulator's clock (`sim.now`): real time by default; `freezeClock()` stops it and `advance`
 * moves it, so windows, jobs and lags are tested without sleeping or racing the machine's load.
 */
let frozenAt: number | undefined;
let clockOffset = 0;
const freezeClock = () => {
	frozenAt = Date.now();
};
const advance = (by: number) => {
	clockOffset += by;
};

beforeEach(async () => {
	clockOffset = 0;
	frozenAt = undefined;
	sim.context.now = () => (frozenAt ?? Date.now()) + clockOffset;
	await login();
});

const put = (service: string, plan: string, info: Record<string, unknown>[]) =>
	ent.put('/entitlements/v1/subaccountServicePlans', {
		subaccountServicePlans: [{ serviceName: service, servicePlanName: plan, assignmentInfo: info }],
	});

async function assignment(subaccount: string, service: string, plan: string) {
	const res = await ent.get('/entitlements/v1/assignments', {
		params: { subaccountGUID: subaccount, serviceName: service, planName: plan, includeAutoManagedPlans: true },
	});
	expect(res.status).toBe(200);
	const p = res.data.assignedServices
		.find((s: { name: string }) => s.name === service)
		?.servicePlans.find((x: { name: string }) => x.name === plan);
	return p?.assignmentInfo.find((i: { entityId: string }) => i.entityId === subaccount);
}

function expectCisError(res: { status: number; data: unknown }, status: number, code: number, target: string) {
	expect(res.status).toBe(status);
	const body = res.data as { error: Record<string, unknown> };
	expect(body.error.code).toBe(code);
	expect(typeof body.error.message).toBe('string');
	expect(body.error.target).toBe(target);
	expect(body.error.correlationID).toMatch(/^[0-9a-f-]{36}$/);
	return body.error;
}

describe('GET assignments / globalAccountAssignments / allowed data centers', () => {
	it('lists entitled and assigned services with the wire shapes', async () => {
		const res = await ent.get('/entitlements/v1/assignments');
		expect(res.status).toBe(200);
		expect(res.data.fetchErrorFromExternalProviderRegistry).toBe(false);
		const calm = res.data.entitledServices.find((s: { name: string }) => s.name === 'SAPCloudALMAPIs');
		expect(calm.businessCategory).toEqual({ id: 'FOUNDATION_CROSS_SERVICES', displayName: expect.any(String) });
		expect(calm.servicePlans[0]).toMatchObject({
			name: 'standard',
			category: 'SERVICE',
			amount: 500,
			// seeded: the Cloud ALM tenant (3: SAP's, a Cloud Foundry and a Kyma instance) and customer-001 (1, Cloud Foundry)
			remainingAmount: 496,
			unlimited: false,
			numberOfAssignedEntities: 2,
		});
		// auto-managed plans are hidden unless asked for
		const names = res.data.entitledServices.map((s: { name: string }) => s.name);
		expect(names).not.toContain('service-manager');
		const assigned = res.data.assignedServices.find((s: { name: string }) => s.name === 'SAPCloudALMAPIs');
		const info = assigned.servicePlans[0].assignmentInfo[0];
		expect(info).toMatchObject({
			entityId: CALM,
			entityType: 'SUBACCOUNT',
			amount: 3,
			entityState: 'OK',
			stateMessage: 'Succeeded to update assignment of service plan.',
			autoAssigned: false,
			parentType: 'GLOBAL_ACCOUNT',
		});
		expect(typeof info.createdDate).toBe('number');
		expect(typeof info.modifiedDate).toBe('number');
		expect(info.requestedAmount).toBeUndefined();
	});

	it('applies subaccountGUID, serviceName+planName, assignedServiceName, entitledServicesOnly, includeAutoManagedPlans', async () => {
		const auto = await ent.get('/entitlements/v1/assignments', {
			params: { subaccountGUID: DEV, includeAutoManagedPlans: true },
		});
		expect(auto.data.assignedServices.map((s: { name: string }) => s.name)).toEqual(['service-manager']);
		expect(auto.data.assignedServices[0].servicePlans[0].assignmentInfo).toHaveLength(1);
		expect(auto.data.assignedServices[0].servicePlans[0].assignmentInfo[0].autoAssigned).toBe(true);

		const none = await ent.get('/entitlements/v1/assignments', { params: { subaccountGUID: DEV } });
		expect(none.data.assignedServices).toEqual([]);

		const narrowed = await ent.get('/entitlements/v1/assignments', {
			params: { serviceName: 'SAPCloudALMAPIs', planName: 'standard' },
		});
		expect(narrowed.data.entitledServices).toHaveLength(1);
		expect(narrowed.data.entitledServices[0].servicePlans).toHaveLength(1);

		const byAssigned = await ent.get('/entitlements/v1/assignments', {
			params: { assignedServiceName: 'auditlog-viewer' },
		});
		expect(byAssigned.data.assignedServices).toEqual([]);
		expect(byAssigned.data.entitledServices.length).toBeGreaterThan(1);

		const only = await ent.get('/entitlements/v1/assignments', { params: { entitledServicesOnly: true } });
		expect(only.data.assignedServices).toEqual([]);
		expect(only.data.entitledServices.length).toBeGreaterThan(0);
	});

	it('answers 404 in CIS format for an unknown subaccount', async () => {
		const res = await ent.get('/entitlements/v1/assignments', { params: { subaccountGUID: 'nope' } });
		const err = expectCisError(res, 404, 20004, '/entitlements/v1/assignments');
		expect(err.message).toContain('nope');
		expect(err).not.toHaveProperty('details');
		expect(res.headers['x-correlationid']).toBe(err.correlationID);
	});

	it('serves globalAccountAssignments and globalAccountAllowedDataCenters', async () => {
		const ga = await ent.get('/entitlements/v1/globalAccountAssignments', {
			params: { serviceName: 'APPLICATION_RUNTIME', planName: 'MEMORY', entitledServicesOnly: true },
		});
		expect(ga.status).toBe(200);
		expect(ga.data.entitledServices[0].servicePlans[0]).toMatchObject({ category: 'PLATFORM', amount: 4 });

		const dcs = await ent.get('/entitlements/v1/globalAccountAllowedDataCenters');
		expect(dcs.status).toBe(200);
		expect(dcs.data.datacenters.map((d: { name: string }) => d.name)).toEqual(['cf-eu10', 'cf-us10']);
		const eu = await ent.get('/entitlements/v1/globalAccountAllowedDataCenters', { params: { region: 'eu10' } });
		expect(eu.data.datacenters).toHaveLength(1);
		expect(eu.data.datacenters[0]).toMatchObject({ region: 'eu10', environment: 'cloudfoundry', iaasProvider: 'AWS' });
	});
});

describe('PUT subaccountServicePlans: the async job', () => {
	it('answers 202 with {jobId} and a relative Location, and the assignment goes STARTED → PROCESSING → OK', async () => {
		// the simulator's clock stands still and moves half a job at a time: each state is read inside its
		// half however busy the machine is (a running clock let a slow read skip STARTED or PROCESSING)
		freezeClock();
		await control.post('/__sim/profile', { entitlementJobMs: 1500 });
		const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect(res.status).toBe(202);
		expect(res.headers.location).toMatch(/^\/jobs-management\/v1\/jobs\/\d+\/status$/);
		expect(res.data).toEqual({ jobId: expect.stringMatching(/^\d+$/) });
		expect(res.headers.location).toBe(`/jobs-management/v1/jobs/${res.data.jobId}/status`);

		const states: string[] = [];
		let first: Record<string, unknown> | undefined;
		for (let i = 0; i < 3; i++) {
			const info = await assignment(DEV, 'SAPCloudALMAPIs', 'standard');
			first ??= info;
			if (states[states.length - 1] !== info.entityState) states.push(info.entityState);
			if (info.entityState === 'OK') break;
			advance(750);
		}
		expect(states).toEqual(['STARTED', 'PROCESSING', 'OK']);
		expect(first).toMatchObject({ amount: 0, requestedAmount: 1 });
		const done = await assignment(DEV, 'SAPCloudALMAPIs', 'standard');
		expect(done).toMatchObject({ amount: 1, entityState: 'OK' });
		expect(done.requestedAmount).toBeUndefined();

		// the Location resolves against either CIS origin (jobs are shared)
		expect(await pollJob(ent, res.headers.location)).toEqual([{ status: 'COMPLETED' }]);
		expect((await acc.get(res.headers.location)).data).toEqual({ status: 'COMPLETED' });
	});

	it('reports IN_PROGRESS while running and COMPLETED after', async () => {
		// the clock stands still until the job was seen running: no race between the PUT and the first poll
		freezeClock();
		await control.post('/__sim/profile', { entitlementJobMs: 500 });
		const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: QA, amount: 2 }]);
		const running = (await ent.get(res.headers.location)).data;
		advance(500);
		const seen = [running, ...(await pollJob(ent, res.headers.location))];
		expect(seen[0].status).toBe('IN_PROGRESS');
		expect(seen[seen.length - 1]).toEqual({ status: 'COMPLETED' });
		expect(await assignment(QA, 'SAPCloudALMAPIs', 'standard')).toMatchObject({ amount: 2, entityState: 'OK' });
	});

	it('locks the plan+subaccount while its job runs (409/30004), then accepts the same PUT again', async () => {
		// the clock stands still while the job must be running, so a slow machine cannot end it early
		freezeClock();
		await control.post('/__sim/profile', { entitlementJobMs: 1000 });
		const first = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect(first.status).toBe(202);
		const again = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		const err = expectCisError(again, 409, 30004, '/entitlements/v1/subaccountServicePlans');
		expect(err.message).toContain("'standard'");
		expect(err.message).toContain(DEV);
		// another subaccount is not locked
		expect((await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: QA, amount: 1 }])).status).toBe(202);

		advance(1000);
		expect(await pollJob(ent, first.headers.location)).toEqual([{ status: 'COMPLETED' }]);
		// an unchanged PUT still starts a job: the service does not short-circuit, clients must
		const same = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect(same.status).toBe(202);
		expect(Number(same.data.jobId)).toBeGreaterThan(Number(first.data.jobId));
		expect((await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).entityState).toMatch(/STARTED|PROCESSING/);
	});

	it('sends the lock as 400/30004 on profile cisLockStatus 400 (as SAP\'s terraform provider sees it)', async () => {
		freezeClock();
		await control.post('/__sim/profile', { cisLockStatus: 400, entitlementJobMs: 1000 });
		expect((await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }])).status).toBe(202);
		const again = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expectCisError(again, 400, 30004, '/entitlements/v1/subaccountServicePlans');
	});

	it('answers the injected lock fault with 409/30004 although no job runs', async () => {
		await control.post('/__sim/faults', { entitlementLock: 1 });
		const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expectCisError(res, 409, 30004, '/entitlements/v1/subaccountServicePlans');
		expect(await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).toBeUndefined();
	});

	it('ends a job FAILED with a description and the assignment PROCESSING_FAILED; a retry succeeds', async () => {
		await control.post('/__sim/faults', { asyncFailure: 1 });
		const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect(res.status).toBe(202);
		const seen = await pollJob(acc, res.headers.location);
		const last = seen[seen.length - 1];
		expect(last.status).toBe('FAILED');
		expect(last.description).toContain('standard');
		const failed = await assignment(DEV, 'SAPCloudALMAPIs', 'standard');
		expect(failed).toMatchObject({ entityState: 'PROCESSING_FAILED', requestedAmount: 1, amount: 0 });
		expect(failed.stateMessage).toBe(last.description);

		await control.post('/__sim/faults', { asyncFailure: 0 });
		const retry = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect(await pollJob(ent, retry.headers.location)).toContainEqual({ status: 'COMPLETED' });
		expect(await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).toMatchObject({ amount: 1, entityState: 'OK' });
	});

	it('converges when the answer of a committed PUT is lost (afterCommit fault)', async () => {
		await control.post('/__sim/faults', {
			serverError: 1,
			afterCommit: 1,
			paths: ['/entitlements/v1/subaccountServicePlans'],
		});
		const lost = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect([500, 502, 503]).toContain(lost.status);
		await control.post('/__sim/faults', { ...NO_FAULTS });
		// the change was committed: a job exists although the client saw an error
		expect(sim.context.state.jobs).toHaveLength(1);
		// a client that retries, treating 409/30004 as "still running", converges on one outcome
		let retry = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		for (let i = 0; i < 100 && retry.status === 409; i++) {
			expect(retry.data.error.code).toBe(30004);
			await sleep(20);
			retry = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		}
		expect(retry.status).toBe(202);
		await pollJob(ent, retry.headers.location);
		expect(await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).toMatchObject({ amount: 1, entityState: 'OK' });
		expect(
			sim.context.state.assignments.filter((a) => a.subaccountGUID === DEV && a.planName === 'standard'),
		).toHaveLength(1);
	});

	it('assigns several plans and subaccounts in one job', async () => {
		const res = await ent.put('/entitlements/v1/subaccountServicePlans', {
			subaccountServicePlans: [
				{
					serviceName: 'SAPCloudALMAPIs',
					servicePlanName: 'standard',
					servicePlanUniqueIdentifier: 'sapcloudalmapis-standard',
					assignmentInfo: [
						{ subaccountGUID: DEV, amount: 1 },
						{ subaccountGUID: QA, amount: 3 },
					],
				},
				{
					serviceName: 'auditlog-viewer',
					servicePlanName: 'free',
					assignmentInfo: [{ subaccountGUID: DEV, enable: true }],
				},
			],
		});
		expect(res.status).toBe(202);
		await pollJob(ent, res.headers.location);
		expect(await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).toMatchObject({ amount: 1, entityState: 'OK' });
		expect(await assignment(QA, 'SAPCloudALMAPIs', 'standard')).toMatchObject({ amount: 3, entityState: 'OK' });
		expect(await assignment(DEV, 'auditlog-viewer', 'free')).toMatchObject({
			amount: 1,
			entityState: 'OK',
			unlimitedAmountAssigned: true,
		});
	});

	it('removes an assignment with amount 0 / enable false', async () => {
		const add = await ent.put('/entitlements/v1/subaccountServicePlans', {
			subaccountServicePlans: [
				{
					serviceName: 'auditlog-viewer',
					servicePlanName: 'free',
					assignmentInfo: [{ subaccountGUID: QA, enable: true }],
				},
			],
		});
		await pollJob(ent, add.headers.location);
		expect(await assignment(QA, 'auditlog-viewer', 'free')).toBeDefined();
		const off = await put('auditlog-viewer', 'free', [{ subaccountGUID: QA, enable: false }]);
		expect(off.status).toBe(202);
		await pollJob(ent, off.headers.location);
		expect(await assignment(QA, 'auditlog-viewer', 'free')).toBeUndefined();

		const zero = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: CALM, amount: 0 }]);
		await pollJob(ent, zero.headers.location);
		expect(await assignment(CALM, 'SAPCloudALMAPIs', 'standard')).toBeUndefined();
	});
});

describe('PUT subaccountServicePlans: validation', () => {
	const target = '/entitlements/v1/subaccountServicePlans';

	it('rejects an amount on an enable-only plan with 12003 and says what to send', async () => {
		const res = await put('auditlog-viewer', 'free', [{ subaccountGUID: DEV, amount: 1 }]);
		const err = expectCisError(res, 400, 12003, target);
		expect(err.message).toContain('enable');
		expect(err.message).toContain('APPLICATION');
	});

	it('rejects enable on a numeric plan', async () => {
		const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, enable: true }]);
		expect(expectCisError(res, 400, 30005, target).message).toContain('amount');
	});

	it.each([
		[{}, 'subaccountServicePlans'],
		[{ subaccountServicePlans: [] }, 'subaccountServicePlans'],
		[{ subaccountServicePlans: [{ servicePlanName: 'standard', assignmentInfo: [] }] }, 'serviceName'],
		[{ subaccountServicePlans: [{ serviceName: 'SAPCloudALMAPIs', assignmentInfo: [] }] }, 'servicePlanName'],
		[{ subaccountServicePlans: [{ serviceName: 'SAPCloudALMAPIs', servicePlanName: 'standard' }] }, 'assignmentInfo'],
		[
			{
				subaccountServicePlans: [
					{ serviceName: 'SAPCloudALMAPIs', servicePlanName: 'standard', assignmentInfo: [{ amount: 1 }] },
				],
			},
			'subaccountGUID',
		],
		[
			{
				subaccountServicePlans: [
					{ serviceName: 'SAPCloudALMAPIs', servicePlanName: 'standard', assignmentInfo: [{ subaccountGUID: DEV }] },
				],
			},
			'amount',
		],
		[
			{
				subaccountServicePlans: [
					{
						serviceName: 'SAPCloudALMAPIs',
						servicePlanName: 'standard',
						assignmentInfo: [{ subaccountGUID: DEV, amount: -1 }],
					},
				],
			},
			'amount',
		],
	])('400/30001 naming the field for %j', async (body, field) => {
		const res = await ent.put(target, body);
		expect(expectCisError(res, 400, 30001, target).message).toContain(field);
	});

	it('rejects amount together with enable, invalid JSON, unknown plan identifiers and unknown subaccounts', async () => {
		expectCisError(
			await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1, enable: true }]),
			400,
			30009,
			target,
		);
		const raw = (body: string) =>
			ent.put(target, body, { headers: { 'content-type': 'application/json' }, transformRequest: [(d: string) => d] });
		expectCisError(await raw('{oops'), 400, 11001, target);
		expect(expectCisError(await raw('null'), 400, 30001, target).message).toContain('subaccountServicePlans');
		const wrongId = await ent.put(target, {
			subaccountServicePlans: [
				{
					serviceName: 'SAPCloudALMAPIs',
					servicePlanName: 'standard',
					servicePlanUniqueIdentifier: 'something-else',
					assignmentInfo: [{ subaccountGUID: DEV, amount: 1 }],
				},
			],
		});
		expectCisError(wrongId, 409, 30015, target);
		const noSa = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: 'no-such-subaccount', amount: 1 }]);
		expect(expectCisError(noSa, 404, 30003, target).message).toContain('no-such-subaccount');
	});

	it('checks the global-account quota and the per-subaccount maximum, and changes nothing on error', async () => {
		const first = await put('APPLICATION_RUNTIME', 'MEMORY', [{ subaccountGUID: DEV, amount: 3 }]);
		expect(first.status).toBe(202);
		// the running job already reserves 3 of 4
		const over = await ent.put(target, {
			subaccountServicePlans: [
				{
					serviceName: 'SAPCloudALMAPIs',
					servicePlanName: 'standard',
					assignmentInfo: [{ subaccountGUID: QA, amount: 1 }],
				},
				{
					serviceName: 'APPLICATION_RUNTIME',
					servicePlanName: 'MEMORY',
					assignmentInfo: [{ subaccountGUID: QA, amount: 2 }],
				},
			],
		});
		const err = expectCisError(over, 400, 30006, target);
		expect(err.message).toMatch(/quota 4/);
		// the valid first entry was not applied either
		expect(await assignment(QA, 'SAPCloudALMAPIs', 'standard')).toBeUndefined();
		await pollJob(ent, first.headers.location);
		// lowering the holder's own amount frees quota in the same request
		const swap = await ent.put(target, {
			subaccountServicePlans: [
				{
					serviceName: 'APPLICATION_RUNTIME',
					servicePlanName: 'MEMORY',
					assignmentInfo: [
						{ subaccountGUID: DEV, amount: 1 },
						{ subaccountGUID: QA, amount: 3 },
					],
				},
			],
		});
		expect(swap.status).toBe(202);

		const memory = sim.context.state.entitledPlans.find((p) => p.planName === 'MEMORY')!;
		memory.maxAllowedSubaccountQuota = 2;
		memory.amount = 100;
		const capped = await put('APPLICATION_RUNTIME', 'MEMORY', [{ subaccountGUID: customerGuid(1), amount: 5 }]);
		expect(expectCisError(capped, 400, 30007, target).message).toContain('2');
	});

	it('does not let an auto-assigned plan be removed', async () => {
		const res = await put('service-manager', 'subaccount-admin', [{ subaccountGUID: DEV, enable: false }]);
		expect(expectCisError(res, 400, 30008, target).message).toContain('automatically');
	});

	it('takes enable for a plan seeded as ELASTIC_SERVICE and refuses an amount with 12003', async () => {
		sim.reset({ calmPlanCategory: 'ELASTIC_SERVICE' });
		await login();
		const amount = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expectCisError(amount, 400, 12003, target);
		const enable = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, enable: true }]);
		expect(enable.status).toBe(202);
		await pollJob(ent, enable.headers.location);
		expect(await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).toMatchObject({ entityState: 'OK', amount: 1 });
	});
});

describe('plans SAP cannot resolve: 409/30015 and 400/30001', () => {
	const target = '/entitlements/v1/subaccountServicePlans';

	it('answers a plan the global account is not entitled to with 409/30015 in SAP\'s words (terraform-provider-btp #927)', async () => {
		const res = await put('SAPCloudALMAPIs', 'premium', [{ subaccountGUID: DEV, amount: 1 }]);
		const err = expectCisError(res, 409, 30015, target);
		expect(err.message).toBe(
			`Cannot assign service SAPCloudALMAPIs and plan premium to subaccount ${DEV}. The global account ${sim.context.state.globalAccount.guid} of this subaccount is not entitled to this service plan.`,
		);
		expect(await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).toBeUndefined();
		// an unknown subaccount is still a 404 first
		const noSa = await put('no-such-service', 'x', [{ subaccountGUID: 'no-such-subaccount', amount: 1 }]);
		expectCisError(noSa, 404, 30003, target);
	});

	it('answers an ambiguous plan name without its unique identifier with 400/30001 (#930), and assigns with it', async () => {
		const ga = await ent.get('/entitlements/v1/globalAccountAssignments', { params: { serviceName: 'hana-cloud', planName: 'hana' } });
		const ids = ga.data.entitledServices[0].servicePlans.map((p: { uniqueIdentifier: string }) => p.uniqueIdentifier);
		expect(ids).toEqual(['hana-cloud-hana', 'hana-cloud-hana-byol']);

		const res = await put('hana-cloud', 'hana', [{ subaccountGUID: DEV, amount: 1 }]);
		expect(expectCisError(res, 400, 30001, target).message).toBe(
			'More than one plan exists for service name hana-cloud and plan name hana in the same region. Specify the unique identifier of the plan to assign.',
		);
		const ok = await ent.put(target, {
			subaccountServicePlans: [
				{
					serviceName: 'hana-cloud',
					servicePlanName: 'hana',
					servicePlanUniqueIdentifier: 'hana-cloud-hana',
					assignmentInfo: [{ subaccountGUID: DEV, amount: 1 }],
				},
			],
		});
		expect(ok.status).toBe(202);
		await pollJob(ent, ok.headers.location);
		const view = await ent.get('/entitlements/v1/assignments', { params: { subaccountGUID: DEV, serviceName: 'hana-cloud', planName: 'hana' } });
		const plans = view.data.assignedServices[0].servicePlans;
		// only the plan with that identifier holds the assignment
		expect(plans.map((p: { uniqueIdentifier: string }) => p.uniqueIdentifier)).toEqual(['hana-cloud-hana']);
		expect(plans[0].assignmentInfo[0]).toMatchObject({ entityId: DEV, amount: 1, entityState: 'OK' });
	});
});

describe('the assignment lags its job (SAP\'s provider polls entityState after COMPLETED)', () => {
	it('stays PROCESSING for assignmentLagMs after the job is COMPLETED, then turns OK', async () => {
		freezeClock();
		await control.post('/__sim/profile', { entitlementJobMs: 1000, assignmentLagMs: 5000 });
		const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect(res.status).toBe(202);
		expect((await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).entityState).toBe('STARTED');
		advance(1000);
		expect((await ent.get(res.headers.location)).data).toEqual({ status: 'COMPLETED' });
		expect(await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).toMatchObject({
			entityState: 'PROCESSING',
			amount: 0,
			requestedAmount: 1,
		});
		advance(4990);
		expect((await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).entityState).toBe('PROCESSING');
		advance(10);
		const done = await assignment(DEV, 'SAPCloudALMAPIs', 'standard');
		expect(done).toMatchObject({ entityState: 'OK', amount: 1, stateMessage: 'Succeeded to update assignment of service plan.' });
		expect(done.requestedAmount).toBeUndefined();
	});

	it('lags by default: the first read after COMPLETED is not OK yet', async () => {
		freezeClock();
		await control.post('/__sim/profile', { ...DEFAULT_PROFILE, cisRequestsPerWindow: 0, entitlementJobMs: 0 });
		expect(DEFAULT_PROFILE.assignmentLagMs).toBeGreaterThan(0);
		const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect((await ent.get(res.headers.location)).data).toEqual({ status: 'COMPLETED' });
		expect((await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).entityState).toBe('PROCESSING');
		advance(DEFAULT_PROFILE.assignmentLagMs);
		expect((await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).entityState).toBe('OK');
	});

	it('ends PROCESSING_FAILED with a stateMessage after a COMPLETED job under the assignmentFailure fault', async () => {
		freezeClock();
		await control.post('/__sim/profile', { entitlementJobMs: 0, assignmentLagMs: 2000 });
		await control.post('/__sim/faults', { assignmentFailure: 1 });
		const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: DEV, amount: 1 }]);
		expect((await ent.get(res.headers.location)).data).toEqual({ status: 'COMPLETED' });
		expect((await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).entityState).toBe('PROCESSING');
		advance(2000);
		const failed = await assignment(DEV, 'SAPCloudALMAPIs', 'standard');
		expect(failed).toMatchObject({ entityState: 'PROCESSING_FAILED', amount: 0, requestedAmount: 1 });
		expect(failed.stateMessage).toMatch(/^Failed to update assignment of service plan 'standard' of service 'SAPCloudALMAPIs'/);
		// the job itself stays COMPLETED: only the assignment tells
		expect((await ent.get(res.headers.location)).data).toEqual({ status: 'COMPLETED' });
	});
});

describe('auth, rate limit and job status errors', () => {
	it('gives the central-viewer key reads but 403 on the PUT, and 401 without a token', async () => {
		const viewer = await cisClients(sim.keys.cisCentralViewer);
		expect((await viewer.entitlements.get('/entitlements/v1/assignments')).status).toBe(200);
		const denied = await viewer.entitlements.put('/entitlements/v1/subaccountServicePlans', {
			subaccountServicePlans: [
				{
					serviceName: 'SAPCloudALMAPIs',
					servicePlanName: 'standard',
					assignmentInfo: [{ subaccountGUID: DEV, amount: 1 }],
				},
			],
		});
		const err = expectCisError(denied, 403, 11003, '/entitlements/v1/subaccountServicePlans');
		expect(err.message).toContain('global-account.entitlement.subaccount.update');
		expect(await assignment(DEV, 'SAPCloudALMAPIs', 'standard')).toBeUndefined();

		const anonymous = httpClient(sim.urls.entitlements);
		expectCisError(await anonymous.get('/entitlements/v1/assignments'), 401, 11002, '/entitlements/v1/assignments');
		const forged = httpClient(sim.urls.entitlements, 'a.b.c');
		expect((await forged.get('/entitlements/v1/assignments')).status).toBe(401);
	});

	it('answers 404 for an unknown job and 405 for an unsupported method', async () => {
		expectCisError(
			await ent.get('/jobs-management/v1/jobs/999/status'),
			404,
			80001,
			'/jobs-management/v1/jobs/999/status',
		);
		expectCisError(await ent.delete('/entitlements/v1/assignments'), 405, 11005, '/entitlements/v1/assignments');
	});
});

describe('rate limit: per endpoint per caller, on by default (rate-limiting-77b217b.md)', () => {
	beforeEach(async () => {
		await control.post('/__sim/profile', { ...DEFAULT_PROFILE });
		freezeClock();
	});

	it('is on by default at 5 requests per 3 s and answers 11006/11007 with X-Ratelimit-Reset (epoch ms)', async () => {
		expect(DEFAULT_PROFILE).toMatchObject({ cisRequestsPerWindow: 5, cisRateWindowMs: 3000, cisRateLimitResetHeader: true });
		const path = '/entitlements/v1/globalAccountAllowedDataCenters';
		const first = sim.context.now();
		for (let i = 0; i < 5; i++) expect((await ent.get(path)).status).toBe(200);
		const limited = await ent.get(path);
		const err = expectCisError(limited, 429, 11006, path);
		expect(err.message).toBe('Request rate limit exceeded.');
		expect(err.details).toEqual([{ code: 11007, message: 'Maximum request rate limit is 5 requests in 3 seconds' }]);
		const reset = Number(limited.headers['x-ratelimit-reset']);
		// the first request leaves the window 3 s after it was made
		expect(reset).toBeGreaterThanOrEqual(first + 3000);
		expect(reset).toBeLessThanOrEqual(sim.context.now() + 3000);
		expect(limited.headers['retry-after']).toBeUndefined();
		// lifted at that time (moving the simulator's clock, no sleeping)
		advance(reset - sim.context.now());
		expect((await ent.get(path)).status).toBe(200);
	});

	it('keys by endpoint, not by path: polls of different jobs share the job status limit', async () => {
		await control.post('/__sim/profile', { entitlementJobMs: 60_000 });
		const locations: string[] = [];
		for (const sa of [DEV, QA, customerGuid(1), customerGuid(2), customerGuid(3), customerGuid(4)]) {
			const res = await put('SAPCloudALMAPIs', 'standard', [{ subaccountGUID: sa, amount: 1 }]);
			if (res.status === 429) break;
			locations.push(res.headers.location);
		}
		// the sixth PUT already met the PUT endpoint's own limit
		expect(locations).toHaveLength(5);
		const statuses: number[] = [];
		for (const location of [...locations, locations[0]]) statuses.push((await ent.get(location)).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
		// the Accounts origin's job status endpoint is another endpoint with its own limit
		expect((await acc.get(locations[0])).status).toBe(200);
	});

	it('keys by caller: another OAuth client has its own budget', async () => {
		const path = '/entitlements/v1/globalAccountAllowedDataCenters';
		for (let i = 0; i < 5; i++) await ent.get(path);
		expect((await ent.get(path)).status).toBe(429);
		const viewer = await cisClients(sim.keys.cisCentralViewer);
		expect((await viewer.entitlements.get(path)).status).toBe(200);
	});

	it('can answer without any rate-limit header, as the help page says (profile switch)', async () => {
		await control.post('/__sim/profile', { cisRateLimitResetHeader: false, cisRequestsPerWindow: 1 });
		const path = '/entitlements/v1/globalAccountAllowedDataCenters';
		expect((await ent.get(path)).status).toBe(200);
		const limited = await ent.get(path);
		expect(limited.status).toBe(429);
		expect(Object.keys(limited.headers).filter((h) => /retry-after|ratelimit/i.test(h))).toEqual([]);
		expect(limited.data.error.details).toEqual([{ code: 11007, message: 'Maximum request rate limit is 1 requests in 3 seconds' }]);
	});
});
