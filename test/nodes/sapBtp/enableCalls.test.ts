/**
 * Calls per chain of "Enable Cloud ALM API" (issue 7): every call costs CPU inside n8n and every
 * call after a wait lengthens the chain, so the counts are pinned here from the simulator's request
 * log of one in-process run.
 */
import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { LogEntry } from '../../simulator/http';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, setFaults, setProfile } from './harness';

let sim: RunningSimulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim?.stop());
beforeEach(async () => {
	sim.reset();
	await setProfile(sim, FAST_PROFILE);
	await setFaults(sim, NO_FAULTS);
});

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
	it('a fresh subaccount: the assignment is read once, before the PUT; the job status confirms it', async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		expect(run.error).toBeUndefined();
		expect(run.out[0].status).toBe('enabled');
		const calls = run.calls;
		expect(count(calls, 'GET /entitlements/v1/assignments')).toBe(1);
		expect(indexOf(calls, 'GET /entitlements/v1/assignments')).toBeLessThan(indexOf(calls, 'PUT /entitlements/v1/subaccountServicePlans'));
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
});
