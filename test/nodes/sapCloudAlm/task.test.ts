import { useSimulator } from '../../../simulator/testkit';
import { addTasks, queryOf, runCalm, SEEDED_PROJECT, seededTaskId } from './harness';

const sim = useSimulator();

const project = { __rl: true, mode: 'id', value: SEEDED_PROJECT };

describe('SAP Cloud ALM node: Task list and paging', () => {
	it('Return All follows offset/limit over several pages', async () => {
		addTasks(sim, 250);
		const run = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, returnAll: true });
		expect(run.status).toBe('success');
		expect(run.out).toHaveLength(262);
		expect(new Set(run.out.map((t) => t.id)).size).toBe(262);
		expect(run.calls.map((c) => queryOf(c.path))).toEqual([
			{ projectId: SEEDED_PROJECT, offset: '0', limit: '100' },
			{ projectId: SEEDED_PROJECT, offset: '100', limit: '100' },
			{ projectId: SEEDED_PROJECT, offset: '200', limit: '100' },
		]);
	});

	it('Limit asks only for what it needs and stops early', async () => {
		addTasks(sim, 250);
		const small = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, limit: 30 });
		expect(small.out).toHaveLength(30);
		expect(small.calls.map((c) => queryOf(c.path).limit)).toEqual(['30']);

		const twoPages = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, limit: 150 });
		expect(twoPages.out).toHaveLength(150);
		expect(twoPages.calls.map((c) => [queryOf(c.path).offset, queryOf(c.path).limit])).toEqual([
			['0', '100'],
			['100', '50'],
		]);
	});

	it('sends the documented filters and returns what they select', async () => {
		const run = await runCalm(sim, {
			resource: 'task',
			operation: 'list',
			projectId: project,
			returnAll: true,
			filters: {
				type: 'CALMTASK',
				status: 'CIPTKOPEN',
				assigneeId: 'alice@example.com',
				lastChangedDate: '2025-01-05T00:00:00',
				lastChangedOperator: 'gt',
			},
		});
		expect(run.status).toBe('success');
		expect(queryOf(run.calls[0].path)).toMatchObject({
			type: 'CALMTASK',
			status: 'CIPTKOPEN',
			assigneeId: 'alice@example.com',
			lastChangedDate: 'gt:2025-01-05',
		});
		// seeded: odd i → alice; i % 3 → CALMUS; i % 4 === 0 → in progress; lastChanged = 2025-01-<i>
		expect(run.out.map((t) => t.title).sort()).toEqual(['Seeded task 11', 'Seeded task 7']);
	});
});

describe('SAP Cloud ALM node: Task create, get, update, delete', () => {
	it('creates a task with every documented field, gets, updates and deletes it', async () => {
		const created = await runCalm(sim, {
			resource: 'task',
			operation: 'create',
			projectId: project,
			type: 'CALMUS',
			title: 'Enable SAP Cloud ALM API',
			additionalFields: {
				description: '<p>From ticket T-1</p>',
				priorityId: 10,
				dueDate: '2025-09-30T00:00:00',
				assigneeId: 'alice@example.com',
				externalId: 'T-1',
				storyPoints: 3,
			},
		});
		expect(created.status).toBe('success');
		const task = created.out[0];
		expect(task).toMatchObject({
			projectId: SEEDED_PROJECT,
			type: 'CALMUS',
			title: 'Enable SAP Cloud ALM API',
			description: '<p>From ticket T-1</p>',
			priorityId: 10,
			dueDate: '2025-09-30',
			assigneeId: 'alice@example.com',
			externalId: 'T-1',
			storyPoints: 3,
		});

		const got = await runCalm(sim, { resource: 'task', operation: 'get', taskId: task.id });
		expect(got.out).toEqual([expect.objectContaining({ id: task.id, externalId: 'T-1' })]);

		const updated = await runCalm(sim, {
			resource: 'task',
			operation: 'update',
			taskId: task.id,
			updateFields: { status: 'CIPUSINP', priorityId: 20, obsolete: false },
		});
		expect(updated.out[0]).toMatchObject({ id: task.id, status: 'CIPUSINP', priorityId: 20, title: 'Enable SAP Cloud ALM API' });
		expect(updated.calls).toEqual([{ method: 'PATCH', path: `/api/calm-tasks/v1/tasks/${task.id}`, status: 200 }]);

		const deleted = await runCalm(sim, { resource: 'task', operation: 'delete', taskId: task.id });
		expect(deleted.out).toEqual([{ id: task.id, deleted: true }]);
		expect(deleted.calls[0].status).toBe(204);
		expect(sim.context.state.calm.tasks.some((t) => t.id === task.id)).toBe(false);
	});

	it('creates a sub-task under its parent', async () => {
		const run = await runCalm(sim, {
			resource: 'task',
			operation: 'create',
			projectId: project,
			type: 'CALMST',
			title: 'Sub-step',
			additionalFields: { parentId: seededTaskId(1) },
		});
		expect(run.status).toBe('success');
		expect(run.out[0]).toMatchObject({ type: 'CALMST', parentId: seededTaskId(1) });
	});

	it.each([
		['a sub-task without parent', { type: 'CALMST', title: 'Orphan' }, 'A sub-task (type CALMST) needs a Parent Task ID'],
		['a parent on a non-sub-task', { type: 'CALMTASK', title: 'x', additionalFields: { parentId: 'p' } }, 'Parent Task ID is only for sub-tasks'],
		['an empty title', { type: 'CALMTASK', title: '  ' }, 'Title is empty'],
		['a due date that is no date', { type: 'CALMTASK', title: 'x', additionalFields: { dueDate: 'soon' } }, 'Due Date "soon" is not a date'],
	])('refuses %s before any call', async (_label, parameters, message) => {
		const run = await runCalm(sim, { resource: 'task', operation: 'create', projectId: project, ...parameters });
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain(message);
		expect(run.calls).toEqual([]);
		expect(run.tokensIssued).toBe(0);
	});

	it('refuses an update with nothing to change and an ID that is a path', async () => {
		const empty = await runCalm(sim, { resource: 'task', operation: 'update', taskId: seededTaskId(1), updateFields: {} });
		expect(empty.error?.message).toContain('Nothing to update');
		const traversal = await runCalm(sim, { resource: 'task', operation: 'get', taskId: '../../calm-projects/v1/projects' });
		expect(traversal.error?.message).toContain('is not an ID');
		expect([...empty.calls, ...traversal.calls]).toEqual([]);
	});

	it('a missing task is a 404 NodeApiError; Continue On Fail keeps the other items', async () => {
		const alone = await runCalm(sim, { resource: 'task', operation: 'get', taskId: 'no-such-task' });
		expect(alone.status).toBe('error');
		expect(alone.error?.httpCode).toBe('404');
		expect(alone.error?.message).toContain('Task no-such-task not found');

		const mixed = await runCalm(
			sim,
			{ resource: 'task', operation: 'get', taskId: '={{ $itemIndex === 1 ? "no-such-task" : $json.id }}' },
			{ feed: { resource: 'task', operation: 'list', projectId: project, limit: 3 }, continueOnFail: true },
		);
		expect(mixed.status).toBe('success');
		expect(mixed.out).toHaveLength(3);
		expect(mixed.out[0]).toMatchObject({ id: seededTaskId(1), description: null });
		expect(String(mixed.out[1].error)).toContain('Task no-such-task not found');
		expect(mixed.out[2]).toMatchObject({ id: seededTaskId(3), description: null });
		expect(mixed.paired).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(mixed.tokensIssued).toBe(1);
	});
});

describe('SAP Cloud ALM node: Task comments and references', () => {
	it('adds and lists comments', async () => {
		const taskId = seededTaskId(4);
		const added = await runCalm(
			sim,
			{ resource: 'task', operation: 'addComment', taskId, text: '={{ "Comment on " + $json.title }}' },
			{ feed: { resource: 'task', operation: 'list', projectId: project, limit: 2 } },
		);
		expect(added.out.map((c) => c.text)).toEqual(['Comment on Seeded task 1', 'Comment on Seeded task 2']);
		expect(added.paired).toEqual([{ item: 0 }, { item: 1 }]);

		const listed = await runCalm(sim, { resource: 'task', operation: 'listComments', taskId, returnAll: true });
		expect(listed.out.map((c) => c.text)).toEqual(['Comment on Seeded task 1', 'Comment on Seeded task 2']);
		const limited = await runCalm(sim, { resource: 'task', operation: 'listComments', taskId, limit: 1 });
		expect(limited.out).toHaveLength(1);
	});

	it('adds and lists references, refusing a non-http URL before any call', async () => {
		const taskId = seededTaskId(5);
		const added = await runCalm(sim, {
			resource: 'task',
			operation: 'addReference',
			taskId,
			name: 'Ticket',
			url: 'https://tickets.example.com/T-1',
		});
		expect(added.out[0]).toMatchObject({ taskId, name: 'Ticket', url: 'https://tickets.example.com/T-1' });

		const listed = await runCalm(sim, { resource: 'task', operation: 'listReferences', taskId, returnAll: true });
		expect(listed.out).toEqual([expect.objectContaining({ id: added.out[0].id, name: 'Ticket' })]);

		const bad = await runCalm(sim, { resource: 'task', operation: 'addReference', taskId, name: 'x', url: 'javascript:alert(1)' });
		expect(bad.error?.message).toContain('URL must be an http(s) address');
		expect(bad.calls).toEqual([]);
	});
});
