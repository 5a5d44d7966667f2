/**
 * SAP Cloud ALM Analytics of the simulator over real HTTP: REST providers, a provider's filters
 * (dimensions, measures, filter values), aggregated data; the OData entity sets with rows as data
 * points (a record with two tags is two rows), `$select` aggregation, `$orderby` ignored, a `$filter`
 * on a field the provider does not honour dropped; scopes analytics.read + the provider's own.
 */
import type { AxiosInstance, AxiosResponse } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
let calm: AxiosInstance;

const A = '/calm-analytics/v1';

/** The seeded full-scope key's client gets these Cloud ALM scopes (what an instance update does in XSUAA). */
function grant(scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
}

async function connect() {
	const key = sim.keys.cloudAlm as { endpoints: { Api: string }; uaa: Record<string, unknown> };
	calm = httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

function expectError(res: AxiosResponse, status: number, message: RegExp) {
	expect(res.status).toBe(status);
	expect(res.data.error.message).toMatch(message);
}

/** Two of the 12 seeded tasks get tags (the simulator reads `#words` of the title), one becomes a defect. */
function tagTasks() {
	const tasks = sim.context.state.calm.tasks;
	tasks[0].title = 'Login #security #ui';
	tasks[1].title = 'Crash #ui';
	tasks[1].type = 'CALMDEF';
	tasks[1].status = 'CIPDFCTOPEN';
}

beforeEach(tagTasks);

describe('scopes: analytics.read, then the provider\'s own', () => {
	it('403 names analytics.read, then the provider scope; the providers list needs analytics.read only', async () => {
		await connect();
		expectError(await calm.get(`${A}/analytics/providers`), 403, /^Missing scope calm-api\.analytics\.read$/);
		expectError(await calm.get(`${A}/odata/v4/analytics/Tasks`), 403, /^Missing scope calm-api\.analytics\.read$/);
		grant(['calm-api.analytics.read']);
		await connect();
		expect((await calm.get(`${A}/analytics/providers`)).data.map((p: { name: string }) => p.name)).toEqual(['DP_TASKS', 'DP_DEFECTS']);
		// the full-scope key has tasks.read but not defects.read
		expect((await calm.get(`${A}/odata/v4/analytics/Tasks`)).status).toBe(200);
		expectError(await calm.get(`${A}/odata/v4/analytics/Defects`), 403, /^Missing scope calm-api\.defects\.read$/);
		expectError(await calm.post(`${A}/analytics/providers/filters`, { providerName: 'DP_DEFECTS', providerVersion: 'v1' }), 403, /calm-api\.defects\.read/);
		grant(['calm-api.defects.read']);
		await connect();
		expect((await calm.get(`${A}/odata/v4/analytics/Defects`)).data.value).toHaveLength(1);
	});
});

describe('REST providers', () => {
	beforeEach(async () => {
		grant(['calm-api.analytics.read', 'calm-api.defects.read']);
		await connect();
	});

	it('filters: filterable attributes with their values, dimensions, measures', async () => {
		const res = await calm.post(`${A}/analytics/providers/filters`, { providerName: 'DP_TASKS', providerVersion: 'v1' });
		expect(res.status).toBe(200);
		const byType = (t: string) => res.data.filter((f: { type: string }) => f.type === t).map((f: { key: string }) => f.key);
		expect(byType('attribute')).toEqual(['project', 'status', 'typeID', 'priority', 'processor']);
		expect(byType('measure')).toEqual(['counter', 'storyPoint']);
		expect(byType('dimension')).toContain('tag');
		const typeID = res.data.find((f: { key: string; type: string }) => f.key === 'typeID' && f.type === 'attribute');
		expect(typeID.values.map((v: { key: string }) => v.key).sort()).toEqual(['CALMDEF', 'CALMTASK', 'CALMUS']);
		expectError(await calm.post(`${A}/analytics/providers/filters`, { providerName: 'NOPE' }), 400, /Unknown provider 'NOPE'/);
	});

	it('data: one row per combination (a task with two tags counts in both), offset/limit, unknown filter keys dropped', async () => {
		const query = (extra: Record<string, unknown> = {}, filters: unknown[] = []) => ({
			format: 'table',
			timeRange: { semantic: 'C1D' },
			resolution: 'D',
			...extra,
			queries: [{ name: 'q', provider: 'DP_TASKS', columns: { dimensions: ['tag'], metrics: [{ measure: 'counter' }] }, filters }],
		});
		const res = await calm.post(`${A}/analytics/providers/data`, query());
		expect(res.data[0].columns).toEqual([{ text: 'tag', type: 'string' }, { text: 'counter', type: 'number' }]);
		expect(res.data[0].rows).toEqual([['security', 1], ['ui', 2], [null, 10]]);
		// 13 data points for 12 tasks
		expect(res.data[0].rows.reduce((n: number, r: [string, number]) => n + r[1], 0)).toBe(13);
		const page2 = await calm.post(`${A}/analytics/providers/data`, query({ offset: '1', limit: '1' }));
		expect(page2.data[0].rows).toEqual([['ui', 2]]);
		const filtered = await calm.post(`${A}/analytics/providers/data`, query({}, [{ key: 'TypeID', values: ['CALMDEF'] }]));
		expect(filtered.data[0].rows).toEqual([['ui', 1]]);
		const dropped = await calm.post(`${A}/analytics/providers/data`, query({}, [{ key: 'noSuchField', values: ['x'] }]));
		expect(dropped.data[0].rows).toEqual(res.data[0].rows);
		expectError(await calm.post(`${A}/analytics/providers/data`, { ...query(), format: 'time_series' }), 400, /format/);
	});
});

describe('OData entity sets', () => {
	beforeEach(async () => {
		grant(['calm-api.analytics.read']);
		await connect();
	});

	it('rows are data points; $select of dimensions + measure aggregates; identity + $count counts records', async () => {
		const all = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $count: 'true' } });
		expect(all.data['@odata.count']).toBe(13);
		expect(all.data.value).toHaveLength(5);
		expect(all.data['@odata.nextLink']).toContain('%24skiptoken=5');
		const byType = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'typeID,counter' } });
		expect(byType.data.value).toEqual([
			{ typeID: 'CALMTASK', counter: 7 },
			{ typeID: 'CALMDEF', counter: 1 },
			{ typeID: 'CALMUS', counter: 4 },
		]);
		const records = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'taskGUID', $count: 'true', $top: '0' } });
		expect(records.data['@odata.count']).toBe(12);
		expect(records.data.value).toEqual([]);
	});

	it('period and resolution: one row per bucket (L4W by week is four)', async () => {
		const res = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'taskGUID', $count: 'true', $top: '0', $filter: "period eq 'L4W' and resolution eq 'W'" } });
		expect(res.data['@odata.count']).toBe(12);
		const points = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'counter', $count: 'true', $top: '0', $filter: "period eq 'L4W' and resolution eq 'W'" } });
		expect(points.data['@odata.count']).toBe(4 * 12);
	});

	it('$orderby is ignored; a $filter on a field the provider does not honour is dropped; honoured ones apply', async () => {
		const plain = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'typeID,counter' } });
		const ordered = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'typeID,counter', $orderby: 'counter asc' } });
		expect(ordered.data.value).toEqual(plain.data.value);
		const byType = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'typeID,counter', $filter: "type eq 'CALMUS'" } });
		expect(byType.data.value).toEqual(plain.data.value);
		const byTypeID = await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'typeID,counter', $filter: "typeID eq 'CALMUS'" } });
		expect(byTypeID.data.value).toEqual([{ typeID: 'CALMUS', counter: 4 }]);
		expectError(await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $filter: "typeID eq 'A' or typeID eq 'B'" } }), 400, /eq <value> clauses joined by and/);
		expectError(await calm.get(`${A}/odata/v4/analytics/Tasks`, { params: { $select: 'nope' } }), 400, /'nope' does not exist/);
		expectError(await calm.get(`${A}/odata/v4/analytics/Nope`), 404, /Unknown provider/);
	});
});
