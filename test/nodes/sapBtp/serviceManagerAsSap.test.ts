/**
 * Issue 11: the client against a Service Manager as SAP runs it (the simulator's default profile):
 * parameters of SAPCloudALMAPIs cannot be read back, listings hold Cloud Foundry and Kyma
 * instances, the same catalog name exists in a second data center, and SAP's auto-generated
 * Cloud ALM instance comes with a key that is not the node's to hand out.
 */
import type { IDataObject } from 'n8n-workflow';
import { PARAMETERS_HASH_LABEL_PREFIX, parametersHashLabel } from '../../../nodes/SapBtp/api/serviceManager';
import { xsSecurityParameters } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { useSimulator, fetchToken, httpClient } from '../../../simulator/testkit';
import type { LogEntry } from '../../../simulator/http';
import {
	AUTO_GENERATED_BINDING_NAME,
	AUTO_GENERATED_INSTANCE_NAME,
	customerGuid,
	FOREIGN_INSTANCE_IDS,
	OFFERING_IDS,
	PLAN_IDS,
	SUBACCOUNT_IDS,
} from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, setFaults, setProfile, simState, type BtpRun } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });

const DEFAULT_SCOPES = ['calm-api.projects.read', 'calm-api.projects.write', 'calm-api.tasks.read', 'calm-api.tasks.write'];
const enable = (guid: string, extra: IDataObject = {}): IDataObject => ({ resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(guid), ...extra });
const smMutations = (run: BtpRun) => run.mutations.filter((m) => m.service === 'serviceManager').map((m) => `${m.method} ${m.route}`);
const smRoutes = (run: BtpRun) => run.calls.filter((c: LogEntry) => c.service === 'serviceManager').map((c) => `${c.method} ${c.route}`);
const stepOf = (run: BtpRun, name: string) => (run.out[0].steps as IDataObject[]).find((s) => s.step === name);
const instancesOf = async (guid: string) => ((await simState(sim)).instances as IDataObject[]).filter((i) => i.subaccountGUID === guid);
const hashLabels = (instance: IDataObject) => Object.keys((instance.labels as IDataObject) ?? {}).filter((k) => k.startsWith(PARAMETERS_HASH_LABEL_PREFIX));

describe('parameters that Service Manager cannot read back (SAPCloudALMAPIs is not instances_retrievable)', () => {
	it('a re-run adopts the instance: no read-back of its parameters, no PATCH', async () => {
		const first = await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		expect(first.error).toBeUndefined();
		const [created] = await instancesOf(SUBACCOUNT_IDS.dev);
		expect(hashLabels(created)).toEqual([parametersHashLabel(xsSecurityParameters('cloud-alm-api', DEFAULT_SCOPES, ['binding-secret']))]);

		const again = await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		expect(again.error).toBeUndefined();
		expect(again.out[0]).toMatchObject({ status: 'alreadyEnabled', instance: { id: created.id, action: 'unchanged' } });
		expect(smRoutes(again)).not.toContain('GET /v1/service_instances/:id/parameters');
		expect(again.mutations).toEqual([]);
	});

	it('changed scopes: one PATCH with the parameters and the new hash label; the run after it changes nothing', async () => {
		await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		const scopes = [...DEFAULT_SCOPES, 'calm-api.analytics.read'];
		const changed = await runBtp(sim, enable(SUBACCOUNT_IDS.dev, { scopes }));
		expect(changed.error).toBeUndefined();
		expect(changed.out[0]).toMatchObject({ status: 'enabled', instance: { action: 'updated' } });
		expect(smMutations(changed)).toEqual(['PATCH /v1/service_instances/:id']);
		expect(smRoutes(changed)).not.toContain('GET /v1/service_instances/:id/parameters');
		expect(changed.out[0].scopes).toContain('calm-api.analytics.read');
		const [instance] = await instancesOf(SUBACCOUNT_IDS.dev);
		const wanted = xsSecurityParameters('cloud-alm-api', scopes, ['binding-secret']);
		expect(instance.parameters).toEqual(wanted);
		expect(hashLabels(instance)).toEqual([parametersHashLabel(wanted)]);

		const same = await runBtp(sim, enable(SUBACCOUNT_IDS.dev, { scopes: [...scopes].reverse() }));
		expect(same.out[0]).toMatchObject({ status: 'alreadyEnabled', instance: { action: 'unchanged' } });
		expect(same.mutations).toEqual([]);
	});

	it('an instance without the hash label (made elsewhere): Create or Update applies the parameters once and says why', async () => {
		// room for two instances in dev, then one made without parameters (so without the label)
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.dev, { amount: 3 }))).error).toBeUndefined();
		const access = { serviceManagerAccess: 'serviceManagerCredential' };
		const bare = await runBtp(sim, { resource: 'serviceInstance', operation: 'create', ...access, instanceName: 'calm-elsewhere', parametersMode: 'none' });
		expect(bare.error).toBeUndefined();
		const upsert = { resource: 'serviceInstance', operation: 'createOrUpdate', ...access, instanceName: 'calm-elsewhere' };
		const first = await runBtp(sim, upsert);
		expect(first.error).toBeUndefined();
		expect(first.out[0]).toMatchObject({ action: 'updated' });
		expect(String(first.out[0].note)).toContain('cannot read its parameters back');
		expect(smMutations(first)).toEqual(['PATCH /v1/service_instances/:id']);
		const second = await runBtp(sim, upsert);
		expect(second.out[0]).toMatchObject({ action: 'unchanged' });
		expect(second.out[0].note).toBeUndefined();
		expect(second.mutations).toEqual([]);
	});

	it('Update with new parameters moves the hash label along, so Create or Update compares against them', async () => {
		await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		const scopes = ['calm-api.projects.read'];
		const target = { subaccount: rl(SUBACCOUNT_IDS.dev), instance: rl('cloud-alm-api', 'name') };
		const updated = await runBtp(sim, { resource: 'serviceInstance', operation: 'update', ...target, parametersMode: 'template', scopes });
		expect(updated.error).toBeUndefined();
		const [instance] = await instancesOf(SUBACCOUNT_IDS.dev);
		expect(hashLabels(instance)).toEqual([parametersHashLabel(xsSecurityParameters('cloud-alm-api', scopes, ['binding-secret']))]);
		expect(instance.labels).toMatchObject({ created_by: ['n8n-nodes-sap-cloud-alm'] });
		const same = await runBtp(sim, { resource: 'serviceInstance', operation: 'createOrUpdate', subaccount: rl(SUBACCOUNT_IDS.dev), instanceName: 'cloud-alm-api', scopes });
		expect(same.out[0]).toMatchObject({ action: 'unchanged' });
		expect(same.mutations).toEqual([]);
	});

	it('Get with Include Parameters says why there are none instead of failing', async () => {
		await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		const run = await runBtp(sim, {
			resource: 'serviceInstance',
			operation: 'get',
			subaccount: rl(SUBACCOUNT_IDS.dev),
			instance: rl('cloud-alm-api', 'name'),
			includeParameters: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.out[0]).toMatchObject({ name: 'cloud-alm-api', platformId: 'service-manager', parameters: null });
		expect(String(run.out[0].parametersNote)).toContain('not instances_retrievable');
	});
});

describe('instances of other platforms', () => {
	it("a Cloud Foundry instance of the same name is ignored: Enable creates its own and makes room in the quota", async () => {
		const guid = customerGuid(1);
		const run = await runBtp(sim, enable(guid));
		expect(run.error).toBeUndefined();
		const out = run.out[0];
		expect(out.instance).toMatchObject({ name: 'cloud-alm-api', action: 'created' });
		expect((out.instance as IDataObject).id).not.toBe(FOREIGN_INSTANCE_IDS.customerCf);
		// the CF instance uses the subaccount's amount of 1: raised to 2 before the create
		expect(stepOf(run, 'quota')).toMatchObject({ action: 'increased', details: { amount: 2 } });
		const instances = await instancesOf(guid);
		expect(instances.map((i) => `${String(i.name)}@${String(i.platform_id)}`).sort()).toEqual(
			[`cloud-alm-api@${String(instances.find((i) => i.id === FOREIGN_INSTANCE_IDS.customerCf)!.platform_id)}`, 'cloud-alm-api@service-manager'].sort(),
		);
		const state = await simState(sim);
		const binding = (state.bindings as IDataObject[]).find((b) => b.id === (out.binding as IDataObject).id)!;
		expect(binding.service_instance_id).toBe((out.instance as IDataObject).id);
		// the re-run finds its own instance again, not the CF one
		const again = await runBtp(sim, enable(guid));
		expect(again.out[0]).toMatchObject({ status: 'alreadyEnabled', instance: { id: (out.instance as IDataObject).id } });
		expect(again.mutations).toEqual([]);
	});

	it("SAP's tenant: Cloud Foundry and Kyma instances of the plan are not taken for SAP's instance", async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.calm));
		expect(run.error).toBeUndefined();
		expect(run.out[0].instance).toMatchObject({ id: '1d4e7f00-0000-4000-8000-0000000ca1a9', name: AUTO_GENERATED_INSTANCE_NAME });
	});

	it('a name only another platform has is explained, not reported as missing', async () => {
		const run = await runBtp(
			sim,
			{ resource: 'serviceInstance', operation: 'get', subaccount: rl(customerGuid(1)), instance: rl('cloud-alm-api', 'name') },
			{ continueOnFail: true },
		);
		expect(String(run.out[0].error)).toMatch(/^Service instance "cloud-alm-api" exists only on platform [0-9a-f-]{36}, not on Service Manager's$/);
		expect(String(run.out[0].description)).toContain('exists on platform');
		expect(run.out[0].step).toBe('Find the service instance by name');
	});

	it("two instances of one name on Service Manager's platform: a clear error, never the first of them", async () => {
		await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		// SAP keeps such names unique; a second one is injected to prove the node does not guess
		const original = sim.context.state.instances.find((i) => i.subaccountGUID === SUBACCOUNT_IDS.dev && i.name === 'cloud-alm-api')!;
		sim.context.state.instances.push({ ...original, id: '0dd0dd00-0000-4000-8000-000000000002', paging_sequence: sim.context.state.seq.paging++ });
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev), { continueOnFail: true });
		expect(run.out[0].error).toBe('Service instance name "cloud-alm-api" is ambiguous: Service Manager lists 2 matches');
		expect(String(run.out[0].description)).toContain('0dd0dd00-0000-4000-8000-000000000002');
		expect(smMutations(run)).toEqual([]);
	});
});

describe('data centers', () => {
	it("Enable creates with the plan of the offering in the default data center (data_center eq '')", async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev));
		expect(run.error).toBeUndefined();
		const [instance] = await instancesOf(SUBACCOUNT_IDS.dev);
		expect(instance.service_plan_id).toBe(PLAN_IDS.calmStandard);
		const offeringLookup = run.calls.find((c) => c.route === '/v1/service_offerings')!;
		expect(decodeURIComponent(offeringLookup.path).replace(/\+/g, ' ')).toContain("catalog_name eq 'SAPCloudALMAPIs' and data_center eq ''");
	});

	it('Create or Update by catalog names picks the default data center too', async () => {
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.dev, { amount: 2 }))).error).toBeUndefined();
		const run = await runBtp(sim, {
			resource: 'serviceInstance',
			operation: 'createOrUpdate',
			subaccount: rl(SUBACCOUNT_IDS.dev),
			instanceName: 'calm-dc',
		});
		expect(run.error).toBeUndefined();
		expect(run.out[0]).toMatchObject({ action: 'created', instance: { servicePlanId: PLAN_IDS.calmStandard } });
	});

	it('two offerings of one catalog name in the default data center: a clear error', async () => {
		const other = sim.context.state.offerings.find((o) => o.id === OFFERING_IDS.calmOtherDataCenter)!;
		other.data_center = '';
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.dev), { continueOnFail: true });
		expect(run.out[0].error).toBe('Service offering "SAPCloudALMAPIs" is ambiguous: Service Manager lists 2 matches');
		expect(run.out[0].step).toBe('Look up offering and plan');
		expect(smMutations(run)).toEqual([]);
	});
});

describe("SAP's auto-generated Cloud ALM instance", () => {
	const sapKeyClientId = () => String((sim.keys.cloudAlm.uaa as IDataObject).clientid);

	it("gets a binding of the node's own with the requested name; SAP's key is never in the output", async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.calm));
		expect(run.error).toBeUndefined();
		const out = run.out[0];
		expect(out.instance).toMatchObject({ name: AUTO_GENERATED_INSTANCE_NAME, action: 'reusedAutoGenerated' });
		expect(out.binding).toMatchObject({ name: 'cloud-alm-api-key', action: 'created' });
		expect(JSON.stringify(run.out)).not.toContain(sapKeyClientId());
		expect(stepOf(run, 'instanceScopes')).toMatchObject({ action: 'alreadyGranted' });
		expect(smMutations(run)).toEqual(['POST /v1/service_bindings']);
		const state = await simState(sim);
		const binding = (state.bindings as IDataObject[]).find((b) => b.id === (out.binding as IDataObject).id)!;
		expect(binding.service_instance_id).toBe('1d4e7f00-0000-4000-8000-0000000ca1a9');
		expect(binding.labels).toMatchObject({ created_by: ['n8n-nodes-sap-cloud-alm'] });

		const again = await runBtp(sim, enable(SUBACCOUNT_IDS.calm));
		expect(again.out[0]).toMatchObject({ status: 'alreadyEnabled', binding: { id: (out.binding as IDataObject).id, action: 'reused' } });
		expect(again.mutations).toEqual([]);
		expect(JSON.stringify(again.out)).not.toContain(sapKeyClientId());
	});

	it("selected scopes SAP's instance lacks are added, keeping its xsappname, its scopes and its credential types", async () => {
		const scopes = [...DEFAULT_SCOPES, 'calm-api.analytics.read'];
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.calm, { scopes }));
		expect(run.error).toBeUndefined();
		expect(stepOf(run, 'instanceScopes')).toMatchObject({ action: 'updated', details: { added: ['calm-api.analytics.read'] } });
		expect(run.out[0].scopes).toContain('calm-api.analytics.read');
		expect(smMutations(run)).toEqual(['POST /v1/service_bindings', 'PATCH /v1/service_instances/:id']);
		const sapInstance = ((await simState(sim)).instances as IDataObject[]).find((i) => i.id === '1d4e7f00-0000-4000-8000-0000000ca1a9')!;
		const xs = (sapInstance.parameters as IDataObject)['xs-security'] as IDataObject;
		expect(xs.xsappname).toBe(AUTO_GENERATED_INSTANCE_NAME);
		// the features scopes SAP granted stay
		expect(xs.authorities).toEqual(expect.arrayContaining(['$XSMASTERAPPNAME.calm-api.features.read', '$XSMASTERAPPNAME.calm-api.analytics.read']));
		expect((xs['oauth2-configuration'] as IDataObject)['credential-types']).toEqual(expect.arrayContaining(['binding-secret', 'x509']));

		const again = await runBtp(sim, enable(SUBACCOUNT_IDS.calm, { scopes }));
		expect(stepOf(again, 'instanceScopes')).toMatchObject({ action: 'alreadyGranted' });
		expect(again.mutations).toEqual([]);
	});

	it("an instance the node created under another name is not taken for SAP's", async () => {
		const own = await runBtp(sim, enable(SUBACCOUNT_IDS.calm, { instanceName: 'calm-own', reuseAutoGenerated: false }));
		expect(own.error).toBeUndefined();
		expect(own.out[0].instance).toMatchObject({ name: 'calm-own', action: 'created' });
		// SAP's, the CF and the Kyma instance use the amount of 3
		expect(stepOf(own, 'quota')).toMatchObject({ action: 'increased', details: { amount: 4 } });
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.calm, { instanceName: 'calm-other' }));
		expect(run.error).toBeUndefined();
		expect(run.out[0].instance).toMatchObject({ name: AUTO_GENERATED_INSTANCE_NAME, action: 'reusedAutoGenerated' });
	});

	it('a refused update fails with a message naming the missing scopes', async () => {
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.calm))).error).toBeUndefined(); // the node's binding exists
		await setFaults(sim, { ...NO_FAULTS, asyncFailure: 1 }); // the broker fails every operation from now on
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.calm, { scopes: [...DEFAULT_SCOPES, 'calm-api.analytics.read'] }), { continueOnFail: true });
		expect(String(run.out[0].error)).toContain(
			`SAP's instance "${AUTO_GENERATED_INSTANCE_NAME}" does not grant the selected scope(s) calm-api.analytics.read, and Service Manager refused to update it`,
		);
		expect(String(run.out[0].description)).toContain('Missing scopes: calm-api.analytics.read');
		expect(run.out[0].step).toBe('Wait for the update of the service instance "SAPCloudALMAPIs-default"');
	});

	it("a binding of the requested name that the node did not create there is never handed out", async () => {
		const run = await runBtp(sim, enable(SUBACCOUNT_IDS.calm, { bindingName: AUTO_GENERATED_BINDING_NAME }), { continueOnFail: true });
		expect(run.out[0].error).toBe(`Binding "${AUTO_GENERATED_BINDING_NAME}" of instance "${AUTO_GENERATED_INSTANCE_NAME}" was not created by this node`);
		expect(JSON.stringify(run.out)).not.toContain(sapKeyClientId());
		expect(smMutations(run)).toEqual([]);
	});
});

describe("Service Manager's own rate limit", () => {
	it('a 429 from the bindings limit is waited out until its Retry-After, then the call succeeds', async () => {
		await setProfile(sim, { ...FAST_PROFILE, smBindingRequestsPerMinute: 3 });
		// the caller (the SM key's client) used its 3 calls in a window that started 57 s "ago", so it
		// ends 3 s from now; the simulator's clock stays 57 s behind until it has answered a 429, so
		// the 429 cannot be missed on a slow machine, and then runs on real time, as the node does
		const key = sim.keys.serviceManager as unknown as { url: string; clientid: string; clientsecret: string; sm_url: string };
		const client = httpClient(key.sm_url, await fetchToken(key));
		sim.context.now = () => (sim.log.entries.some((e) => e.status === 429) ? Date.now() : Date.now() - 57_000);
		const windowStart = Date.now() - 57_000;
		for (let n = 0; n < 3; n++) expect((await client.get('/v1/service_bindings')).status).toBe(200);

		const run = await runBtp(sim, { resource: 'serviceBinding', operation: 'list', serviceManagerAccess: 'serviceManagerCredential' });
		expect(run.error).toBeUndefined();
		const lists = run.calls.filter((c) => c.route === '/v1/service_bindings');
		expect(lists.map((c) => c.status)).toEqual([429, 200]);
		// not before the window's end (Retry-After is that time, rounded up to the second)
		expect(lists[1].at).toBeGreaterThanOrEqual(windowStart + 60_000);
	});
});
