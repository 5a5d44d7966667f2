/**
 * Cloud ALM's changed-since reads over real HTTP (issue 14): tasks' `createdTimestamp` and
 * `lastChangedTimestamp` with the `lastChangedTimestamp=<op>:<ISO>` filter, features' `modifiedAt`
 * with OData `gt` and `$orderby`, under every reading of the unknowns (precision, an inclusive
 * `gt:`, the tasks list's order).
 */
import type { AxiosInstance } from 'axios';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, type UaaBlock, useSimulator } from '../testkit';

let control: AxiosInstance;
let calm: AxiosInstance;
let projectId: string;
let clock: number;

type Task = { id: string; title: string; createdTimestamp: string; lastChangedTimestamp: string };
type Feature = { uuid: string; title: string; modifiedAt: string };

const sim = useSimulator({ reset: {}, profile: DEFAULT_PROFILE, faults: NO_FAULTS });
beforeAll(async () => {
	control = httpClient(sim.urls.control);
});
beforeEach(async () => {
	clock = Date.parse('2026-11-30T10:00:00.250Z');
	sim.context.now = () => clock;
	const key = sim.keys.cloudAlm as { endpoints: { Api: string }; uaa: unknown };
	calm = httpClient(key.endpoints.Api, await fetchToken(key.uaa as UaaBlock));
	projectId = sim.context.state.calm.projects[0].id;
});
afterEach(() => {
	sim.context.now = () => Date.now();
});

const createTask = async (title: string) => (await calm.post('/calm-tasks/v1/tasks', { projectId, title, type: 'CALMTASK' })).data as Task;
const tasksSince = async (filter: string) =>
	(await calm.get('/calm-tasks/v1/tasks', { params: { projectId, lastChangedTimestamp: filter, limit: 1000 } })).data as Task[];

describe('tasks: lastChangedTimestamp', () => {
	it('every task carries createdTimestamp and lastChangedTimestamp (ms by default); a change moves only lastChangedTimestamp', async () => {
		const a = await createTask('A');
		expect(a.createdTimestamp).toBe('2026-11-30T10:00:00.250Z');
		expect(a.lastChangedTimestamp).toBe('2026-11-30T10:00:00.250Z');
		clock += 1500;
		const changed = (await calm.patch(`/calm-tasks/v1/tasks/${a.id}`, { title: 'A2' })).data as Task;
		expect(changed).toMatchObject({ createdTimestamp: '2026-11-30T10:00:00.250Z', lastChangedTimestamp: '2026-11-30T10:00:01.750Z' });
		const listed = (await calm.get('/calm-tasks/v1/tasks', { params: { projectId } })).data as Task[];
		expect(listed.find((t) => t.id === a.id)).toMatchObject({ lastChangedTimestamp: '2026-11-30T10:00:01.750Z' });
	});

	it('gt: is exclusive by default, inclusive under calmChangedSinceGt=inclusive; eq, lt, ge, le; a bad value is a 400', async () => {
		const a = await createTask('A');
		clock += 1000;
		const b = await createTask('B');
		const ids = (rows: Task[]) => rows.map((t) => t.id).filter((id) => [a.id, b.id].includes(id));
		expect(ids(await tasksSince(`gt:${a.lastChangedTimestamp}`))).toEqual([b.id]);
		expect(ids(await tasksSince(`ge:${a.lastChangedTimestamp}`))).toEqual([a.id, b.id]);
		expect(ids(await tasksSince(`eq:${b.lastChangedTimestamp}`))).toEqual([b.id]);
		expect(ids(await tasksSince(`lt:${b.lastChangedTimestamp}`))).toEqual([a.id]);
		await control.post('/__sim/profile', { calmChangedSinceGt: 'inclusive' });
		expect(ids(await tasksSince(`gt:${a.lastChangedTimestamp}`))).toEqual([a.id, b.id]);
		for (const badValue of ['gt:yesterday', 'after:2026-11-30T10:00:00Z', 'gt:2026-11-30', '2026-11-30T10:00:00Z']) {
			const res = await calm.get('/calm-tasks/v1/tasks', { params: { projectId, lastChangedTimestamp: badValue } });
			expect(res.status).toBe(400);
			expect(res.data.error.message).toMatch(/lastChangedTimestamp must look like/);
		}
	});

	it('calmLastChangedTimestampFilter: ignored returns every task, rejected answers 400; lastChangedDate works either way', async () => {
		const a = await createTask('A');
		clock += 1000;
		await createTask('B');
		await control.post('/__sim/profile', { calmLastChangedTimestampFilter: 'ignored' });
		expect((await tasksSince(`gt:${a.lastChangedTimestamp}`)).length).toBe(sim.context.state.calm.tasks.filter((t) => t.projectId === projectId).length);
		await control.post('/__sim/profile', { calmLastChangedTimestampFilter: 'rejected' });
		const refused = await calm.get('/calm-tasks/v1/tasks', { params: { projectId, lastChangedTimestamp: `gt:${a.lastChangedTimestamp}` } });
		expect(refused.status).toBe(400);
		const byDay = await calm.get('/calm-tasks/v1/tasks', { params: { projectId, lastChangedDate: 'gt:2026-11-29' } });
		expect((byDay.data as Task[]).map((t) => t.title)).toEqual(['A', 'B']);
	});

	it('calmTimestampPrecision=s: timestamps in whole seconds, so two changes in one second share one, and the filter compares seconds', async () => {
		await control.post('/__sim/profile', { calmTimestampPrecision: 's' });
		const a = await createTask('A');
		clock += 400;
		const b = await createTask('B');
		expect(a.lastChangedTimestamp).toBe('2026-11-30T10:00:00Z');
		expect(b.lastChangedTimestamp).toBe('2026-11-30T10:00:00Z');
		const ids = (rows: Task[]) => rows.map((t) => t.id).filter((id) => [a.id, b.id].includes(id));
		expect(ids(await tasksSince('gt:2026-11-30T10:00:00.100Z'))).toEqual([]);
		expect(ids(await tasksSince('eq:2026-11-30T10:00:00Z'))).toEqual([a.id, b.id]);
	});

	it('calmTaskListOrder=lastChanged: oldest change first, so a changed task moves to the end (creation order by default)', async () => {
		const a = await createTask('A');
		clock += 10;
		const b = await createTask('B');
		clock += 10;
		await calm.patch(`/calm-tasks/v1/tasks/${a.id}`, { title: 'A2' });
		const order = async () =>
			((await calm.get('/calm-tasks/v1/tasks', { params: { projectId, limit: 1000 } })).data as Task[]).map((t) => t.id).filter((id) => [a.id, b.id].includes(id));
		expect(await order()).toEqual([a.id, b.id]);
		await control.post('/__sim/profile', { calmTaskListOrder: 'lastChanged' });
		expect(await order()).toEqual([b.id, a.id]);
	});
});

describe('features: modifiedAt', () => {
	it('$filter=modifiedAt gt <t> is exclusive and $orderby=modifiedAt asc sorts; whole seconds under calmTimestampPrecision=s', async () => {
		const create = async (title: string) => (await calm.post('/calm-features/v1/Features', { projectId, title })).data as Feature;
		const a = await create('A');
		clock += 1000;
		const b = await create('B');
		clock += 1000;
		await calm.patch(`/calm-features/v1/Features(${a.uuid})`, { title: 'A2' });
		const since = async (t: string) =>
			((await calm.get('/calm-features/v1/Features', { params: { $filter: `modifiedAt gt ${t}`, $orderby: 'modifiedAt asc' } })).data.value as Feature[]).map(
				(f) => f.title,
			);
		expect(await since(b.modifiedAt)).toEqual(['A2']);
		expect(await since(a.modifiedAt)).toEqual(['B', 'A2']);
		await control.post('/__sim/profile', { calmTimestampPrecision: 's' });
		const listed = (await calm.get('/calm-features/v1/Features', { params: { $filter: `uuid eq ${a.uuid}` } })).data.value as Feature[];
		expect(listed[0].modifiedAt).toBe('2026-11-30T10:00:02Z');
	});
});
