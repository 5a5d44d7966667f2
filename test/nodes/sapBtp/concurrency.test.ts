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
	it('11 subaccounts: their waits overlap (five at once under SAP\'s CIS limit), in item order, without leaking secrets', async () => {
		await setProfile(sim, SLOW);
		const guids = Array.from({ length: 11 }, (_, n) => customerGuid(n + 1));
		const many = await runBtp(sim, enableFor(guids), { count: guids.length });
		expect(many.error).toBeUndefined();
		expect(many.out.map((o) => (o.subaccount as IDataObject).guid)).toEqual(guids);
		expect(many.paired).toEqual(guids.map((_, item) => ({ item })));

		const state = await simState(sim);
		const spans = guids.map((guid) => {
			// Service Manager's own platform: customer-001 also has a Cloud Foundry instance (issue 11)
			const instances = (state.instances as IDataObject[]).filter((i) => i.subaccountGUID === guid && i.platform_id === 'service-manager');
			const bindings = (state.bindings as IDataObject[]).filter((b) => b.subaccountGUID === guid);
			expect(instances).toHaveLength(1);
			expect(bindings).toHaveLength(1);
			// the item's calls: those naming its subaccount, its instance or its binding, by the simulator's answer order
			const ids = [guid, String(instances[0].id), String(bindings[0].id)];
			const seqs = many.calls.filter((c) => ids.some((id) => c.path.includes(id))).map((c) => c.seq);
			return { first: Math.min(...seqs), last: Math.max(...seqs) };
		});
		// one after another, each item would end before the next one starts. SAP's CIS limit (5 calls per
		// endpoint in 3 s, which the node's budget keeps) lets five items start at once, so the five that started
		// first were all in flight together: each had its first answer before any of them had its last. This is
		// the order of the simulator's answers, which a busy machine can neither fake nor hide (a wall-clock
		// bound, "under 3x one item's run", raced a loaded CI machine)
		const firstFive = [...spans].sort((a, b) => a.first - b.first).slice(0, 5);
		expect(Math.max(...firstFive.map((s) => s.first))).toBeLessThan(Math.min(...firstFive.map((s) => s.last)));

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
