import type { IDataObject } from 'n8n-workflow';
import { useSimulator } from '../../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, setFaults, setProfile, simState } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });

const configure = (extra: IDataObject): IDataObject => ({
	resource: 'entitlement',
	operation: 'configure',
	subaccount: rl(SUBACCOUNT_IDS.dev),
	...extra,
});

const smCreate = (operation: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'serviceInstance',
	operation,
	serviceManagerAccess: 'serviceManagerCredential',
	instanceName: 'calm-api-dev',
	...extra,
});

describe('SAP BTP node: SAP says why', () => {
	it('an unentitled plan gives the Entitlements service\'s reason and code', async () => {
		const run = await runBtp(sim, configure({ serviceName: 'no-such-service', planName: 'gold' }));
		expect(run.status).toBe('error');
		// SAP's 409/30015 in SAP's words (terraform-provider-btp #927), plus the node's field and fix
		expect(run.error?.message).toBe(
			'Entitlements service rejected assigning no-such-service/gold to subaccount 7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a01 (code 30015): Cannot assign service no-such-service and plan gold to subaccount 7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a01. The global account 0b8a5d2e-6f1c-4d7a-9e3b-5c2a1f0e9d01 of this subaccount is not entitled to this service plan.',
		);
		expect(run.error?.httpCode).toBe('409');
		expect(run.error?.description).toContain('Field: Service Name / Plan Name.');
		expect(run.error?.description).toContain('Step: Assign entitlement');
		expect(run.error?.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
	});

	it('an amount on an enable-only plan gives SAP\'s reason (code 12003)', async () => {
		const run = await runBtp(sim, configure({ serviceName: 'auditlog-viewer', planName: 'free', amount: 2 }));
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('(code 12003): Cannot assign an amount to service plan \'free\' of service \'auditlog-viewer\' (category APPLICATION)');
		const state = await simState(sim);
		expect((state.assignments as IDataObject[]).some((a) => a.serviceName === 'auditlog-viewer')).toBe(false);
	});

	it('without an amount the enable-only plan is enabled (category decides), and a re-run sends nothing', async () => {
		const first = await runBtp(sim, configure({ serviceName: 'auditlog-viewer', planName: 'free' }));
		expect(first.out[0]).toMatchObject({ action: 'assigned', assignedWith: 'enable', category: 'APPLICATION', entityState: 'OK' });
		const second = await runBtp(sim, configure({ serviceName: 'auditlog-viewer', planName: 'free' }));
		expect(second.out[0]).toMatchObject({ action: 'unchanged' });
		expect(second.mutations).toEqual([]);
	});

	it('a failed entitlement job surfaces the job\'s description', async () => {
		await setFaults(sim, { ...NO_FAULTS, asyncFailure: 1 });
		const run = await runBtp(sim, configure({}));
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('Entitlements service could not assign SAPCloudALMAPIs/standard');
		expect(run.error?.message).toContain('the service broker did not confirm the assignment (simulated failure)');
	});

	it('a failed async instance create surfaces the broker\'s reason; the next run deletes and recreates it', async () => {
		expect((await runBtp(sim, configure({}))).status).toBe('success');
		await setFaults(sim, { ...NO_FAULTS, asyncFailure: 1 });
		const failed = await runBtp(sim, smCreate('createOrUpdate'));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toContain('Service Manager could not create the service instance "calm-api-dev": Service broker failed to create');
		expect(failed.error?.description).toContain('the next run of Create / Create or Update deletes and recreates it');
		const broken = ((await simState(sim)).instances as IDataObject[]).find((i) => i.name === 'calm-api-dev')!;
		expect(broken.ready).toBe(false);

		await setFaults(sim, NO_FAULTS);
		const repaired = await runBtp(sim, smCreate('createOrUpdate'));
		expect(repaired.status).toBe('success');
		expect(repaired.out[0].action).toBe('recreated');
		const instances = ((await simState(sim)).instances as IDataObject[]).filter((i) => i.name === 'calm-api-dev');
		expect(instances).toHaveLength(1);
		expect(instances[0].ready).toBe(true);
		expect(instances[0].id).not.toBe(broken.id);
	});

	it('a 429 with Retry-After is waited out (all items pause) and the run succeeds without duplicates', async () => {
		expect((await runBtp(sim, configure({}))).status).toBe('success');
		await setFaults(sim, { ...NO_FAULTS, seed: 7, rateLimit: 0.5, paths: ['/v1/service_instances'] });
		const run = await runBtp(sim, smCreate('createOrUpdate'));
		expect(run.error).toBeUndefined();
		const limited = run.calls.filter((c) => c.fault === 'rateLimit');
		expect(limited.length).toBeGreaterThan(0);
		for (const hit of limited) {
			const next = run.calls.find((c) => c.seq > hit.seq && c.service === 'serviceManager');
			// Retry-After is an HTTP-date about 1 s ahead (rounded up to the second)
			if (next) expect(next.at - hit.at).toBeGreaterThanOrEqual(900);
		}
		await setFaults(sim, NO_FAULTS);
		const instances = ((await simState(sim)).instances as IDataObject[]).filter((i) => i.name === 'calm-api-dev');
		expect(instances).toHaveLength(1);
	});

	it('the entitlement lock (409, code 30004) and CIS 429 (code 11006) are retried', async () => {
		await setFaults(sim, { ...NO_FAULTS, seed: 3, entitlementLock: 0.5, rateLimit: 0.3, paths: ['/entitlements/'] });
		const run = await runBtp(sim, configure({}));
		expect(run.error).toBeUndefined();
		expect(run.out[0]).toMatchObject({ action: 'assigned', entityState: 'OK' });
		const puts = run.calls.filter((c) => c.method === 'PUT');
		expect(puts.some((p) => p.status === 409 || p.status === 429)).toBe(true);
		expect(puts[puts.length - 1].status).toBe(202);
	});

	it('the entitlement lock is known by its code when SAP sends it as 400 (profile cisLockStatus 400)', async () => {
		await setProfile(sim, { ...FAST_PROFILE, cisLockStatus: 400 });
		await setFaults(sim, { ...NO_FAULTS, seed: 7, entitlementLock: 0.5, paths: ['/entitlements/'] });
		try {
			const run = await runBtp(sim, configure({}));
			expect(run.error).toBeUndefined();
			expect(run.out[0]).toMatchObject({ action: 'assigned', entityState: 'OK' });
			const puts = run.calls.filter((c) => c.method === 'PUT');
			expect(puts.some((p) => p.status === 400)).toBe(true);
			expect(puts[puts.length - 1].status).toBe(202);
		} finally {
			await setProfile(sim, FAST_PROFILE);
		}
	});

	it('lost answers of creates are adopted, never duplicated (connection resets after commit)', async () => {
		expect((await runBtp(sim, configure({}))).status).toBe('success');
		await setFaults(sim, { ...NO_FAULTS, seed: 11, connectionReset: 0.5, afterCommit: 1, paths: ['/v1/service_instances', '/v1/service_bindings'] });
		const run = await runBtp(sim, {
			resource: 'cloudAlmApi',
			operation: 'enable',
			subaccount: rl(SUBACCOUNT_IDS.dev),
			serviceManagerAccess: 'serviceManagerCredentialWithCis',
		});
		expect(run.error).toBeUndefined();
		expect(run.calls.some((c) => c.fault === 'reset-after-commit' || c.fault === 'reset')).toBe(true);
		await setFaults(sim, NO_FAULTS);
		const state = await simState(sim);
		expect((state.instances as IDataObject[]).filter((i) => i.subaccountGUID === SUBACCOUNT_IDS.dev)).toHaveLength(1);
		expect((state.bindings as IDataObject[]).filter((b) => b.subaccountGUID === SUBACCOUNT_IDS.dev)).toHaveLength(1);
	});
});
