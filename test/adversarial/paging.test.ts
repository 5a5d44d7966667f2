/**
 * Issue 12, weakness 7: misbehaving pagers. The SAP Cloud ALM node (and the SAP BTP node's Service
 * Manager lists) run in n8n's real engine with a key whose API URL is a small local server on
 * 127.0.0.2 (plain http to loopback is allowed); the token comes from the simulator's XSUAA. A
 * second local server on 127.0.0.3 stands for "another origin" and must never be asked anything.
 */
import type { IDataObject, NodeExecutionHint } from 'n8n-workflow';
import { MAX_PAGES } from '../../nodes/SapCloudAlm/helpers/paging';
import { SM_MAX_PAGES } from '../../nodes/SapBtp/api/serviceManager';
import { useSimulator } from '../../simulator/testkit';
import { runCalm, NODE_NAME as CALM_NODE, type CalmRun } from '../nodes/sapCloudAlm/harness';
import { runBtp, NODE_NAME as BTP_NODE, type BtpRun } from '../nodes/sapBtp/harness';
import { startLocalServer, type Handler, type LocalServer } from './misbehavingServer';

const sim = useSimulator();
let api: LocalServer;
let elsewhere: LocalServer;
let behaviour: Handler;

beforeAll(async () => {
	api = await startLocalServer('127.0.0.2', (req, url, seen) => behaviour(req, url, seen));
	elsewhere = await startLocalServer('127.0.0.3', () => ({ body: { value: [{ id: 'stolen' }] } }));
});
afterAll(async () => {
	await api?.stop();
	await elsewhere?.stop();
});
beforeEach(() => {
	api.seen.length = 0;
	elsewhere.seen.length = 0;
});

const FEATURES = '/api/calm-features/v1/Features';
const calmKey = () => ({ ...sim.keys.cloudAlm, endpoints: { Api: `${api.origin}/api` } });
const listFeatures = async (extra: IDataObject = { returnAll: true }) =>
	await runCalm(sim, { resource: 'feature', operation: 'list', ...extra }, { key: calmKey() });
const hintsOf = (run: CalmRun | BtpRun, node: string): NodeExecutionHint[] => run.run.data.resultData.runData[node]?.[0]?.hints ?? [];
const item = (n: number) => ({ id: `f-${n}`, title: `Feature ${n}` });

describe('OData @odata.nextLink (SAP Cloud ALM features)', () => {
	it('an always-new nextLink with empty pages stops at the first empty page (Return All), saying so', async () => {
		behaviour = (_req, _url, seen) => ({
			body: { value: seen.length === 1 ? [item(1), item(2)] : [], '@odata.nextLink': `Features?$skiptoken=${seen.length}` },
		});
		const run = await listFeatures();
		expect(run.status).toBe('success');
		expect(run.out.map((f) => f.id)).toEqual(['f-1', 'f-2']);
		expect(api.seen.map((r) => r.url)).toEqual([FEATURES, `${FEATURES}?$skiptoken=1`]);
		expect(hintsOf(run, CALM_NODE)).toEqual([
			{
				message:
					'SAP Cloud ALM sent an empty page with a next-page link (GET /calm-features/v1/Features); the node stopped there with 2 items.',
				type: 'warning',
				location: 'outputPane',
			},
		]);
	});

	it('the same with Limit: 2 requests, not one per empty page', async () => {
		behaviour = (_req, _url, seen) => ({ body: { value: seen.length === 1 ? [item(1)] : [], '@odata.nextLink': `Features?$skiptoken=${seen.length}` } });
		const run = await listFeatures({ returnAll: false, limit: 5 });
		expect(run.out.map((f) => f.id)).toEqual(['f-1']);
		expect(api.seen).toHaveLength(2);
		expect(hintsOf(run, CALM_NODE).map((h) => h.message)).toEqual([
			'SAP Cloud ALM sent an empty page with a next-page link (GET /calm-features/v1/Features); the node stopped there with 1 item.',
		]);
	});

	it('an empty first page with a nextLink: no items, one request, a hint', async () => {
		behaviour = (_req, _url, seen) => ({ body: { value: [], '@odata.nextLink': `Features?$skiptoken=${seen.length}` } });
		const run = await listFeatures();
		expect(run.out).toEqual([]);
		expect(api.seen).toHaveLength(1);
		expect(hintsOf(run, CALM_NODE)).toHaveLength(1);
	});

	it('a nextLink pointing to the page itself: fetched once, output once', async () => {
		behaviour = () => ({ body: { value: [item(1), item(2)], '@odata.nextLink': `${api.origin}${FEATURES}` } });
		const run = await listFeatures();
		expect(run.out.map((f) => f.id)).toEqual(['f-1', 'f-2']);
		expect(api.seen).toHaveLength(1);
		expect(hintsOf(run, CALM_NODE).map((h) => h.message)).toEqual([
			'SAP Cloud ALM sent a next-page link to a page it already sent (GET /calm-features/v1/Features); the node did not fetch it again and returns 2 items.',
		]);
	});

	it('a nextLink back to a page already fetched, its query in another order: not fetched again', async () => {
		behaviour = (_req, url) =>
			url.search
				? { body: { value: [item(2)], '@odata.nextLink': 'Features?b=2&a=1' } }
				: { body: { value: [item(1)], '@odata.nextLink': 'Features?a=1&b=2' } };
		const run = await listFeatures();
		expect(run.out.map((f) => f.id)).toEqual(['f-1', 'f-2']);
		expect(api.seen.map((r) => r.url)).toEqual([FEATURES, `${FEATURES}?a=1&b=2`]);
		expect(hintsOf(run, CALM_NODE).map((h) => h.message)).toEqual([
			'SAP Cloud ALM sent a next-page link to a page it already sent (GET /calm-features/v1/Features); the node did not fetch it again and returns 2 items.',
		]);
	});

	it('a new nextLink that answers the first page again: its items are not output twice', async () => {
		behaviour = (_req, url) =>
			url.searchParams.get('$skip') === '2'
				? { body: { value: [item(3)], '@odata.nextLink': 'Features?$top=2&$skip=0' } }
				: { body: { value: [item(1), item(2)], '@odata.nextLink': 'Features?$top=2&$skip=2' } };
		const run = await listFeatures();
		expect(run.out.map((f) => f.id)).toEqual(['f-1', 'f-2', 'f-3']);
		expect(api.seen.map((r) => r.url)).toEqual([FEATURES, `${FEATURES}?$top=2&$skip=2`, `${FEATURES}?$top=2&$skip=0`]);
		expect(hintsOf(run, CALM_NODE).map((h) => h.message)).toEqual([
			'SAP Cloud ALM sent the same page again under another next-page link (GET /calm-features/v1/Features); the node stopped there with 3 items.',
		]);
	});

	it('a nextLink cycle between two pages (with a $filter): stops when the first page comes back, every item once', async () => {
		behaviour = (_req, url) =>
			url.searchParams.get('p') === 'b'
				? { body: { value: [item(2)], '@odata.nextLink': 'Features?p=a' } }
				: { body: { value: [item(1)], '@odata.nextLink': 'Features?p=b' } };
		const run = await listFeatures({ returnAll: true, options: { projectId: 'x' } });
		expect(api.seen.map((r) => new URL(r.url, api.origin).searchParams.get('p'))).toEqual([null, 'b', 'a']);
		expect(run.out.map((f) => f.id)).toEqual(['f-1', 'f-2']);
		expect(hintsOf(run, CALM_NODE)).toHaveLength(1);
	});

	it('a nextLink to another origin is refused: the other server is never asked, the token never sent there', async () => {
		behaviour = () => ({ body: { value: [item(1)], '@odata.nextLink': `${elsewhere.origin}${FEATURES}?$skiptoken=2` } });
		const run = await listFeatures();
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			`SAP Cloud ALM sent a next-page link outside endpoints.Api (${elsewhere.origin}${FEATURES}?$skiptoken=2); it was not followed so the token stays on the Cloud ALM host`,
		);
		expect(api.seen).toHaveLength(1);
		expect(elsewhere.seen).toEqual([]);
	});

	it('a relative nextLink climbing out of endpoints.Api (../../..) is refused', async () => {
		behaviour = () => ({ body: { value: [item(1)], '@odata.nextLink': '../../../admin/keys' } });
		const run = await listFeatures();
		expect(run.error?.message).toBe(
			'SAP Cloud ALM sent a next-page link outside endpoints.Api (../../../admin/keys); it was not followed so the token stays on the Cloud ALM host',
		);
		expect(api.seen.map((r) => r.url)).toEqual([FEATURES]);
	});

	it(`an always-new nextLink with non-empty pages stops after ${MAX_PAGES} pages, saying so`, async () => {
		behaviour = (_req, _url, seen) => ({ body: { value: [item(seen.length)], '@odata.nextLink': `Features?$skiptoken=${seen.length}` } });
		const run = await listFeatures();
		expect(run.status).toBe('success');
		expect(api.seen).toHaveLength(MAX_PAGES);
		expect(run.out).toHaveLength(MAX_PAGES);
		expect(hintsOf(run, CALM_NODE).map((h) => h.message)).toEqual([
			`SAP Cloud ALM: GET /calm-features/v1/Features stopped after ${MAX_PAGES} pages (${MAX_PAGES} items), the most the node follows; the list may be longer. Narrow it with a filter or use Limit.`,
		]);
	});

	it('neighbour: a well-behaved server (3 pages, last without nextLink) gives every item once and no hint', async () => {
		behaviour = (_req, url) => {
			const skip = Number(url.searchParams.get('$skip') ?? 0);
			const value = [item(skip + 1), item(skip + 2)].filter((f) => Number(f.id.slice(2)) <= 5);
			return { body: { value, ...(skip + 2 < 5 ? { '@odata.nextLink': `Features?$skip=${skip + 2}` } : {}) } };
		};
		const run = await listFeatures();
		expect(run.out.map((f) => f.id)).toEqual(['f-1', 'f-2', 'f-3', 'f-4', 'f-5']);
		expect(api.seen).toHaveLength(3);
		expect(hintsOf(run, CALM_NODE)).toEqual([]);
		expect(api.seen.every((r) => r.authorization)).toBe(true);
	});
});

describe('offset/limit paging (SAP Cloud ALM tasks)', () => {
	const PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';
	const listTasks = async () =>
		await runCalm(sim, { resource: 'task', operation: 'list', projectId: { __rl: true, mode: 'id', value: PROJECT }, returnAll: true }, { key: calmKey() });

	it(`a server whose pages never end (always full, always new) stops after ${MAX_PAGES} pages, saying so`, async () => {
		behaviour = (_req, url) => {
			const offset = Number(url.searchParams.get('offset'));
			return { body: Array.from({ length: Number(url.searchParams.get('limit')) }, (_, n) => ({ id: `t-${offset + n}` })) };
		};
		const run = await listTasks();
		expect(run.status).toBe('success');
		expect(api.seen).toHaveLength(MAX_PAGES);
		expect(run.out).toHaveLength(MAX_PAGES * 100);
		expect(hintsOf(run, CALM_NODE).map((h) => h.message)).toEqual([
			`SAP Cloud ALM: GET /calm-tasks/v1/tasks stopped after ${MAX_PAGES} pages (${MAX_PAGES * 100} items), the most the node follows; the list may be longer. Narrow it with a filter or use Limit.`,
		]);
	});

	it('neighbour: an empty page ends the list without a hint', async () => {
		behaviour = (_req, url) => ({ body: Number(url.searchParams.get('offset')) === 0 ? Array.from({ length: 100 }, (_, n) => ({ id: `t-${n}` })) : [] });
		const run = await listTasks();
		expect(run.out).toHaveLength(100);
		expect(api.seen).toHaveLength(2);
		expect(hintsOf(run, CALM_NODE)).toEqual([]);
	});
});

describe('Service Manager `token` paging (SAP BTP node)', () => {
	const smKey = () => ({ ...sim.keys.serviceManager, sm_url: api.origin });
	const instance = (n: number) => ({ id: `0000000${n}-0000-4000-8000-000000000000`, name: `i-${n}`, platform_id: 'service-manager' });
	const listInstances = async () =>
		await runBtp(sim, { resource: 'serviceInstance', operation: 'list', serviceManagerAccess: 'serviceManagerCredential', returnAll: true }, { smKey: smKey() });

	it('an always-new token with empty pages stops at the first empty page, saying so', async () => {
		behaviour = (_req, _url, seen) => ({ body: { items: seen.length === 1 ? [instance(1)] : [], token: `t${seen.length}`, num_items: 99 } });
		const run = await listInstances();
		expect(run.error).toBeUndefined();
		expect(run.out.map((i) => i.name)).toEqual(['i-1']);
		expect(api.seen).toHaveLength(2);
		expect(hintsOf(run, BTP_NODE).map((h) => h.message)).toEqual([
			'Service Manager sent an empty page with a next-page token (GET /v1/service_instances); the node stopped there with 1 item.',
		]);
	});

	it('a token sent again: that page is not fetched twice', async () => {
		behaviour = (_req, url) =>
			url.searchParams.get('token') === 'b'
				? { body: { items: [instance(2)], token: 'b' } }
				: { body: { items: [instance(1)], token: 'b' } };
		const run = await listInstances();
		expect(run.out.map((i) => i.name)).toEqual(['i-1', 'i-2']);
		expect(api.seen.map((r) => new URL(r.url, api.origin).searchParams.get('token'))).toEqual([null, 'b']);
		expect(hintsOf(run, BTP_NODE).map((h) => h.message)).toEqual([
			'Service Manager sent a next-page token it had sent before (GET /v1/service_instances); the node did not fetch that page again and stopped with 2 items.',
		]);
	});

	it(`an always-new token with non-empty pages stops after ${SM_MAX_PAGES} pages`, async () => {
		behaviour = (_req, _url, seen) => ({ body: { items: [instance(seen.length % 10)], token: `t${seen.length}` } });
		const run = await listInstances();
		expect(run.error).toBeUndefined();
		expect(api.seen).toHaveLength(SM_MAX_PAGES);
		expect(hintsOf(run, BTP_NODE).map((h) => h.message)).toEqual([
			`Service Manager: GET /v1/service_instances stopped after ${SM_MAX_PAGES} pages (${SM_MAX_PAGES} items), the most the node follows; the list may be longer. Narrow it with a field or label query.`,
		]);
	});
});
