/**
 * The pickers (the "From List" mode of the Project, Task and Feature locators) run in n8n's
 * LoadOptionsContext, not in an execution: this drives the real context from n8n-core with the
 * runner's credentials helper, over HTTP against the simulator.
 */
import { listSearch } from '../../../nodes/SapCloudAlm/methods';
import { PICKER_PAGE_SIZE } from '../../../nodes/SapCloudAlm/methods/listSearch';
import { useSimulator } from '../../../simulator/testkit';
import { loadOptionsContext, queryOf, SEEDED_PROJECT, seededTaskId } from './harness';

const sim = useSimulator();

describe('SAP Cloud ALM node: project picker', () => {
	it('lists projects by name and filters them', async () => {
		const ctx = await loadOptionsContext(sim.keys.cloudAlm);
		const all = await listSearch.searchProjects.call(ctx);
		expect(all.results).toEqual([{ name: 'S/4HANA Implementation', value: SEEDED_PROJECT }]);
		expect((await listSearch.searchProjects.call(ctx, 's/4')).results).toHaveLength(1);
		expect((await listSearch.searchProjects.call(ctx, 'nothing like it')).results).toEqual([]);
	});

	it('surfaces an API error instead of an empty list', async () => {
		const key = JSON.parse(JSON.stringify(sim.keys.cloudAlmReadOnly));
		sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!.scopes = ['uaa.resource'];
		const ctx = await loadOptionsContext(key);
		await expect(listSearch.searchProjects.call(ctx)).rejects.toThrow('$XSMASTERAPPNAME.calm-api.projects.read');
	});
});

/** Cloud ALM requests the simulator logged since `since` (its sequence number). */
const callsSince = (since: number) =>
	sim.log
		.summary(since)
		.entries.filter((e) => e.service === 'cloudAlm')
		.map((e) => e.path);

const SECOND_PROJECT = '3c6a9d00-0000-4000-8000-0000000000f2';

/** A second project, "Alpha Rollout" (sorted before the seeded one), with `n` tasks. */
function alphaProject(n: number) {
	const calm = sim.context.state.calm;
	calm.projects.push({ id: SECOND_PROJECT, name: 'Alpha Rollout', status: 'O', createdAt: '2025-01-01T00:00:00.000Z', timeboxes: [] });
	for (let i = 0; i < n; i++) {
		calm.tasks.push({
			id: `7a000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			projectId: SECOND_PROJECT,
			title: i === n - 1 ? 'Needle in the last page' : `Alpha task ${i}`,
			type: 'CALMTASK',
			status: 'CIPTKOPEN',
			lastChangedDate: '2025-06-01T00:00:00.000Z',
			createdAt: '2025-06-01T00:00:00.000Z',
		});
	}
}

describe('SAP Cloud ALM node: task picker', () => {
	const taskCtx = async (key: unknown = sim.keys.cloudAlm) =>
		await loadOptionsContext(key, { parameters: { resource: 'task', operation: 'get' }, typeVersion: 2, path: 'parameters.taskId' });

	it('lists the tasks of the only project by title, and filters on title or exact ID', async () => {
		const ctx = await taskCtx();
		const all = await listSearch.searchTasks.call(ctx);
		expect(all.results).toHaveLength(12);
		expect(all.results[0]).toEqual({ name: 'Seeded task 1', value: seededTaskId(1) });
		expect(all.paginationToken).toBeUndefined();
		expect((await listSearch.searchTasks.call(ctx, 'TASK 1')).results.map((r) => r.name)).toEqual([
			'Seeded task 1',
			'Seeded task 10',
			'Seeded task 11',
			'Seeded task 12',
		]);
		expect((await listSearch.searchTasks.call(ctx, seededTaskId(7))).results).toEqual([
			{ name: 'Seeded task 7', value: seededTaskId(7) },
		]);
		expect((await listSearch.searchTasks.call(ctx, 'nothing like it')).results).toEqual([]);
	});

	it('goes project by project and page by page, naming the project when there are several', async () => {
		alphaProject(150);
		const ctx = await taskCtx();
		const since = sim.log.summary().lastSeq;
		const first = await listSearch.searchTasks.call(ctx);
		expect(first.results).toHaveLength(PICKER_PAGE_SIZE);
		expect(first.results[0]).toEqual({ name: 'Alpha task 0 (Alpha Rollout)', value: '7a000000-0000-4000-8000-000000000000' });
		expect(first.paginationToken).toBe('0:100');
		const second = await listSearch.searchTasks.call(ctx, undefined, first.paginationToken);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBe('1:0');
		const third = await listSearch.searchTasks.call(ctx, undefined, second.paginationToken);
		expect(third.results.map((r) => r.name)).toContain('Seeded task 12 (S/4HANA Implementation)');
		expect(third.results).toHaveLength(12);
		expect(third.paginationToken).toBeUndefined();
		const taskCalls = callsSince(since).filter((p) => p.includes('/tasks'));
		expect(taskCalls.map((p) => [queryOf(p).projectId, queryOf(p).offset, queryOf(p).limit])).toEqual([
			[SECOND_PROJECT, '0', '100'],
			[SECOND_PROJECT, '100', '100'],
			[SEEDED_PROJECT, '0', '100'],
		]);
	});

	it('a search reads on until something matches, then tells where to go on', async () => {
		alphaProject(150);
		const ctx = await taskCtx();
		const found = await listSearch.searchTasks.call(ctx, 'needle');
		expect(found.results).toEqual([{ name: 'Needle in the last page (Alpha Rollout)', value: '7a000000-0000-4000-8000-000000000149' }]);
		expect(found.paginationToken).toBe('1:0');
		expect((await listSearch.searchTasks.call(ctx, 'needle', found.paginationToken)).results).toEqual([]);
	});

	it('surfaces a missing scope instead of an empty list', async () => {
		const key = JSON.parse(JSON.stringify(sim.keys.cloudAlmReadOnly));
		sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!.scopes = ['uaa.resource'];
		await expect(listSearch.searchTasks.call(await taskCtx(key))).rejects.toThrow('$XSMASTERAPPNAME.calm-api.projects.read');
	});
});

describe('SAP Cloud ALM node: feature picker', () => {
	const featureCtx = async (key: unknown = sim.keys.cloudAlm) =>
		await loadOptionsContext(key, { parameters: { resource: 'feature', operation: 'get' }, typeVersion: 2, path: 'parameters.featureId' });
	const featureUuid = (n: number) => `5e8c1f00-0000-4000-8000-${String(n).padStart(12, '0')}`;

	it('lists features with their display ID, and filters on title, display ID or UUID', async () => {
		const ctx = await featureCtx();
		const since = sim.log.summary().lastSeq;
		const all = await listSearch.searchFeatures.call(ctx);
		expect(all.results).toHaveLength(7);
		expect(all.results[0]).toEqual({ name: 'Seeded feature 1 (6-1)', value: featureUuid(1) });
		expect(all.paginationToken).toBeUndefined();
		expect(callsSince(since).map(queryOf)).toEqual([{ $select: 'uuid,displayId,title', $top: '100', $skip: '0' }]);
		expect((await listSearch.searchFeatures.call(ctx, '6-3')).results).toEqual([{ name: 'Seeded feature 3 (6-3)', value: featureUuid(3) }]);
		expect((await listSearch.searchFeatures.call(ctx, 'FEATURE 5')).results.map((r) => r.value)).toEqual([featureUuid(5)]);
		expect((await listSearch.searchFeatures.call(ctx, featureUuid(2))).results.map((r) => r.value)).toEqual([featureUuid(2)]);
	});

	it('pages with $skip', async () => {
		const calm = sim.context.state.calm;
		for (let i = 8; i <= 150; i++) {
			calm.features.push({
				...calm.features[0],
				uuid: featureUuid(i),
				displayId: `6-${calm.nextFeatureNumber++}`,
				title: `Bulk feature ${i}`,
			});
		}
		const ctx = await featureCtx();
		const first = await listSearch.searchFeatures.call(ctx);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = await listSearch.searchFeatures.call(ctx, undefined, first.paginationToken);
		expect(second.results).toHaveLength(50);
		expect(second.results.at(-1)).toEqual({ name: 'Bulk feature 150 (6-150)', value: featureUuid(150) });
		expect(second.paginationToken).toBeUndefined();
	});

	it('surfaces a missing scope instead of an empty list', async () => {
		const key = JSON.parse(JSON.stringify(sim.keys.cloudAlmReadOnly));
		sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!.scopes = ['uaa.resource'];
		await expect(listSearch.searchFeatures.call(await featureCtx(key))).rejects.toThrow('$XSMASTERAPPNAME.calm-api.features.read');
	});
});
