import type { IDataObject } from 'n8n-workflow';
import { useSimulator } from '../../../simulator/testkit';
import { customerGuid, SUBACCOUNT_IDS } from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, setProfile, simState } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });

const enable = (subaccount: IDataObject, extra: IDataObject = {}): IDataObject => ({
	resource: 'cloudAlmApi',
	operation: 'enable',
	subaccount,
	...extra,
});

describe('SAP BTP node: Enable Cloud ALM API', () => {
	it('each step reports its own duration: Service Manager access, obtained while the entitlement job runs, takes less than the job', async () => {
		await setProfile(sim, { ...FAST_PROFILE, entitlementJobMs: 1500 });
		// the simulator's clock stands still until the Service Manager token (the end of that step) was issued,
		// then runs on from there: the job ends 1.5 s after the access was obtained on any machine (on the
		// running clock a loaded machine could spend the whole job obtaining it)
		const frozenAt = Date.now();
		let offset: number | undefined;
		sim.context.now = () => (offset === undefined ? frozenAt : Date.now() + offset);
		const cisClient = String((sim.keys.cisCentral.uaa as IDataObject).clientid);
		const add = sim.log.add.bind(sim.log);
		sim.log.add = (e) => {
			add(e);
			if (offset === undefined && e.route === '/oauth/token' && e.status === 200 && e.clientid !== undefined && e.clientid !== cisClient) offset = frozenAt - Date.now();
		};
		const run = await runBtp(sim, enable(rl(SUBACCOUNT_IDS.dev))).finally(() => {
			sim.log.add = add;
		});
		expect(run.status).toBe('success');
		expect(offset).toBeDefined();
		const steps = Object.fromEntries((run.out[0].steps as IDataObject[]).map((s) => [String(s.step), Number(s.durationMs)]));
		expect(steps.entitlement).toBeGreaterThanOrEqual(1500);
		// measured where the access is obtained, not up to where the procedure takes it (after the job)
		expect(steps.serviceManagerAccess).toBeLessThan(steps.entitlement);
		for (const ms of Object.values(steps)) expect(ms).toBeGreaterThanOrEqual(0);
	});

	it('entitles, creates instance and binding, verifies a token; a re-run creates nothing new', async () => {
		const first = await runBtp(sim, enable(rl(SUBACCOUNT_IDS.dev)));
		expect(first.error).toBeUndefined();
		expect(first.status).toBe('success');
		const out = first.out[0];
		expect(out.status).toBe('enabled');
		expect((out.instance as IDataObject).action).toBe('created');
		expect((out.binding as IDataObject).action).toBe('created');
		const steps = out.steps as IDataObject[];
		expect(steps.map((s) => `${String(s.step)}:${String(s.action)}`)).toEqual([
			'entitlement:assigned',
			'serviceManagerAccess:created',
			'instance:created',
			'binding:created',
			'verify:tokenObtained',
		]);
		expect(out.scopes).toEqual(['calm-api.projects.read', 'calm-api.projects.write', 'calm-api.tasks.read', 'calm-api.tasks.write', 'uaa.resource']);
		const key = out.serviceKey as IDataObject;
		expect((key.endpoints as IDataObject).Api).toBe(`${sim.urls.cloudAlm}/api`);
		expect((key.uaa as IDataObject).clientsecret).toBe('**hidden** (enable Include Secrets)');

		const state = await simState(sim);
		const instances = (state.instances as IDataObject[]).filter((i) => i.subaccountGUID === SUBACCOUNT_IDS.dev);
		expect(instances).toHaveLength(1);
		expect(instances[0].parameters).toEqual({
			'xs-security': {
				xsappname: 'cloud-alm-api',
				authorities: [
					'$XSMASTERAPPNAME.calm-api.projects.read',
					'$XSMASTERAPPNAME.calm-api.projects.write',
					'$XSMASTERAPPNAME.calm-api.tasks.read',
					'$XSMASTERAPPNAME.calm-api.tasks.write',
				],
				'oauth2-configuration': { 'credential-types': ['binding-secret'] },
			},
		});
		const bindings = (state.bindings as IDataObject[]).filter((b) => b.subaccountGUID === SUBACCOUNT_IDS.dev);
		expect(bindings).toHaveLength(1);

		const second = await runBtp(sim, enable(rl(SUBACCOUNT_IDS.dev)));
		expect(second.status).toBe('success');
		const again = second.out[0];
		expect(again.status).toBe('alreadyEnabled');
		expect((again.instance as IDataObject).id).toBe((out.instance as IDataObject).id);
		expect((again.binding as IDataObject).id).toBe((out.binding as IDataObject).id);
		expect((again.steps as IDataObject[]).map((s) => s.action)).toEqual(['unchanged', 'reused', 'unchanged', 'reused', 'tokenObtained']);
		expect(second.mutations).toEqual([]);
		const after = await simState(sim);
		expect((after.instances as IDataObject[]).length).toBe((state.instances as IDataObject[]).length);
		expect((after.bindings as IDataObject[]).length).toBe((state.bindings as IDataObject[]).length);
	});

	it('reuses the instance SAP generated for the Cloud ALM tenant with a binding of its own, and says so', async () => {
		const run = await runBtp(sim, enable(rl(SUBACCOUNT_IDS.calm)));
		expect(run.error).toBeUndefined();
		const out = run.out[0];
		expect(out.instance).toMatchObject({ name: 'SAPCloudALMAPIs-default', action: 'reusedAutoGenerated' });
		// issue 11: SAP's own key belongs to the systems SAP connected; the node makes its own binding
		expect(out.binding).toMatchObject({ name: 'cloud-alm-api-key', action: 'created' });
		const instanceStep = (out.steps as IDataObject[]).find((s) => s.step === 'instance')!;
		expect(String((instanceStep.details as IDataObject).note)).toContain('SAP already created instance "SAPCloudALMAPIs-default"');
		// on Service Manager only the node's binding is created (plus the SM access binding through CIS)
		expect(run.mutations.filter((m) => m.service === 'serviceManager').map((m) => `${m.method} ${m.route}`)).toEqual(['POST /v1/service_bindings']);
		expect(run.mutations.filter((m) => m.service === 'entitlements')).toEqual([]);
	});

	it('5 subaccounts in one run: one token per credential, one plan lookup, items in order with pairedItem', async () => {
		const guids = [1, 2, 3, 4, 5].map(customerGuid);
		const run = await runBtp(sim, enable(rl(`={{ ${JSON.stringify(guids)}[$json.n] }}`)), { count: 5 });
		expect(run.error).toBeUndefined();
		expect(run.out.map((o) => (o.subaccount as IDataObject).guid)).toEqual(guids);
		expect(run.paired).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		const cisClient = String((sim.keys.cisCentral.uaa as IDataObject).clientid);
		expect(run.tokens[cisClient]).toBe(1);
		// one derived SM token per subaccount + one verification token per binding
		expect(Object.values(run.tokens).every((n) => n === 1)).toBe(true);
		const lookups = run.calls.filter((c) => c.route === '/v1/service_offerings' || c.route === '/v1/service_plans');
		// at most one offering and one plan lookup per run (new instances are created by catalog names)
		expect(lookups.filter((c) => c.route === '/v1/service_offerings').length).toBeLessThanOrEqual(1);
		expect(lookups.filter((c) => c.route === '/v1/service_plans').length).toBeLessThanOrEqual(1);
		const subaccountLists = run.calls.filter((c) => c.route === '/accounts/v1/subaccounts');
		expect(subaccountLists).toHaveLength(1);
	});
});
