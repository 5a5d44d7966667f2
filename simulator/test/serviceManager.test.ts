/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * Service Manager of the simulator over real HTTP with tokens from the seeded SM key: catalog
 * visibility follows the Entitlements service, the query language, paging, async/sync instance
 * and binding lifecycles, Cloud ALM binding credentials that really work (secret and mTLS),
 * failures and conflicts. SAP's stricter rules (non-retrievable parameters, other platforms'
 * instances, a second data center, operations outliving their resource, rate limits) each have
 * their own describe block below, with the SAP source in the simulator code.
 */
import { X509Certificate } from 'node:crypto';
import * as https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { CF_INSTANCE_SECRET_BINDING, FOREIGN_INSTANCE_IDS, OTHER_DATA_CENTER, PLAN_IDS, SUBACCOUNT_IDS, customerGuid } from '../seed';
import { cisClients, fetchToken, httpClient, sleep, useSimulator } from '../testkit';

type Json = Record<string, unknown>;
type Named = { name: string; catalog_name?: string };
interface SmKey {
	url: string;
	clientid: string;
	clientsecret?: string;
	sm_url: string;
}

let control: AxiosInstance;
let sm: AxiosInstance;
/** Added to the simulator's clock (`sim.context.now`): tests move time instead of sleeping. */
let clockOffset = 0;
const advanceClock = (ms: number) => {
	clockOffset += ms;
};

const DEV = SUBACCOUNT_IDS.dev;
// CIS limit and assignment lag off: `entitle` below is a helper, not under test (see entitlements.test.ts)
const FAST = { ...DEFAULT_PROFILE, instanceOperationMs: 40, bindingOperationMs: 20, cisRequestsPerWindow: 0, assignmentLagMs: 0 };
const CALM_AUTHORITIES = ['$XSMASTERAPPNAME.calm-api.projects.read', '$XSMASTERAPPNAME.calm-api.tasks.read'];
const calmParams = (credentialTypes = ['binding-secret']) => ({
	'xs-security': {
		xsappname: 'calm-api-dev',
		authorities: CALM_AUTHORITIES,
		'oauth2-configuration': { 'credential-types': credentialTypes },
	},
});

async function smClient(key: SmKey = sim.keys.serviceManager as SmKey): Promise<AxiosInstance> {
	const token = await fetchToken({ url: key.url, clientid: key.clientid, clientsecret: key.clientsecret });
	return httpClient(key.sm_url, token);
}

/** An SM client of another subaccount, with a key made through CIS (Accounts v2 serviceManagerBindings). */
async function smClientFor(subaccountGUID: string, name = 'test-access'): Promise<AxiosInstance> {
	const { accounts } = await cisClients(sim.keys.cisCentral);
	const res = await accounts.post(`/accounts/v2/subaccounts/${subaccountGUID}/serviceManagerBindings`, { name });
	expect(res.status).toBe(201);
	return smClient(res.data as SmKey);
}

/** The plan id SAP's own clients resolve: offering by catalog name in the empty data center, then the plan. */
async function planIdOf(client: AxiosInstance, offering: string, plan: string): Promise<string> {
	const offerings = await client.get('/v1/service_offerings', { params: { fieldQuery: `catalog_name eq '${offering}' and data_center eq ''` } });
	expect(offerings.data.num_items).toBe(1);
	const plans = await client.get('/v1/service_plans', {
		params: { fieldQuery: `catalog_name eq '${plan}' and service_offering_id eq '${offerings.data.items[0].id}'` },
	});
	expect(plans.data.num_items).toBe(1);
	return plans.data.items[0].id as string;
}

/** Entitles a subaccount through the Entitlements HTTP API and waits for the job to finish. */
async function entitle(subaccountGUID: string, serviceName = 'SAPCloudALMAPIs', planName = 'standard', amount = 1) {
	const { entitlements } = await cisClients(sim.keys.cisCentral);
	const res = await entitlements.put('/entitlements/v1/subaccountServicePlans', {
		subaccountServicePlans: [{ serviceName, servicePlanName: planName, assignmentInfo: [{ subaccountGUID, amount }] }],
	});
	expect(res.status).toBe(202);
	const until = Date.now() + 5000;
	for (;;) {
		const job = await entitlements.get(res.headers.location);
		if (job.data.status !== 'IN_PROGRESS') {
			expect(job.data.status).toBe('COMPLETED');
			return;
		}
		if (Date.now() > until) throw new Error('entitlement job did not finish');
		await sleep(20);
	}
}

/** Polls an operation Location until it leaves `in progress`; returns the states seen and the last answer. */
async function pollOperation(client: AxiosInstance, location: string) {
	const states: string[] = [];
	const until = Date.now() + 5000;
	for (;;) {
		const res = await client.get(location);
		if (res.status !== 200) return { states, last: res };
		states.push(res.data.state);
		if (res.data.state !== 'in progress') return { states, last: res };
		if (Date.now() > until) throw new Error(`operation ${location} still in progress`);
		await sleep(10);
	}
}

const createSmInstance = (name: string, extra: Json = {}, query = '?async=false') =>
	sm.post(`/v1/service_instances${query}`, {
		name,
		service_offering_name: 'service-manager',
		service_plan_name: 'subaccount-admin',
		...extra,
	});

async function createCalmInstance(name: string, parameters: Json = calmParams()) {
	const res = await sm.post('/v1/service_instances?async=false', { name, service_plan_id: PLAN_IDS.calmStandard, parameters });
	expect(res.status).toBe(201);
	return res.data as { id: string; name: string };
}

function expectSmError(res: AxiosResponse, status: number, error: string, description?: RegExp) {
	expect(res.status).toBe(status);
	expect(res.data).toEqual({ error, description: expect.any(String) });
	if (description) expect(res.data.description).toMatch(description);
}

const sim = useSimulator({ reset: {}, profile: FAST, faults: NO_FAULTS });
beforeAll(async () => {
	control = httpClient(sim.urls.control);
});
beforeEach(async () => {
	clockOffset = 0;
	sim.context.now = () => Date.now() + clockOffset;
	sm = await smClient();
});

describe('catalog follows the entitlements of the caller subaccount', () => {
	it('hides SAPCloudALMAPIs until the plan is assigned, then shows offering and plan', async () => {
		const byName = "catalog_name eq 'SAPCloudALMAPIs' and data_center eq ''";
		const before = await sm.get('/v1/service_offerings', { params: { fieldQuery: byName } });
		expect(before.status).toBe(200);
		expect(before.data).toEqual({ num_items: 0, items: [] });
		const allBefore = await sm.get('/v1/service_offerings');
		expect(allBefore.data.items.map((o: Named) => o.catalog_name)).toEqual(['service-manager']);
		const planId = sim.context.state.plans.find((p) => p.catalog_name === 'standard')!.id;
		expectSmError(await sm.get(`/v1/service_plans/${planId}`), 404, 'NotFound');
		expectSmError(
			await sm.post('/v1/service_instances', { name: 'calm', service_offering_name: 'SAPCloudALMAPIs', service_plan_name: 'standard' }),
			404,
			'NotFound',
			/could not find such service plan/,
		);

		await entitle(DEV);

		const offerings = await sm.get('/v1/service_offerings', { params: { fieldQuery: byName, environment: 'cloudfoundry' } });
		expect(offerings.data.num_items).toBe(1);
		const offering = offerings.data.items[0];
		expect(offering).toMatchObject({ catalog_name: 'SAPCloudALMAPIs', name: 'SAPCloudALMAPIs', bindable: true, instances_retrievable: false });
		// as recorded: no data_center in the JSON for the subaccount's own data center
		expect(offering).not.toHaveProperty('data_center');
		expect(offering).not.toHaveProperty('entitlementServiceName');
		const plans = await sm.get('/v1/service_plans', {
			params: { fieldQuery: `catalog_name eq 'standard' and service_offering_id eq '${offering.id}'` },
		});
		expect(plans.data.items).toHaveLength(1);
		expect(plans.data.items[0]).toMatchObject({ id: planId, catalog_name: 'standard', service_offering_id: offering.id });
		expect((await sm.get(`/v1/service_plans/${planId}`)).data.id).toBe(planId);
		expect((await sm.get(`/v1/service_offerings/${offering.id}`)).data.catalog_name).toBe('SAPCloudALMAPIs');
		expectSmError(await sm.get('/v1/service_offerings', { params: { environment: 'mars' } }), 400, 'BadRequest');
	});

	it('scopes tokens: 401 without a token, 403 for a CIS token, other subaccounts invisible', async () => {
		const anonymous = httpClient(sim.urls.serviceManager);
		expectSmError(await anonymous.get('/v1/service_instances'), 401, 'Unauthorized');
		const cis = httpClient(sim.urls.serviceManager, (await cisClients(sim.keys.cisCentral)).token);
		expectSmError(await cis.get('/v1/service_instances'), 403, 'Forbidden');
		// the Cloud ALM tenant's auto-generated instance lives in another subaccount
		const foreign = sim.context.state.instances.find((i) => i.autoGenerated)!;
		expect((await sm.get('/v1/service_instances')).data.num_items).toBe(0);
		expectSmError(await sm.get(`/v1/service_instances/${foreign.id}`), 404, 'NotFound');
	});
});

describe('query language and paging', () => {
	it('supports eq, ne, in, notin, nested paths, escaped quotes and label queries', async () => {
		await control.post('/__sim/profile', { smStrictInstanceNames: false });
		for (const [name, env] of [
			['alpha', 'dev'],
			['beta', 'prod'],
			["it's", 'dev'],
		]) {
			expect((await createSmInstance(name, { labels: { env: [env] } })).status).toBe(201);
		}
		const names = async (params: Json) => {
			const res = await sm.get('/v1/service_instances', { params });
			expect(res.status).toBe(200);
			return res.data.items.map((i: Named) => i.name);
		};
		expect(await names({ fieldQuery: "name eq 'it''s'" })).toEqual(["it's"]);
		expect(await names({ fieldQuery: "name ne 'alpha'" })).toEqual(['beta', "it's"]);
		expect(await names({ fieldQuery: "name in ('alpha', 'beta')" })).toEqual(['alpha', 'beta']);
		expect(await names({ fieldQuery: "name notin ('alpha')" })).toEqual(['beta', "it's"]);
		expect(await names({ fieldQuery: "context/instance_name eq 'beta' and ready eq true" })).toEqual(['beta']);
		expect(await names({ fieldQuery: 'created_at gt 2000-01-01T00:00:00Z' })).toHaveLength(3);
		expect(await names({ fieldQuery: 'created_at lt 2000-01-01T00:00:00Z' })).toEqual([]);
		expect(await names({ labelQuery: "env eq 'dev'" })).toEqual(['alpha', "it's"]);
		expect(await names({ labelQuery: "env in ('prod')", fieldQuery: "name ne 'x'" })).toEqual(['beta']);
		expect(await names({ labelQuery: `subaccount_id eq '${DEV}'` })).toHaveLength(3);

		expectSmError(await sm.get('/v1/service_instances', { params: { fieldQuery: "name eq 'open" } }), 400, 'InvalidFieldQuery');
		expectSmError(await sm.get('/v1/service_instances', { params: { fieldQuery: 'name eq alpha' } }), 400, 'InvalidFieldQuery', /single quotes/);
		expectSmError(await sm.get('/v1/service_instances', { params: { fieldQuery: "instanceName eq 'a'" } }), 400, 'InvalidFieldQuery', /instanceName/);
		expectSmError(await sm.get('/v1/service_instances', { params: { fieldQuery: '' } }), 400, 'InvalidFieldQuery');
		expectSmError(await sm.get('/v1/service_instances', { params: { labelQuery: "env gt 'a'" } }), 400, 'InvalidLabelQuery');
	});

	it('pages in creation order with num_items, token and an absolute Link to the next page', async () => {
		for (let n = 1; n <= 5; n++) expect((await createSmInstance(`inst-${n}`)).status).toBe(201);
		const first = await sm.get('/v1/service_instances', { params: { max_items: 2 } });
		expect(first.data.num_items).toBe(5);
		expect(first.data.items.map((i: Named) => i.name)).toEqual(['inst-1', 'inst-2']);
		expect(first.data.token).toEqual(expect.any(String));
		expect(first.headers.link).toMatch(new RegExp(`^<${sim.urls.serviceManager}/v1/service_instances\\?.*token=.*>; rel="next"$`));
		expect(first.data.items[0]).not.toHaveProperty('last_operation');

		const seen: string[] = [];
		let next: string | undefined = `${sim.urls.serviceManager}/v1/service_instances?max_items=2`;
		let pages = 0;
		while (next) {
			const page: AxiosResponse = await sm.get(next);
			pages++;
			seen.push(...page.data.items.map((i: Named) => i.name));
			next = /^<([^>]+)>; rel="next"$/.exec(page.headers.link ?? '')?.[1];
			if (!next) expect(page.data).not.toHaveProperty('token');
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(['inst-1', 'inst-2', 'inst-3', 'inst-4', 'inst-5']);

		expect((await sm.get('/v1/service_instances', { params: { max_items: 0 } })).data).toEqual({ num_items: 5 });
		expectSmError(await sm.get('/v1/service_instances', { params: { max_items: -1 } }), 400, 'InvalidMaxItems');
		expectSmError(await sm.get('/v1/service_instances', { params: { token: 'not-a-token' } }), 400, 'TokenInvalid');
		const withOps = await sm.get('/v1/service_instances', { params: { attach_last_operations: true } });
		expect(withOps.data.items[0].last_operation).toMatchObject({ type: 'create', state: 'succeeded' });
	});
});

describe('service instances', () => {
	it('async create: 202 {} + relative Location; the op goes in progress → succeeded and the instance becomes ready', async () => {
		await control.post('/__sim/profile', { instanceOperationMs: 1500 });
		await entitle(DEV);
		// the simulator's clock stands still until the operation was seen in progress, however slow this machine is
		const frozen = Date.now();
		sim.context.now = () => frozen + clockOffset;
		const res = await sm.post('/v1/service_instances?async=true', {
			name: 'calm-api',
			service_plan_id: await planIdOf(sm, 'SAPCloudALMAPIs', 'standard'),
			parameters: calmParams(),
			labels: { team: ['alm'] },
		});
		expect(res.status).toBe(202);
		expect(res.data).toEqual({});
		const m = /^\/v1\/service_instances\/([0-9a-f-]{36})\/operations\/([0-9a-f-]{36})$/.exec(res.headers.location);
		expect(m).not.toBeNull();
		const instanceId = m![1];

		const early = await sm.get(`/v1/service_instances/${instanceId}`);
		expect(early.data).toMatchObject({ ready: false, last_operation: { type: 'create', state: 'in progress' } });

		const running = await sm.get(res.headers.location);
		advanceClock(1500);
		sim.context.now = () => Date.now() + clockOffset;
		const { states, last } = await pollOperation(sm, res.headers.location);
		expect([running.data.state, ...states]).toEqual(['in progress', 'succeeded']);
		expect(last.data).toMatchObject({
			id: m![2],
			type: 'create',
			state: 'succeeded',
			resource_id: instanceId,
			resource_type: '/v1/service_instances',
			ready: true,
		});
		expect(last.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

		const done = (await sm.get(`/v1/service_instances/${instanceId}`)).data;
		expect(done).toMatchObject({
			name: 'calm-api',
			ready: true,
			usable: true,
			platform_id: 'service-manager',
			// context as SAP's hosted SM records it (terraform-provider-btp fixtures)
			context: {
				platform: 'sapcp',
				origin: 'sapcp',
				region: 'cf-eu10',
				zone_id: DEV,
				subdomain: 'acme-dev',
				license_type: expect.any(String),
				instance_name: 'calm-api',
				subaccount_id: DEV,
				crm_customer_id: '',
				global_account_id: expect.any(String),
			},
			labels: { team: ['alm'], subaccount_id: [DEV] },
		});
		expect(sim.context.state.instances.find((i) => i.id === instanceId)!.parameters).toEqual(calmParams());
	});

	it('sync create answers 201 ready:true; an omitted async follows the profile default', async () => {
		const planId = sim.context.state.plans.find((p) => p.catalog_name === 'subaccount-admin')!.id;
		const sync = await sm.post('/v1/service_instances?async=false', { name: 'by-id', service_plan_id: planId });
		expect(sync.status).toBe(201);
		expect(sync.data).toMatchObject({ name: 'by-id', service_plan_id: planId, ready: true, last_operation: { state: 'succeeded' } });

		expect((await createSmInstance('default-async', {}, '')).status).toBe(202);
		await control.post('/__sim/profile', { smDefaultAsync: false });
		expect((await createSmInstance('default-sync', {}, '')).status).toBe(201);
	});

	it('rejects duplicates (409), missing names and unknown plans', async () => {
		expect((await createSmInstance('dup')).status).toBe(201);
		expectSmError(await createSmInstance('dup'), 409, 'Conflict', /instance with same name exists for the current tenant/);
		expectSmError(await createSmInstance(''), 400, 'BadRequest', /name/);
		expectSmError(await sm.post('/v1/service_instances', { name: 'p', service_plan_id: 'nope' }), 404, 'NotFound');
		expectSmError(
			await createSmInstance('p', { platform_id: 'cf-platform' }),
			400,
			'InvalidTransfer',
			/platform_id property during provisioning\/updating with a value different from service-manager is forbidden/,
		);
	});

	it('the 32-character name rule holds where SAP documents it (Cloud ALM), not for other offerings', async () => {
		await entitle(DEV, 'SAPCloudALMAPIs', 'standard', 3);
		const calm = (name: string) => sm.post('/v1/service_instances?async=false', { name, service_plan_id: PLAN_IDS.calmStandard });
		expectSmError(await calm('x'.repeat(33)), 400, 'BadRequest', /at most 32 characters/);
		expectSmError(await calm('has space'), 400, 'BadRequest', /at most 32 characters/);
		expectSmError(await calm('a+b/c='), 400, 'BadRequest', /only letters, digits/);
		expect((await calm('x'.repeat(32))).status).toBe(201);
		expect((await calm('Calm_API.v1-ok')).status).toBe(201);
		// SM only recommends CLI-friendly names: SAP's @sap/instance-manager names instances with a
		// 44-character base64 digest, which SAP's Service Manager accepts
		expect((await createSmInstance('Vx3k+9/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789=')).status).toBe(201);
		expect((await createSmInstance('has space')).status).toBe(201);
		expectSmError(await createSmInstance('has space'), 409, 'Conflict');
		await control.post('/__sim/profile', { smStrictInstanceNames: false });
		expect((await calm('y'.repeat(33))).status).toBe(201);
	});

	it('enforces the numeric entitlement as an instance quota', async () => {
		await entitle(DEV);
		await createCalmInstance('calm-1');
		const second = await sm.post('/v1/service_instances?async=false', { name: 'calm-2', service_plan_id: PLAN_IDS.calmStandard });
		expectSmError(second, 400, 'BadRequest', /entitled to 1 instance/);
		// the quota is the entitlement's: the same plan in the other data center counts against it
		const otherDc = await sm.post('/v1/service_instances?async=false', { name: 'calm-3', service_plan_id: PLAN_IDS.calmStandardOtherDataCenter });
		expectSmError(otherDc, 400, 'BadRequest', /entitled to 1 instance/);
	});

	it('PATCH replaces parameters and applies label ops asynchronously; 422 while an op runs', async () => {
		const created = (await createSmInstance('patchme', { parameters: { a: 1, b: 2 }, labels: { env: ['dev', 'qa'], old: ['x'] } })).data;
		const res = await sm.patch(`/v1/service_instances/${created.id}?async=true`, {
			parameters: { c: 3 },
			labels: [
				{ op: 'add', key: 'env', values: ['prod'] },
				{ op: 'remove', key: 'env', values: ['qa'] },
				{ op: 'remove', key: 'old' },
			],
		});
		expect(res.status).toBe(400); // add and remove of the same key in one request is refused, as SAP does
		const ok = await sm.patch(`/v1/service_instances/${created.id}?async=true`, {
			parameters: { c: 3 },
			labels: [
				{ op: 'add', key: 'env', values: ['prod'] },
				{ op: 'remove', key: 'old' },
			],
		});
		expect(ok.status).toBe(202);
		expect(ok.headers.location).toMatch(new RegExp(`^/v1/service_instances/${created.id}/operations/`));
		expectSmError(await sm.patch(`/v1/service_instances/${created.id}`, { name: 'other' }), 422, 'ConcurrentOperation');
		const { last } = await pollOperation(sm, ok.headers.location);
		expect(last.data).toMatchObject({ type: 'update', state: 'succeeded' });
		expect(sim.context.state.instances.find((i) => i.id === created.id)!.parameters).toEqual({ c: 3 });
		expect((await sm.get(`/v1/service_instances/${created.id}`)).data.labels).toEqual({
			env: ['dev', 'qa', 'prod'],
			subaccount_id: [DEV],
		});

		const renamed = await sm.patch(`/v1/service_instances/${created.id}?async=false`, { name: 'renamed' });
		expect(renamed.status).toBe(200);
		expect(renamed.data).toMatchObject({ name: 'renamed', context: { instance_name: 'renamed' } });
	});

	it('DELETE with cascade=true deletes the bindings, then the instance (always 202)', async () => {
		const instance = (await createSmInstance('cascade')).data;
		for (const name of ['b1', 'b2']) expect((await sm.post('/v1/service_bindings?async=false', { name, service_instance_id: instance.id })).status).toBe(201);
		const del = await sm.delete(`/v1/service_instances/${instance.id}?async=false&cascade=true`);
		expect(del.status).toBe(202);
		expect((await pollOperation(sm, del.headers.location)).last.data).toMatchObject({ type: 'delete', state: 'succeeded' });
		expectSmError(await sm.get(`/v1/service_instances/${instance.id}`), 404, 'NotFound');
		expect((await sm.get('/v1/service_bindings', { params: { fieldQuery: `service_instance_id eq '${instance.id}'` } })).data.num_items).toBe(0);
	});

	it('DELETE is refused while bindings exist, then succeeds; the finished delete op still reads succeeded', async () => {
		const instance = (await createSmInstance('with-binding')).data;
		const binding = await sm.post('/v1/service_bindings?async=false', { name: 'b', service_instance_id: instance.id });
		expect(binding.status).toBe(201);
		// Peripli's instance interceptor: sync 400; async 202 and the operation fails; the instance stays
		expectSmError(await sm.delete(`/v1/service_instances/${instance.id}?async=false`), 400, 'BadRequest', /could not delete instance due to 1 existing bindings/);
		const refused = await sm.delete(`/v1/service_instances/${instance.id}?async=true`);
		expect(refused.status).toBe(202);
		expect((await pollOperation(sm, refused.headers.location)).last.data).toMatchObject({
			type: 'delete',
			state: 'failed',
			errors: { error: 'BadRequest', description: 'could not delete instance due to 1 existing bindings' },
		});
		expect((await sm.get(`/v1/service_instances/${instance.id}`)).data).toMatchObject({ ready: true, last_operation: { type: 'delete', state: 'failed' } });
		// a hosted SM whose foreign key answers first
		await control.post('/__sim/profile', { smDeleteInstanceWithBindings: 'conflict' });
		expectSmError(await sm.delete(`/v1/service_instances/${instance.id}`), 409, 'ExistingReferenceEntity', /reference entity service_bindings/);
		await control.post('/__sim/profile', { smDeleteInstanceWithBindings: 'failOperation' });

		// stop the simulator's clock so the operation is seen in progress however slow this machine is
		const frozen = Date.now();
		sim.context.now = () => frozen + clockOffset;
		const unbind = await sm.delete(`/v1/service_bindings/${binding.data.id}?async=true`);
		expect(unbind.status).toBe(202);
		expect(unbind.headers.location).toMatch(new RegExp(`^/v1/service_bindings/${binding.data.id}/operations/`));
		const firstPoll = await sm.get(unbind.headers.location);
		expect(firstPoll.data).toMatchObject({ type: 'delete', state: 'in progress' });
		expect((await sm.get(`/v1/service_bindings/${binding.data.id}`)).status).toBe(200);
		advanceClock(FAST.bindingOperationMs);
		sim.context.now = () => Date.now() + clockOffset;
		const { last } = await pollOperation(sm, unbind.headers.location);
		// the operation outlives the binding (Peripli GetResourceOperation): in progress → succeeded
		expect(last.status).toBe(200);
		expect(last.data).toMatchObject({ type: 'delete', state: 'succeeded', resource_id: binding.data.id });
		expect((await sm.get(`/v1/service_bindings/${binding.data.id}`)).status).toBe(404);
		expect((await sm.get(unbind.headers.location)).data.state).toBe('succeeded');

		const del = await sm.delete(`/v1/service_instances/${instance.id}?async=true`);
		expect(del.status).toBe(202);
		expect(del.data).toEqual({});
		const deleted = await pollOperation(sm, del.headers.location);
		expect(deleted.last.data).toMatchObject({ type: 'delete', state: 'succeeded', resource_id: instance.id });
		expectSmError(await sm.get(`/v1/service_instances/${instance.id}`), 404, 'NotFound');
		expect((await sm.get(del.headers.location)).status).toBe(200);
		// but only for the caller's tenant and the right resource
		const other = await smClientFor(SUBACCOUNT_IDS.qa);
		expectSmError(await other.get(del.headers.location), 404, 'NotFound');
		expectSmError(await sm.get(del.headers.location.replace(instance.id, binding.data.id)), 404, 'NotFound');
		expectSmError(await sm.delete(`/v1/service_instances/${instance.id}`), 404, 'NotFound');

		const sync = (await createSmInstance('sync-delete')).data;
		const syncDel = await sm.delete(`/v1/service_instances/${sync.id}?async=false`);
		expect(syncDel.status).toBe(200);
		expect(syncDel.data).toEqual({});
	});

	it('a failed async create shows errors and leaves a not-ready instance; a failed sync create leaves nothing', async () => {
		await control.post('/__sim/faults', { ...NO_FAULTS, asyncFailure: 1 });
		const res = await createSmInstance('doomed', {}, '?async=true');
		expect(res.status).toBe(202);
		const { last } = await pollOperation(sm, res.headers.location);
		expect(last.data).toMatchObject({
			type: 'create',
			state: 'failed',
			errors: { error: 'BrokerError', description: expect.stringMatching(/broker/i) },
		});
		const id = last.data.resource_id;
		expect((await sm.get(`/v1/service_instances/${id}`)).data).toMatchObject({ ready: false, last_operation: { state: 'failed' } });
		expectSmError(await sm.post('/v1/service_bindings', { name: 'b', service_instance_id: id }), 400, 'BadRequest', /not ready/);

		const sync = await createSmInstance('doomed-sync');
		expect(sync.status).toBe(502);
		expect(sync.data).toMatchObject({ error: 'BrokerError', broker_error: { StatusCode: 500 } });
		expect((await sm.get('/v1/service_instances', { params: { fieldQuery: "name eq 'doomed-sync'" } })).data.num_items).toBe(0);

		await control.post('/__sim/faults', { ...NO_FAULTS });
		expect((await sm.delete(`/v1/service_instances/${id}?async=false`)).status).toBe(200);

		// a failed binding has no credentials and no OAuth client behind it
		const good = (await createSmInstance('good')).data;
		const clientsBefore = sim.context.state.uaaClients.length;
		await control.post('/__sim/faults', { ...NO_FAULTS, asyncFailure: 1 });
		const bind = await sm.post('/v1/service_bindings?async=true', { name: 'b', service_instance_id: good.id });
		expect(bind.status).toBe(202);
		const op = await pollOperation(sm, bind.headers.location);
		expect(op.last.data).toMatchObject({ type: 'create', state: 'failed', errors: { error: 'BrokerError' } });
		const failedBinding = (await sm.get(`/v1/service_bindings/${op.last.data.resource_id}`)).data;
		expect(failedBinding).toMatchObject({ ready: false, last_operation: { state: 'failed' } });
		expect(failedBinding).not.toHaveProperty('credentials');
		expect(sim.context.state.uaaClients).toHaveLength(clientsBefore);

	});
});

describe('service bindings', () => {
	it('never hands out a Cloud ALM client id twice: deleting a failed binding later cannot revoke a live key (XSUAA `!b<n>` ids are unique)', async () => {
		await entitle(DEV);
		const instance = await createCalmInstance('calm-api');
		await control.post('/__sim/faults', { ...NO_FAULTS, asyncFailure: 1 });
		const failed = await sm.post('/v1/service_bindings?async=true', { name: 'k1', service_instance_id: instance.id });
		const op = await pollOperation(sm, failed.headers.location);
		expect(op.last.data).toMatchObject({ type: 'create', state: 'failed' });
		await control.post('/__sim/faults', { ...NO_FAULTS });
		// every binding of every instance named `calm-api` shares the xsappname: only the suffix tells them apart
		const next = await sm.post('/v1/service_bindings?async=false', { name: 'k2', service_instance_id: instance.id });
		expect(next.status).toBe(201);
		const uaa = next.data.credentials.uaa as { url: string; clientid: string; clientsecret: string };
		const ids = sim.context.state.uaaClients.map((c) => c.clientid);
		expect(ids.filter((id) => id === uaa.clientid)).toHaveLength(1);
		expect((await sm.delete(`/v1/service_bindings/${op.last.data.resource_id}?async=false`)).status).toBe(200);
		const token = await axios.post(
			`${uaa.url}/oauth/token`,
			new URLSearchParams({ grant_type: 'client_credentials', client_id: uaa.clientid, client_secret: uaa.clientsecret }).toString(),
			{ headers: { 'content-type': 'application/x-www-form-urlencoded' }, validateStatus: () => true },
		);
		expect(token.status).toBe(200);
	});

	it('Cloud ALM binding: credentials in the layout SAP documents, a token with the instance authorities, working API calls', async () => {
		await entitle(DEV);
		const instance = await createCalmInstance('calm-api');
		const res = await sm.post('/v1/service_bindings?async=true', {
			name: 'calm-key',
			service_instance_id: instance.id,
			labels: { purpose: ['n8n'] },
		});
		expect(res.status).toBe(202);
		const pending = await sm.get(res.headers.location.replace(/\/operations\/.*/, ''));
		expect(pending.data.ready).toBe(false);
		expect(pending.data).not.toHaveProperty('credentials');
		const { last } = await pollOperation(sm, res.headers.location);
		expect(last.data).toMatchObject({ type: 'create', state: 'succeeded', resource_type: '/v1/service_bindings' });

		const binding = (await sm.get(`/v1/service_bindings/${last.data.resource_id}`)).data;
		expect(binding).toMatchObject({ name: 'calm-key', service_instance_id: instance.id, ready: true, labels: { purpose: ['n8n'] } });
		// binding context as recorded (terraform-provider-btp datasource_subaccount_service_binding.by_id.yaml)
		expect(binding.context).toMatchObject({ platform: 'sapcp', origin: 'sapcp', instance_name: 'calm-api', service_instance_id: instance.id, subaccount_id: DEV });
		const creds = binding.credentials;
		expect(creds.endpoints).toEqual({ Api: `${sim.urls.cloudAlm}/api` });
		expect(creds.uaa).toMatchObject({
			clientid: expect.stringMatching(/^sb-calm-api-dev!b\d+\|sapcloudalm!b\d+$/),
			clientsecret: expect.any(String),
			url: sim.urls.uaa,
			identityzone: 'acme-dev',
			tenantmode: 'shared',
			'credential-type': 'binding-secret',
			verificationkey: expect.stringContaining('BEGIN PUBLIC KEY'),
		});
		for (const k of ['identityzoneid', 'tenantid', 'sburl', 'apiurl']) expect(creds.uaa).toHaveProperty(k);
		const listed = await sm.get('/v1/service_bindings', { params: { fieldQuery: "name eq 'calm-key'" } });
		expect(listed.data.items[0].credentials.uaa.clientid).toBe(creds.uaa.clientid);
		expectSmError(
			await sm.post('/v1/service_bindings', { name: 'calm-key', service_instance_id: instance.id }),
			409,
			'Conflict',
			new RegExp(`binding with same name exists for instance with id ${instance.id}`),
		);

		const token = await fetchToken(creds.uaa);
		const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
		expect(claims.scope).toEqual(expect.arrayContaining([expect.stringMatching(/\.calm-api\.tasks\.read$/)]));
		expect(claims.scope.some((s: string) => s.endsWith('calm-api.tasks.write'))).toBe(false);
		expect(claims.ext_attr.subaccountid).toBe(DEV);
		const calm = httpClient(creds.endpoints.Api, token);
		const projects = await calm.get('/calm-projects/v1/projects');
		expect(projects.status).toBe(200);
		const projectId = projects.data[0].id;
		expect((await calm.get('/calm-tasks/v1/tasks', { params: { projectId } })).status).toBe(200);
		const denied = await calm.post('/calm-tasks/v1/tasks', { projectId, title: 't', type: 'CALMTASK' });
		expect(denied.status).toBe(403);
		expect(denied.data.error.message).toContain('calm-api.tasks.write');

		// granting the scope on the instance reaches the existing binding's client
		const params = calmParams();
		params['xs-security'].authorities = [...CALM_AUTHORITIES, '$XSMASTERAPPNAME.calm-api.tasks.write'];
		expect((await sm.patch(`/v1/service_instances/${instance.id}?async=false`, { parameters: params })).status).toBe(200);
		const calm2 = httpClient(creds.endpoints.Api, await fetchToken(creds.uaa));
		expect((await calm2.post('/calm-tasks/v1/tasks', { projectId, title: 't', type: 'CALMTASK' })).status).toBe(201);
	});

	it('x509 binding: certificate credentials, an mTLS token at certurl, validity from validity-type', async () => {
		await entitle(DEV);
		const refused = await createCalmInstance('secret-only');
		expectSmError(
			await sm.post('/v1/service_bindings?async=false', {
				name: 'cert',
				service_instance_id: refused.id,
				parameters: { 'credential-type': 'x509', x509: { validity: 1, 'validity-type': 'MONTHS' } },
			}),
			400,
			'BadRequest',
			/credential-types/,
		);
		await sm.delete(`/v1/service_instances/${refused.id}?async=false`);

		const instance = await createCalmInstance('calm-x509', calmParams(['binding-secret', 'x509']));
		const res = await sm.post('/v1/service_bindings?async=false', {
			name: 'cert',
			service_instance_id: instance.id,
			parameters: { 'credential-type': 'x509', x509: { 'key-length': 2048, validity: 2, 'validity-type': 'MONTHS' } },
		});
		expect(res.status).toBe(201);
		const uaa = res.data.credentials.uaa;
		expect(uaa).toMatchObject({
			'credential-type': 'x509',
			certurl: sim.urls.uaaCert,
			certificate: expect.stringContaining('BEGIN CERTIFICATE'),
			key: expect.stringContaining('PRIVATE KEY'),
		});
		expect(uaa).not.toHaveProperty('clientsecret');
		const days = (Date.parse(new X509Certificate(uaa.certificate).validTo) - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(58);
		expect(days).toBeLessThan(62);

		const httpsAgent = new https.Agent({ cert: uaa.certificate, key: uaa.key, ca: sim.caCertPem });
		const tokenRes = await axios.post(
			`${uaa.certurl}/oauth/token`,
			new URLSearchParams({ grant_type: 'client_credentials', client_id: uaa.clientid }).toString(),
			{ httpsAgent, headers: { 'content-type': 'application/x-www-form-urlencoded' }, validateStatus: () => true },
		);
		expect(tokenRes.status).toBe(200);
		const calm = httpClient(res.data.credentials.endpoints.Api, tokenRes.data.access_token);
		expect((await calm.get('/calm-projects/v1/projects')).status).toBe(200);
	});

	it("deleting a binding removes its OAuth client: the old credentials get 401 at the token endpoint", async () => {
		const instance = (await createSmInstance('sm-inst')).data;
		const res = await sm.post('/v1/service_bindings?async=false', { name: 'sm-key', service_instance_id: instance.id });
		expect(res.status).toBe(201);
		const key = res.data.credentials;
		expect(key).toMatchObject({ sm_url: sim.urls.serviceManager, url: sim.urls.uaa, clientid: expect.any(String) });
		// a Service Manager binding is itself a working SM key for the same subaccount
		const second = await smClient(key);
		expect((await second.get(`/v1/service_instances/${instance.id}`)).data.name).toBe('sm-inst');

		expect((await sm.delete(`/v1/service_bindings/${res.data.id}?async=false`)).status).toBe(200);
		const tokenRes = await axios.post(
			`${key.url}/oauth/token`,
			new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
			{ auth: { username: key.clientid, password: key.clientsecret }, validateStatus: () => true },
		);
		expect(tokenRes.status).toBe(401);
		expect(tokenRes.data.error).toBe('invalid_client');
	});
});

describe('parameters of non-retrievable offerings (Peripli service_instance_controller.go GetParameters)', () => {
	it('answers 400 "this operation is not supported." for instances and bindings of SAPCloudALMAPIs and service-manager', async () => {
		await entitle(DEV);
		const calm = await createCalmInstance('calm-params');
		expectSmError(await sm.get(`/v1/service_instances/${calm.id}/parameters`), 400, 'BadRequest', /^this operation is not supported\.$/);
		const binding = await sm.post('/v1/service_bindings?async=false', { name: 'k', service_instance_id: calm.id });
		expect(binding.status).toBe(201);
		// the binding controller words it without the final period
		expectSmError(await sm.get(`/v1/service_bindings/${binding.data.id}/parameters`), 400, 'BadRequest', /^this operation is not supported$/);
		expectSmError(await sm.get(`/v1/service_instances/${calm.id}/parameters`, { params: { async: true } }), 400, 'InvalidRequest', /asynchronous/);

		const smInstance = (await createSmInstance('sm-params', { parameters: { a: 1 } })).data;
		expectSmError(await sm.get(`/v1/service_instances/${smInstance.id}/parameters`), 400, 'BadRequest', /not supported/);
		const catalog = await sm.get('/v1/service_offerings');
		for (const o of catalog.data.items) expect(o).toMatchObject({ instances_retrievable: false, bindings_retrievable: false });
		expectSmError(await sm.get('/v1/service_instances/nope/parameters'), 404, 'NotFound');
	});
});

describe('instances of other platforms (Cloud Foundry, Kyma) in the listing', () => {
	const CALM = SUBACCOUNT_IDS.calm;
	const CF = FOREIGN_INSTANCE_IDS.calmCf;

	it('lists them with their platform_id and context; name and plan lookups find them unless filtered on platform_id', async () => {
		const calm = await smClientFor(CALM);
		const all = (await calm.get('/v1/service_instances')).data.items as Array<Json & { name: string; platform_id: string }>;
		expect(all.map((i) => [i.name, i.platform_id === 'service-manager'])).toEqual([
			['calm-api-cf', false],
			['calm-api-kyma', false],
			['SAPCloudALMAPIs-default', true],
		]);
		expect(all[0]).toMatchObject({
			service_plan_id: PLAN_IDS.calmStandard,
			context: { platform: 'cloudfoundry', organization_guid: expect.any(String), space_guid: expect.any(String), instance_name: 'calm-api-cf', subaccount_id: CALM },
		});
		expect(all[1]).toMatchObject({ context: { platform: 'kubernetes', namespace: expect.any(String), clusterid: expect.any(String), instance_name: 'calm-api-kyma' } });
		expect(all[2]).toMatchObject({ context: { platform: 'sapcp', instance_name: 'SAPCloudALMAPIs-default' } });
		// a lookup by plan that takes items[0] picks the Cloud Foundry instance
		const byPlan = await calm.get('/v1/service_instances', { params: { fieldQuery: `service_plan_id eq '${PLAN_IDS.calmStandard}'` } });
		expect(byPlan.data.items[0].name).toBe('calm-api-cf');
		const own = await calm.get('/v1/service_instances', {
			params: { fieldQuery: `service_plan_id eq '${PLAN_IDS.calmStandard}' and platform_id eq 'service-manager'` },
		});
		expect(own.data.items.map((i: Named) => i.name)).toEqual(['SAPCloudALMAPIs-default']);
		expect((await calm.get(`/v1/service_instances/${CF}`)).data).toMatchObject({ name: 'calm-api-cf', ready: true });
	});

	it("names are unique among SM's own instances only: a customer can have two 'cloud-alm-api' instances", async () => {
		const customer = customerGuid(1);
		const client = await smClientFor(customer);
		const cf = await client.get('/v1/service_instances', { params: { fieldQuery: "name eq 'cloud-alm-api'" } });
		expect(cf.data.items).toHaveLength(1);
		expect(cf.data.items[0].platform_id).not.toBe('service-manager');
		// the Cloud Foundry instance uses the customer's one entitled instance
		const create = () => client.post('/v1/service_instances?async=false', { name: 'cloud-alm-api', service_plan_id: PLAN_IDS.calmStandard });
		expectSmError(await create(), 400, 'BadRequest', /entitled to 1 instance/);
		await entitle(customer, 'SAPCloudALMAPIs', 'standard', 2);
		const created = await create();
		expect(created.status).toBe(201);
		expect(created.data.platform_id).toBe('service-manager');
		const both = await client.get('/v1/service_instances', { params: { fieldQuery: "name eq 'cloud-alm-api'" } });
		expect(both.data.items.map((i: Json) => i.platform_id === 'service-manager')).toEqual([false, true]);
		const ours = await client.get('/v1/service_instances', { params: { fieldQuery: "name eq 'cloud-alm-api' and platform_id eq 'service-manager'" } });
		expect(ours.data.items.map((i: Json) => i.id)).toEqual([created.data.id]);
		expectSmError(await create(), 409, 'Conflict', /instance with same name exists for the current tenant/);
	});

	it('refuses bindings (404 "not found or not accessible") and PATCHes other than labels-only (404) on them', async () => {
		const calm = await smClientFor(CALM);
		expectSmError(
			await calm.post('/v1/service_bindings?async=false', { name: 'key', service_instance_id: CF }),
			404,
			'NotFound',
			/^service instance not found or not accessible$/,
		);
		expectSmError(
			await calm.post('/v1/service_bindings?async=false', { name: 'key', service_instance_id: FOREIGN_INSTANCE_IDS.calmKyma }),
			404,
			'NotFound',
			/not found or not accessible/,
		);
		// the same answer for an instance of another tenant or none at all
		expectSmError(await sm.post('/v1/service_bindings', { name: 'key', service_instance_id: CF }), 404, 'NotFound', /not found or not accessible/);
		expectSmError(await sm.post('/v1/service_bindings', { name: 'key', service_instance_id: 'nope' }), 404, 'NotFound', /not found or not accessible/);

		expectSmError(await calm.patch(`/v1/service_instances/${CF}?async=false`, { parameters: calmParams() }), 404, 'NotFound');
		expectSmError(await calm.patch(`/v1/service_instances/${CF}?async=false`, { name: 'renamed' }), 404, 'NotFound');
		expectSmError(await calm.patch(`/v1/service_instances/${CF}?async=false`, { labels: [{ op: 'add', key: 'a', values: ['b'] }], name: 'x' }), 404, 'NotFound');
		const labels = await calm.patch(`/v1/service_instances/${CF}?async=false`, { labels: [{ op: 'add', key: 'owner', values: ['n8n'] }] });
		expect(labels.status).toBe(200);
		expect(labels.data.labels).toMatchObject({ owner: ['n8n'] });
		// SAP's own instance in the same tenant still takes bindings
		const auto = sim.context.state.instances.find((i) => i.autoGenerated)!;
		expect((await calm.post('/v1/service_bindings?async=false', { name: 'n8n-key', service_instance_id: auto.id })).status).toBe(201);
	});

	it('DELETE of another platform\'s instance: deleted as Peripli does (profile allowed), or 404 (profile notFound)', async () => {
		const calm = await smClientFor(CALM);
		await control.post('/__sim/profile', { smForeignInstanceDelete: 'notFound' });
		expectSmError(await calm.delete(`/v1/service_instances/${CF}?async=false`), 404, 'NotFound');
		expect((await calm.get(`/v1/service_instances/${CF}`)).status).toBe(200);
		await control.post('/__sim/profile', { smForeignInstanceDelete: 'allowed' });
		// its Cloud Foundry service key first: an instance with bindings is not deleted
		expect((await calm.delete(`/v1/service_bindings/${CF_INSTANCE_SECRET_BINDING.id}?async=false`)).status).toBe(200);
		const del = await calm.delete(`/v1/service_instances/${CF}?async=true`);
		expect(del.status).toBe(202);
		expect((await pollOperation(calm, del.headers.location)).last.data).toMatchObject({ type: 'delete', state: 'succeeded' });
		expectSmError(await calm.get(`/v1/service_instances/${CF}`), 404, 'NotFound');
	});
});

describe('offerings of the same catalog name in another data center', () => {
	it("both are listed once entitled; data_center eq '' selects the subaccount's own; a create by names is ambiguous", async () => {
		await entitle(DEV);
		const all = await sm.get('/v1/service_offerings', { params: { fieldQuery: "catalog_name eq 'SAPCloudALMAPIs'" } });
		expect(all.data.num_items).toBe(2);
		expect(all.data.items.map((o: Json) => o.data_center ?? '')).toEqual(['', OTHER_DATA_CENTER]);
		const own = await sm.get('/v1/service_offerings', { params: { fieldQuery: "catalog_name eq 'SAPCloudALMAPIs' and data_center eq ''" } });
		expect(own.data.items.map((o: Json) => o.id)).toEqual([all.data.items[0].id]);
		const other = await sm.get('/v1/service_offerings', { params: { fieldQuery: `data_center eq '${OTHER_DATA_CENTER}'` } });
		expect(other.data.items.map((o: Json) => o.id)).toEqual([all.data.items[1].id]);
		const plans = await sm.get('/v1/service_plans', { params: { fieldQuery: "catalog_name eq 'standard'" } });
		expect(plans.data.num_items).toBe(2);
		const ownPlans = await sm.get('/v1/service_plans', { params: { fieldQuery: "catalog_name eq 'standard' and data_center eq ''" } });
		expect(ownPlans.data.items.map((p: Json) => p.id)).toEqual([PLAN_IDS.calmStandard]);
		expect(await planIdOf(sm, 'SAPCloudALMAPIs', 'standard')).toBe(PLAN_IDS.calmStandard);

		// Peripli extract_plan_id_by_service_and_plan_name_filter.go
		expectSmError(
			await sm.post('/v1/service_instances?async=false', { name: 'calm', service_offering_name: 'SAPCloudALMAPIs', service_plan_name: 'standard' }),
			400,
			'BadRequest',
			/^ambiguity error, found more than one resource matching the provided offering name SAPCloudALMAPIs and plan name standard, provide the desired servicePlanID$/,
		);
		// an unambiguous name still works
		expect((await createSmInstance('by-names')).status).toBe(201);
		expect((await sm.post('/v1/service_instances?async=false', { name: 'calm', service_plan_id: PLAN_IDS.calmStandard })).status).toBe(201);
	});
});

describe('rate limits per caller (SAP Help "Rate Limiting" of SAP Service Manager)', () => {
	const HTTP_DATE = /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
	// the simulator's clock stands still unless a test moves it: no race with a loaded machine
	beforeEach(() => {
		const frozen = Date.now();
		sim.context.now = () => frozen + clockOffset;
	});
	afterEach(() => {
		sim.context.now = () => Date.now() + clockOffset;
	});

	/** SM's 429: only `description`, and `Retry-After` as an HTTP-date; returns that date. */
	function expect429(res: AxiosResponse, limit: number): number {
		expect(res.status).toBe(429);
		expect(res.data).toEqual({
			description: `The allowed request limit of ${limit} responses has been reached. Please try again later.Check the 'Retry-After' header value to see how long you need to wait.`,
		});
		expect(res.headers['retry-after']).toMatch(HTTP_DATE);
		return Date.parse(res.headers['retry-after']);
	}

	it('documents the SAP numbers as the default profile', () => {
		expect(DEFAULT_PROFILE).toMatchObject({
			smRequestsPerMinute: 1000,
			smRequestsPerHour: 10000,
			smBindingRequestsPerMinute: 600,
			smBindingRequestsPerHour: 6000,
			smCatalogRequestsPerMinute: 100,
			smCatalogRequestsPerHour: 1000,
			smInstanceCreatesPerMinute: 50,
			smInstanceChangesPerMinute: 600,
			smInstanceChangesPerHour: 6000,
			smRateLimitCounting: 'together',
		});
	});

	it('answers 429 with an HTTP-date Retry-After after 50 instance creates per minute, per client, and lifts it at that time', async () => {
		// a second SM client for the same subaccount: a binding of the service-manager offering
		const windowStart = sim.context.now(); // the first create opens the window
		const holder = (await createSmInstance('rl-0')).data;
		const key = (await sm.post('/v1/service_bindings?async=false', { name: 'k', service_instance_id: holder.id })).data.credentials;
		advanceClock(5_000);
		for (let n = 1; n < 50; n++) expect((await createSmInstance(`rl-${n}`, {}, '?async=true')).status).toBe(202);
		const retryAt = expect429(await createSmInstance('rl-50', {}, '?async=true'), 50);
		// the window's end, rounded up to the second an HTTP-date can express
		expect(retryAt).toBe(Math.ceil((windowStart + 60_000) / 1000) * 1000);
		expect((await sm.get('/v1/service_instances')).status).toBe(200); // reads are not limited by it
		advanceClock(30_000);
		// the advertised time does not move while the window lasts
		expect(expect429(await createSmInstance('rl-50', {}, '?async=true'), 50)).toBe(retryAt);

		const other = await smClient(key);
		expect((await other.post('/v1/service_instances?async=true', {
			name: 'rl-other',
			service_offering_name: 'service-manager',
			service_plan_name: 'subaccount-admin',
		})).status).toBe(202);

		// the limit is lifted at the advertised time, and not a second earlier
		advanceClock(retryAt - sim.context.now() - 1000);
		expect429(await createSmInstance('rl-50', {}, '?async=true'), 50);
		advanceClock(retryAt - sim.context.now());
		expect((await createSmInstance('rl-50', {}, '?async=true')).status).toBe(202);
	});

	it('100 calls per minute to /v1/service_offerings and /v1/service_plans, each its own group', async () => {
		await control.post('/__sim/profile', { smRateLimitCounting: 'perGroup' });
		for (let n = 0; n < 100; n++) expect((await sm.get('/v1/service_offerings')).status).toBe(200);
		expect429(await sm.get('/v1/service_offerings'), 100);
		expect429(await sm.get('/v1/service_offerings/x'), 100); // prefix match
		expect((await sm.get('/v1/service_plans')).status).toBe(200);
		expect((await sm.get('/v1/service_bindings')).status).toBe(200);
		advanceClock(61_000);
		expect((await sm.get('/v1/service_offerings')).status).toBe(200);
	});

	it('600 calls per minute under /v1/service_bindings: operation polls count; groups count together by default', async () => {
		const instance = (await createSmInstance('rl-bind')).data;
		const bind = await sm.post('/v1/service_bindings?async=true', { name: 'k', service_instance_id: instance.id });
		expect(bind.status).toBe(202);
		let calls = 2; // the create above and this binding create count towards all APIs
		for (; calls < 600; calls++) expect((await sm.get(bind.headers.location)).status).toBe(200);
		expect429(await sm.get(bind.headers.location), 600);
		expect429(await sm.get('/v1/service_bindings'), 600);
		// "All API calls executed in the same time frame count together": 600 calls leave none for
		// the 100-per-minute groups, 400 for the rest
		expect429(await sm.get('/v1/service_plans'), 100);
		expect429(await createSmInstance('rl-more', {}, '?async=true'), 600);
		expect((await sm.get('/v1/service_instances')).status).toBe(200);
		advanceClock(61_000);
		expect((await sm.get(bind.headers.location)).status).toBe(200);
		expect((await sm.get('/v1/service_plans')).status).toBe(200);
	});

	it('1,000 calls per minute and 10,000 per hour for all APIs together', async () => {
		await control.post('/__sim/profile', { smRateLimitCounting: 'perGroup' });
		for (let n = 0; n < 1000; n++) expect((await sm.get('/v1/service_instances', { params: { max_items: 0 } })).status).toBe(200);
		const retryAt = expect429(await sm.get('/v1/service_instances'), 1000);
		expect429(await sm.get('/v1/service_plans'), 1000);
		advanceClock(retryAt - sim.context.now());
		expect((await sm.get('/v1/service_instances')).status).toBe(200);

		await control.post('/__sim/profile', { smRequestsPerHour: 3 });
		sim.reset({});
		sm = await smClient();
		for (let n = 0; n < 3; n++) expect((await sm.get('/v1/service_instances')).status).toBe(200);
		const hourly = expect429(await sm.get('/v1/service_instances'), 3);
		expect(hourly).toBeGreaterThan(sim.context.now() + 3_500_000);
		advanceClock(61_000);
		expect429(await sm.get('/v1/service_instances'), 3);
		advanceClock(hourly - sim.context.now());
		expect((await sm.get('/v1/service_instances')).status).toBe(200);
	});

	it('instance creates, updates and deletes per minute, each their own group', async () => {
		await control.post('/__sim/profile', { smRateLimitCounting: 'perGroup' });
		const ids = [];
		for (let n = 0; n < 3; n++) ids.push((await createSmInstance(`rl-change-${n}`)).data.id as string);
		await control.post('/__sim/profile', { smInstanceChangesPerMinute: 2 });
		for (const id of ids.slice(0, 2)) expect((await sm.patch(`/v1/service_instances/${id}?async=false`, { labels: [{ op: 'add', key: 'a', values: ['b'] }] })).status).toBe(200);
		expect429(await sm.patch(`/v1/service_instances/${ids[2]}?async=false`, { labels: [{ op: 'add', key: 'a', values: ['b'] }] }), 2);
		for (const id of ids.slice(0, 2)) expect((await sm.delete(`/v1/service_instances/${id}?async=false`)).status).toBe(200);
		expect429(await sm.delete(`/v1/service_instances/${ids[2]}?async=false`), 2);
		expect429(await createSmInstance('rl-change-new'), 2); // 3 creates counted before the limit was lowered
		advanceClock(61_000);
		expect((await sm.delete(`/v1/service_instances/${ids[2]}?async=false`)).status).toBe(200);
		expect((await createSmInstance('rl-change-new')).status).toBe(201);
	});

	it('unauthenticated calls are not counted; a limit of 0 is off', async () => {
		const anonymous = httpClient(sim.urls.serviceManager);
		await control.post('/__sim/profile', { smRequestsPerMinute: 2 });
		for (let n = 0; n < 5; n++) expect((await anonymous.get('/v1/service_instances')).status).toBe(401);
		expect((await sm.get('/v1/service_instances')).status).toBe(200);
		expect((await sm.get('/v1/service_instances')).status).toBe(200);
		expect429(await sm.get('/v1/service_instances'), 2);
		await control.post('/__sim/profile', { smRequestsPerMinute: 0 });
		expect((await sm.get('/v1/service_instances')).status).toBe(200);
	});
});

describe('what a key rotation needs (two bindings of one instance, rename and labels, certificate ends)', () => {
	const mtlsToken = (uaa: { certurl: string; clientid: string; certificate: string; key: string }) =>
		axios.post(`${uaa.certurl}/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: uaa.clientid }).toString(), {
			httpsAgent: new https.Agent({ cert: uaa.certificate, key: uaa.key, ca: sim.caCertPem }),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			validateStatus: () => true,
		});
	const secretToken = (uaa: { url: string; clientid: string; clientsecret: string }) =>
		axios.post(`${uaa.url}/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: uaa.clientid, client_secret: uaa.clientsecret }).toString(), {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			validateStatus: () => true,
		});

	it('a binding PATCH changes name and labels only, synchronously (Peripli PatchObjectNameAndLabels); both keys work until one is deleted', async () => {
		await entitle(DEV);
		const instance = await createCalmInstance('calm-rotate');
		const old = (await sm.post('/v1/service_bindings?async=false', { name: 'key', service_instance_id: instance.id })).data;
		expectSmError(await sm.patch(`/v1/service_bindings/${old.id}?async=true`, { name: 'x' }), 400, 'InvalidRequest', /doesn't support asynchronous operation/);
		expectSmError(await sm.patch(`/v1/service_bindings/${old.id}`, { parameters: {} }), 400, 'InvalidRequest', /only supports name and label changes/);

		const renamed = await sm.patch(`/v1/service_bindings/${old.id}`, {
			name: 'key-old',
			labels: [{ op: 'add', key: 'rotation', values: ['2026-12-01T00:00:00.000Z'] }],
		});
		expect(renamed.status).toBe(200);
		expect(renamed.data).toMatchObject({ name: 'key-old', labels: { rotation: ['2026-12-01T00:00:00.000Z'] } });
		expect(Date.parse(renamed.data.updated_at)).toBeGreaterThanOrEqual(Date.parse(renamed.data.created_at));
		const fresh = (await sm.post('/v1/service_bindings?async=false', { name: 'key', service_instance_id: instance.id })).data;
		const byLabel = await sm.get('/v1/service_bindings', { params: { labelQuery: "rotation eq '2026-12-01T00:00:00.000Z'" } });
		expect(byLabel.data.items.map((b: Json) => b.id)).toEqual([old.id]);

		expect((await secretToken(old.credentials.uaa)).status).toBe(200);
		expect((await secretToken(fresh.credentials.uaa)).status).toBe(200);
		expect((await sm.delete(`/v1/service_bindings/${old.id}?async=false`)).status).toBe(200);
		const after = await secretToken(old.credentials.uaa);
		expect(after.status).toBe(401);
		expect(after.data.error).toBe('invalid_client');
		expect((await secretToken(fresh.credentials.uaa)).status).toBe(200);
	});

	it('the control API sets a certificate end; an expired client certificate gets 401 at certurl', async () => {
		await entitle(DEV);
		const instance = await createCalmInstance('calm-cert', calmParams(['binding-secret', 'x509']));
		const binding = (await sm.post('/v1/service_bindings?async=false', { name: 'cert', service_instance_id: instance.id, parameters: { 'credential-type': 'x509' } })).data;
		const set = await control.post(`/__sim/service-bindings/${binding.id}/certificate`, { validityDays: 2 });
		expect(set.status).toBe(200);
		const soon = (await sm.get(`/v1/service_bindings/${binding.id}`)).data.credentials.uaa;
		const daysLeft = (Date.parse(new X509Certificate(soon.certificate).validTo) - Date.now()) / 86_400_000;
		expect(daysLeft).toBeGreaterThan(1.9);
		expect(daysLeft).toBeLessThan(2.1);
		expect((await mtlsToken(soon)).status).toBe(200);
		// the old certificate is no longer the client's
		expect((await mtlsToken(binding.credentials.uaa)).status).toBe(401);

		expect((await control.post(`/__sim/service-bindings/${binding.id}/certificate`, { notAfter: new Date(Date.now() - 60_000).toISOString() })).status).toBe(200);
		const expired = (await sm.get(`/v1/service_bindings/${binding.id}`)).data.credentials.uaa;
		const res = await mtlsToken(expired);
		expect(res.status).toBe(401);
		expect(res.data.error).toBe('invalid_client');
		expect((await control.post(`/__sim/service-bindings/${binding.id}/certificate`, {})).status).toBe(400);
	});
});
