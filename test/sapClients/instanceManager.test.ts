/* eslint-disable @typescript-eslint/no-explicit-any -- service keys and the library's results are free-form JSON read field by field */
/**
 * @sap/instance-manager 5.2.6 (SAP's Service Manager client for per-tenant instances) as the judge
 * of the simulator's Service Manager, in its default (strict) profile, over real HTTP. The library
 * is used as SAP apps use it: `create(options)` with the fields of a Service Manager key (`sm_url`,
 * `url`, `clientid`, `clientsecret`, `xsappname`), then `create`, `get`, `getAll` and `delete` per
 * tenant. What it exercises, in SAP's own code (node_modules/@sap/instance-manager/lib/service-manager):
 *  - token: @sap/xssec `requestClientCredentialsToken` against the key's `url`;
 *  - init: `GET /v1/service_offerings?fieldQuery=catalog_name eq '<service>'` and the plan by
 *    `catalog_name` + `service_offering_id`, each expected to match exactly one item;
 *  - create: `POST /v1/service_instances?async=true` named by a 44-character base64 digest (`+`, `/`,
 *    `=` included) with label `tenant_id`, poll the `Location` operation to `succeeded`, then the same
 *    for a binding labelled `tenant_id`, `service_plan_id`, `managing_client_lib`;
 *  - get/getAll: label queries on bindings, field queries on instances, paging by `token`;
 *  - delete: `DELETE …?async=true` of each binding and of the instance, each operation polled until it
 *    reads `succeeded` (a 404 on the operation is an error for this library).
 * Nothing from `nodes/` or `credentials/` is used.
 *
 * Service `service-manager` / plan `subaccount-admin`: a bindable offering whose binding is itself a
 * working SM key. SAPCloudALMAPIs is not used: SAP documents a <= 32-character name rule for Cloud
 * ALM instances, which the library's digest names cannot meet.
 */
import axios from 'axios';
import { useSimulator, fetchToken, httpClient } from '../../simulator/testkit';
import { PLAN_IDS, SUBACCOUNT_IDS } from '../../simulator/seed';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const instanceManager = require('@sap/instance-manager') as {
	create(options: Record<string, unknown>, cb: (err: Error | null, manager: Manager) => void): void;
};

type Json = Record<string, any>;
type Cb<T> = (err: (Error & { statusCode?: number }) | null, value?: T) => void;
interface Manager {
	create(tenant: string, params: Json, cb: Cb<Json>): void;
	get(tenant: string, cb: Cb<Json | null>): void;
	getAll(cb: Cb<Json[]>): void;
	delete(tenant: string, cb: Cb<void>): void;
}

const sim = useSimulator({ reset: false });
let smKey: Json;

/** A manager as an app gets it: the SM key's fields plus the service and plan it manages. */
async function newManager(): Promise<Manager> {
	const options = { ...smKey, service: 'service-manager', plan: 'subaccount-admin', polling_interval_millis: 20, polling_timeout_seconds: 60 };
	return new Promise<Manager>((resolve, reject) => instanceManager.create(options, (err, manager) => (err ? reject(err) : resolve(manager))));
}

const call = <T>(fn: (cb: Cb<T>) => void) =>
	new Promise<T>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));

/** Our own view of the subaccount's Service Manager, to check what the library did. */
async function smView() {
	const sm = httpClient(smKey.sm_url, await fetchToken(smKey as { url: string; clientid: string; clientsecret: string }));
	const instances = (await sm.get('/v1/service_instances', { params: { fieldQuery: `service_plan_id eq '${PLAN_IDS.smSubaccountAdmin}'` } })).data
		.items as Json[];
	const bindings = (await sm.get('/v1/service_bindings', { params: { labelQuery: "managing_client_lib eq 'instance-manager-client-lib'" } })).data
		.items as Json[];
	return { sm, instances, bindings };
}

beforeAll(async () => {
	// Service Manager access for the QA subaccount, issued through CIS (Accounts v2), as an operator would
	const keys = (await axios.get(`${sim.urls.control}/__sim/keys`)).data;
	const cis = httpClient(keys.cisCentral.endpoints.accounts_service_url, await fetchToken(keys.cisCentral.uaa));
	const res = await cis.post(`/accounts/v2/subaccounts/${SUBACCOUNT_IDS.qa}/serviceManagerBindings`, { name: 'instance-manager-judge' });
	expect(res.status).toBe(201);
	const { clientid, clientsecret, sm_url, url, xsappname } = res.data;
	smKey = { clientid, clientsecret, sm_url, url, xsappname };
});

describe('@sap/instance-manager 5.2.6 against the default profile', () => {
	it('creates, gets, lists and deletes per-tenant instances: the whole lifecycle', async () => {
		const im = await newManager();
		expect(await call<Json[]>((cb) => im.getAll(cb))).toEqual([]);

		// ---- create: instance + binding, both through async operations polled to `succeeded`
		const created = await call<Json>((cb) => im.create('tenant-a', { provisioning_parameters: { purpose: 'judge' } }, cb));
		expect(created).toMatchObject({ label: 'service-manager', plan: 'subaccount-admin', tenant_id: 'tenant-a', status: 'CREATION_SUCCEEDED' });
		expect(created.credentials).toMatchObject({ sm_url: sim.urls.serviceManager, clientid: expect.any(String), clientsecret: expect.any(String) });
		await call<Json>((cb) => im.create('tenant-b', {}, cb));

		const view = await smView();
		expect(view.instances).toHaveLength(2);
		const [a] = view.instances;
		// the library's name: base64 of sha256(planId + '_' + tenant), 44 characters with + / =
		expect(a.name).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		expect(a).toMatchObject({ platform_id: 'service-manager', ready: true, labels: { tenant_id: ['tenant-a'] } });
		expect(view.bindings.map((b) => b.labels.tenant_id[0]).sort()).toEqual(['tenant-a', 'tenant-b']);
		// the binding the library handed out is a working Service Manager key
		const own = httpClient(created.credentials.sm_url, await fetchToken(created.credentials));
		expect((await own.get('/v1/service_instances')).status).toBe(200);

		// ---- get: from the library's cache, and from the server with a fresh manager
		expect(await call<Json | null>((cb) => im.get('tenant-a', cb))).toMatchObject({ tenant_id: 'tenant-a' });
		const fresh = await newManager(); // its create() already ran getAll()
		expect((await call<Json | null>((cb) => fresh.get('tenant-b', cb)))?.credentials.clientid).toEqual(expect.any(String));
		expect(await call<Json | null>((cb) => fresh.get('tenant-unknown', cb))).toBeNull();

		// ---- getAll: one managed instance per tenant
		const all = await call<Json[]>((cb) => fresh.getAll(cb));
		expect(all.map((m) => m.tenant_id).sort()).toEqual(['tenant-a', 'tenant-b']);

		// ---- delete: binding then instance, each delete operation read as `succeeded`
		await call<void>((cb) => im.delete('tenant-a', cb));
		const after = await smView();
		expect(after.instances.map((i) => i.labels.tenant_id[0])).toEqual(['tenant-b']);
		expect(after.bindings.map((b) => b.labels.tenant_id[0])).toEqual(['tenant-b']);
		expect(await call<Json | null>((cb) => fresh.get('tenant-a', cb))).toMatchObject({ tenant_id: 'tenant-a' }); // fresh's cache
		const third = await newManager();
		expect(await call<Json | null>((cb) => third.get('tenant-a', cb))).toBeNull();
		// deleting what is gone: the library's own 404
		await expect(call<void>((cb) => third.delete('tenant-a', cb))).rejects.toMatchObject({ statusCode: 404 });
		await call<void>((cb) => third.delete('tenant-b', cb));
		expect((await smView()).instances).toEqual([]);

		// the delete operations were polled and read `succeeded` after their resource was gone
		const polls = sim.log.entries.filter((e) => e.method === 'GET' && /\/operations\//.test(e.path));
		expect(polls.length).toBeGreaterThan(0);
		expect(polls.every((e) => e.status === 200)).toBe(true);
	});

	it('its errors carry SM\'s answer: a second create of the same tenant is a 409 Conflict', async () => {
		const im = await newManager();
		await call<Json>((cb) => im.create('tenant-dup', {}, cb));
		const err = await call<Json>((cb) => im.create('tenant-dup', {}, cb)).catch((e: Error & { statusCode?: number }) => e);
		expect(err).toBeInstanceOf(Error);
		expect((err as Error & { statusCode?: number }).statusCode).toBe(409);
		expect((err as Error).message).toMatch(/instance with same name exists for the current tenant/);
		await call<void>((cb) => im.delete('tenant-dup', cb));
	});
});
