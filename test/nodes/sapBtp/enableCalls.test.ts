/**
 * Calls per chain of "Enable Cloud ALM API" (issue 7): every call costs CPU inside n8n and every
 * call after a wait lengthens the chain, so the counts are pinned here from the simulator's request
 * log of one in-process run.
 */
import type { IDataObject } from 'n8n-workflow';
import { useSimulator } from '../../../simulator/testkit';
import type { LogEntry } from '../../../simulator/http';
import { SUBACCOUNT_IDS } from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, simState } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });

const enable = (guid: string): IDataObject => ({ resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(guid) });

/** "GET /v1/service_instances?name" style labels: the route plus what a list filtered on. */
function label(e: LogEntry): string {
	const query = decodeURIComponent(e.path.split('?')[1] ?? '');
	const filter = /fieldQuery=([a-z_]+) eq/.exec(query)?.[1];
	return `${e.method} ${e.route}${filter ? `?${filter}` : ''}`;
}

const count = (calls: LogEntry[], wanted: string) => calls.filter((c) => label(c) === wanted).length;
const indexOf = (calls: LogEntry[], wanted: string) => calls.findIndex((c) => label(c) === wanted);
const lastIndexOf = (calls: LogEntry[], wanted: string) => calls.map(label).lastIndexOf(wanted);

describe('Enable Cloud ALM API: calls of one chain', () => {
	it('a fresh subaccount: the assignment is read before the PUT, and after the job until SAP shows it OK', async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		expect(run.error).toBeUndefined();
		expect(run.out[0].status).toBe('enabled');
		const calls = run.calls;
		// issue 11: SAP's COMPLETED comes before the assignment's OK (the simulator lags it 100 ms by
		// default), so one read follows the job, and more only while SAP still shows it PROCESSING
		expect(count(calls, 'GET /entitlements/v1/assignments')).toBeGreaterThanOrEqual(2);
		expect(indexOf(calls, 'GET /entitlements/v1/assignments')).toBeLessThan(indexOf(calls, 'PUT /entitlements/v1/subaccountServicePlans'));
		expect(lastIndexOf(calls, 'GET /entitlements/v1/assignments')).toBeGreaterThan(lastIndexOf(calls, 'GET /jobs-management/v1/jobs/:id/status'));
		// the output still says what was assigned
		const entitlement = (run.out[0].steps as IDataObject[]).find((s) => s.step === 'entitlement')!;
		expect(entitlement).toMatchObject({ action: 'assigned', details: { assignedWith: 'amount', amount: 1 } });
		expect(lastIndexOf(calls, 'GET /jobs-management/v1/jobs/:id/status')).toBeGreaterThan(indexOf(calls, 'PUT /entitlements/v1/subaccountServicePlans'));
	});

	it('the derived Service Manager token is fetched while the entitlement job runs', async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		expect(run.error).toBeUndefined();
		const calls = run.calls;
		const cisClient = String((sim.keys.cisCentral.uaa as IDataObject).clientid);
		const smToken = calls.findIndex((c) => c.route === '/oauth/token' && c.clientid !== cisClient);
		expect(smToken).toBeGreaterThan(indexOf(calls, 'POST /accounts/v2/subaccounts/:guid/serviceManagerBindings'));
		expect(smToken).toBeLessThan(lastIndexOf(calls, 'GET /jobs-management/v1/jobs/:id/status'));
		expect(Object.values(run.tokens).every((n) => n === 1)).toBe(true);
	});

	it('a fresh subaccount: one instance lookup (by name, during the job), no read-back of the new instance, no binding lookup', async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		expect(run.error).toBeUndefined();
		const out = run.out[0];
		expect(out.instance).toMatchObject({ name: 'cloud-alm-api', action: 'created' });
		expect(String((out.instance as IDataObject).id)).toMatch(/^[0-9a-f-]{36}$/);
		const calls = run.calls;
		expect(count(calls, 'GET /v1/service_instances?name')).toBe(1);
		expect(indexOf(calls, 'GET /v1/service_instances?name')).toBeLessThan(lastIndexOf(calls, 'GET /jobs-management/v1/jobs/:id/status'));
		expect(count(calls, 'GET /v1/service_instances?service_plan_id')).toBe(0); // a plan assigned just now has no instances
		expect(count(calls, 'GET /v1/service_instances/:id')).toBe(0);
		expect(count(calls, 'GET /v1/service_bindings?name')).toBe(0);
		// created by plan id, not by catalog names: the same names can exist in several data centers
		// (issue 11), so the ids are looked up once (data_center eq '') between the job and the create
		expect(count(calls, 'GET /v1/service_offerings?catalog_name')).toBe(1);
		expect(count(calls, 'GET /v1/service_plans?catalog_name')).toBe(1);
		expect(lastIndexOf(calls, 'GET /v1/service_plans?catalog_name')).toBeLessThan(indexOf(calls, 'POST /v1/service_instances'));
		expect(count(calls, 'POST /v1/service_instances')).toBe(1);
		// all in all (was 21 besides the polls before issue 7's review, 13 before issue 11): 3 tokens,
		// 9 reads (issue 11: the assignment after the job, the offering and plan ids), 4 creates;
		// reads of the assignment beyond that one are polls
		const polls = calls.filter((c) => /\/(status|operations\/:opId)$/.test(c.route));
		const assignmentPolls = Math.max(0, count(calls, 'GET /entitlements/v1/assignments') - 2);
		expect(calls.length - polls.length - assignmentPolls).toBeLessThanOrEqual(16);
		// the binding was made on the instance the output names
		const state = await simState(sim);
		const binding = (state.bindings as IDataObject[]).find((b) => b.id === (out.binding as IDataObject).id)!;
		expect(binding.service_instance_id).toBe((out.instance as IDataObject).id);
	});

	it('a re-run: one instance lookup, no list of the plan\'s instances, nothing changed', async () => {
		await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		expect(run.out[0].status).toBe('alreadyEnabled');
		expect(run.mutations).toEqual([]);
		expect(count(run.calls, 'GET /v1/service_instances?name')).toBe(1);
		expect(count(run.calls, 'GET /v1/service_instances?service_plan_id')).toBe(0);
		// the existing instance is checked against the plan id: one lookup of offering and plan
		expect(count(run.calls, 'GET /v1/service_offerings?catalog_name')).toBe(1);
		expect(count(run.calls, 'GET /v1/service_plans?catalog_name')).toBe(1);
	});

	it('the Cloud ALM tenant: the plan\'s instances are listed once to find SAP\'s instance', async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.calm));
		expect(run.out[0].instance).toMatchObject({ name: 'SAPCloudALMAPIs-default', action: 'reusedAutoGenerated' });
		expect(count(run.calls, 'GET /v1/service_instances?name')).toBe(1);
		expect(count(run.calls, 'GET /v1/service_instances?service_plan_id')).toBe(1);
	});

	it('an instance name held by an instance of another plan is reported, nothing is created', async () => {
		const other = await runBtp(sim, {
			resource: 'serviceInstance',
			operation: 'create',
			subaccount: rl(SUBACCOUNT_IDS.dev),
			offering: rl('service-manager', 'name'),
			plan: rl('subaccount-admin', 'name'),
			instanceName: 'cloud-alm-api',
			parametersMode: 'none',
		});
		expect(other.error).toBeUndefined();
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev), { continueOnFail: true });
		expect(run.out[0].error).toBe('Service instance "cloud-alm-api" already exists with another plan');
		expect(String(run.out[0].description)).toContain('choose another instance name');
		expect(run.mutations.filter((m) => m.service === 'serviceManager')).toEqual([]);
	});
});

