/**
 * SAP Cloud ALM API of the simulator over real HTTP, with tokens from the seeded Cloud ALM keys:
 * projects and timeboxes, tasks (filters, offset/limit paging, CRUD, comments, references),
 * OData Features (filter, select, orderby, top/skip, count, server-driven nextLink chain, both key
 * syntaxes), scope checks (403 naming the scope), 401/404/405 in the OData error format.
 */
import type { AxiosInstance, AxiosResponse } from 'axios';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, type UaaBlock, useSimulator } from '../testkit';

let calm: AxiosInstance;
let readOnly: AxiosInstance;
let projectId: string;

type Task = { id: string; title: string; type: string; status: string; assigneeId: string; lastChangedDate: string };
type Feature = { uuid: string; displayId: string; title: string; priorityCode: number };

const seededTask = (n: number) => `4d7b0e00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const seededFeature = (n: number) => `5e8c1f00-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function client(key: { endpoints: { Api: string }; uaa: Record<string, unknown> }) {
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

function expectError(res: AxiosResponse, status: number, message?: RegExp) {
	expect(res.status).toBe(status);
	expect(res.data).toEqual({ error: { code: String(status), message: expect.any(String) } });
	if (message) expect(res.data.error.message).toMatch(message);
}

const sim = useSimulator({ reset: {}, profile: DEFAULT_PROFILE, faults: NO_FAULTS });
beforeEach(async () => {
	calm = await client(sim.keys.cloudAlm);
	readOnly = await client(sim.keys.cloudAlmReadOnly);
	projectId = sim.context.state.calm.projects[0].id;
});

describe('authentication, scopes and unknown paths', () => {
	it('401 without or with a forged token; 403 names the missing scope on every write family', async () => {
		const anonymous = httpClient(`${sim.urls.cloudAlm}/api`);
		expectError(await anonymous.get('/calm-projects/v1/projects'), 401);
		const forged = httpClient(`${sim.urls.cloudAlm}/api`, 'a.b.c');
		expectError(await forged.get('/calm-projects/v1/projects'), 401);

		expect((await readOnly.get('/calm-projects/v1/projects')).status).toBe(200);
		expect((await readOnly.get('/calm-tasks/v1/tasks', { params: { projectId } })).status).toBe(200);
		expect((await readOnly.get('/calm-features/v1/Features')).status).toBe(200);
		expectError(await readOnly.post('/calm-projects/v1/projects', { name: 'x' }), 403, /^Missing scope calm-api\.projects\.write$/);
		expectError(await readOnly.post('/calm-tasks/v1/tasks', { projectId, title: 't', type: 'CALMTASK' }), 403, /calm-api\.tasks\.write/);
		expectError(await readOnly.patch(`/calm-tasks/v1/tasks/${seededTask(1)}`, { title: 'x' }), 403, /calm-api\.tasks\.write/);
		expectError(await readOnly.delete(`/calm-tasks/v1/tasks/${seededTask(1)}`), 403, /calm-api\.tasks\.write/);
		expectError(await readOnly.post('/calm-features/v1/Features', { projectId, title: 'f' }), 403, /calm-api\.features\.write/);
		expectError(await readOnly.patch(`/calm-features/v1/Features(${seededFeature(1)})`, { title: 'x' }), 403, /calm-api\.features\.write/);

		// a Service Manager token carries no Cloud ALM scope at all
		const smKey = sim.keys.serviceManager as { url: string; clientid: string; clientsecret: string };
		const sm = httpClient(`${sim.urls.cloudAlm}/api`, await fetchToken(smKey));
		expectError(await sm.get('/calm-projects/v1/projects'), 403, /calm-api\.projects\.read/);
	});

	it('unknown paths answer 404 and POST on a task URL answers 405, in the same error format', async () => {
		expectError(await calm.get('/calm-unknown/v1/things'), 404);
		expectError(await calm.get('/calm-tasks/v2/tasks'), 404);
		expectError(await calm.post(`/calm-tasks/v1/tasks/${seededTask(1)}`, { projectId, title: 't', type: 'CALMTASK' }), 405);
		expectError(await calm.post(`/calm-features/v1/Features(${seededFeature(1)})`, { title: 't' }), 405);
	});
});

describe('projects', () => {
	it('lists, reads, creates projects and their timeboxes', async () => {
		const list = await calm.get('/calm-projects/v1/projects');
		expect(list.status).toBe(200);
		expect(list.data).toEqual([{ id: projectId, name: 'S/4HANA Implementation', status: 'O' }]);
		expect((await calm.get(`/calm-projects/v1/projects/${projectId}`)).data).toMatchObject({ id: projectId, status: 'O' });
		expectError(await calm.get('/calm-projects/v1/projects/00000000-0000-4000-8000-000000000000'), 404, /not found/);

		const created = await calm.post('/calm-projects/v1/projects', { name: 'Rollout' });
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Rollout', status: 'O' });
		expect((await calm.get('/calm-projects/v1/projects')).data.map((p: { name: string }) => p.name)).toEqual([
			'S/4HANA Implementation',
			'Rollout',
		]);
		expectError(await calm.post('/calm-projects/v1/projects', {}), 400, /name/);

		const tb = `/calm-projects/v1/projects/${created.data.id}/timeboxes`;
		expect((await calm.get(tb)).data).toEqual([]);
		const sprint = await calm.post(tb, { type: 2, name: 'Sprint 1', startDate: '2025-03-01', endDate: '2025-03-14' });
		expect(sprint.status).toBe(201);
		expect(sprint.data).toMatchObject({ projectId: created.data.id, type: 2, name: 'Sprint 1', closed: false });
		expect((await calm.get(tb)).data).toEqual([sprint.data]);
		expectError(await calm.post(tb, { type: 7, name: 'x', startDate: '2025-03-01', endDate: '2025-03-02' }), 400, /type/);
		expectError(await calm.post(tb, { type: 0, name: 'x', startDate: '2025-03-05', endDate: '2025-03-02' }), 400, /endDate/);
		expectError(await calm.post(tb, { type: 0, name: 'x', startDate: '1.3.2025', endDate: '2025-03-02' }), 400, /YYYY-MM-DD/);
		expectError(await calm.get('/calm-projects/v1/projects/nope/timeboxes'), 404);
	});
});

describe('tasks', () => {
	const list = async (params: Record<string, unknown>) => {
		const res = await calm.get('/calm-tasks/v1/tasks', { params: { projectId, ...params } });
		expect(res.status).toBe(200);
		expect(Array.isArray(res.data)).toBe(true);
		return res.data as Task[];
	};
	const titles = (tasks: Task[]) => tasks.map((t) => Number(t.title.replace('Seeded task ', '')));

	it('needs projectId, pages with offset/limit and rejects bad paging values', async () => {
		expectError(await calm.get('/calm-tasks/v1/tasks'), 400, /projectId/);
		expectError(await calm.get('/calm-tasks/v1/tasks', { params: { projectId: 'nope' } }), 404);
		const all = await list({});
		expect(titles(all)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(all[0]).toMatchObject({ id: seededTask(1), projectId, type: 'CALMTASK', status: 'CIPTKOPEN', priorityId: 20 });

		const pages: Task[][] = [];
		for (let offset = 0; ; offset += 5) {
			const page = await list({ offset, limit: 5 });
			pages.push(page);
			if (page.length < 5) break;
		}
		expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
		expect(pages.flat().map((t) => t.id)).toEqual(all.map((t) => t.id));
		expect(await list({ offset: 12 })).toEqual([]);
		expectError(await calm.get('/calm-tasks/v1/tasks', { params: { projectId, limit: -1 } }), 400, /limit/);
		expectError(await calm.get('/calm-tasks/v1/tasks', { params: { projectId, offset: 'x' } }), 400, /offset/);
	});

	it('filters by type, status, assigneeId and lastChangedDate with operator prefixes', async () => {
		expect(titles(await list({ type: 'CALMUS' }))).toEqual([3, 6, 9, 12]);
		expect(titles(await list({ status: 'CIPTKINP' }))).toEqual([4, 8, 12]);
		expect(titles(await list({ assigneeId: 'alice@example.com', type: 'CALMTASK' }))).toEqual([1, 5, 7, 11]);
		expect(titles(await list({ lastChangedDate: 'gt:2025-01-10' }))).toEqual([11, 12]);
		expect(titles(await list({ lastChangedDate: 'ge:2025-01-11' }))).toEqual([11, 12]);
		expect(titles(await list({ lastChangedDate: 'le:2025-01-02' }))).toEqual([1, 2]);
		expect(titles(await list({ lastChangedDate: 'lt:2025-01-02' }))).toEqual([1]);
		expect(titles(await list({ lastChangedDate: 'eq:2025-01-05' }))).toEqual([5]);
		expect(titles(await list({ lastChangedDate: 'gt:2025-01-11T12:00:00Z' }))).toEqual([12]);
		expectError(await calm.get('/calm-tasks/v1/tasks', { params: { projectId, lastChangedDate: '2025-01-01' } }), 400, /gt:/);
		expectError(await calm.get('/calm-tasks/v1/tasks', { params: { projectId, lastChangedDate: 'after:2025-01-01' } }), 400);
	});

	it('creates, reads, updates and deletes tasks with validation', async () => {
		const res = await calm.post('/calm-tasks/v1/tasks', {
			projectId,
			title: 'Configure API',
			type: 'CALMTASK',
			description: '<p>html</p>',
			priorityId: 10,
			dueDate: '2025-06-30',
			assigneeId: 'carol@example.com',
		});
		expect(res.status).toBe(201);
		const task = res.data;
		expect(task).toMatchObject({ projectId, title: 'Configure API', type: 'CALMTASK', status: 'CIPTKOPEN', priorityId: 10, dueDate: '2025-06-30' });
		expect((await calm.get(`/calm-tasks/v1/tasks/${task.id}`)).data).toEqual(task);
		expect((await list({ assigneeId: 'carol@example.com' })).map((t) => t.id)).toEqual([task.id]);

		expectError(await calm.post('/calm-tasks/v1/tasks', { projectId, type: 'CALMTASK' }), 400, /title/);
		expectError(await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'x', type: 'TODO' }), 400, /type/);
		expectError(await calm.post('/calm-tasks/v1/tasks', { projectId: 'nope', title: 'x', type: 'CALMTASK' }), 400, /Project/);
		expectError(await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'x', type: 'CALMTASK', priorityId: 15 }), 400, /priorityId/);
		expectError(await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'sub', type: 'CALMST' }), 400, /parentId/);
		const sub = await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'sub', type: 'CALMST', parentId: task.id });
		expect(sub.status).toBe(201);
		expect(sub.data.parentId).toBe(task.id);
		const userStory = await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'story', type: 'CALMUS' });
		expect(userStory.data.status).toBe('CIPUSOPEN');

		const patched = await calm.patch(`/calm-tasks/v1/tasks/${task.id}`, { status: 'CIPTKINP', obsolete: true });
		expect(patched.status).toBe(200);
		expect(patched.data).toMatchObject({ id: task.id, title: 'Configure API', status: 'CIPTKINP', obsolete: true });
		expect(Date.parse(patched.data.lastChangedDate)).toBeGreaterThanOrEqual(Date.parse(task.lastChangedDate));
		expectError(await calm.patch(`/calm-tasks/v1/tasks/${task.id}`, { type: 'CALMUS' }), 400, /type/);
		expectError(await calm.patch(`/calm-tasks/v1/tasks/${task.id}`, { dueDate: '30.06.2025' }), 400, /dueDate/);
		expectError(await calm.patch('/calm-tasks/v1/tasks/nope', { title: 'x' }), 404);

		const del = await calm.delete(`/calm-tasks/v1/tasks/${task.id}`);
		expect(del.status).toBe(204);
		expect(del.data).toBe('');
		expectError(await calm.get(`/calm-tasks/v1/tasks/${task.id}`), 404, /not found/);
		expectError(await calm.delete(`/calm-tasks/v1/tasks/${task.id}`), 404);
	});

	it('adds and lists comments and references', async () => {
		const base = `/calm-tasks/v1/tasks/${seededTask(2)}`;
		expect((await calm.get(`${base}/comments`)).data).toEqual([]);
		const comment = await calm.post(`${base}/comments`, { text: 'Looks good' });
		expect(comment.status).toBe(201);
		expect(comment.data).toMatchObject({ id: expect.any(String), taskId: seededTask(2), text: 'Looks good' });
		expect((await calm.get(`${base}/comments`)).data).toEqual([comment.data]);
		expectError(await calm.post(`${base}/comments`, { text: '' }), 400, /text/);

		const ref = await calm.post(`${base}/references`, { name: 'Spec', url: 'https://example.com/spec' });
		expect(ref.status).toBe(201);
		expect((await calm.get(`${base}/references`)).data).toEqual([ref.data]);
		expectError(await calm.post(`${base}/references`, { name: 'Spec', url: 'ftp://x' }), 400, /url/);
		expectError(await calm.get('/calm-tasks/v1/tasks/nope/comments'), 404);
		expectError(await readOnly.post(`${base}/comments`, { text: 'x' }), 403, /calm-api\.tasks\.write/);
	});
});

describe('features (OData v4)', () => {
	const F = '/calm-features/v1/Features';

	it('pages server-side (5 per page) with an absolute @odata.nextLink chain that keeps the query', async () => {
		const first = await calm.get(F, { params: { $count: 'true', $filter: 'priorityCode eq 20' } });
		expect(first.status).toBe(200);
		expect(first.data['@odata.context']).toBe('$metadata#Features');
		expect(first.data['@odata.count']).toBe(7);
		expect(first.data.value).toHaveLength(5);
		const nextLink: string = first.data['@odata.nextLink'];
		expect(nextLink.startsWith(`${sim.urls.cloudAlm}/api/calm-features/v1/Features?`)).toBe(true);

		const ids: string[] = first.data.value.map((f: Feature) => f.uuid);
		let link: string | undefined = nextLink;
		let pages = 1;
		while (link) {
			const page: AxiosResponse = await calm.get(link);
			expect(page.status).toBe(200);
			expect(page.data['@odata.count']).toBe(7);
			ids.push(...page.data.value.map((f: Feature) => f.uuid));
			link = page.data['@odata.nextLink'];
			pages++;
		}
		expect(pages).toBe(2);
		expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7].map(seededFeature));
	});

	it('applies $top/$skip (no nextLink), $select, $orderby and $filter', async () => {
		const topSkip = await calm.get(F, { params: { $top: 3, $skip: 2 } });
		expect(topSkip.data.value.map((f: Feature) => f.displayId)).toEqual(['6-3', '6-4', '6-5']);
		expect(topSkip.data).not.toHaveProperty('@odata.nextLink');
		expect(topSkip.data).not.toHaveProperty('@odata.count');

		const selected = await calm.get(F, { params: { $select: 'uuid,title', $top: 1 } });
		expect(selected.data.value).toEqual([{ uuid: seededFeature(1), title: 'Seeded feature 1' }]);
		const ordered = await calm.get(F, { params: { $orderby: 'displayId desc', $top: 2 } });
		expect(ordered.data.value.map((f: Feature) => f.displayId)).toEqual(['6-7', '6-6']);

		const filter = async ($filter: string) => {
			const res = await calm.get(F, { params: { $filter, $top: 50 } });
			expect(res.status).toBe(200);
			return res.data.value.map((f: Feature) => f.displayId);
		};
		expect(await filter("displayId eq '6-3'")).toEqual(['6-3']);
		expect(await filter("contains(title,'feature 7')")).toEqual(['6-7']);
		expect(await filter(`uuid eq ${seededFeature(2)}`)).toEqual(['6-2']);
		expect(await filter("priorityCode eq 20 and statusCode ne 'CIPFEATDONE' and not (displayId eq '6-1' or displayId eq '6-2')")).toEqual([
			'6-3',
			'6-4',
			'6-5',
			'6-6',
			'6-7',
		]);
		expect(await filter("startswith(title,'Seeded') and createdAt ge 2025-02-06T00:00:00Z")).toEqual(['6-6', '6-7']);

		expectError(await calm.get(F, { params: { $filter: "title eq 'open" } }), 400, /unterminated/);
		expectError(await calm.get(F, { params: { $filter: "color eq 'red'" } }), 400, /color/);
		expectError(await calm.get(F, { params: { $filter: 'title eq red' } }), 400, /quotes/);
		expectError(await calm.get(F, { params: { $select: 'uuid,color' } }), 400, /color/);
		expectError(await calm.get(F, { params: { $orderby: 'title sideways' } }), 400, /orderby/);
		expectError(await calm.get(F, { params: { $top: -1 } }), 400, /\$top/);
		expectError(await calm.get(F, { params: { $expand: 'toTasks' } }), 400, /\$expand/);
	});

	it('reads by both key syntaxes, creates (201) and updates (200) features; 404 in OData format', async () => {
		const id = seededFeature(4);
		const byParens = await calm.get(`${F}(${id})`);
		expect(byParens.status).toBe(200);
		expect(byParens.data).toMatchObject({ '@odata.context': '$metadata#Features/$entity', uuid: id, displayId: '6-4' });
		expect((await calm.get(`${F}/${id}`)).data).toEqual(byParens.data);
		expect((await calm.get(`${F}('${id}')`)).data).toEqual(byParens.data);
		expectError(await calm.get(`${F}(00000000-0000-4000-8000-000000000000)`), 404, /not found/);
		expectError(await calm.get(`${F}/00000000-0000-4000-8000-000000000000`), 404);

		const created = await calm.post(F, { projectId, title: 'New feature', priorityCode: 10 });
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({ uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), displayId: '6-8', title: 'New feature', statusCode: 'CIPFEATOPEN', priorityCode: 10 });
		expectError(await calm.post(F, { projectId, title: 'x', color: 'red' }), 400, /color/);
		expectError(await calm.post(F, { title: 'x' }), 400, /projectId/);

		const patched = await calm.patch(`${F}(${created.data.uuid})`, { statusCode: 'CIPFEATINP', description: 'now' });
		expect(patched.status).toBe(200);
		expect(patched.data).toMatchObject({ uuid: created.data.uuid, statusCode: 'CIPFEATINP', description: 'now', title: 'New feature' });
		expectError(await calm.patch(`${F}/${created.data.uuid}`, { displayId: '6-99' }), 400, /displayId/);
		const count = await calm.get(F, { params: { $count: 'true', $top: 0, $filter: 'priorityCode ne 20' } });
		expect(count.data).toMatchObject({ '@odata.count': 1, value: [] });
	});
});
