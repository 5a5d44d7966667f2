import axios from 'axios';
import { CredentialStore } from '../../runner';
import { useSimulator } from '../../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });

describe('SAP BTP node: n8n\'s token refresh stays intact through the transport', () => {
	it('reuses the stored token across runs; after revocation a 401 makes n8n mint one new token and retry', async () => {
		const store = new CredentialStore();
		const params = { resource: 'entitlement', operation: 'get', subaccount: rl(SUBACCOUNT_IDS.dev) };
		const first = await runBtp(sim, params, { store });
		expect(first.status).toBe('success');
		expect(Object.values(first.tokens)).toEqual([1]);
		const second = await runBtp(sim, params, { store });
		expect(second.status).toBe('success');
		expect(second.tokens).toEqual({});

		await axios.post(`${sim.urls.control}/__sim/tokens/revoke`);
		const third = await runBtp(sim, params, { store });
		expect(third.status).toBe('success');
		expect(Object.values(third.tokens)).toEqual([1]);
		expect(third.calls.filter((c) => c.status === 401)).toHaveLength(1);
	});

	it('a cis central-viewer key cannot assign: the 403 says which plan/scope is missing', async () => {
		const run = await runBtp(
			sim,
			{ resource: 'entitlement', operation: 'configure', subaccount: rl(SUBACCOUNT_IDS.dev) },
			{ cisKey: sim.keys.cisCentralViewer },
		);
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.description).toContain('Missing scope: assigning entitlements needs a key of the cis "central" plan');
		expect(run.error?.description).toContain('Step: Assign entitlement');
	});
});
