/**
 * What version 2 of the SAP BTP node changes, run against the simulator: Get Many stops at a limit
 * unless Return All is on (and says so in a hint), deletes answer with n8n's `deleted` beside what
 * they answered before. The other suites run at typeVersion 1 and prove saved workflows keep working.
 */
import type { IDataObject } from 'n8n-workflow';
import { useSimulator } from '../../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, type RunBtpOptions } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });

const v1: RunBtpOptions = { typeVersion: 1 };
const v2: RunBtpOptions = { typeVersion: 2 };
const sm = { serviceManagerAccess: 'serviceManagerCredential' };
const entitle = async (amount = 1) =>
	expect((await runBtp(sim, { resource: 'entitlement', operation: 'configure', subaccount: rl(SUBACCOUNT_IDS.dev), amount }, v2)).status).toBe(
		'success',
	);

describe('SAP BTP node version 2: Get Many', () => {
	it('Entitlement Get Many has Return All / Limit: v2 stops at the limit with a hint, v1 returns every assignment', async () => {
		await entitle();
		const params = { resource: 'entitlement', operation: 'list', subaccount: rl(SUBACCOUNT_IDS.dev) };
		const limited = await runBtp(sim, { ...params, limit: 1 }, v2);
		expect(limited.out).toHaveLength(1);
		expect(limited.hints).toEqual(['Returned the first 1 entitlements (Limit). Turn on Return All to get every one.']);

		const all = await runBtp(sim, { ...params, returnAll: true }, v2);
		expect(all.out).toHaveLength(2);
		expect(all.hints).toEqual([]);
		// a saved v1 workflow sets nothing and gets the whole list, as before
		const saved = await runBtp(sim, params, v1);
		expect(saved.out.map((a) => `${String(a.serviceName)}/${String(a.planName)}`).sort()).toEqual([
			'SAPCloudALMAPIs/standard',
			'service-manager/subaccount-admin',
		]);
		expect(saved.hints).toEqual([]);
	});

	it('Service Instance and Binding Get Many: v2 default limit (50) under the count returns all without a hint; a lower limit cuts and says so', async () => {
		await entitle(2);
		for (const name of ['calm-a', 'calm-b']) {
			expect((await runBtp(sim, { resource: 'serviceInstance', operation: 'create', ...sm, instanceName: name }, v2)).status).toBe('success');
		}
		for (const name of ['key-a', 'key-b']) {
			const run = await runBtp(sim, { resource: 'serviceBinding', operation: 'create', ...sm, instance: rl('calm-a', 'name'), bindingName: name }, v2);
			expect(run.status).toBe('success');
		}
		const instances = await runBtp(sim, { resource: 'serviceInstance', operation: 'list', ...sm }, v2);
		expect(instances.out.map((i) => i.name).sort()).toEqual(['calm-a', 'calm-b']);
		expect(instances.hints).toEqual([]);
		const oneInstance = await runBtp(sim, { resource: 'serviceInstance', operation: 'list', ...sm, limit: 1 }, v2);
		expect(oneInstance.out).toHaveLength(1);
		expect(oneInstance.hints).toEqual(['Returned the first 1 service instances (Limit). Turn on Return All to get every one.']);

		const oneBinding = await runBtp(sim, { resource: 'serviceBinding', operation: 'list', ...sm, limit: 1 }, v2);
		expect(oneBinding.out).toHaveLength(1);
		expect(oneBinding.hints).toEqual(['Returned the first 1 service bindings (Limit). Turn on Return All to get every one.']);
		// v1 ignores a limit it does not show (Return All on by default)
		const savedBindings = await runBtp(sim, { resource: 'serviceBinding', operation: 'list', ...sm, limit: 1 }, v1);
		expect(savedBindings.out.map((b) => b.name).sort()).toEqual(['key-a', 'key-b']);
	});
});

describe('SAP BTP node: deletes answer with deleted (n8n) and keep their old keys', () => {
	it('Service Binding and Service Instance Delete: {deleted: true, id, name, action}; not waiting is not deleted yet', async () => {
		await entitle(2);
		const created = await runBtp(sim, { resource: 'serviceInstance', operation: 'create', ...sm, instanceName: 'calm-d' }, v2);
		const instanceId = String((created.out[0].instance as IDataObject).id);
		const binding = await runBtp(sim, { resource: 'serviceBinding', operation: 'create', ...sm, instance: rl(instanceId), bindingName: 'key-d' }, v2);
		const bindingId = String(binding.out[0].id);

		const bindingDeleted = await runBtp(sim, { resource: 'serviceBinding', operation: 'delete', ...sm, binding: rl(bindingId) }, v2);
		expect(bindingDeleted.out).toEqual([{ deleted: true, id: bindingId, name: bindingId, action: 'deleted' }]);
		const bindingAgain = await runBtp(sim, { resource: 'serviceBinding', operation: 'delete', ...sm, binding: rl(bindingId) }, v1);
		expect(bindingAgain.out).toEqual([{ deleted: true, id: bindingId, name: bindingId, action: 'alreadyAbsent' }]);

		const started = await runBtp(sim, { resource: 'serviceInstance', operation: 'delete', ...sm, instance: rl('calm-d', 'name'), waitForCompletion: false }, v2);
		expect(started.out).toEqual([{ deleted: false, id: instanceId, name: 'calm-d', action: 'deleting', deletedBindings: [] }]);
		const gone = await runBtp(sim, { resource: 'serviceInstance', operation: 'delete', ...sm, instance: rl(instanceId) }, v2);
		expect(gone.out[0]).toMatchObject({ deleted: true, id: instanceId, action: expect.stringMatching(/^(deleted|alreadyAbsent)$/) });
	});
});
