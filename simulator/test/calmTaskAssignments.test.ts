/**
 * Tasks API timeboxes, tags and solution process assignments of the simulator over real HTTP
 * (services/calmTaskAssignments.ts, cloudAlm.ts): where a task shows its timebox in both modelled
 * shapes, that the list has no timebox or priority parameter, `tags=`, and the assignments' GET
 * (projectId required, filters, offset/limit), POST (array body, checks, duplicates), DELETE (body
 * or query form), the hierarchy-node list, and the scope each route needs.
 */
import type { AxiosInstance, AxiosResponse } from 'axios';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, type UaaBlock, useSimulator } from '../testkit';

const sim = useSimulator({ reset: {}, profile: DEFAULT_PROFILE, faults: NO_FAULTS });
let calm: AxiosInstance;
let readOnly: AxiosInstance;
let control: AxiosInstance;
let projectId: string;
const seededTask = (n: number) => `4d7b0e00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SPRINT = '9a1b0c00-0000-4000-8000-000000000001';
const PATH = '/calm-tasks/v1/tasks/solutionProcessAssignments';

async function client(key: { endpoints: { Api: string }; uaa: Record<string, unknown> }) {
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}
function expectError(res: AxiosResponse, status: number, message: RegExp) {
	expect(res.status).toBe(status);
	expect(res.data).toEqual({ error: { code: String(status), message: expect.stringMatching(message) } });
}
const assignment = (n: number, over: Record<string, string> = {}) => ({
	taskId: seededTask(n),
	scopeId: 'scope-1',
	solutionScenarioVersionId: 'ssv-1',
	solutionProcessId: `SP_${n}`,
	...over,
});

beforeEach(async () => {
	calm = await client(sim.keys.cloudAlm);
	readOnly = await client(sim.keys.cloudAlmReadOnly);
	control = httpClient(sim.urls.control);
	projectId = sim.context.state.calm.projects[0].id;
	const project = sim.context.state.calm.projects[0];
	project.timeboxes.push({ id: SPRINT, projectId, type: 2, name: 'Sprint 1', startDate: '2025-01-06', endDate: '2025-01-17', closed: false });
	sim.context.state.calm.tasks[0].timeboxId = SPRINT;
	sim.context.state.calm.tasks[0].tags = ['migration'];
	sim.context.state.calm.tasks[1].tags = ['migration', 'finance'];
});

describe('task timeboxes and tags', () => {
	it('list: rows carry the timebox (calmTaskTimeboxFields list); timeboxId= and priorityId= are no filters', async () => {
		const all = (await calm.get('/calm-tasks/v1/tasks', { params: { projectId } })).data as Array<Record<string, unknown>>;
		expect(all[0]).toMatchObject({ timeboxId: SPRINT, timeboxName: 'Sprint 1', timeboxStartDate: '2025-01-06', timeboxEndDate: '2025-01-17' });
		expect(all[1]).toMatchObject({ timeboxId: null, timeboxName: null });
		const ignored = (await calm.get('/calm-tasks/v1/tasks', { params: { projectId, timeboxId: SPRINT, priorityId: 10 } })).data as unknown[];
		expect(ignored).toHaveLength(all.length);
		expect((await calm.get(`/calm-tasks/v1/tasks/${seededTask(1)}`)).data).toMatchObject({ timeboxId: SPRINT, timeboxName: 'Sprint 1' });
	});

	it('detailNameOnly: list rows carry no timebox, a single read its name and dates without the id', async () => {
		await control.post('/__sim/profile', { calmTaskTimeboxFields: 'detailNameOnly' });
		const row = ((await calm.get('/calm-tasks/v1/tasks', { params: { projectId } })).data as Array<Record<string, unknown>>)[0];
		expect(Object.keys(row).filter((k) => k.startsWith('timebox'))).toEqual([]);
		const single = (await calm.get(`/calm-tasks/v1/tasks/${seededTask(1)}`)).data as Record<string, unknown>;
		expect(single).toMatchObject({ timeboxName: 'Sprint 1', timeboxStartDate: '2025-01-06' });
		expect('timeboxId' in single).toBe(false);
	});

	it('tags=<tag> keeps the tasks carrying it', async () => {
		const rows = (await calm.get('/calm-tasks/v1/tasks', { params: { projectId, tags: 'migration' } })).data as Array<{ id: string }>;
		expect(rows.map((r) => r.id)).toEqual([seededTask(1), seededTask(2)]);
		const finance = (await calm.get('/calm-tasks/v1/tasks', { params: { projectId, tags: 'finance' } })).data as Array<{ id: string }>;
		expect(finance.map((r) => r.id)).toEqual([seededTask(2)]);
	});
});

describe('solution process assignments', () => {
	it('GET needs projectId and tasks.read; POST needs tasks.write and an array of complete entries', async () => {
		expectError(await calm.get(PATH), 400, /projectId is required/);
		expectError(await calm.get(PATH, { params: { projectId: '00000000-0000-4000-8000-000000000000' } }), 404, /Project .* not found/);
		expect((await readOnly.get(PATH, { params: { projectId } })).data).toEqual([]);
		expectError(await readOnly.post(PATH, [assignment(1)]), 403, /^Missing scope calm-api\.tasks\.write$/);
		expectError(await calm.post(PATH, assignment(1)), 400, /non-empty JSON array/);
		expectError(await calm.post(PATH, [{ ...assignment(1), scopeId: '' }]), 400, /'scopeId' is required in entry 0/);
		expectError(await calm.post(PATH, [assignment(1, { taskId: 'no-such-task' })]), 400, /Task no-such-task does not exist/);
		expect(sim.context.state.calm.solutionProcessAssignments).toEqual([]);
	});

	it('POST creates (201 with the array), a second POST of the same is a 400; GET filters by taskId and solutionProcessId and pages', async () => {
		const created = await calm.post(PATH, [assignment(1), assignment(2)]);
		expect(created.status).toBe(201);
		expect(created.data).toEqual([assignment(1), assignment(2)]);
		expectError(await calm.post(PATH, [assignment(1)]), 400, /already assigned/);
		await calm.post(PATH, [assignment(1, { solutionProcessId: 'SP_X' })]);
		const byTask = (await calm.get(PATH, { params: { projectId, taskId: seededTask(1) } })).data;
		expect(byTask).toEqual([{ ...assignment(1), projectId }, { ...assignment(1, { solutionProcessId: 'SP_X' }), projectId }]);
		expect((await calm.get(PATH, { params: { projectId, solutionProcessId: 'SP_2' } })).data).toEqual([{ ...assignment(2), projectId }]);
		expect((await calm.get(PATH, { params: { projectId, offset: 1, limit: 1 } })).data).toEqual([{ ...assignment(2), projectId }]);
		expectError(await calm.get(PATH, { params: { projectId, limit: 'ten' } }), 400, /limit must be a non-negative integer/);
	});

	it('calmProcessAssignmentCreateAnswer empty: 204 without a body', async () => {
		await control.post('/__sim/profile', { calmProcessAssignmentCreateAnswer: 'empty' });
		const res = await calm.post(PATH, [assignment(3)]);
		expect(res.status).toBe(204);
		expect(res.data).toBe('');
		expect(sim.context.state.calm.solutionProcessAssignments).toEqual([assignment(3)]);
	});

	it('DELETE reads the array body (default) or only the query (calmProcessAssignmentDelete query); 404 when nothing matched', async () => {
		await calm.post(PATH, [assignment(1), assignment(2)]);
		expectError(await readOnly.delete(PATH, { data: [assignment(1)] }), 403, /calm-api\.tasks\.write/);
		expectError(await calm.delete(PATH, { params: assignment(1) }), 400, /body is missing/);
		expect((await calm.delete(PATH, { data: [assignment(1)] })).status).toBe(204);
		expectError(await calm.delete(PATH, { data: [assignment(1)] }), 404, /No such solution process assignment/);

		await control.post('/__sim/profile', { calmProcessAssignmentDelete: 'query' });
		expectError(await calm.delete(PATH, { data: [assignment(2)] }), 400, /'taskId' is required as a query parameter/);
		expect((await calm.delete(PATH, { params: assignment(2), data: [assignment(2)] })).status).toBe(204);
		expect(sim.context.state.calm.solutionProcessAssignments).toEqual([]);
	});

	it('deleting a task drops its assignments; hierarchy-node assignments are listed per task', async () => {
		await calm.post(PATH, [assignment(1)]);
		sim.context.state.calm.hierarchyNodeAssignments.push({ taskId: seededTask(1), hierarchyNodeId: 'node-1' });
		expect((await readOnly.get(`/calm-tasks/v1/tasks/${seededTask(1)}/hierarchyNodeAssignments`)).data).toEqual([
			{ taskId: seededTask(1), hierarchyNodeId: 'node-1' },
		]);
		expectError(await calm.get('/calm-tasks/v1/tasks/no-such-task/hierarchyNodeAssignments'), 404, /Task no-such-task not found/);
		await calm.delete(`/calm-tasks/v1/tasks/${seededTask(1)}`);
		expect(sim.context.state.calm.solutionProcessAssignments).toEqual([]);
		expect(sim.context.state.calm.hierarchyNodeAssignments).toEqual([]);
	});
});
