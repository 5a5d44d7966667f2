/**
 * SAP Cloud ALM node → Business Process (Process Authoring, CALM_PMGE `/businessProcesses`) over real HTTP against
 * the simulator: Get Many in `$top`/`$skip` pages (3 seeded + 100 added: pages of 100 and 3), Limit, the name filter;
 * Create adopting by name on a re-run (SAP's notebook: the name is "unique, mandatory"); Update and Delete with the
 * single GET's ETag as If-Match (or the ETag the user gives); 404 and 412 as NodeApiError; 403s naming the scope; bad input refused before any call.
 */
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { processAuthoring, seededBusinessProcessId } from '../../../simulator/services/calmProcessAuthoring';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../../../simulator/testkit';
import { locator, queryOf, runCalm } from './harness';

const sim = useSimulator();
const LEAD_TO_CASH = seededBusinessProcessId(2);

/** The binding's token holds exactly these process authoring scopes (e.g. 'processauthoring.read'). */
function grant(...scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes.filter((s) => !/\.processauthoring\./.test(s)), ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.${s}`)];
}

/** 100 more business processes in the simulator's world, so Get Many spans two pages of 100. */
function addBusinessProcesses(): void {
	const world = processAuthoring(sim.context);
	for (let n = 1; n <= 100; n++) {
		world.businessProcesses.push({ id: `b1a71000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Bulk business process ${n}`, description: '', version: 1 });
	}
}

const bp = (parameters: Record<string, unknown>) => runCalm(sim, { resource: 'businessProcess', ...parameters }, { typeVersion: 2 });

describe('SAP Cloud ALM node: Business Process', () => {
	it('a 403 names the authority to add: read on Get Many, write on Create, Update and Delete', async () => {
		grant();
		const list = await bp({ operation: 'list', returnAll: true });
		expect(list.error?.httpCode).toBe('403');
		expect(list.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.processauthoring.read"');
		grant('processauthoring.read');
		for (const parameters of [
			{ operation: 'create', name: 'Hire to Retire' },
			{ operation: 'update', businessProcessId: locator(LEAD_TO_CASH), updateFields: { description: 'x' } },
			{ operation: 'delete', businessProcessId: locator(LEAD_TO_CASH) },
		]) {
			const run = await bp(parameters);
			expect({ operation: parameters.operation, message: run.error?.message }).toEqual({
				operation: parameters.operation,
				message: expect.stringContaining('"$XSMASTERAPPNAME.calm-api.processauthoring.write"'),
			});
		}
		expect(processAuthoring(sim.context).businessProcesses.map((x) => x.name)).toEqual(['Idea to Market', 'Lead to Cash', 'Source to Pay']);
	});

	it('Get Many pages by $top/$skip (103: pages of 100 and 3); Limit sends $top; Name Contains on the pages read', async () => {
		grant('processauthoring.read');
		addBusinessProcesses();
		const all = await bp({ operation: 'list', returnAll: true });
		expect(all.out).toHaveLength(103);
		expect(new Set(all.out.map((x) => x.id)).size).toBe(103);
		expect(all.calls.map((c) => queryOf(c.path))).toEqual([
			{ $top: '100', $skip: '0' },
			{ $top: '100', $skip: '100' },
		]);
		const limited = await bp({ operation: 'list', limit: 2 });
		expect(limited.out.map((x) => x.name)).toEqual(['Idea to Market', 'Lead to Cash']);
		expect(limited.calls.map((c) => queryOf(c.path))).toEqual([{ $top: '2', $skip: '0' }]);
		const named = await bp({ operation: 'list', returnAll: true, filters: { nameContains: 'PROCESS 10' } });
		expect(named.out.map((x) => x.name)).toEqual(['Bulk business process 10', 'Bulk business process 100']);
		expect(named.calls).toHaveLength(2);
	});

	it('Create → re-run adopts by name → Get → Update with If-Match (read, or a stale ETag given: 412) → Delete', async () => {
		grant('processauthoring.read', 'processauthoring.write');
		const params = { operation: 'create', name: 'Hire to Retire', description: 'From n8n' };
		const made = await bp(params);
		expect(made.out[0]).toMatchObject({ name: 'Hire to Retire', description: 'From n8n', created: true });
		const again = await bp(params);
		expect(again.out[0]).toMatchObject({ id: made.out[0].id, created: false });
		expect(again.calls.map((c) => c.method)).toEqual(['GET']);
		expect(processAuthoring(sim.context).businessProcesses.filter((x) => x.name === 'Hire to Retire')).toHaveLength(1);

		const id = String(made.out[0].id);
		const got = await bp({ operation: 'get', businessProcessId: locator(id) });
		expect(got.out[0]).toEqual({ id, name: 'Hire to Retire', description: 'From n8n', etag: expect.any(String) });
		const updated = await bp({ operation: 'update', businessProcessId: locator(id), updateFields: { name: 'Hire to Retire (HR)' } });
		expect(updated.out[0]).toEqual({ id, name: 'Hire to Retire (HR)', description: 'From n8n' });
		// the simulator answers 428 without If-Match and 412 with a stale one: the PATCH carried the ETag the GET answered
		expect(updated.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'PATCH 200']);

		// the ETag Get returned is stale now: given as ETag, SAP's 412 reaches the user as NodeApiError and nothing changes
		const stale = await bp({ operation: 'update', businessProcessId: locator(id), etag: got.out[0].etag, updateFields: { name: 'Lost' } });
		expect(stale.error).toMatchObject({ httpCode: '412' });
		expect(stale.error?.description).toEqual(expect.stringContaining('Backend code: ETAG_NOT_MATCHING'));
		expect(stale.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['PATCH 412']);
		const staleDelete = await bp({ operation: 'delete', businessProcessId: locator(id), etag: got.out[0].etag });
		expect(staleDelete.error).toMatchObject({ httpCode: '412' });
		expect(staleDelete.error?.description).toEqual(expect.stringContaining('Backend code: PRECONDITION_FAILED'));
		const current = await bp({ operation: 'get', businessProcessId: locator(id) });
		expect(current.out[0]).toMatchObject({ name: 'Hire to Retire (HR)' });
		const guarded = await bp({ operation: 'update', businessProcessId: locator(id), etag: current.out[0].etag, updateFields: { description: 'Guarded' } });
		expect(guarded.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['PATCH 200']);

		const deleted = await bp({ operation: 'delete', businessProcessId: locator(id) });
		expect(deleted.out).toEqual([{ id, deleted: true }]);
		expect(deleted.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'DELETE 204']);
		expect(processAuthoring(sim.context).businessProcesses.some((x) => x.id === id)).toBe(false);
	});

	it('SAP errors surface as NodeApiError: 404, a name another business process has, one that custom processes still use', async () => {
		grant('processauthoring.read', 'processauthoring.write');
		const missing = await bp({ operation: 'get', businessProcessId: locator('b1a70000-0000-4000-8000-00000000ffff') });
		expect(missing.error).toMatchObject({ httpCode: '404', message: expect.stringContaining('not found') });
		expect(missing.error?.description).toEqual(expect.stringContaining('Step: SAP Cloud ALM GET /calm-processauthoring/v1/businessProcesses/'));
		const taken = await bp({ operation: 'update', businessProcessId: locator(LEAD_TO_CASH), updateFields: { name: 'Idea to Market' } });
		expect(taken.error).toMatchObject({ httpCode: '409', message: expect.stringContaining("named 'Idea to Market' already exists") });
		expect(taken.error?.description).toEqual(expect.stringContaining('Backend code: BUSINESS_PROCESS_NAME_NOT_UNIQUE'));
		const inUse = await bp({ operation: 'delete', businessProcessId: locator(LEAD_TO_CASH) });
		expect(inUse.error).toMatchObject({ httpCode: '409', message: expect.stringContaining('solution process') });
		expect(processAuthoring(sim.context).businessProcesses.some((x) => x.id === LEAD_TO_CASH)).toBe(true);
	});

	it('the simulator holds the notebook rules: a stale ETag answers 412 (ETAG_NOT_MATCHING on PATCH, PRECONDITION_FAILED on DELETE), a name is mandatory', async () => {
		grant('processauthoring.read', 'processauthoring.write');
		const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: UaaBlock };
		const api = new URL(key.endpoints.Api);
		const http = httpClient(api.origin, await fetchToken(key.uaa));
		const base = `${api.pathname.replace(/\/+$/, '')}/calm-processauthoring/v1/businessProcesses`;
		const made = await http.post(base, { name: 'Plan to Produce' });
		expect(made.status).toBe(201);
		const id = String(made.data.id);
		const etag = String(made.headers.etag);
		const stalePatch = await http.patch(`${base}/${id}`, { description: 'x' }, { headers: { 'if-match': 'W/"stale"' } });
		expect(stalePatch).toMatchObject({ status: 412, data: { error: { code: 'ETAG_NOT_MATCHING' } } });
		const patched = await http.patch(`${base}/${id}`, { description: 'x' }, { headers: { 'if-match': etag } });
		expect(patched.status).toBe(200);
		expect(patched.headers.etag).not.toBe(etag);
		const staleDelete = await http.delete(`${base}/${id}`, { headers: { 'if-match': etag } });
		expect(staleDelete).toMatchObject({ status: 412, data: { error: { code: 'PRECONDITION_FAILED' } } });
		expect((await http.post(base, { description: 'no name' })).status).toBe(400);
		expect((await http.post(base, { name: 'Plan to Produce' })).status).toBe(409);
		expect((await http.get(`${base}/$count`)).data).toBe(4);
	});

	it('bad input is refused before any call, naming the field', async () => {
		grant('processauthoring.read', 'processauthoring.write');
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'create', name: '  ' }, 'Name is empty'],
			[{ operation: 'create', name: 'N'.repeat(501) }, 'Name is 501 characters long; SAP Cloud ALM takes at most 500'],
			[{ operation: 'create', name: 'P', description: 'D'.repeat(5001) }, 'Description is 5001 characters long'],
			[{ operation: 'get', businessProcessId: locator('a/b', 'list') }, 'Business Process "a/b" is not an ID'],
			[{ operation: 'update', businessProcessId: locator(LEAD_TO_CASH), updateFields: {} }, 'Nothing to update'],
			[{ operation: 'list', limit: 0 }, 'Limit must be at least 1'],
		];
		for (const [parameters, message] of cases) {
			const run = await bp(parameters);
			expect({ parameters, message: run.error?.message, calls: run.calls }).toEqual({ parameters, message: expect.stringContaining(message), calls: [] });
		}
	});
});
