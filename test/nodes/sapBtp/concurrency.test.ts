import type { IDataObject } from 'n8n-workflow';
import { useSimulator } from '../../../simulator/testkit';
import { customerGuid } from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, setProfile, simState } from './harness';

const sim = useSimulator({ reset: { customers: 12 }, faults: NO_FAULTS });

const SLOW = { ...FAST_PROFILE, latencyMs: 20, entitlementJobMs: 600, instanceOperationMs: 800, bindingOperationMs: 300 };
const enableFor = (guids: string[]) => ({
	resource: 'cloudAlmApi',
	operation: 'enable',
	subaccount: rl(`={{ ${JSON.stringify(guids)}[$json.n] }}`),
});

describe('SAP BTP node: concurrency', () => {
	it('12 subaccounts take about as long as one (waits overlap), in item order, without leaking secrets', async () => {
		await setProfile(sim, SLOW);
		const one = await runBtp(sim, enableFor([customerGuid(12)]));
		expect(one.error).toBeUndefined();

		const guids = Array.from({ length: 11 }, (_, n) => customerGuid(n + 1));
		const many = await runBtp(sim, enableFor(guids), { count: guids.length });
		expect(many.error).toBeUndefined();
		expect(many.out.map((o) => (o.subaccount as IDataObject).guid)).toEqual(guids);
		expect(many.paired).toEqual(guids.map((_, item) => ({ item })));
		// sequential would be ~11× one; overlapping waits keep it near 1× (3× leaves room for a busy CI machine)
		expect(many.durationMs).toBeLessThan(one.durationMs * 3);

		const state = await simState(sim);
		for (const guid of guids) {
			// Service Manager's own platform: customer-001 also has a Cloud Foundry instance (issue 11)
			expect((state.instances as IDataObject[]).filter((i) => i.subaccountGUID === guid && i.platform_id === 'service-manager')).toHaveLength(1);
			expect((state.bindings as IDataObject[]).filter((b) => b.subaccountGUID === guid)).toHaveLength(1);
		}
		const text = JSON.stringify(many.nodes);
		expect(text).not.toContain(String((sim.keys.cisCentral.uaa as IDataObject).clientsecret));
		expect(text).not.toMatch(/eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/);
	});

	it('Concurrency 1 runs items one after another (and still in order)', async () => {
		await setProfile(sim, FAST_PROFILE);
		const guids = [1, 2, 3].map(customerGuid);
		const run = await runBtp(sim, { ...enableFor(guids), options: { concurrency: 1 } }, { count: 3 });
		expect(run.error).toBeUndefined();
		expect(run.out.map((o) => (o.subaccount as IDataObject).guid)).toEqual(guids);
		const puts = run.calls.filter((c) => c.method === 'PUT');
		const bindingPosts = run.calls.filter((c) => c.method === 'POST' && c.route === '/v1/service_bindings');
		// item 2's entitlement starts only after item 1's binding was created
		expect(puts[1].seq).toBeGreaterThan(bindingPosts[0].seq);
	});

	it('an invalid Concurrency option is refused before any call', async () => {
		const run = await runBtp(sim, { ...enableFor([customerGuid(1)]), options: { concurrency: 0 } });
		expect(run.error?.message).toBe('Concurrency must be a whole number of at least 1 (got 0)');
		expect(run.calls).toEqual([]);
	});
});
