/**
 * Service Binding → Rotate against the simulator: a new key next to the old one (the old one
 * renamed, the new one under the name), verified, the old one deleted after the grace period in
 * this run or in a later one, re-runs that neither rotate twice nor duplicate, X.509 keys rotated
 * only near their certificate's end, and bad input refused before any change.
 */
import axios from 'axios';
import { sleep, type IDataObject } from 'n8n-workflow';
import { fetchToken, useSimulator } from '../../../simulator/testkit';
import { AUTO_GENERATED_BINDING_NAME, MANAGED_SYSTEM_KEYS, SUBACCOUNT_IDS } from '../../../simulator/seed';
import { rotationState } from '../../../nodes/SapBtp/api/keyOwnership';
import { ROTATION_LABELS } from '../../../nodes/SapBtp/procedures/rotateBinding';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });
const DEV = SUBACCOUNT_IDS.dev;
/** the binding name Enable creates by default */
const KEY_NAME = 'cloud-alm-api-key';

interface Key {
	endpoints: { Api: string };
	uaa: { url: string; clientid: string; clientsecret?: string; certificate?: string; key?: string; certurl?: string };
}

/** Enable on `dev` (derived access): the instance and the key `cloud-alm-api-key`, with secrets. */
async function enableDev(extra: IDataObject = {}): Promise<{ id: string; key: Key }> {
	const run = await runBtp(sim, { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(DEV), includeSecrets: true, ...extra });
	expect(run.status).toBe('success');
	return { id: String((run.out[0].binding as IDataObject).id), key: run.out[0].serviceKey as unknown as Key };
}

const rotate = (binding: IDataObject, extra: IDataObject = {}) =>
	runBtp(sim, { resource: 'serviceBinding', operation: 'rotate', subaccount: rl(DEV), binding, includeSecrets: true, ...extra });

/** A token from a key's client (secret); the status of the token endpoint's answer. */
async function tokenStatus(key: Key): Promise<number> {
	try {
		await fetchToken(key.uaa);
		return 200;
	} catch (error) {
		return (error as { response?: { status: number } }).response?.status ?? 0;
	}
}

async function bindingsOfDev(): Promise<IDataObject[]> {
	const state = (await axios.get(`${sim.urls.control}/__sim/state`)).data as { bindings: IDataObject[] };
	return state.bindings.filter((b) => b.subaccountGUID === DEV);
}

describe('SAP BTP node: Service Binding → Rotate', () => {
	it('rotates with overlap in a later run: both keys work in the grace period, the old one is deleted when due and then gets invalid_client', async () => {
		const { id: oldId, key: oldKey } = await enableDev();
		const first = await rotate(rl('cloud-alm-api-key', 'name'), { gracePeriod: 2, gracePeriodUnit: 'seconds', deleteOld: 'later' });
		expect(first.status).toBe('success');
		const out = first.out[0];
		expect(out.action).toBe('rotated');
		const binding = out.binding as IDataObject;
		expect(binding.name).toBe('cloud-alm-api-key');
		expect(binding.id).not.toBe(oldId);
		expect(out.verification).toMatchObject({ tokenObtained: true, scopes: expect.arrayContaining(['calm-api.tasks.read']) });
		const old = out.oldBinding as IDataObject;
		expect(old).toMatchObject({ id: oldId, state: 'retiring', name: expect.stringMatching(/^cloud-alm-api-key-retired-\d{8}T\d{6}Z$/) });
		const newKey = binding.serviceKey as unknown as Key;
		expect(await tokenStatus(oldKey)).toBe(200);
		expect(await tokenStatus(newKey)).toBe(200);
		// the marks live on Service Manager: labels a later run reads
		const marked = (await bindingsOfDev()).find((b) => b.id === oldId)!;
		expect(marked.labels).toMatchObject({
			'n8n-rotation-name': ['cloud-alm-api-key'],
			'n8n-rotation-state': ['retiring'],
			'n8n-retire-at': [old.deleteAfter],
			'n8n-replaced-by': [binding.id],
		});

		// what Inventory reads (api/keyOwnership.ts rotationState) on both bindings
		expect(rotationState(marked as never)).toEqual({ retireAt: old.deleteAfter, replacedBy: binding.id });
		const fresh = (await bindingsOfDev()).find((b) => b.id === binding.id)!;
		expect(rotationState(fresh as never)).toEqual({ rotatedFrom: oldId, lastRotation: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

		// a re-run in the grace period rotates nothing and changes nothing
		const again = await rotate(rl('cloud-alm-api-key', 'name'), { gracePeriod: 2, gracePeriodUnit: 'seconds' });
		expect(again.out[0]).toMatchObject({ action: 'skipped', oldBinding: { id: oldId, state: 'retiring' } });
		expect(again.mutations).toEqual([]);

		await sleep(2100);
		const due = await runBtp(sim, { resource: 'serviceBinding', operation: 'rotate', subaccount: rl(DEV), rotateMode: 'deleteDue' });
		expect(due.out[0]).toMatchObject({ count: 1, deleted: [{ id: oldId, state: 'deleted' }] });
		expect(await tokenStatus(oldKey)).toBe(401);
		const refused = await axios.post(`${oldKey.uaa.url}/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: oldKey.uaa.clientid, client_secret: oldKey.uaa.clientsecret! }).toString(), {
			validateStatus: () => true,
		});
		expect(refused.data.error).toBe('invalid_client');
		expect(await tokenStatus(newKey)).toBe(200);
		expect((await bindingsOfDev()).map((b) => b.name)).toEqual(['cloud-alm-api-key']);
	});

	it('waits out the grace period in the same run (X.509 keys keep their credential type), and rotates only near the certificate end', async () => {
		const { id } = await enableDev({ bindingCredentialType: 'x509', x509ValidityDays: 30 });
		const early = await rotate(rl(id), { rotateOptions: { certificateWithinDays: 7 } });
		expect(early.out[0]).toMatchObject({ action: 'skipped', reason: expect.stringContaining('Only When the Certificate Expires Within is 7 days') });
		expect(early.mutations).toEqual([]);

		expect((await axios.post(`${sim.urls.control}/__sim/service-bindings/${id}/certificate`, { validityDays: 3 })).status).toBe(200);
		const started = Date.now();
		const run = await rotate(rl(id), { rotateOptions: { certificateWithinDays: 7 }, gracePeriod: 1, gracePeriodUnit: 'seconds', deleteOld: 'wait' });
		expect(run.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		const out = run.out[0];
		expect(out).toMatchObject({ action: 'rotated', oldBinding: { id, state: 'deleted' }, verification: { credentialType: 'x509' } });
		const key = (out.binding as IDataObject).serviceKey as unknown as Key;
		expect(key.uaa.certificate).toContain('BEGIN CERTIFICATE');
		expect((await bindingsOfDev()).map((b) => b.id)).toEqual([(out.binding as IDataObject).id]);
	});

	it('masks the new key unless Include Secrets is on; a grace period of 0 deletes the old key once the new one is verified', async () => {
		const { id } = await enableDev();
		const run = await rotate(rl(id), { includeSecrets: false, gracePeriod: 0 });
		const key = (run.out[0].binding as IDataObject).serviceKey as IDataObject;
		expect(JSON.stringify(key)).not.toMatch(/clientsecret":"[^*]/);
		expect((key.uaa as IDataObject).clientsecret).toMatch(/hidden/);
		expect(run.out[0].oldBinding).toMatchObject({ id, state: 'deleted' });
	});

	it('only rotates keys older than a given age', async () => {
		const { id } = await enableDev();
		const run = await rotate(rl(id), { rotateOptions: { minAgeDays: 30 } });
		expect(run.out[0]).toMatchObject({ action: 'skipped', reason: expect.stringContaining('Only When Older Than is 30 days') });
		expect(run.mutations).toEqual([]);
	});

	it('resumes a rotation that stopped after the rename: the next run by the name finds the old binding and finishes', async () => {
		const { id } = await enableDev();
		// what a run that stopped after step 1 leaves behind (the same PATCH Rotate sends)
		const sm = sim.keys.serviceManager as { url: string; clientid: string; clientsecret: string; sm_url: string };
		const token = await fetchToken(sm);
		const patched = await axios.patch(
			`${sm.sm_url}/v1/service_bindings/${id}`,
			{ name: 'cloud-alm-api-key-retired-20261130T000000Z', labels: [{ op: 'add', key: ROTATION_LABELS.formerName, values: [KEY_NAME] }] },
			{ headers: { authorization: `Bearer ${token}` } },
		);
		expect(patched.status).toBe(200);
		const run = await rotate(rl('cloud-alm-api-key', 'name'), { gracePeriod: 0 });
		expect(run.out[0]).toMatchObject({ action: 'resumed', binding: { name: 'cloud-alm-api-key' }, oldBinding: { id, state: 'deleted' } });
		expect((await bindingsOfDev()).map((b) => b.name)).toEqual(['cloud-alm-api-key']);
	});

	it("Enable's rotate mode rotates the key it finds, with the same code", async () => {
		const { id } = await enableDev();
		const { id: newId } = await enableDev({ rotateKey: true, gracePeriod: 0 });
		expect(newId).not.toBe(id);
		const bindings = await bindingsOfDev();
		expect(bindings.map((b) => [b.id, b.name])).toEqual([[newId, KEY_NAME]]);
		// a third run in rotate mode rotates again only by the rules (here: older than 1 day: no)
		const run = await runBtp(sim, { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(DEV), rotateKey: true, rotateOptions: { minAgeDays: 1 } });
		expect(run.out[0].status).toBe('alreadyEnabled');
		expect((run.out[0].steps as IDataObject[]).find((x) => x.step === 'rotate')).toMatchObject({ action: 'skipped' });
	});

	describe('bad input: a clear error naming the field and the fix, before any change', () => {
		it('a negative grace period', async () => {
			const run = await rotate(rl('cloud-alm-api-key', 'name'), { gracePeriod: -1 });
			expect(run.status).toBe('error');
			expect(run.error?.message).toBe('Grace Period must be 0 or more (got -1)');
			expect(run.error?.description).toContain('Field: Grace Period');
			expect(run.calls).toEqual([]);
		});

		it('an unknown binding (by ID and by name)', async () => {
			await enableDev();
			for (const binding of [rl('5c0ffee0-0000-4000-8000-00000000b1d1'), rl('no-such-key', 'name')]) {
				const run = await rotate(binding);
				expect(run.status).toBe('error');
				expect(run.error?.message).toMatch(/^Service binding .* does not exist$/);
				expect(run.error?.description).toContain('Field: Service Binding');
				expect(run.mutations).toEqual([]);
			}
		});

		it("a key SAP created (the auto-generated tenant's key)", async () => {
			// derived access creates the node's Service Manager access binding once (Accounts service): done by a read first
			const calm = { resource: 'serviceBinding', subaccount: rl(SUBACCOUNT_IDS.calm) };
			expect((await runBtp(sim, { ...calm, operation: 'list' })).status).toBe('success');
			// SAP's generated key, and a managed system's key (<SID>_<client>_<system number>)
			for (const name of [AUTO_GENERATED_BINDING_NAME, MANAGED_SYSTEM_KEYS[0].name]) {
				const run = await runBtp(sim, { ...calm, operation: 'rotate', binding: rl(name, 'name') });
				expect(run.status).toBe('error');
				expect(run.error?.message).toBe(`Binding "${name}" was created by SAP; Rotate does not touch it`);
				expect(run.error?.description).toContain('Field: Service Binding');
				expect(run.mutations).toEqual([]);
			}
		});
	});
});
