/**
 * SAP Cloud ALM Test Plans (BETA) of the simulator over real HTTP: TestPlans read with
 * calm-api.testplans.read (the 403 names it), server-driven paging, `$filter`, 404 for an unknown plan.
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const PLANS = '/calm-testmanagement-testplans/v1/TestPlans';

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

describe('Test Plans (calm-testmanagement-testplans, beta)', () => {
	it('403 names calm-api.testplans.read (testcases.read is not enough)', async () => {
		const calm = await connect(['calm-api.testcases.read']);
		const r = await calm.get(PLANS);
		expect([r.status, r.data.error.message]).toEqual([403, 'Missing scope calm-api.testplans.read']);
	});

	it('lists in pages of 5 with @nextLink and $count, filters, reads one, 404 for an unknown one', async () => {
		const calm = await connect(['calm-api.testplans.read']);
		const first = await calm.get(PLANS, { params: { $count: 'true' } });
		expect([first.data.value.length, first.data['@count']]).toEqual([5, 6]);
		expect((await calm.get(first.data['@nextLink'])).data.value.map((p: { displayId: string }) => p.displayId)).toEqual(['TP-6']);
		const open = await calm.get(PLANS, { params: { $filter: "statusCode eq 'IN_PROGRESS'" } });
		expect(open.data.value.map((p: { title: string }) => p.title)).toEqual(['Integration test 1', 'Integration test 2']);
		const one = await calm.get(`${PLANS}/${first.data.value[0].uuid}`);
		expect(one.data).toMatchObject({ displayId: 'TP-1', title: 'Unit test' });
		expect((await calm.get(`${PLANS}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
		expect((await calm.get(PLANS, { params: { $filter: "nosuch eq 'x'" } })).status).toBe(400);
	});
});
