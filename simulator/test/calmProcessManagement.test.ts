/**
 * SAP Cloud ALM Process Scopes of the simulator over real HTTP: scopes of a project with `$top`/
 * `$skip`/`$count`, create / update / delete as SAP's PmApiTest notebook does, the solution processes
 * of a scope paged as SAP's ScopingAPI sample pages them, setting their scoping, 403s naming the scope.
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { SEEDED_SCOPE_IDS } from '../services/calmProcessManagement';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const PM = '/calm-processmanagement/v1';
const PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';
const WAVE1 = SEEDED_SCOPE_IDS.wave1;

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes.filter((s) => !s.includes('.processmanagement.')), ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.processmanagement.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

describe('Process Scopes (calm-processmanagement)', () => {
	it('403 names the scope of each method', async () => {
		const none = await connect();
		expect((await none.get(`${PM}/scopes`)).data.error.message).toBe('Missing scope calm-api.processmanagement.read');
		const writer = await connect(['read', 'write']);
		expect((await (await connect(['read'])).post(`${PM}/scopes`, { projectId: PROJECT, name: 'X' })).data.error.message).toBe('Missing scope calm-api.processmanagement.write');
		expect((await writer.delete(`${PM}/scopes/${WAVE1}`)).data.error.message).toBe('Missing scope calm-api.processmanagement.delete');
	});

	it('scopes of a project with $top/$skip/$count; $count as text; create, update, name conflict, delete', async () => {
		const calm = await connect(['read', 'write', 'delete']);
		const all = (await calm.get(`${PM}/scopes`, { params: { projectId: PROJECT, $count: 'true' } })).data;
		expect(all).toMatchObject({ '@count': 2, value: [{ id: WAVE1, name: 'Wave 1' }, { name: 'Wave 2' }] });
		expect((await calm.get(`${PM}/scopes`, { params: { $skip: '1', $top: '1' } })).data.value.map((s: { name: string }) => s.name)).toEqual(['Wave 2']);
		expect((await calm.get(`${PM}/scopes/$count`)).data).toBe(2);
		const made = await calm.post(`${PM}/scopes`, { projectId: PROJECT, name: 'Wave 3', description: 'd' });
		expect(made.status).toBe(201);
		expect((await calm.post(`${PM}/scopes`, { projectId: PROJECT, name: 'Wave 3' })).status).toBe(409);
		const patched = await calm.patch(`${PM}/scopes/${made.data.id}`, { name: 'Wave 3 Updated' }, { headers: { 'content-type': 'application/merge-patch+json' } });
		expect(patched.data).toMatchObject({ id: made.data.id, name: 'Wave 3 Updated', description: 'd' });
		expect((await calm.delete(`${PM}/scopes/${made.data.id}`)).status).toBe(204);
		expect((await calm.get(`${PM}/scopes/${made.data.id}`)).status).toBe(404);
	});

	it('solution processes of a scope: 130 in pages of at most 100, $count, projectId and scopeId required; scoping', async () => {
		const calm = await connect(['read', 'write']);
		const params = { projectId: PROJECT, scopeId: WAVE1 };
		expect((await calm.get(`${PM}/solutionProcesses/$count`, { params })).data).toBe(130);
		const first = (await calm.get(`${PM}/solutionProcesses`, { params: { ...params, $top: '500', $count: 'true' } })).data;
		expect(first['@count']).toBe(130);
		expect(first.value).toHaveLength(100);
		expect((await calm.get(`${PM}/solutionProcesses`, { params: { ...params, $skip: '100' } })).data.value).toHaveLength(30);
		expect(first.value[0]).toMatchObject({ scopeId: WAVE1, isScoped: true, statusId: 'DESIGN', statusName: 'Design', countries: ['DE', 'US'] });
		expect(first.value[1]).toMatchObject({ isScoped: false, statusId: null });
		expect((await calm.get(`${PM}/solutionProcesses`, { params: { projectId: PROJECT } })).status).toBe(400);
		expect((await calm.get(`${PM}/solutionProcesses`, { params: { ...params, $filter: 'isScoped eq true' } })).status).toBe(400);
		const p = first.value[1];
		const set = await calm.patch(`${PM}/solutionProcesses/scopeAssignments`, { value: [{ scopeId: WAVE1, solutionScenarioVersionId: p.solutionScenarioVersionId, solutionProcessVersionId: p.solutionProcessVersionId, isScoped: true }] });
		expect(set.data.value).toEqual([expect.objectContaining({ isScoped: true, statusId: 'DESIGN' })]);
		const again = (await calm.get(`${PM}/solutionProcesses`, { params: { ...params, $top: '2' } })).data.value[1];
		expect(again).toMatchObject({ isScoped: true, statusName: 'Design' });
	});
});
