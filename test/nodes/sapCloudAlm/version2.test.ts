/**
 * Version 2 of the SAP Cloud ALM node (n8n's UI conventions) over real HTTP against the simulator:
 * Task and Feature as resource locators (From List, By ID), the feature list's Project locator, the
 * defaults a new node gets, and that a version 1 workflow's plain strings send the same calls.
 */
import { listSearch } from '../../../nodes/SapCloudAlm/methods';
import { useSimulator } from '../../../simulator/testkit';
import { addTasks, loadOptionsContext, locator, queryOf, runCalm, SEEDED_PROJECT, seededTaskId } from './harness';

const sim = useSimulator();

const v2 = { typeVersion: 2 };
const featureUuid = (n: number) => `5e8c1f00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const TASKS = '/api/calm-tasks/v1/tasks';

describe('SAP Cloud ALM node version 2: Task locator', () => {
	it('By ID: get, update, comment, list comments and delete address the task', async () => {
		const task = locator(seededTaskId(3));
		const got = await runCalm(sim, { resource: 'task', operation: 'get', taskId: task }, v2);
		expect(got.status).toBe('success');
		expect(got.out).toEqual([expect.objectContaining({ id: seededTaskId(3), title: 'Seeded task 3' })]);

		const updated = await runCalm(sim, { resource: 'task', operation: 'update', taskId: task, updateFields: { status: 'CIPUSINP' } }, v2);
		expect(updated.out[0]).toMatchObject({ id: seededTaskId(3), status: 'CIPUSINP' });

		await runCalm(sim, { resource: 'task', operation: 'addComment', taskId: task, text: 'From version 2' }, v2);
		const comments = await runCalm(sim, { resource: 'task', operation: 'listComments', taskId: task }, v2);
		expect(comments.out.map((c) => c.text)).toEqual(['From version 2']);

		const deleted = await runCalm(sim, { resource: 'task', operation: 'delete', taskId: task }, v2);
		expect(deleted.out).toEqual([{ id: seededTaskId(3), deleted: true }]);
		expect([got, updated, comments, deleted].map((r) => r.calls[0])).toEqual([
			{ method: 'GET', path: `${TASKS}/${seededTaskId(3)}`, status: 200 },
			{ method: 'PATCH', path: `${TASKS}/${seededTaskId(3)}`, status: 200 },
			{ method: 'GET', path: `${TASKS}/${seededTaskId(3)}/comments`, status: 200 },
			{ method: 'DELETE', path: `${TASKS}/${seededTaskId(3)}`, status: 204 },
		]);
	});

	it('From List: the value the picker offers runs the operation', async () => {
		const ctx = await loadOptionsContext(sim.keys.cloudAlm, {
			parameters: { resource: 'task', operation: 'get' },
			typeVersion: 2,
			path: 'parameters.taskId',
		});
		const [picked] = (await listSearch.searchTasks.call(ctx, 'Seeded task 5')).results;
		const run = await runCalm(sim, { resource: 'task', operation: 'get', taskId: locator(String(picked.value), 'list', picked.name) }, v2);
		expect(run.out).toEqual([expect.objectContaining({ id: seededTaskId(5), title: 'Seeded task 5' })]);
	});

	it("a version 1 workflow's plain Task ID and the version 2 locator send the same calls", async () => {
		const v1 = await runCalm(sim, { resource: 'task', operation: 'listReferences', taskId: seededTaskId(2) });
		const v2run = await runCalm(sim, { resource: 'task', operation: 'listReferences', taskId: locator(seededTaskId(2)) }, v2);
		expect(v1.status).toBe('success');
		expect(v2run.calls).toEqual(v1.calls);
		expect(v2run.out).toEqual(v1.out);
	});

	it('By ID: n8n refuses a value that is not a UUID before the workflow starts', async () => {
		await expect(runCalm(sim, { resource: 'task', operation: 'get', taskId: locator('../projects') }, v2)).rejects.toThrow(
			'Not a task ID (a UUID)',
		);
		await expect(runCalm(sim, { resource: 'task', operation: 'get', taskId: locator('', 'list') }, v2)).rejects.toThrow(
			'Parameter "Task" is required.',
		);
		expect(sim.log.summary().entries.filter((e) => e.service === 'cloudAlm')).toEqual([]);
	});

	it('an expression is checked by the node before any call (n8n does not validate expressions)', async () => {
		const path = await runCalm(sim, { resource: 'task', operation: 'get', taskId: locator('={{ "../projects" }}') }, v2);
		expect(path.error?.message).toBe('Task ID "../projects" is not an ID (it contains /, \\, ? or #)');
		const empty = await runCalm(sim, { resource: 'task', operation: 'get', taskId: locator('={{ "" }}') }, v2);
		expect(empty.error?.message).toBe('Task ID is empty');
		expect([...path.calls, ...empty.calls]).toEqual([]);
	});
});

describe('SAP Cloud ALM node version 2: Feature locator', () => {
	it('By ID and From List address the feature; update sends the changed field only', async () => {
		const byId = await runCalm(sim, { resource: 'feature', operation: 'get', featureId: locator(featureUuid(4)) }, v2);
		expect(byId.out).toEqual([expect.objectContaining({ uuid: featureUuid(4), displayId: '6-4' })]);

		const ctx = await loadOptionsContext(sim.keys.cloudAlm, {
			parameters: { resource: 'feature', operation: 'update' },
			typeVersion: 2,
			path: 'parameters.featureId',
		});
		const [picked] = (await listSearch.searchFeatures.call(ctx, '6-6')).results;
		const updated = await runCalm(
			sim,
			{ resource: 'feature', operation: 'update', featureId: locator(String(picked.value), 'list', picked.name), updateFields: { statusCode: 'CIPFEATINP' } },
			v2,
		);
		expect(updated.out[0]).toMatchObject({ uuid: featureUuid(6), statusCode: 'CIPFEATINP' });
		expect(updated.calls).toEqual([{ method: 'PATCH', path: `/api/calm-features/v1/Features/${featureUuid(6)}`, status: 200 }]);
	});

	it("a version 1 workflow's plain Feature UUID still works", async () => {
		const run = await runCalm(sim, { resource: 'feature', operation: 'get', featureId: featureUuid(4) });
		expect(run.out).toEqual([expect.objectContaining({ uuid: featureUuid(4) })]);
	});
});

describe('SAP Cloud ALM node version 2: Feature > Get Many', () => {
	it('the Project locator (From List or By ID) filters on the project, combined with Filter', async () => {
		for (const project of [locator(SEEDED_PROJECT, 'list', 'S/4HANA Implementation'), locator(SEEDED_PROJECT)]) {
			const run = await runCalm(
				sim,
				{ resource: 'feature', operation: 'list', returnAll: true, projectId: project, options: { filter: "statusCode eq 'CIPFEATOPEN'" } },
				v2,
			);
			expect(run.status).toBe('success');
			expect(run.out).toHaveLength(7);
			expect(queryOf(run.calls[0].path)).toEqual({ $filter: `projectId eq '${SEEDED_PROJECT}' and (statusCode eq 'CIPFEATOPEN')` });
		}
	});

	it('without a project it lists the features of every project', async () => {
		const run = await runCalm(sim, { resource: 'feature', operation: 'list', returnAll: true }, v2);
		expect(run.out).toHaveLength(7);
		expect(queryOf(run.calls[0].path)).toEqual({});
	});

	it("version 1's Options > Project ID sends the same filter", async () => {
		const v1 = await runCalm(sim, { resource: 'feature', operation: 'list', returnAll: true, options: { projectId: SEEDED_PROJECT } });
		const v2run = await runCalm(sim, { resource: 'feature', operation: 'list', returnAll: true, projectId: locator(SEEDED_PROJECT) }, v2);
		expect(v2run.calls.map((c) => c.path)).toEqual(v1.calls.map((c) => c.path));
	});
});

describe('SAP Cloud ALM node version 2: defaults of a new node', () => {
	it('Get Many returns up to Limit (50) unless Return All is on, as in version 1', async () => {
		addTasks(sim, 100);
		const parameters = { resource: 'task', operation: 'list', projectId: locator(SEEDED_PROJECT) };
		for (const options of [v2, {}]) {
			const run = await runCalm(sim, parameters, options);
			expect(run.out).toHaveLength(50);
			expect(run.calls.map((c) => queryOf(c.path).limit)).toEqual(['50']);
		}
	});

	it('a node without resource and operation is Task > Get Many', async () => {
		const run = await runCalm(sim, { projectId: locator(SEEDED_PROJECT) }, v2);
		expect(run.status).toBe('success');
		expect(run.calls[0].path.split('?')[0]).toBe(TASKS);
	});
});
