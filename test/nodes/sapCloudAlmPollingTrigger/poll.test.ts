/**
 * The SAP Cloud ALM Polling Trigger over real HTTP against the simulator, polled through n8n-core's
 * PollContext with its static data carried between polls as JSON (as a restarted n8n loads it):
 * the first poll records and emits nothing, each change is emitted once as new or changed, equal
 * timestamps, whole-second timestamps, an inclusive gt: and a list that reorders while it pages
 * lose and repeat nothing, several projects, paging, a failed read moves no watermark, an unknown
 * project names the field, and "Fetch Test Event" shows the latest item without moving anything.
 */
import type { AxiosInstance } from 'axios';
import { CHANGE_WINDOW_MS } from '../../../nodes/SapCloudAlmPollingTrigger/changes';
import { useSimulator } from '../../../simulator/testkit';
import { DEFAULT_PROFILE } from '../../../simulator/profile';
import { calmClient, PolledTrigger, projectsParameter } from './harness';

const sim = useSimulator({ profile: DEFAULT_PROFILE });
let calm: AxiosInstance;
let projectId: string;

beforeEach(async () => {
	// Two changes made one after the other can land in the same millisecond on a fast machine, and items with
	// equal timestamps come out in the list's order: the simulator's clock moves at least 1 ms per reading so
	// "changed first, emitted first" is what the tests see on any machine (a CI run once saw the tie).
	let last = 0;
	sim.context.now = () => (last = Math.max(Date.now(), last + 1));
	calm = await calmClient(sim);
	projectId = sim.context.state.calm.projects[0].id;
});

const taskTrigger = (...projects: string[]) => new PolledTrigger(sim, { resource: 'task', projects: projectsParameter(...(projects.length ? projects : [projectId])) });
const createTask = async (title: string, project = projectId) =>
	(await calm.post('/calm-tasks/v1/tasks', { projectId: project, title, type: 'CALMTASK' })).data as { id: string };
const changeTask = async (id: string, title: string) => (await calm.patch(`/calm-tasks/v1/tasks/${id}`, { title })).data;
const titles = (items: Array<{ title?: unknown; changeType?: unknown }>) => items.map((i) => `${String(i.title)}:${String(i.changeType)}`);

describe('tasks', () => {
	it('first poll records and emits nothing; then each creation and change once, marked new or changed; an idle poll is one GET', async () => {
		const trigger = taskTrigger();
		const first = await trigger.poll();
		expect(first.raw).toBeNull();
		expect(first.calls.some((c) => c.startsWith('GET /api/calm-projects/v1/projects/'))).toBe(true);
		expect(Object.keys(trigger.staticData)).toEqual([`node:SAP Cloud ALM Polling Trigger`]);

		const a = await createTask('A');
		await changeTask(sim.context.state.calm.tasks[0].id, 'seeded, changed');
		const second = await trigger.poll();
		expect(titles(second.items)).toEqual(['A:new', 'seeded, changed:changed']);
		expect(second.items[0]).toMatchObject({ id: a.id, resource: 'task', changeType: 'new', changedAt: expect.any(String) });
		expect(second.calls.every((c) => c.includes('lastChangedTimestamp=gt%3A'))).toBe(true);

		expect((await trigger.poll()).raw).toBeNull();
		await changeTask(a.id, 'A2');
		expect(titles((await trigger.poll()).items)).toEqual(['A2:changed']);
		const idle = await trigger.poll();
		expect(idle.raw).toBeNull();
		expect(idle.calls).toHaveLength(1);
	});

	it.each(['exclusive', 'inclusive'] as const)('whole-second timestamps, gt: %s, the tasks list reordering by change: nothing lost, nothing repeated across restarts', async (gt) => {
		Object.assign(sim.context.profile, { calmTimestampPrecision: 's', calmChangedSinceGt: gt, calmTaskListOrder: 'lastChanged' });
		let clock = Date.parse('2026-11-30T12:00:00.100Z');
		sim.context.now = () => clock;
		const trigger = taskTrigger();
		await trigger.poll();

		const a = await createTask('A');
		clock += 300;
		const b = await createTask('B'); // same second as A
		expect(titles((await trigger.poll()).items)).toEqual(['A:new', 'B:new']);
		clock += 300;
		const c = await createTask('C'); // still the same second: after the poll, at the watermark
		await changeTask(a.id, 'A2'); // A again, same second: its timestamp does not move
		const third = await trigger.poll();
		expect(titles(third.items)).toEqual(['C:new']);
		clock += 1000;
		await changeTask(b.id, 'B2');
		await changeTask(c.id, 'C2');
		expect(titles((await trigger.poll()).items)).toEqual(['B2:changed', 'C2:changed']);
		clock += CHANGE_WINDOW_MS * 3;
		expect((await trigger.poll()).raw).toBeNull();
		await changeTask(a.id, 'A3');
		expect(titles((await trigger.poll()).items)).toEqual(['A3:changed']);
	});

	it.each(['ignored', 'rejected'] as const)('a tasks list where lastChangedTimestamp is %s (only third parties document it): each change still once', async (mode) => {
		Object.assign(sim.context.profile, { calmLastChangedTimestampFilter: mode });
		const trigger = taskTrigger();
		await trigger.poll();
		const a = await createTask('A');
		const second = await trigger.poll();
		expect(titles(second.items)).toEqual(['A:new']);
		if (mode === 'rejected') expect(second.calls.some((c) => c.includes('lastChangedDate=gt%3A'))).toBe(true);
		const idle = await trigger.poll();
		expect(idle.raw).toBeNull();
		expect(idle.calls).toHaveLength(mode === 'rejected' ? 2 : 1); // the refused read, then one by day
		await changeTask(a.id, 'A2');
		await changeTask(sim.context.state.calm.tasks[0].id, 'seeded, changed');
		expect(titles((await trigger.poll()).items)).toEqual(['A2:changed', 'seeded, changed:changed']);
		expect((await trigger.poll()).raw).toBeNull();
	});

	it('pages through every change since the watermark (250 changes, 100 a page) and emits each once', async () => {
		const trigger = taskTrigger();
		await trigger.poll();
		for (let n = 0; n < 250; n++) await createTask(`T${n}`);
		const out = await trigger.poll();
		expect(out.items).toHaveLength(250);
		expect(new Set(out.items.map((i) => i.id)).size).toBe(250);
		expect(out.calls.filter((c) => c.includes('offset=200')).length).toBeGreaterThanOrEqual(1);
		expect((await trigger.poll()).raw).toBeNull();
	});

	it('a task changed while the pages are read (the list sorted by change, so it moves to the end) is not lost: the read is repeated', async () => {
		Object.assign(sim.context.profile, { calmTaskListOrder: 'lastChanged' });
		const trigger = taskTrigger();
		await trigger.poll();
		const created: string[] = [];
		for (let n = 0; n < 150; n++) created.push((await createTask(`T${n}`)).id);
		// right after the first page was answered, T0 changes: it moves to the end and the others move up by one,
		// so the second page starts one task later and the task that was first on it is skipped
		const add = sim.log.add.bind(sim.log);
		let moved = false;
		sim.log.add = (e) => {
			add(e);
			if (!moved && e.path.includes('lastChangedTimestamp') && e.path.includes('offset=0')) {
				moved = true;
				const t0 = sim.context.state.calm.tasks.find((t) => t.id === created[0])!;
				Object.assign(t0, { title: 'T0 moved', lastChangedDate: new Date(Date.now() + 5).toISOString() });
			}
		};
		try {
			const out = await trigger.poll();
			expect(moved).toBe(true);
			expect(new Set(out.items.map((i) => i.id))).toEqual(new Set(created));
			expect(out.items).toHaveLength(150);
			expect(out.items.find((i) => i.id === created[0])).toMatchObject({ title: 'T0 moved', changeType: 'new' });
			expect(out.calls.filter((c) => c.includes('offset=0')).length).toBeGreaterThanOrEqual(2);
		} finally {
			sim.log.add = add;
		}
		expect((await trigger.poll()).raw).toBeNull();
	});

	it('several projects, each with its own watermark; a failed read of one moves no watermark, the next poll emits all', async () => {
		const other = (await calm.post('/calm-projects/v1/projects', { name: 'Second' })).data.id as string;
		const trigger = taskTrigger(projectId, other);
		await trigger.poll();
		expect(Object.keys(trigger.staticData['node:SAP Cloud ALM Polling Trigger'] as object).sort()).toEqual([`task:${other}`, `task:${projectId}`].sort());
		await createTask('in first');
		await createTask('in second', other);
		const before = trigger.staticDataJson;

		const removed = sim.context.state.calm.projects.splice(1, 1);
		await expect(trigger.poll()).rejects.toThrow(`Project ${other} was not found in SAP Cloud ALM`);
		expect(trigger.staticDataJson).toBe(before);

		sim.context.state.calm.projects.push(...removed);
		expect(titles((await trigger.poll()).items)).toEqual(['in first:new', 'in second:new']);
		expect((await trigger.poll()).raw).toBeNull();
	});

	it('an unknown project fails the first poll naming the Projects field; an empty Projects field says to add one', async () => {
		await expect(taskTrigger('3c6a9d00-0000-4000-8000-00000000dead').poll()).rejects.toMatchObject({
			message: 'Project 3c6a9d00-0000-4000-8000-00000000dead was not found in SAP Cloud ALM',
			description: expect.stringContaining('Field: Projects'),
		});
		await expect(new PolledTrigger(sim, { resource: 'task', projects: {} }).poll()).rejects.toThrow('No project to watch: add at least one to the Projects field');
		await expect(new PolledTrigger(sim, { resource: 'task', projects: projectsParameter('a/b') }).poll()).rejects.toThrow(
			'Project 1 of the Projects field is not a project ID: "a/b"',
		);
	});

	it('Fetch Test Event (manual) returns the latest task and leaves the watermark alone', async () => {
		const trigger = taskTrigger();
		await trigger.poll();
		const before = trigger.staticDataJson;
		const latest = await createTask('latest');
		const manual = await trigger.poll('manual');
		expect(manual.items).toEqual([expect.objectContaining({ id: latest.id, changeType: 'new', resource: 'task' })]);
		expect(trigger.staticDataJson).toBe(before);
		expect(titles((await trigger.poll()).items)).toEqual(['latest:new']);
	});

	it('Fetch Test Event with whole-second timestamps: of two tasks made in the same second, the one made last', async () => {
		Object.assign(sim.context.profile, { calmTimestampPrecision: 's' });
		let clock = Date.parse('2026-11-30T12:00:00.100Z');
		sim.context.now = () => clock;
		await createTask('made first');
		clock += 300;
		const second = await createTask('made second');
		const manual = await taskTrigger().poll('manual');
		expect(manual.items).toEqual([expect.objectContaining({ id: second.id, title: 'made second', changeType: 'new' })]);
	});
});

describe('features', () => {
	it('first poll records; creations and changes follow the OData pages (5 a page) and come once each, oldest first; Only New filters', async () => {
		const trigger = new PolledTrigger(sim, { resource: 'feature', projects: projectsParameter(projectId) });
		expect((await trigger.poll()).raw).toBeNull();
		const created: string[] = [];
		for (let n = 0; n < 12; n++) created.push((await calm.post('/calm-features/v1/Features', { projectId, title: `F${n}` })).data.uuid);
		await calm.patch(`/calm-features/v1/Features(${sim.context.state.calm.features[0].uuid})`, { title: 'seeded, changed' });
		const out = await trigger.poll();
		expect(out.items).toHaveLength(13);
		expect(out.items.slice(0, 12).map((i) => i.uuid)).toEqual(created);
		expect(out.items[12]).toMatchObject({ title: 'seeded, changed', changeType: 'changed', resource: 'feature' });
		expect(out.calls.some((c) => c.includes('%24skiptoken='))).toBe(true);
		expect((await trigger.poll()).raw).toBeNull();

		const onlyNew = new PolledTrigger(sim, { resource: 'feature', projects: projectsParameter(projectId), options: { emit: 'new' } });
		await onlyNew.poll();
		await calm.patch(`/calm-features/v1/Features(${created[0]})`, { title: 'F0 again' });
		const fresh = (await calm.post('/calm-features/v1/Features', { projectId, title: 'brand new' })).data.uuid;
		expect((await onlyNew.poll()).items.map((i) => i.uuid)).toEqual([fresh]);
	});
});
