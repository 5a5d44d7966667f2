/**
 * SAP Cloud ALM node → Landscape Object (Get Many, Get, Get Properties, the picker) over real HTTP
 * against the simulator: paging across pages by offset/limit (and a server that ignores them),
 * SAP's filters as its query parameters, a 403 naming calm-api.landscape.read, bad input refused
 * before any call, a business service's properties refused before the call SAP would refuse.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { listSearch } from '../../../nodes/SapCloudAlm/methods';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { landscapeObjects } from '../../../simulator/services/calmLandscape';
import { useSimulator } from '../../../simulator/testkit';
import { loadOptionsContext, locator, queryOf, runCalm } from './harness';

// a test switches paging off; naming the switch here sets it back before each test
const sim = useSimulator({ profile: { calmLandscapePaging: 'honoured' } });
const v2 = { typeVersion: 2 };
const S4H = '9b2e0000-0000-4000-8000-000000000001';
const ORDER_TO_CASH = '7a1c0000-0000-4000-8000-000000000003';

function grantLandscapeRead() {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, `${CALM_XSMASTERAPPNAME}.calm-api.landscape.read`];
}

/** `n` more technical systems, named SYS000…, after the twelve seeded objects. */
function addSystems(n: number) {
	const objects = landscapeObjects(sim.context);
	for (let k = 0; k < n; k++) {
		objects.push({ ...objects[0], lmsId: `9b2e0000-0000-4000-8000-1${String(k).padStart(11, '0')}`, name: `SYS${String(k).padStart(3, '0')}`, role: 'Test' });
	}
}

describe('SAP Cloud ALM node: Landscape Object', () => {
	it("the SAP BTP node's Enable offers its scope", () => {
		expect(CLOUD_ALM_SCOPES.map((s) => s.scope)).toContain('calm-api.landscape.read');
	});

	it('a 403 names the authority to add', async () => {
		const run = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', returnAll: true }, v2);
		expect(run.status).toBe('error');
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.landscape.read"');
	});

	it('Get Many: Return All pages by offset/limit until a short page; Limit asks for exactly what it needs', async () => {
		grantLandscapeRead();
		addSystems(150);
		const all = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', returnAll: true }, v2);
		expect(all.out).toHaveLength(162);
		expect(new Set(all.out.map((o) => o.lmsId)).size).toBe(162);
		expect(all.calls.map((c) => queryOf(c.path))).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
		]);
		const limited = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', limit: 7 }, v2);
		expect(limited.out.map((o) => o.name)).toEqual(['S4H', 'S4Q', 'S4D', 'BWP', 'BWD', 'ECP', 'SMP']);
		expect(limited.calls.map((c) => queryOf(c.path))).toEqual([{ offset: '0', limit: '7' }]);
	});

	it('Get Many copes with a server that ignores limit/offset (profile calmLandscapePaging: ignored): one call, no duplicates', async () => {
		grantLandscapeRead();
		addSystems(150);
		sim.context.profile.calmLandscapePaging = 'ignored';
		const all = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', returnAll: true }, v2);
		expect([all.out.length, new Set(all.out.map((o) => o.lmsId)).size, all.calls.length]).toEqual([162, 162, 1]);
		const limited = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', limit: 3 }, v2);
		expect([limited.out.length, limited.calls.length]).toEqual([3, 1]);
	});

	it("Get Many: filters go to SAP as its query parameters and match SAP's objects", async () => {
		grantLandscapeRead();
		const run = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', returnAll: true, filters: { objectType: 'TechnicalSystem', role: 'Production' } }, v2);
		expect(queryOf(run.calls[0].path)).toEqual({ objectType: 'TechnicalSystem', role: 'Production', offset: '0', limit: '100' });
		expect(run.out.map((o) => o.name)).toEqual(['S4H', 'BWP', 'ECP', 'SMP']);
		const bySid = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', returnAll: true, filters: { name: 'S4H' } }, v2);
		expect(bySid.out).toEqual([expect.objectContaining({ lmsId: S4H, name: 'S4H', objectType: 'TechnicalSystem', deploymentModel: 'On-Premise' })]);
	});

	it('Get reads one object by lmsId; an unknown lmsId says so', async () => {
		grantLandscapeRead();
		const run = await runCalm(sim, { resource: 'landscapeObject', operation: 'get', lmsId: locator(S4H, 'list', 'S4H') }, v2);
		expect(run.out).toEqual([expect.objectContaining({ lmsId: S4H, name: 'S4H' })]);
		expect(run.calls.map((c) => queryOf(c.path))).toEqual([{ lmsId: S4H }]);
		const missing = await runCalm(sim, { resource: 'landscapeObject', operation: 'get', lmsId: locator('no-such-object') }, v2);
		expect(missing.error?.message).toBe('SAP Cloud ALM has no landscape object with lmsId "no-such-object"');
	});

	it("Get Properties: a system's properties; a business service is refused before the properties call", async () => {
		grantLandscapeRead();
		const run = await runCalm(sim, { resource: 'landscapeObject', operation: 'getProperties', lmsId: locator(S4H) }, v2);
		expect(run.out).toEqual([{ lmsId: S4H, name: 'S4H', objectType: 'TechnicalSystem', properties: expect.arrayContaining([{ name: 'SID', value: 'S4H' }]) }]);
		expect(run.calls.map((c) => c.path.split('?')[0])).toEqual(['/api/calm-landscape/v1/landscapeObjects', '/api/calm-landscape/v1/properties']);
		const service = await runCalm(sim, { resource: 'landscapeObject', operation: 'getProperties', lmsId: locator(ORDER_TO_CASH) }, v2);
		expect(service.error?.message).toBe('"Order to Cash" is a business service: SAP Cloud ALM keeps no properties for business services');
		expect(service.calls.map((c) => c.path.split('?')[0])).toEqual(['/api/calm-landscape/v1/landscapeObjects']);
	});

	it('refuses an empty object, a filter that is no text and a Limit below 1, before any call', async () => {
		grantLandscapeRead();
		const empty = await runCalm(sim, { resource: 'landscapeObject', operation: 'get', lmsId: locator('={{ "  " }}') }, v2);
		expect(empty.error?.message).toBe('Landscape Object is empty');
		expect(empty.error?.description).toContain('Field: Landscape Object');
		const notText = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', returnAll: true, filters: { name: '={{ { sid: "S4H" } }}' } }, v2);
		expect(notText.error?.message).toContain('Filters > Name');
		const noLimit = await runCalm(sim, { resource: 'landscapeObject', operation: 'list', limit: 0 }, v2);
		expect(noLimit.error?.message).toBe('Limit must be at least 1');
		expect([...empty.calls, ...notText.calls, ...noLimit.calls]).toEqual([]);
	});

	it('the picker finds objects by part of a name or by system number, page by page', async () => {
		grantLandscapeRead();
		addSystems(150);
		const ctx = await loadOptionsContext(sim.keys.cloudAlm, { parameters: { resource: 'landscapeObject', operation: 'get' }, typeVersion: 2, path: 'parameters.lmsId' });
		const s4 = await listSearch.searchLandscapeObjects.call(ctx, 's4');
		expect(s4.results.slice(0, 3)).toEqual([
			{ name: 'S4H (TechnicalSystem)', value: S4H },
			{ name: 'S4Q (TechnicalSystem)', value: '9b2e0000-0000-4000-8000-000000000002' },
			{ name: 'S4D (TechnicalSystem)', value: '9b2e0000-0000-4000-8000-000000000003' },
		]);
		const [s4h] = landscapeObjects(sim.context);
		expect((await listSearch.searchLandscapeObjects.call(ctx, s4h.systemNumber)).results[0]).toEqual({ name: 'S4H (TechnicalSystem)', value: S4H });
		// the last added system is on the second page: the first answer says where to go on
		const first = await listSearch.searchLandscapeObjects.call(ctx, 'SYS149');
		const found = first.results.length ? first : await listSearch.searchLandscapeObjects.call(ctx, 'SYS149', first.paginationToken);
		expect(found.results.map((r) => r.name)).toEqual(['SYS149 (TechnicalSystem)']);
	});
});
