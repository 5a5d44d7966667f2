/**
 * Who created each Cloud ALM API instance and key (nodes/SapBtp/api/keyOwnership.ts), judged on
 * what Service Manager lists over real HTTP: the seeded tenant `acme-calm` (SAP's generated
 * instance and key, SAP's managed-system keys, an administrator's X.509 key, a Cloud Foundry
 * instance-secret key, Cloud Foundry and Kyma instances) and what Enable creates.
 */
import type { AxiosInstance } from 'axios';
import {
	bindingOwnership,
	certificateNotAfter,
	credentialTypeOf,
	instanceOwnership,
	MANAGED_SYSTEM_KEY_NAME,
	rotationState,
	ROTATION_LABELS,
} from '../../../nodes/SapBtp/api/keyOwnership';
import type { SmBinding, SmInstance } from '../../../nodes/SapBtp/api/serviceManager';
import { cisClients, fetchToken, httpClient, useSimulator } from '../../../simulator/testkit';
import {
	ADMIN_X509_BINDING,
	AUTO_GENERATED_BINDING_NAME,
	AUTO_GENERATED_INSTANCE_NAME,
	CF_INSTANCE_SECRET_BINDING,
	MANAGED_SYSTEM_KEYS,
	SUBACCOUNT_IDS,
} from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });
const DAY = 24 * 60 * 60 * 1000;

/** An SM client of a subaccount through CIS (Accounts v2 serviceManagerBindings), as the node derives it. */
let accessCount = 0;
async function smOf(guid: string): Promise<AxiosInstance> {
	const { accounts } = await cisClients(sim.keys.cisCentral);
	const made = await accounts.post(`/accounts/v2/subaccounts/${guid}/serviceManagerBindings`, { name: `ownership-test-${++accessCount}` });
	expect(made.status).toBe(201);
	const key = made.data as { url: string; clientid: string; clientsecret: string; sm_url: string };
	return httpClient(key.sm_url, await fetchToken(key));
}

async function world(guid: string) {
	const sm = await smOf(guid);
	const { accounts } = await cisClients(sim.keys.cisCentral);
	const subaccount = (await accounts.get(`/accounts/v1/subaccounts/${guid}`)).data as { createdDate: number };
	const instances = (await sm.get('/v1/service_instances')).data.items as SmInstance[];
	const bindings = (await sm.get('/v1/service_bindings')).data.items as SmBinding[];
	const instanceOwner = new Map(instances.map((i) => [i.id, instanceOwnership(i, { subaccountCreatedAt: subaccount.createdDate })]));
	const keyOwner = (name: string) => {
		const b = bindings.find((x) => x.name === name)!;
		const instance = instances.find((i) => i.id === b.service_instance_id);
		return { binding: b, ownership: bindingOwnership(b, instance, instance && instanceOwner.get(instance.id)) };
	};
	const instanceNamed = (name: string) => instanceOwner.get(instances.find((i) => i.name === name)!.id)!;
	return { sm, instances, bindings, instanceNamed, keyOwner };
}

describe('who created what in the seeded Cloud ALM tenant', () => {
	it('SAP: the generated instance and key, the managed-system keys; others: Cloud Foundry, Kyma and the X.509 key', async () => {
		const w = await world(SUBACCOUNT_IDS.calm);
		expect(w.instanceNamed(AUTO_GENERATED_INSTANCE_NAME)).toMatchObject({ createdBy: 'sap', sapCreated: true });
		expect(w.instanceNamed('calm-api-cf')).toMatchObject({ createdBy: 'other', sapCreated: false, basis: expect.stringMatching(/platform/) });
		expect(w.instanceNamed('calm-api-kyma')).toMatchObject({ createdBy: 'other', sapCreated: false });

		expect(w.keyOwner(AUTO_GENERATED_BINDING_NAME).ownership).toMatchObject({ createdBy: 'sap', sapCreated: true, basis: expect.stringMatching(/Landscape Management/) });
		for (const key of MANAGED_SYSTEM_KEYS) {
			expect(w.keyOwner(key.name).ownership).toMatchObject({ createdBy: 'sap', sapCreated: true, basis: expect.stringMatching(/managed system/) });
		}
		expect(w.keyOwner(ADMIN_X509_BINDING.name).ownership).toMatchObject({ createdBy: 'other', sapCreated: false });
		expect(w.keyOwner(CF_INSTANCE_SECRET_BINDING.name).ownership).toMatchObject({ createdBy: 'other', sapCreated: false });
		// every key of the tenant is classified, and the seed holds exactly these
		expect(w.bindings.map((b) => b.name).sort()).toEqual(
			[AUTO_GENERATED_BINDING_NAME, ...MANAGED_SYSTEM_KEYS.map((k) => k.name), ADMIN_X509_BINDING.name, CF_INSTANCE_SECRET_BINDING.name].sort(),
		);
	});

	it('credential types and certificate ends come from the listed credentials', async () => {
		const w = await world(SUBACCOUNT_IDS.calm);
		expect(credentialTypeOf(w.keyOwner(AUTO_GENERATED_BINDING_NAME).binding.credentials)).toBe('binding-secret');
		expect(credentialTypeOf(w.keyOwner(CF_INSTANCE_SECRET_BINDING.name).binding.credentials)).toBe('instance-secret');
		const x509 = w.keyOwner(ADMIN_X509_BINDING.name).binding.credentials;
		expect(credentialTypeOf(x509)).toBe('x509');
		const notAfter = certificateNotAfter(x509)!;
		// the seeded certificate lives 7 days from the seed
		expect(Math.abs(notAfter.getTime() - (Date.now() + 7 * DAY))).toBeLessThan(60 * 60 * 1000);
		expect(certificateNotAfter(w.keyOwner(AUTO_GENERATED_BINDING_NAME).binding.credentials)).toBeUndefined();
	});

	it('SAP\'s instance under another name is still SAP\'s (created with its subaccount), and so is the key made with it', async () => {
		const sm = await smOf(SUBACCOUNT_IDS.calm);
		const sap = ((await sm.get('/v1/service_instances', { params: { fieldQuery: `name eq '${AUTO_GENERATED_INSTANCE_NAME}'` } })).data.items as SmInstance[])[0];
		const renamed = await sm.patch(`/v1/service_instances/${sap.id}?async=false`, { name: 'calm-generated' });
		expect(renamed.status).toBe(200);
		const key = ((await sm.get('/v1/service_bindings', { params: { fieldQuery: `name eq '${AUTO_GENERATED_BINDING_NAME}'` } })).data.items as SmBinding[])[0];
		const rekeyed = await sm.patch(`/v1/service_bindings/${key.id}`, { name: 'calm-generated-key' });
		expect(rekeyed.status).toBe(200);
		const w = await world(SUBACCOUNT_IDS.calm);
		const instance = w.instanceNamed('calm-generated');
		expect(instance).toMatchObject({ createdBy: 'sap', basis: expect.stringMatching(/within a day of its subaccount/) });
		expect(w.keyOwner('calm-generated-key').ownership).toMatchObject({ createdBy: 'sap', basis: expect.stringMatching(/with SAP's generated instance/) });
		// an administrator's key on it, made long after the tenant, is not SAP's
		expect(w.keyOwner(ADMIN_X509_BINDING.name).ownership.createdBy).toBe('other');
	});

	it('what Enable creates is this node\'s: its own instance in dev, its own binding on SAP\'s instance', async () => {
		const dev = await runBtp(sim, { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(SUBACCOUNT_IDS.dev) });
		expect(dev.error).toBeUndefined();
		const calm = await runBtp(sim, { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(SUBACCOUNT_IDS.calm), bindingName: 'n8n-key' });
		expect(calm.error).toBeUndefined();

		const d = await world(SUBACCOUNT_IDS.dev);
		expect(d.instanceNamed('cloud-alm-api')).toMatchObject({ createdBy: 'thisNode', sapCreated: false });
		expect(d.keyOwner('cloud-alm-api-key').ownership).toMatchObject({ createdBy: 'thisNode' });
		const c = await world(SUBACCOUNT_IDS.calm);
		expect(c.instanceNamed(AUTO_GENERATED_INSTANCE_NAME).createdBy).toBe('sap');
		expect(c.keyOwner('n8n-key').ownership).toMatchObject({ createdBy: 'thisNode', sapCreated: false });
	});
});

describe('the rules on their own', () => {
	it('managed-system key names: <system ID>_<client>_<system number>', () => {
		for (const name of ['S4P_100_00', 'ecp_200_01', 'A1B_000_99']) expect(MANAGED_SYSTEM_KEY_NAME.test(name)).toBe(true);
		for (const name of ['1AB_100_00', 'S4P_10_00', 'S4P_100_0', 'S4P-100-00', 'S4P_100_00_x', 'cloud-alm-api-key']) {
			expect(MANAGED_SYSTEM_KEY_NAME.test(name)).toBe(false);
		}
	});

	it('rotation labels read back as the last rotation and the due time', () => {
		const state = rotationState({
			labels: { [ROTATION_LABELS.rotatedAt]: ['2026-11-01T10:00:00.000Z'], [ROTATION_LABELS.rotatedFrom]: ['old-id'], other: ['x'] },
		});
		expect(state).toEqual({ lastRotation: '2026-11-01T10:00:00.000Z', rotatedFrom: 'old-id' });
		expect(rotationState({})).toEqual({});
	});
});
