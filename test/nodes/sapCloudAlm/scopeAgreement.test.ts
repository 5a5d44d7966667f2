/**
 * The scope a 403 names, two ways: the simulator's (each Cloud ALM route's `requireScope`, with its
 * SAP source in the service file) and the node's own (helpers/scopes.ts, used when SAP's 403 body
 * does not name one). Every route the simulator serves under `endpoints.Api` is called over real
 * HTTP with a token holding no calm-api scope; the scope its 403 names must be the one the node
 * would name for that method and path, and the SAP BTP node's Enable must offer it. A route the
 * node calls is one the simulator serves (the route table), so this walks every operation's calls.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { analyticsProviderScope, requiredScope } from '../../../nodes/SapCloudAlm/helpers/scopes';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { RequestLog } from '../../../simulator/http';
import { createServiceModules } from '../../../simulator/index';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../../../simulator/testkit';

const sim = useSimulator();

/** The Cloud ALM routes as the simulator registers them (what simulator/routeTable.ts lists). */
function calmRoutes(): Array<{ method: string; pattern: string }> {
	const modules = createServiceModules({
		log: new RequestLog(),
		reset: () => {
			throw new Error('not started');
		},
		keys: () => {
			throw new Error('not started');
		},
	});
	return modules.cloudAlm.router.routes.map((r) => ({ method: r.method, pattern: r.pattern }));
}

/** A concrete path for a pattern: any ID (the scope is checked before the object is looked up). */
const SAMPLE: Record<string, string> = {
	id: '3c6a9d00-0000-4000-8000-0000000000f1',
	uuid: '3c6a9d00-0000-4000-8000-0000000000f1',
	segment: 'Features(3c6a9d00-0000-4000-8000-0000000000f1)',
	entitySet: 'Tasks',
};
/**
 * Bodies for the routes that read the body before the scope: the analytics REST provider routes
 * check the scopes of the provider the body names (simulator/services/calmAnalytics.ts).
 */
const BODY: Record<string, unknown> = {
	'POST /api/calm-analytics/v1/analytics/providers/filters': { providerName: 'DP_TASKS' },
	'POST /api/calm-analytics/v1/analytics/providers/data': { format: 'table', queries: [{ provider: 'DP_TASKS' }] },
};
const concrete = (pattern: string) => pattern.replace(/:(\w+)/g, (_m, k: string) => SAMPLE[k] ?? 'x');

async function calmWith(scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: UaaBlock & { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes.filter((s) => !s.includes('.calm-api.')), ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
	const api = new URL(key.endpoints.Api);
	return { http: httpClient(api.origin, await fetchToken(key.uaa)), apiPath: api.pathname.replace(/\/+$/, '') };
}

describe('Cloud ALM scopes: the simulator and helpers/scopes.ts agree on every route', () => {
	it('every route answers a scope-less token with the 403 of the scope the node names, and Enable offers it', async () => {
		const routes = calmRoutes();
		expect(routes.length).toBeGreaterThan(50);
		const { http, apiPath } = await calmWith([]);
		const offered = CLOUD_ALM_SCOPES.map((s) => s.scope);
		const rows: string[] = [];
		for (const { method, pattern } of routes) {
			const path = concrete(pattern);
			expect(path.startsWith(`${apiPath}/`)).toBe(true);
			const res = await http.request({ method, url: path, data: BODY[`${method} ${pattern}`] ?? (method === 'GET' || method === 'DELETE' ? undefined : {}) });
			const named = /Missing scope (\S+)/.exec(String(res.data?.error?.message ?? ''))?.[1];
			const nodePath = path.slice(apiPath.length);
			const nodeScope = requiredScope(nodePath, method);
			if (res.status !== 403 || named !== nodeScope || !named || !offered.includes(named)) {
				rows.push(`${method} ${pattern}: simulator ${res.status} ${named ?? '(no scope)'}, node ${nodeScope}, Enable ${named && offered.includes(named) ? 'offers' : 'lacks'} it`);
			}
		}
		expect(rows).toEqual([]);
	});

	it("analytics: with calm-api.analytics.read, an OData provider's 403 names the provider's own scope, as the node does", async () => {
		const { http, apiPath } = await calmWith(['calm-api.analytics.read']);
		for (const entitySet of ['Tasks', 'Defects']) {
			const path = `/calm-analytics/v1/odata/v4/analytics/${entitySet}`;
			const res = await http.get(`${apiPath}${path}`);
			expect(res.status).toBe(403);
			expect(res.data.error.message).toBe(`Missing scope ${analyticsProviderScope(path)}`);
		}
	});
});
