/**
 * SAP Cloud ALM node → Analytics over real HTTP against the simulator: providers, a provider's
 * filters/dimensions/measures, data points across OData pages, group-by, Count (per group from the
 * count measure, or distinct records), warnings for an order or a filter field the service ignores,
 * a 403 naming the scope, bad input refused before any call.
 */
import type { NodeExecutionHint } from 'n8n-workflow';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { useSimulator } from '../../../simulator/testkit';
import { NODE_NAME, SEEDED_PROJECT, queryOf, runCalm, type CalmRun } from './harness';

const sim = useSimulator();

const hintsOf = (run: CalmRun): NodeExecutionHint[] => run.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? [];

/** The seeded full-scope key gets analytics.read (and more) as an instance update would grant it. */
function grant(...scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
}

const v2 = { typeVersion: 2 };

beforeEach(() => {
	// two tagged tasks (the simulator reads `#words` of a title as tags), one of them a defect
	const tasks = sim.context.state.calm.tasks;
	tasks[0].title = 'Login #security #ui';
	tasks[1].title = 'Crash #ui';
	tasks[1].type = 'CALMDEF';
	tasks[1].status = 'CIPDFCTOPEN';
});

describe('SAP Cloud ALM node: Analytics', () => {
	it('a 403 names analytics.read; then, for Defects, the provider\'s own scope', async () => {
		const denied = await runCalm(sim, { resource: 'analytics', operation: 'listProviders', returnAll: true }, v2);
		expect(denied.status).toBe('error');
		expect(denied.error?.httpCode).toBe('403');
		expect(denied.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.analytics.read"');

		grant('calm-api.analytics.read');
		const defects = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Defects' }, v2);
		expect(defects.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.defects.read"');
		expect(defects.error?.message).not.toContain('analytics.read');
	});

	it('Get Many Providers and Get Provider (simplified and raw)', async () => {
		grant('calm-api.analytics.read');
		const providers = await runCalm(sim, { resource: 'analytics', operation: 'listProviders', returnAll: false, limit: 1 }, v2);
		expect(providers.out).toEqual([{ name: 'DP_TASKS', description: 'ALM Tasks' }]);

		const provider = await runCalm(sim, { resource: 'analytics', operation: 'getProvider', provider: 'DP_TASKS' }, v2);
		expect(provider.out).toEqual([
			{
				provider: 'DP_TASKS',
				filters: ['project', 'status', 'typeID', 'priority', 'processor'],
				dimensions: ['project', 'projectName', 'taskGUID', 'name', 'type', 'typeID', 'status', 'priority', 'processor', 'tag'],
				measures: ['counter', 'storyPoint'],
			},
		]);
		expect(provider.calls).toEqual([{ method: 'POST', path: '/api/calm-analytics/v1/analytics/providers/filters', status: 200 }]);
		const raw = await runCalm(sim, { resource: 'analytics', operation: 'getProvider', provider: 'DP_TASKS', simplify: false }, v2);
		expect((raw.out[0].filters as Array<{ key: string; values: unknown[] }>)[0]).toMatchObject({ key: 'project', type: 'attribute', values: [expect.any(Object)] });
	});

	it('Get Data: every data point across OData pages (13 for 12 tasks: one has two tags), group-by with measures, Limit', async () => {
		grant('calm-api.analytics.read');
		const all = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', groupBy: 'tag', returnAll: true }, v2);
		expect(all.out).toEqual([{ tag: 'security' }, { tag: 'ui' }, {}]);

		const points = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', returnAll: true }, v2);
		expect(points.out).toHaveLength(13);
		expect(points.calls.map((c) => c.status)).toEqual([200, 200, 200]);

		const grouped = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', groupBy: 'typeID', measures: 'counter', returnAll: true }, v2);
		expect(grouped.out).toEqual([
			{ typeID: 'CALMTASK', counter: 7 },
			{ typeID: 'CALMDEF', counter: 1 },
			{ typeID: 'CALMUS', counter: 4 },
		]);
		const limited = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', limit: 2 }, v2);
		expect(limited.out).toHaveLength(2);
		expect(queryOf(limited.calls[0].path)).toMatchObject({ $top: '2' });
	});

	it('Count: records per group from the count measure, records in total from the identity (not data points)', async () => {
		grant('calm-api.analytics.read');
		const perTag = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', count: true, groupBy: 'tag' }, v2);
		expect(perTag.out).toEqual([
			{ tag: null, count: 10 },
			{ tag: 'ui', count: 2 },
			{ tag: 'security', count: 1 },
		]);
		expect(queryOf(perTag.calls[0].path)).toEqual({ $filter: "period eq 'C1D' and resolution eq 'D'", $select: 'tag,counter' });

		const total = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', count: true, filters: { filter: [{ field: 'typeID', value: 'CALMUS' }] } }, v2);
		expect(total.out).toEqual([{ provider: 'Tasks', count: 4 }]);
		expect(queryOf(total.calls[0].path)).toEqual({ $count: 'true', $top: '0', $select: 'taskGUID', $filter: "typeID eq 'CALMUS' and period eq 'C1D' and resolution eq 'D'" });
		expect(hintsOf(total)).toEqual([]);
		expect(total.calls).toHaveLength(2);

		// a filter that leaves the count where it was is flagged (the service may have dropped it)
		const same = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', count: true, filters: { filter: [{ field: 'project', value: SEEDED_PROJECT }] } }, v2);
		expect(same.out).toEqual([{ provider: 'Tasks', count: 12 }]);
		expect(hintsOf(same).map((h) => h.message)).toEqual([expect.stringMatching(/counted 12 Tasks records with your filters and 12 without them/)]);

		// over four weekly buckets a task is four data points, and still one record
		const weeks = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', count: true, options: { period: 'L4W', resolution: 'W' } }, v2);
		expect(weeks.out).toEqual([{ provider: 'Tasks', count: 12 }]);
	});

	it('warns once when an order or a filter field is set that the service ignores, and names what to use', async () => {
		grant('calm-api.analytics.read');
		const run = await runCalm(
			sim,
			{
				resource: 'analytics',
				operation: 'getData',
				provider: 'Tasks',
				count: true,
				filters: { filter: [{ field: 'type', value: 'CALMUS' }] },
				options: { orderBy: 'counter desc' },
			},
			{ ...v2, feed: { resource: 'project', operation: 'list', returnAll: true } },
		);
		// the service dropped the filter: every task counted, and the user is told so
		expect(run.out).toEqual([{ provider: 'Tasks', count: 12 }]);
		expect(hintsOf(run).map((h) => [h.type, h.message])).toEqual([
			['warning', expect.stringMatching(/ignores any order \(\$orderby\), so Order By was not sent/)],
			['warning', expect.stringMatching(/cannot filter Tasks by type \(use typeID\).*NOT filtered by it/)],
		]);
		expect(run.calls.every((c) => !c.path.includes('orderby'))).toBe(true);
	});

	it("the SAP BTP node's Enable offers every scope these operations need", () => {
		const offered = CLOUD_ALM_SCOPES.map((s) => s.scope);
		for (const scope of ['calm-api.analytics.read', 'calm-api.tasks.read', 'calm-api.defects.read']) expect(offered).toContain(scope);
	});

	it('refuses bad input before any call, naming the field', async () => {
		grant('calm-api.analytics.read');
		const badProvider = await runCalm(sim, { resource: 'analytics', operation: 'getProvider', provider: '../tasks' }, v2);
		expect(badProvider.error?.message).toMatch(/Provider "..\/tasks" is not a provider name/);
		const badGroup = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Tasks', groupBy: "typeID,x' or 1" }, v2);
		expect(badGroup.error?.message).toMatch(/Group By: "x' or 1" is not a field name/);
		const unknownCount = await runCalm(sim, { resource: 'analytics', operation: 'getData', provider: 'Jobs', count: true }, v2);
		expect(unknownCount.error?.message).toMatch(/does not know the identity field of Jobs/);
		expect([...badProvider.calls, ...badGroup.calls, ...unknownCount.calls]).toEqual([]);
	});
});
