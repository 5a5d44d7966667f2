/**
 * Cloud ALM API → Inventory and → Disable in a real n8n workflow against the simulator (real
 * HTTP): Inventory lists every key of the seeded world with who created it, its credential type,
 * age, certificate end and last rotation; Disable deletes only what this node created (bindings
 * before their instance), never SAP's generated instance or keys (tested on the auto-generated
 * tenant `acme-calm`), leaves nothing orphaned, is safe to re-run, and refuses bad input before
 * any change.
 */
import type { IDataObject } from 'n8n-workflow';
import { ROTATION_LABELS } from '../../../nodes/SapBtp/api/keyOwnership';
import { fetchToken, httpClient, useSimulator, cisClients } from '../../../simulator/testkit';
import {
	ADMIN_X509_BINDING,
	AUTO_GENERATED_BINDING_NAME,
	AUTO_GENERATED_INSTANCE_NAME,
	CF_INSTANCE_SECRET_BINDING,
	customerGuid,
	MANAGED_SYSTEM_KEYS,
	SUBACCOUNT_IDS,
} from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, type BtpRun } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });
const DAY = 24 * 60 * 60 * 1000;

const inventory = (extra: IDataObject = {}): IDataObject => ({ resource: 'cloudAlmApi', operation: 'inventory', ...extra });
const disable = (guid: string, extra: IDataObject = {}): IDataObject => ({ resource: 'cloudAlmApi', operation: 'disable', subaccount: rl(guid), ...extra });
const enable = (guid: string, extra: IDataObject = {}): IDataObject => ({ resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(guid), ...extra });
const smMutations = (run: BtpRun) => run.mutations.filter((m) => m.service === 'serviceManager').map((m) => `${m.method} ${m.route}`);
const cisMutations = (run: BtpRun) => run.mutations.filter((m) => m.service === 'entitlements' || m.service === 'accounts').map((m) => `${m.method} ${m.route}`);
const keyRow = (run: BtpRun, name: string) => run.out.find((r) => (r.binding as IDataObject | null)?.name === name)!;
const instanceRow = (run: BtpRun, name: string) => run.out.find((r) => r.binding === null && (r.instance as IDataObject).name === name)!;
const state = () => sim.context.state;
const daysSince = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / DAY);

/** Every secret the simulator holds for a binding (client secrets, private keys). */
const bindingSecrets = () =>
	state().bindings.flatMap((b) => {
		const uaa = (b.credentials.uaa ?? {}) as Record<string, unknown>;
		return [uaa.clientsecret, uaa.key].filter((v): v is string => typeof v === 'string');
	});

/** Every binding points at an instance that exists: nothing orphaned. */
const expectNoOrphans = () => {
	const ids = new Set(state().instances.map((i) => i.id));
	expect(state().bindings.filter((b) => !ids.has(b.service_instance_id)).map((b) => b.name)).toEqual([]);
};

describe('Cloud ALM API → Inventory over the seeded world', () => {
	it('lists every key and every instance without keys, with who created it and how it authenticates', async () => {
		const run = await runBtp(sim, inventory(), { typeVersion: 2 });
		expect(run.error).toBeUndefined();
		// entitled: acme-calm (SAP's tenant) and customer-001 (a Cloud Foundry instance); the others are skipped
		expect(run.out.map((r) => `${(r.subaccount as IDataObject).subdomain}/${(r.instance as IDataObject).name}/${(r.binding as IDataObject | null)?.name ?? '-'}`).sort()).toEqual(
			[
				`acme-calm/${AUTO_GENERATED_INSTANCE_NAME}/${AUTO_GENERATED_BINDING_NAME}`,
				`acme-calm/${AUTO_GENERATED_INSTANCE_NAME}/${ADMIN_X509_BINDING.name}`,
				...MANAGED_SYSTEM_KEYS.map((k) => `acme-calm/${AUTO_GENERATED_INSTANCE_NAME}/${k.name}`),
				`acme-calm/calm-api-cf/${CF_INSTANCE_SECRET_BINDING.name}`,
				'acme-calm/calm-api-kyma/-',
				'customer-001/cloud-alm-api/-',
			].sort(),
		);
		expect(run.hints.join()).toMatch(/7 key\(s\) and instance\(s\) in 2 subaccount\(s\); 7 subaccount\(s\) skipped/);
		// no Service Manager access was made where no Cloud ALM API instance can be
		expect(cisMutations(run).every((m) => m === 'POST /accounts/v2/subaccounts/:guid/serviceManagerBindings')).toBe(true);
		expect(cisMutations(run)).toHaveLength(2);
		expect(smMutations(run)).toEqual([]);

		const generated = keyRow(run, AUTO_GENERATED_BINDING_NAME);
		expect(generated).toMatchObject({
			createdBy: 'sap',
			sapCreated: true,
			credentialType: 'binding-secret',
			certificateNotAfter: null,
			certificateExpiresSoon: false,
			scopes: 'unknown',
			lastRotation: null,
			warnings: [],
			instance: { name: AUTO_GENERATED_INSTANCE_NAME, createdBy: 'sap', sapCreated: true, platformId: 'service-manager' },
			binding: { createdBy: 'sap', sapCreated: true, basis: expect.stringMatching(/Landscape Management/) },
		});
		expect(generated.ageDays).toBe(daysSince('2024-03-01T10:00:00.000Z'));
		for (const key of MANAGED_SYSTEM_KEYS) {
			expect(keyRow(run, key.name)).toMatchObject({
				createdBy: 'sap',
				sapCreated: true,
				credentialType: 'binding-secret',
				ageDays: daysSince(key.created),
				binding: { basis: expect.stringMatching(/managed system/) },
			});
		}
		const x509 = keyRow(run, ADMIN_X509_BINDING.name);
		expect(x509).toMatchObject({ createdBy: 'other', sapCreated: false, credentialType: 'x509', ageDays: 0, certificateExpiresSoon: true });
		expect(Math.abs(Date.parse(String(x509.certificateNotAfter)) - (Date.now() + 7 * DAY))).toBeLessThan(60 * 60 * 1000);
		expect(x509.certificateDaysLeft).toBeGreaterThanOrEqual(6);
		expect(x509.warnings).toEqual([expect.stringMatching(/^certificate expires in \d day/)]);
		const cf = keyRow(run, CF_INSTANCE_SECRET_BINDING.name);
		expect(cf).toMatchObject({ createdBy: 'other', sapCreated: false, credentialType: 'instance-secret', instance: { name: 'calm-api-cf', createdBy: 'other' } });
		expect(cf.warnings).toEqual([expect.stringMatching(/^instance-secret: SAP no longer supports/)]);
		expect(instanceRow(run, 'calm-api-kyma')).toMatchObject({ createdBy: 'other', sapCreated: false, credentialType: null, binding: null });
		expect(instanceRow(run, 'cloud-alm-api')).toMatchObject({ createdBy: 'other', subaccount: { subdomain: 'customer-001' } });

		// secrets never in the output
		const text = JSON.stringify(run.out);
		for (const secret of bindingSecrets()) expect(text).not.toContain(secret);
		expect(text).not.toMatch(/clientsecret|PRIVATE KEY|BEGIN CERTIFICATE/);
	});

	it("this node's keys, and the rotation labels Rotate writes, after Enable in dev and in SAP's tenant", async () => {
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.dev))).error).toBeUndefined();
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.calm))).error).toBeUndefined();
		// a rotation's labels on dev's key (as Service Binding → Rotate writes them)
		const { accounts } = await cisClients(sim.keys.cisCentral);
		const key = (await accounts.get(`/accounts/v2/subaccounts/${SUBACCOUNT_IDS.dev}/serviceManagerBindings/n8n-sap-cloud-alm`)).data;
		const sm = httpClient(key.sm_url, await fetchToken(key));
		const devKey = state().bindings.find((b) => b.subaccountGUID === SUBACCOUNT_IDS.dev && b.name === 'cloud-alm-api-key')!;
		const labelled = await sm.patch(`/v1/service_bindings/${devKey.id}`, {
			labels: [
				{ op: 'add', key: ROTATION_LABELS.rotatedAt, values: ['2026-11-20T08:00:00.000Z'] },
				{ op: 'add', key: ROTATION_LABELS.rotatedFrom, values: ['0ld-binding-id'] },
			],
		});
		expect(labelled.status).toBe(200);

		const run = await runBtp(sim, inventory({ subaccountScope: 'chosen', subaccountList: `acme-dev, ${SUBACCOUNT_IDS.calm}` }), { typeVersion: 2 });
		expect(run.error).toBeUndefined();
		const ours = run.out.filter((r) => r.createdBy === 'thisNode');
		expect(ours.map((r) => `${(r.subaccount as IDataObject).subdomain}/${(r.instance as IDataObject).name}/${(r.binding as IDataObject).name}`).sort()).toEqual([
			`acme-calm/${AUTO_GENERATED_INSTANCE_NAME}/cloud-alm-api-key`,
			'acme-dev/cloud-alm-api/cloud-alm-api-key',
		]);
		const dev = ours.find((r) => (r.subaccount as IDataObject).subdomain === 'acme-dev')!;
		expect(dev).toMatchObject({
			sapCreated: false,
			credentialType: 'binding-secret',
			ageDays: 0,
			lastRotation: '2026-11-20T08:00:00.000Z',
			rotatedFrom: '0ld-binding-id',
			instance: { createdBy: 'thisNode' },
		});
		// the rows of acme-calm are the seeded seven plus the node's key
		expect(run.out.filter((r) => (r.subaccount as IDataObject).subdomain === 'acme-calm')).toHaveLength(7);
	});

	it('Read Scopes From Tokens: the scopes each key really grants (secret, X.509 over mTLS, instance secret)', async () => {
		const run = await runBtp(sim, inventory({ subaccountScope: 'chosen', subaccountList: 'acme-calm', readScopesFromTokens: true }), { typeVersion: 2 });
		expect(run.error).toBeUndefined();
		const sapScopes = ['calm-api.features.read', 'calm-api.features.write', 'calm-api.projects.read', 'calm-api.projects.write', 'calm-api.tasks.read', 'calm-api.tasks.write'];
		for (const name of [AUTO_GENERATED_BINDING_NAME, ADMIN_X509_BINDING.name, ...MANAGED_SYSTEM_KEYS.map((k) => k.name)]) {
			expect(keyRow(run, name)).toMatchObject({ scopesSource: 'token', tokenObtained: true });
			expect(keyRow(run, name).scopes).toEqual(sapScopes);
		}
		expect(keyRow(run, CF_INSTANCE_SECRET_BINDING.name)).toMatchObject({ scopesSource: 'token', tokenObtained: true, scopes: [] });
		expect(instanceRow(run, 'calm-api-kyma').scopes).toBe('unknown');
		expect(JSON.stringify(run.out)).not.toMatch(/access_token|eyJ/);
	});

	it('follows Service Manager paging: 60 keys of one instance (SM pages 50 at a time) are all listed', async () => {
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.dev))).error).toBeUndefined();
		const { accounts } = await cisClients(sim.keys.cisCentral);
		const key = (await accounts.get(`/accounts/v2/subaccounts/${SUBACCOUNT_IDS.dev}/serviceManagerBindings/n8n-sap-cloud-alm`)).data;
		const sm = httpClient(key.sm_url, await fetchToken(key));
		const instance = state().instances.find((i) => i.subaccountGUID === SUBACCOUNT_IDS.dev && i.name === 'cloud-alm-api')!;
		for (let n = 0; n < 59; n += 10) {
			const made = await Promise.all(
				Array.from({ length: Math.min(10, 59 - n) }, (_, k) => sm.post('/v1/service_bindings?async=false', { name: `app-key-${n + k}`, service_instance_id: instance.id })),
			);
			expect(made.map((r) => r.status)).toEqual(made.map(() => 201));
		}
		const run = await runBtp(sim, inventory({ subaccountScope: 'chosen', subaccountList: 'acme-dev' }), { typeVersion: 2 });
		expect(run.error).toBeUndefined();
		expect(run.out).toHaveLength(60);
		expect(run.out.filter((r) => r.createdBy === 'other')).toHaveLength(59);
		expect(run.calls.filter((c) => c.service === 'serviceManager' && c.method === 'GET' && c.route === '/v1/service_bindings')).toHaveLength(2);
	});

	it('bad input: an unknown subaccount or an empty list fails naming the field, before any change', async () => {
		const unknown = await runBtp(sim, inventory({ subaccountScope: 'chosen', subaccountList: 'acme-dev, no-such-subaccount' }), { continueOnFail: true });
		expect(unknown.out[0].error).toBe('Subaccount "no-such-subaccount" is not in the global account of the Cloud Management credential');
		expect(String((unknown.out[0] as IDataObject).description ?? '')).toMatch(/Field: Subaccount GUIDs or Subdomains/);
		expect(unknown.mutations).toEqual([]);
		const empty = await runBtp(sim, inventory({ subaccountScope: 'chosen', subaccountList: ' , ' }), { continueOnFail: true });
		expect(empty.out[0].error).toBe('Subaccount GUIDs or Subdomains is empty');
		expect(empty.calls.filter((c) => c.service !== 'uaa')).toEqual([]);
	});
});

describe('Cloud ALM API → Disable', () => {
	it("on SAP's auto-generated tenant: deletes only the node's key; SAP's instance and keys stay, each with its reason", async () => {
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.calm))).error).toBeUndefined();
		const before = state().bindings.filter((b) => b.subaccountGUID === SUBACCOUNT_IDS.calm).map((b) => b.name);
		expect(before).toContain('cloud-alm-api-key');
		const amountBefore = state().assignments.find((a) => a.subaccountGUID === SUBACCOUNT_IDS.calm && a.serviceName === 'SAPCloudALMAPIs')!.amount;

		const run = await runBtp(sim, disable(SUBACCOUNT_IDS.calm, { removeEntitlement: true }));
		expect(run.error).toBeUndefined();
		expect(smMutations(run)).toEqual(['DELETE /v1/service_bindings/:id']);
		expect(cisMutations(run).filter((m) => m.startsWith('PUT'))).toEqual([]);
		expect(run.out[0]).toMatchObject({
			status: 'disabled',
			deleted: [{ kind: 'binding', name: 'cloud-alm-api-key', instance: AUTO_GENERATED_INSTANCE_NAME }],
			alreadyAbsent: [],
			entitlement: { action: 'left', amount: amountBefore, reason: expect.stringMatching(/3 instance\(s\) of the plan remain/) },
			notice: expect.stringMatching(/Landscape Management/),
		});
		const left = run.out[0].left as IDataObject[];
		const reasonOf = (kind: string, name: string) => left.find((l) => l.kind === kind && l.name === name)!;
		expect(reasonOf('instance', AUTO_GENERATED_INSTANCE_NAME)).toMatchObject({ createdBy: 'sap', reason: expect.stringMatching(/^SAP created it/) });
		for (const name of [AUTO_GENERATED_BINDING_NAME, ...MANAGED_SYSTEM_KEYS.map((k) => k.name)]) {
			expect(reasonOf('binding', name)).toMatchObject({ createdBy: 'sap', reason: expect.stringMatching(/^SAP created it: .*Landscape Management/) });
		}
		expect(reasonOf('binding', ADMIN_X509_BINDING.name)).toMatchObject({ createdBy: 'other', reason: expect.stringMatching(/^this node did not create it/) });
		expect(reasonOf('binding', CF_INSTANCE_SECRET_BINDING.name)).toMatchObject({ createdBy: 'other' });
		expect(reasonOf('instance', 'calm-api-cf')).toMatchObject({ createdBy: 'other', reason: expect.stringMatching(/platform/) });
		expect(reasonOf('instance', 'calm-api-kyma')).toMatchObject({ createdBy: 'other' });
		// every SAP key is still there, and still yields a token
		const after = state().bindings.filter((b) => b.subaccountGUID === SUBACCOUNT_IDS.calm);
		expect(after.map((b) => b.name).sort()).toEqual(before.filter((n) => n !== 'cloud-alm-api-key').sort());
		const sapKey = after.find((b) => b.name === AUTO_GENERATED_BINDING_NAME)!;
		expect(await fetchToken(sapKey.credentials.uaa as never)).toMatch(/^ey/);
		expect(state().instances.some((i) => i.name === AUTO_GENERATED_INSTANCE_NAME)).toBe(true);
		expectNoOrphans();

		// re-run: nothing left to do, nothing changed
		const again = await runBtp(sim, disable(SUBACCOUNT_IDS.calm, { removeEntitlement: true }));
		expect(again.error).toBeUndefined();
		expect(again.out[0]).toMatchObject({ status: 'nothingToDisable', deleted: [] });
		expect(smMutations(again)).toEqual([]);
	});

	it("in dev: the node's binding, then its instance, then the entitlement; nothing orphaned; a re-run is safe", async () => {
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.dev))).error).toBeUndefined();
		expect(state().assignments.some((a) => a.subaccountGUID === SUBACCOUNT_IDS.dev && a.serviceName === 'SAPCloudALMAPIs')).toBe(true);
		const run = await runBtp(sim, disable(SUBACCOUNT_IDS.dev, { removeEntitlement: true }));
		expect(run.error).toBeUndefined();
		// bindings before their instance
		expect(smMutations(run)).toEqual(['DELETE /v1/service_bindings/:id', 'DELETE /v1/service_instances/:id']);
		expect(run.out[0]).toMatchObject({
			status: 'disabled',
			deleted: [
				{ kind: 'binding', name: 'cloud-alm-api-key', instance: 'cloud-alm-api' },
				{ kind: 'instance', name: 'cloud-alm-api' },
			],
			left: [],
			entitlement: { action: 'removed', amount: 0 },
		});
		expect(state().instances.filter((i) => i.subaccountGUID === SUBACCOUNT_IDS.dev)).toEqual([]);
		expect(state().assignments.some((a) => a.subaccountGUID === SUBACCOUNT_IDS.dev && a.serviceName === 'SAPCloudALMAPIs')).toBe(false);
		expectNoOrphans();

		const again = await runBtp(sim, disable(SUBACCOUNT_IDS.dev, { removeEntitlement: true, instanceName: 'cloud-alm-api', bindingNames: '' }));
		expect(again.error).toBeUndefined();
		expect(again.out[0]).toMatchObject({ status: 'nothingToDisable', deleted: [], alreadyAbsent: [{ kind: 'instance', name: 'cloud-alm-api' }], entitlement: { action: 'alreadyAbsent' } });
		expect(again.mutations.filter((m) => m.service !== 'accounts')).toEqual([]);
	});

	it("the node's instance holding someone else's key: the node's key goes, the instance and that key stay (no cascade)", async () => {
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.qa))).error).toBeUndefined();
		const { accounts } = await cisClients(sim.keys.cisCentral);
		const key = (await accounts.get(`/accounts/v2/subaccounts/${SUBACCOUNT_IDS.qa}/serviceManagerBindings/n8n-sap-cloud-alm`)).data;
		const sm = httpClient(key.sm_url, await fetchToken(key));
		const instance = state().instances.find((i) => i.subaccountGUID === SUBACCOUNT_IDS.qa && i.name === 'cloud-alm-api')!;
		expect((await sm.post('/v1/service_bindings?async=false', { name: 'someone-elses-key', service_instance_id: instance.id })).status).toBe(201);

		const run = await runBtp(sim, disable(SUBACCOUNT_IDS.qa, { removeEntitlement: true }));
		expect(run.error).toBeUndefined();
		expect(smMutations(run)).toEqual(['DELETE /v1/service_bindings/:id']);
		expect(run.calls.some((c) => /cascade/.test(c.path))).toBe(false);
		expect(run.out[0]).toMatchObject({
			status: 'disabled',
			deleted: [{ kind: 'binding', name: 'cloud-alm-api-key' }],
			left: [
				{ kind: 'binding', name: 'someone-elses-key', createdBy: 'other' },
				{ kind: 'instance', name: 'cloud-alm-api', createdBy: 'thisNode', reason: expect.stringMatching(/still holds 1 binding\(s\) this node did not create \(someone-elses-key\)/) },
			],
			entitlement: { action: 'left', reason: expect.stringMatching(/1 instance\(s\) of the plan remain \(cloud-alm-api\)/) },
		});
		expect(state().bindings.filter((b) => b.service_instance_id === instance.id).map((b) => b.name)).toEqual(['someone-elses-key']);
		expectNoOrphans();
	});

	it.each([
		[
			"SAP's generated instance named explicitly",
			SUBACCOUNT_IDS.calm,
			{ instanceName: AUTO_GENERATED_INSTANCE_NAME },
			`Instance "${AUTO_GENERATED_INSTANCE_NAME}" was not created by this node: Created by SAP at tenant provisioning`,
			/Field: Instance Name\..*Nothing was changed\./s,
		],
		[
			"an SAP managed-system key named explicitly",
			SUBACCOUNT_IDS.calm,
			{ bindingNames: `cloud-alm-api-key, ${MANAGED_SYSTEM_KEYS[0].name}` },
			`Binding "${MANAGED_SYSTEM_KEYS[0].name}" of instance "${AUTO_GENERATED_INSTANCE_NAME}" was not created by this node: Created by SAP for a managed system`,
			/Field: Binding Names\..*Landscape Management.*Nothing was changed\./s,
		],
		[
			'a subaccount outside the global account',
			'7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0aff',
			{},
			'Subaccount "7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0aff" is not in the global account of the Cloud Management credential',
			/Field: Subaccount\..*Nothing was changed\./s,
		],
	])('bad input: %s fails naming the field and the fix; nothing changes', async (_what, guid, extra, message, description) => {
		expect((await runBtp(sim, enable(SUBACCOUNT_IDS.calm))).error).toBeUndefined();
		const bindingsBefore = state().bindings.map((b) => b.id).sort();
		const run = await runBtp(sim, disable(guid, extra), { continueOnFail: true });
		expect(String(run.out[0].error)).toContain(message);
		expect(String(run.out[0].description ?? '')).toMatch(description);
		expect(run.mutations.filter((m) => m.service !== 'accounts')).toEqual([]);
		expect(state().bindings.map((b) => b.id).sort()).toEqual(bindingsBefore);
	});

	it('bad input: a binding name with a space fails before any call', async () => {
		const run = await runBtp(sim, disable(customerGuid(1), { bindingNames: 'my key' }), { continueOnFail: true });
		expect(run.out[0].error).toBe('Binding Names: "my key" is not a binding name');
		expect(String(run.out[0].description ?? '')).toMatch(/Field: Binding Names/);
		expect(run.calls.filter((c) => c.service !== 'uaa')).toEqual([]);
	});
});
