/**
 * SAP Cloud ALM Test Management of the simulator over real HTTP: ManualTestCases with nested
 * activities and actions (deep create, `$expand`), server-driven paging, If-Match on PATCH and
 * DELETE (the ETag is `modifiedAt`; bare or W/"…"; stale → 412, none → 428), the Q3 2026 renames,
 * 403s naming the scope per method, bad input; AutomatedTestCases read-only (seeded).
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const TC = '/calm-testmanagement/v1/ManualTestCases';
const PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.testcases.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

describe('Test Management (calm-testmanagement)', () => {
	it('403 names the scope of each method', async () => {
		const none = await connect();
		expect((await none.get(TC)).data.error.message).toBe('Missing scope calm-api.testcases.read');
		expect((await none.post(TC, { projectId: PROJECT, title: 'T' })).data.error.message).toBe('Missing scope calm-api.testcases.write');
		expect((await none.delete(`${TC}/x`)).data.error.message).toBe('Missing scope calm-api.testcases.delete');
	});

	it('deep create with activities and actions, read back with $expand; pages of 5 with @nextLink', async () => {
		const calm = await connect(['read', 'write']);
		const made = await calm.post(TC, {
			projectId: PROJECT,
			title: 'Deep',
			toActivities: [{ title: 'A1', toActions: [{ title: 'X1', expectedResult: 'ok' }] }],
		});
		expect(made.status).toBe(201);
		expect(made.data['@odata.etag']).toBe(`W/"${made.data.modifiedAt}"`);
		expect(made.data.toActivities[0].toActions[0]).toMatchObject({ title: 'X1', expectedResult: 'ok', parent_ID: made.data.toActivities[0].uuid });
		const deep = await calm.get(`${TC}/${made.data.uuid}`, { params: { $expand: 'toActivities($expand=toActions)' } });
		expect(deep.data.toActivities[0].toActions).toHaveLength(1);
		expect(deep.headers.etag).toBe(made.data['@odata.etag']);
		expect((await calm.get(`${TC}/${made.data.uuid}/toActivities`)).data.value.map((a: { title: string }) => a.title)).toEqual(['A1']);
		for (let n = 0; n < 6; n++) await calm.post(TC, { projectId: PROJECT, title: `T${n}` });
		const first = await calm.get(TC);
		expect(first.data.value).toHaveLength(5);
		// the OData 4.01 annotation SAP's specs declare, not @odata.nextLink
		expect(first.data['@odata.nextLink']).toBeUndefined();
		const second = await calm.get(first.data['@nextLink']);
		expect(second.data.value).toHaveLength(2);
		expect(second.data['@nextLink']).toBeUndefined();
		expect((await calm.get(TC, { params: { $count: 'true', $top: 0 } })).data['@count']).toBe(7);
	});

	it('PATCH and DELETE need If-Match: none → 428, stale → 412, bare modifiedAt or W/"…" → done', async () => {
		const calm = await connect(['read', 'write', 'delete']);
		const made = (await calm.post(TC, { projectId: PROJECT, title: 'E' })).data;
		expect((await calm.patch(`${TC}/${made.uuid}`, { title: 'x' })).status).toBe(428);
		const ok = await calm.patch(`${TC}/${made.uuid}`, { title: 'E2' }, { headers: { 'If-Match': made.modifiedAt } });
		expect(ok.status).toBe(200);
		expect(ok.data.modifiedAt).not.toBe(made.modifiedAt);
		expect((await calm.patch(`${TC}/${made.uuid}`, { title: 'E3' }, { headers: { 'If-Match': made['@odata.etag'] } })).status).toBe(412);
		expect((await calm.delete(`${TC}/${made.uuid}`)).status).toBe(428);
		expect((await calm.delete(`${TC}/${made.uuid}`, { headers: { 'If-Match': made['@odata.etag'] } })).status).toBe(412);
		expect((await calm.delete(`${TC}/${made.uuid}`, { headers: { 'If-Match': ok.data['@odata.etag'] } })).status).toBe(204);
		expect((await calm.get(`${TC}/${made.uuid}`)).status).toBe(404);
	});

	it('refuses the pre-2026 names with the new one, wrong types, unknown projects and $expand', async () => {
		const calm = await connect(['read', 'write']);
		const old = await calm.post(TC, { projectId: PROJECT, title: 'T', priority: 1 });
		expect([old.status, old.data.error.message]).toEqual([400, "Property 'priority' does not exist in type ManualTestCases; it was renamed to 'priorityCode'"]);
		for (const body of [{ projectId: PROJECT, title: 'T', isPrepared: 'yes' }, { projectId: 'nope', title: 'T' }, { projectId: PROJECT }, { projectId: PROJECT, title: 'T', toActivities: [{}] }]) {
			expect({ body, status: (await calm.post(TC, body)).status }).toEqual({ body, status: 400 });
		}
		const made = (await calm.post(TC, { projectId: PROJECT, title: 'T' })).data;
		expect((await calm.get(`${TC}/${made.uuid}`, { params: { $expand: 'toTags' } })).status).toBe(400);
	});

	it('AutomatedTestCases: read with testcases.read, paged by 5 with @nextLink, $filter; no write route; 404 for an unknown one', async () => {
		const none = await connect();
		expect((await none.get('/calm-testmanagement/v1/AutomatedTestCases')).data.error.message).toBe('Missing scope calm-api.testcases.read');
		const calm = await connect(['read', 'write']);
		const first = await calm.get('/calm-testmanagement/v1/AutomatedTestCases');
		expect(first.data.value).toHaveLength(5);
		expect(first.data.value[0]).toMatchObject({ displayId: 'ATC-1', projectId: PROJECT, '@odata.etag': expect.stringMatching(/^W\/"/) });
		expect((await calm.get(first.data['@nextLink'])).data.value).toHaveLength(2);
		expect((await calm.get('/calm-testmanagement/v1/AutomatedTestCases', { params: { $filter: 'isPrepared eq false' } })).data.value.map((t: { displayId: string }) => t.displayId)).toEqual(['ATC-3', 'ATC-6']);
		const one = await calm.get(`/calm-testmanagement/v1/AutomatedTestCases/${first.data.value[1].uuid}`);
		expect([one.status, one.data.title]).toEqual([200, 'Post goods issue']);
		expect((await calm.get('/calm-testmanagement/v1/AutomatedTestCases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
		// no public source writes automated test cases: the set is read-only (405, as for any method without a route)
		expect((await calm.post('/calm-testmanagement/v1/AutomatedTestCases', { projectId: PROJECT, title: 'T' })).status).toBe(405);
	});
});
