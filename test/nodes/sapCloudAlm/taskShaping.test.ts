/**
 * Task filters the Tasks API has no parameter for (timebox, priority: applied after reading, across
 * pages), the tag filter, Simplify and Fields, Count with group-by, and solution process
 * assignments, each in a real n8n run against the simulator.
 */
import { DEFAULT_PROFILE, NO_FAULTS } from '../../../simulator/profile';
import { useSimulator } from '../../../simulator/testkit';
import type { CalmTask } from '../../../simulator/state';
import { queryOf, runCalm, SEEDED_PROJECT, seededTaskId } from './harness';

// the profile is reset before each test: some tests switch the modelled SAP shapes
const sim = useSimulator({ reset: {}, profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const project = { __rl: true, mode: 'id', value: SEEDED_PROJECT };
const SPRINT = '9a1b0c00-0000-4000-8000-000000000001';
const TASKS = '/api/calm-tasks/v1/tasks';

/** `n` more tasks; every third one in the sprint, priorities cycling 10..40. */
function addSprintTasks(n: number): void {
	const project0 = sim.context.state.calm.projects[0];
	project0.timeboxes.push({ id: SPRINT, projectId: SEEDED_PROJECT, type: 2, name: 'Sprint 1', startDate: '2025-01-06', endDate: '2025-01-17', closed: false });
	for (let i = 0; i < n; i++) {
		const task: CalmTask = {
			id: `7f000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			projectId: SEEDED_PROJECT,
			title: `Bulk task ${i}`,
			type: i % 2 ? 'CALMUS' : 'CALMDEF',
			status: 'CIPTKOPEN',
			priorityId: [10, 20, 30, 40][i % 4],
			timeboxId: i % 3 === 0 ? SPRINT : undefined,
			lastChangedDate: '2025-06-01T00:00:00.000Z',
			createdAt: '2025-06-01T00:00:00.000Z',
		};
		sim.context.state.calm.tasks.push(task);
	}
}
const inSprint = (n: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 === 0).length;

describe('SAP Cloud ALM node: Task Get Many filters the API has no parameter for', () => {
	it('Timebox ID reads every page and keeps the sprint\'s tasks; nothing about the timebox is sent', async () => {
		addSprintTasks(250); // + 12 seeded = 262 tasks, 3 pages of 100
		const run = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, returnAll: true, filters: { timeboxId: SPRINT } });
		expect(run.status).toBe('success');
		expect(run.out).toHaveLength(inSprint(250));
		expect(run.out.every((t) => t.timeboxId === SPRINT)).toBe(true);
		expect(run.calls.map((c) => queryOf(c.path))).toEqual([
			{ projectId: SEEDED_PROJECT, offset: '0', limit: '100' },
			{ projectId: SEEDED_PROJECT, offset: '100', limit: '100' },
			{ projectId: SEEDED_PROJECT, offset: '200', limit: '100' },
		]);
	});

	it('with a Limit it stops at the page where enough tasks matched', async () => {
		addSprintTasks(250);
		const run = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, limit: 40, filters: { timeboxId: SPRINT } });
		expect(run.out).toHaveLength(40);
		// 12 seeded (none in the sprint) + bulk 0..87 on page 1 hold 30 sprint tasks; page 2 brings the rest
		expect(run.calls).toHaveLength(2);
	});

	it('a tasks list without timebox IDs (SAP\'s 2021 shape): each task is read singly and matched by the timebox\'s name', async () => {
		addSprintTasks(20);
		await fetch(`${sim.urls.control}/__sim/profile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ calmTaskTimeboxFields: 'detailNameOnly' }) });
		const run = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, returnAll: true, filters: { timeboxId: SPRINT } });
		expect(run.status).toBe('success');
		expect(run.out.map((t) => t.title).sort()).toEqual(['Bulk task 0', 'Bulk task 12', 'Bulk task 15', 'Bulk task 18', 'Bulk task 3', 'Bulk task 6', 'Bulk task 9']);
		expect(run.calls.filter((c) => c.path.startsWith('/api/calm-projects/v1/projects/'))).toHaveLength(1); // the timebox's name, once
		expect(run.calls.filter((c) => /\/tasks\/[0-9a-f-]{36}$/.test(c.path))).toHaveLength(32);
	});

	it('a Timebox ID that is no timebox of the project is named, not answered with "no tasks"; an empty sprint is an empty list', async () => {
		addSprintTasks(5);
		const unknown = '9a1b0c00-0000-4000-8000-0000000000ff';
		const run = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, returnAll: true, filters: { timeboxId: unknown } }, { continueOnFail: true });
		expect(run.out[0].error).toBe(`Timebox ID "${unknown}" is not a timebox of project ${SEEDED_PROJECT}`);
		expect(JSON.stringify(run.out[0])).toMatch(/Project → Get Many Timeboxes lists/);
		const counted = await runCalm(sim, { resource: 'task', operation: 'count', projectId: project, filters: { timeboxId: unknown } }, { continueOnFail: true });
		expect(counted.out[0].error).toMatch(/is not a timebox of project/);

		const empty = '9a1b0c00-0000-4000-8000-000000000002';
		sim.context.state.calm.projects[0].timeboxes.push({ id: empty, projectId: SEEDED_PROJECT, type: 2, name: 'Sprint 2', startDate: '2025-01-20', endDate: '2025-01-31', closed: false });
		const none = await runCalm(sim, { resource: 'task', operation: 'count', projectId: project, filters: { timeboxId: empty } });
		expect(none.out).toEqual([expect.objectContaining({ total: 0, complete: true })]);
	});

	it('Priority is kept after reading, Type and Tag are sent', async () => {
		addSprintTasks(40);
		sim.context.state.calm.tasks.find((t) => t.title === 'Bulk task 5')!.tags = ['migration'];
		const run = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, returnAll: true, filters: { priorityId: 20, type: 'CALMUS' } });
		expect(run.out.map((t) => t.title)).toEqual(['Seeded task 9', 'Bulk task 1', 'Bulk task 5', 'Bulk task 9', 'Bulk task 13', 'Bulk task 17', 'Bulk task 21', 'Bulk task 25', 'Bulk task 29', 'Bulk task 33', 'Bulk task 37']);
		expect(queryOf(run.calls[0].path)).toEqual({ projectId: SEEDED_PROJECT, type: 'CALMUS', offset: '0', limit: '100' });

		const tagged = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, returnAll: true, filters: { tag: 'migration' } });
		expect(tagged.out.map((t) => t.title)).toEqual(['Bulk task 5']);
		expect(queryOf(tagged.calls[0].path)).toMatchObject({ tags: 'migration' });
	});
});

describe('SAP Cloud ALM node: Task Simplify and Fields', () => {
	it('Simplify keeps the documented short set without nulls; off (the default) the task is as SAP sent it', async () => {
		const raw = await runCalm(sim, { resource: 'task', operation: 'get', taskId: seededTaskId(1) }, { typeVersion: 2 });
		expect(raw.out[0]).toHaveProperty('description', null);
		const simple = await runCalm(sim, { resource: 'task', operation: 'get', taskId: seededTaskId(1), simplify: true }, { typeVersion: 2 });
		expect(simple.out[0]).toEqual({
			id: seededTaskId(1),
			projectId: SEEDED_PROJECT,
			title: 'Seeded task 1',
			type: 'CALMTASK',
			status: 'CIPTKOPEN',
			priorityId: 20,
			assigneeId: 'alice@example.com',
			assigneeName: 'Alice',
			dueDate: '2025-02-15',
			lastChangedTimestamp: expect.any(String),
		});
	});

	it('Fields picks the named attributes of every task (nulls kept); a name no task has is refused with the names there are', async () => {
		const run = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, limit: 3, options: { fields: 'id, title,externalId' } });
		expect(run.out).toEqual([1, 2, 3].map((n) => ({ id: seededTaskId(n), title: `Seeded task ${n}`, externalId: null })));
		const misspelt = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, limit: 3, options: { fields: 'title,sprint' } }, { continueOnFail: true });
		expect(misspelt.out[0].error).toMatch(/Fields: no task has "sprint"/);
		expect(JSON.stringify(misspelt.out[0])).toMatch(/timeboxName/);
	});
});

describe('SAP Cloud ALM node: Task Count', () => {
	it('counts across pages, in total and per group, with the filters of Get Many; only the counts come out', async () => {
		addSprintTasks(250);
		const run = await runCalm(sim, { resource: 'task', operation: 'count', projectId: project, groupBy: ['type', 'priorityId'], filters: { timeboxId: SPRINT } }, { typeVersion: 2 });
		expect(run.status).toBe('success');
		expect(run.calls).toHaveLength(3);
		const [count] = run.out;
		expect(count).toMatchObject({ projectId: SEEDED_PROJECT, total: inSprint(250), groupBy: ['type', 'priorityId'], pages: 3, complete: true });
		const groups = count.groups as Array<{ type: string; priorityId: string; count: number }>;
		expect(groups.reduce((s, g) => s + g.count, 0)).toBe(inSprint(250));
		// i % 3 === 0 and i even → CALMDEF with priority 10 or 30; odd → CALMUS with 20 or 40
		expect(groups.map((g) => `${g.type}/${g.priorityId}`).sort()).toEqual(['CALMDEF/10', 'CALMDEF/30', 'CALMUS/20', 'CALMUS/40']);
		expect(groups[0].count).toBeGreaterThanOrEqual(groups[3].count);
	});

	it('without Group By only the total; a read-only binding counts (tasks.read)', async () => {
		const run = await runCalm(sim, { resource: 'task', operation: 'count', projectId: project, filters: { assigneeId: 'bob@example.com' } }, { key: sim.keys.cloudAlmReadOnly });
		expect(run.out).toEqual([{ projectId: SEEDED_PROJECT, total: 6, groupBy: [], groups: [], pages: 1, complete: true }]);
	});

	it('a token without calm-api.tasks.read gets the 403 naming it', async () => {
		const key = sim.keys.cloudAlmReadOnly;
		const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
		client.scopes = client.scopes.filter((scope) => !scope.endsWith('calm-api.tasks.read'));
		const run = await runCalm(sim, { resource: 'task', operation: 'count', projectId: project }, { key, continueOnFail: true });
		expect(String(run.out[0].error)).toMatch(/lacks \$XSMASTERAPPNAME\.calm-api\.tasks\.read/);
		expect(run.calls.map((c) => c.status)).toEqual([403, 403]); // one fresh token, then the answer
	});
});

describe('SAP Cloud ALM node: Task process assignments', () => {
	const fields = { taskId: seededTaskId(1), scopeId: 'scope-1', solutionScenarioVersionId: 'ssv-1', solutionProcessId: 'SP_1' };
	const sent = { taskId: seededTaskId(1), scopeId: 'scope-1', solutionScenarioVersionId: 'ssv-1', solutionProcessId: 'SP_1' };

	it('adds once (a re-run adopts it), lists it, removes it once (a re-run sends no DELETE)', async () => {
		const added = await runCalm(sim, { resource: 'task', operation: 'addProcessAssignment', ...fields });
		expect(added.out).toEqual([{ ...sent, projectId: SEEDED_PROJECT, assigned: true, alreadyAssigned: false }]);
		expect(added.calls.map((c) => `${c.method} ${c.path.split('?')[0]} ${c.status}`)).toEqual([
			`GET ${TASKS}/${seededTaskId(1)} 200`,
			`GET ${TASKS}/solutionProcessAssignments 200`,
			`POST ${TASKS}/solutionProcessAssignments 201`,
		]);
		const again = await runCalm(sim, { resource: 'task', operation: 'addProcessAssignment', ...fields });
		expect(again.out[0]).toMatchObject({ alreadyAssigned: true });
		expect(again.calls.some((c) => c.method === 'POST')).toBe(false);
		expect(sim.context.state.calm.solutionProcessAssignments).toEqual([sent]);

		const listed = await runCalm(sim, { resource: 'task', operation: 'listProcessAssignments', taskId: seededTaskId(1), returnAll: true });
		expect(listed.out).toEqual([{ ...sent, projectId: SEEDED_PROJECT }]);

		const removed = await runCalm(sim, { resource: 'task', operation: 'removeProcessAssignment', ...fields });
		expect(removed.out[0]).toMatchObject({ removed: true });
		expect(sim.context.state.calm.solutionProcessAssignments).toEqual([]);
		const removedAgain = await runCalm(sim, { resource: 'task', operation: 'removeProcessAssignment', ...fields });
		expect(removedAgain.out[0]).toMatchObject({ removed: false, wasAssigned: false });
		expect(removedAgain.calls.some((c) => c.method === 'DELETE')).toBe(false);
	});

	it('Get Many Process Assignments pages by offset/limit (103 of the task: pages of 100 and 3), Limit asks for what it needs; only the task\'s', async () => {
		const assignment = (taskId: string, n: number) => ({ taskId, scopeId: 'scope-1', solutionScenarioVersionId: 'ssv-1', solutionProcessId: `SP_${n}` });
		for (let n = 0; n < 103; n++) sim.context.state.calm.solutionProcessAssignments.push(assignment(seededTaskId(1), n));
		sim.context.state.calm.solutionProcessAssignments.push(assignment(seededTaskId(2), 0));
		const all = await runCalm(sim, { resource: 'task', operation: 'listProcessAssignments', taskId: seededTaskId(1), returnAll: true });
		expect(all.out).toHaveLength(103);
		expect(all.out.every((a) => a.taskId === seededTaskId(1))).toBe(true);
		const lists = all.calls.filter((c) => c.path.includes('solutionProcessAssignments'));
		expect(lists.map((c) => [queryOf(c.path).taskId, queryOf(c.path).offset])).toEqual([
			[seededTaskId(1), '0'],
			[seededTaskId(1), '100'],
		]);
		const limited = await runCalm(sim, { resource: 'task', operation: 'listProcessAssignments', taskId: seededTaskId(1), limit: 2 });
		expect(limited.out).toHaveLength(2);
		expect(limited.calls.filter((c) => c.path.includes('solutionProcessAssignments')).map((c) => queryOf(c.path).limit)).toEqual(['2']);
	});

	it('works with either modelled DELETE shape and a POST that answers 204', async () => {
		await fetch(`${sim.urls.control}/__sim/profile`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ calmProcessAssignmentDelete: 'query', calmProcessAssignmentCreateAnswer: 'empty' }),
		});
		const added = await runCalm(sim, { resource: 'task', operation: 'addProcessAssignment', ...fields });
		expect(added.out[0]).toMatchObject({ ...sent, assigned: true, alreadyAssigned: false });
		const removed = await runCalm(sim, { resource: 'task', operation: 'removeProcessAssignment', ...fields });
		expect(removed.out[0]).toMatchObject({ removed: true });
		expect(sim.context.state.calm.solutionProcessAssignments).toEqual([]);
	});

	it('lists hierarchy-node assignments; a read-only binding gets the 403 naming calm-api.tasks.write on Add', async () => {
		sim.context.state.calm.hierarchyNodeAssignments.push({ taskId: seededTaskId(2), hierarchyNodeId: 'node-7' });
		const nodes = await runCalm(sim, { resource: 'task', operation: 'listProcessAssignments', taskId: seededTaskId(2), assignedTo: 'hierarchyNode', returnAll: true });
		expect(nodes.out).toEqual([{ taskId: seededTaskId(2), hierarchyNodeId: 'node-7' }]);

		const refused = await runCalm(sim, { resource: 'task', operation: 'addProcessAssignment', ...fields }, { key: sim.keys.cloudAlmReadOnly, continueOnFail: true });
		expect(String(refused.out[0].error)).toMatch(/\$XSMASTERAPPNAME\.calm-api\.tasks\.write/);
		expect(sim.context.state.calm.solutionProcessAssignments).toEqual([]);
	});
});
