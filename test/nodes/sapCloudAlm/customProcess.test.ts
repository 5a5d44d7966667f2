/**
 * SAP Cloud ALM node → Custom Process (Process Authoring, CALM_PMGE) over real HTTP against the simulator:
 * Get Many in `$top`/`$skip` pages (105 seeded: pages of 100 and 5), Limit, the external ID / business process /
 * status filters; Get; Create adopting by external ID and by name; Update with the ETag as If-Match, a published
 * process through a draft; Publish replacing the published process; Delete; a 404 as NodeApiError; 403s naming
 * the scope; the pickers; bad input refused before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { searchBusinessProcesses, searchCustomProcesses } from '../../../nodes/SapCloudAlm/methods';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { processAuthoring, seededBusinessProcessId, seededCustomProcessId, SEEDED_CUSTOM_PROCESSES } from '../../../simulator/services/calmProcessAuthoring';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../../../simulator/testkit';
import { loadOptionsContext, locator, queryOf, runCalm } from './harness';

const sim = useSimulator();
const IDEA_TO_MARKET = seededBusinessProcessId(1);
const LEAD_TO_CASH = seededBusinessProcessId(2);
/** seeded custom process 1 is published (every fifth from the first), 2 is a draft */
const PUBLISHED = seededCustomProcessId(1);
const DRAFT = seededCustomProcessId(2);

/** The binding's token holds exactly these process authoring scopes (e.g. 'processauthoring.read'). */
function grant(...scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes.filter((s) => !/\.processauthoring\./.test(s)), ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.${s}`)];
}

const custom = (parameters: Record<string, unknown>) => runCalm(sim, { resource: 'customProcess', ...parameters }, { typeVersion: 2 });
const pathOf = (c: { path: string }) => c.path.split('?')[0].replace('/api/calm-processauthoring/v1', '');

describe('SAP Cloud ALM node: Custom Process', () => {
	it("the SAP BTP node's Enable offers its scopes; a 403 names the authority to add, per method", async () => {
		const offered = CLOUD_ALM_SCOPES.map((s) => s.scope);
		expect(offered).toEqual(expect.arrayContaining(['calm-api.processauthoring.read', 'calm-api.processauthoring.write']));
		grant();
		const list = await custom({ operation: 'list', returnAll: true });
		expect(list.error?.httpCode).toBe('403');
		expect(list.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.processauthoring.read"');
		grant('processauthoring.read');
		const create = await custom({ operation: 'create', name: 'P', businessProcessId: locator(IDEA_TO_MARKET) });
		expect(create.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.processauthoring.write"');
		const del = await custom({ operation: 'delete', customProcessId: locator(DRAFT) });
		expect(del.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.processauthoring.write"');
		expect(processAuthoring(sim.context).solutionProcesses).toHaveLength(SEEDED_CUSTOM_PROCESSES);
	});

	it('Get Many pages by $top/$skip (105: pages of 100 and 5) without $count; Limit sends $top; the filters', async () => {
		grant('processauthoring.read');
		const all = await custom({ operation: 'list', returnAll: true });
		expect(all.out).toHaveLength(SEEDED_CUSTOM_PROCESSES);
		expect(new Set(all.out.map((p) => p.id)).size).toBe(SEEDED_CUSTOM_PROCESSES);
		expect(all.calls.map((c) => queryOf(c.path))).toEqual([
			{ $top: '100', $skip: '0' },
			{ $top: '100', $skip: '100' },
		]);
		const limited = await custom({ operation: 'list', limit: 3 });
		expect(limited.out.map((p) => p.id)).toEqual([seededCustomProcessId(1), seededCustomProcessId(2), seededCustomProcessId(3)]);
		expect(limited.calls.map((c) => queryOf(c.path))).toEqual([{ $top: '3', $skip: '0' }]);
		const byExternalId = await custom({ operation: 'list', returnAll: true, filters: { externalId: 'CP-007' } });
		expect(byExternalId.out).toEqual([expect.objectContaining({ id: seededCustomProcessId(7), externalId: 'CP-007' })]);
		expect(queryOf(byExternalId.calls[0].path)).toMatchObject({ externalId: 'CP-007' });
		const published = await custom({ operation: 'list', returnAll: true, filters: { businessProcessId: LEAD_TO_CASH, status: 'ACTIVE' } });
		// processes 2, 5, 8, … are of Lead to Cash; 1, 6, 11, … are published: 11, 26, 41, 56, 71, 86, 101
		expect(published.out.map((p) => p.externalId)).toEqual(['CP-011', 'CP-026', 'CP-041', 'CP-056', 'CP-071', 'CP-086', 'CP-101']);
		const limitedFiltered = await custom({ operation: 'list', limit: 2, filters: { status: 'ACTIVE' } });
		expect(limitedFiltered.out.map((p) => p.externalId)).toEqual(['CP-001', 'CP-006']);
	});

	it('Get returns the process; an unknown ID surfaces as NodeApiError with the 404', async () => {
		grant('processauthoring.read');
		const got = await custom({ operation: 'get', customProcessId: locator(DRAFT) });
		expect(got.out[0]).toMatchObject({ id: DRAFT, status: 'DRAFT', businessProcess: { id: LEAD_TO_CASH } });
		const missing = await custom({ operation: 'get', customProcessId: locator('c5a70000-0000-4000-8000-00000000ffff') });
		// NodeApiError's shape: the HTTP code, SAP's message, the step and the backend code
		expect(missing.error).toMatchObject({ httpCode: '404', message: expect.stringContaining('not found') });
		expect(missing.error?.description).toEqual(expect.stringContaining('Step: SAP Cloud ALM GET /calm-processauthoring/v1/solutionProcesses/'));
		expect(missing.error?.description).toEqual(expect.stringContaining('Backend code: 404'));
	});

	it('Create, re-run adopts (by external ID, by name); Update with If-Match; Publish; Delete', async () => {
		grant('processauthoring.read', 'processauthoring.write');
		const params = { operation: 'create', name: 'Quote to Order', businessProcessId: locator(LEAD_TO_CASH), additionalFields: { externalId: 'N8N-1', countries: 'DE, FR' } };
		const made = await custom(params);
		expect(made.out[0]).toMatchObject({ name: 'Quote to Order', status: 'DRAFT', countries: 'DE, FR', externalId: 'N8N-1', created: true, businessProcess: { id: LEAD_TO_CASH } });
		const again = await custom(params);
		expect(again.out[0]).toMatchObject({ id: made.out[0].id, created: false });
		expect(again.calls.map((c) => c.method)).toEqual(['GET']);
		const noKey = { operation: 'create', name: 'Returns', businessProcessId: locator(IDEA_TO_MARKET) };
		const first = await custom(noKey);
		expect(first.out[0]).toMatchObject({ created: true, countries: 'XX' });
		const second = await custom(noKey);
		expect(second.out[0]).toMatchObject({ id: first.out[0].id, created: false });
		expect(second.calls.every((c) => c.method === 'GET')).toBe(true);

		const id = String(made.out[0].id);
		const updated = await custom({ operation: 'update', customProcessId: locator(id), updateFields: { description: 'From n8n', businessProcessId: IDEA_TO_MARKET } });
		expect(updated.out[0]).toMatchObject({ id, description: 'From n8n', name: 'Quote to Order', draftCreated: false, businessProcess: { id: IDEA_TO_MARKET } });
		expect(updated.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'PATCH 200']);

		const published = await custom({ operation: 'publish', customProcessId: locator(id) });
		expect(published.out[0]).toMatchObject({ id, status: 'ACTIVE' });

		// a published process is changed through a draft (SAP's upload sample), which Publish puts in its place
		const viaDraft = await custom({ operation: 'update', customProcessId: locator(id), updateFields: { name: 'Quote to Order v2' } });
		expect(viaDraft.out[0]).toMatchObject({ name: 'Quote to Order v2', status: 'DRAFT', draftCreated: true, externalId: 'N8N-1' });
		expect(viaDraft.calls.map((c) => `${c.method} ${pathOf(c).split('/')[1]}`)).toEqual([
			'GET solutionProcesses',
			'GET solutionProcesses', // drafts of its External ID: none yet
			'POST createDraftSolutionProcess',
			'GET solutionProcesses',
			'PATCH solutionProcesses',
		]);
		const draftId = String(viaDraft.out[0].id);
		expect(draftId).not.toBe(id);
		// the same Update again (a re-run) patches that draft, found by the External ID, instead of making a second one
		const rerun = await custom({ operation: 'update', customProcessId: locator(id), updateFields: { name: 'Quote to Order v2' } });
		expect(rerun.out[0]).toMatchObject({ id: draftId, name: 'Quote to Order v2', status: 'DRAFT', draftCreated: false });
		expect(rerun.calls.map((c) => `${c.method} ${pathOf(c).split('/')[1]}`)).toEqual([
			'GET solutionProcesses',
			'GET solutionProcesses',
			'GET solutionProcesses',
			'PATCH solutionProcesses',
		]);
		expect(processAuthoring(sim.context).solutionProcesses.filter((p) => p.externalId === 'N8N-1')).toHaveLength(2);
		const replaced = await custom({ operation: 'publish', customProcessId: locator(draftId) });
		expect(replaced.out[0]).toMatchObject({ id, name: 'Quote to Order v2', status: 'ACTIVE' });

		const deleted = await custom({ operation: 'delete', customProcessId: locator(id) });
		expect(deleted.out).toEqual([{ id, deleted: true }]);
		expect(deleted.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'DELETE 204']);
		expect(processAuthoring(sim.context).solutionProcesses.some((p) => p.id === id || p.id === draftId)).toBe(false);
	});

	it('the simulator holds SAP rules: a stale ETag answers 412, a published process is not patched directly, /$count counts', async () => {
		grant('processauthoring.read', 'processauthoring.write');
		const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: UaaBlock };
		const api = new URL(key.endpoints.Api);
		const http = httpClient(api.origin, await fetchToken(key.uaa));
		const base = `${api.pathname.replace(/\/+$/, '')}/calm-processauthoring/v1/solutionProcesses`;
		const patch = (id: string, etag?: string) => http.patch(`${base}/${id}`, { name: 'x' }, { headers: etag ? { 'if-match': etag } : {} });
		const stale = await patch(DRAFT, 'W/"stale"');
		expect(stale.status).toBe(412);
		expect(stale.data).toMatchObject({ error: { code: 'ETAG_NOT_MATCHING' } });
		expect((await patch(DRAFT)).status).toBe(428);
		const current = String((await http.get(`${base}/${PUBLISHED}`)).headers.etag);
		expect((await patch(PUBLISHED, current)).status).toBe(409);
		// paging options: $orderby on one field (calmcp sends it), no $count=true (SAP's samples count with /$count)
		const byName = await http.get(`${base}?$orderby=name desc&$top=2`);
		expect(byName.data.value.map((p: { name: string }) => p.name)).toEqual(['Source to Pay custom process 99', 'Source to Pay custom process 96']);
		expect((await http.get(`${base}?$count=true`)).status).toBe(400);
		expect((await http.get(`${base}/$count`)).data).toBe(SEEDED_CUSTOM_PROCESSES);
	});

	it('the pickers list custom processes (name and status) and business processes, searching by name or external ID', async () => {
		grant('processauthoring.read');
		const ctx = await loadOptionsContext(sim.keys.cloudAlm, { parameters: { resource: 'customProcess', operation: 'get' }, typeVersion: 2, path: 'parameters.customProcessId' });
		const found = await searchCustomProcesses.call(ctx, 'cp-012');
		expect(found.results).toEqual([{ name: 'Source to Pay custom process 12 (DRAFT)', value: seededCustomProcessId(12) }]);
		const firstPage = await searchCustomProcesses.call(ctx);
		expect(firstPage.results).toHaveLength(100);
		expect(firstPage.paginationToken).toBe('100');
		const bps = await searchBusinessProcesses.call(ctx, 'lead');
		expect(bps.results).toEqual([{ name: 'Lead to Cash', value: LEAD_TO_CASH }]);
	});

	it('bad input is refused before any call, naming the field', async () => {
		grant('processauthoring.read', 'processauthoring.write');
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'create', name: '  ', businessProcessId: locator(IDEA_TO_MARKET) }, 'Name is empty'],
			[{ operation: 'create', name: 'P', businessProcessId: locator('b1a7/../x', 'list') }, 'Business Process "b1a7/../x" is not an ID'],
			[{ operation: 'create', name: 'P', businessProcessId: locator(IDEA_TO_MARKET), additionalFields: { externalId: 'X'.repeat(41) } }, 'External ID is 41 characters long; SAP Cloud ALM takes at most 40'],
			[{ operation: 'get', customProcessId: locator('a/b', 'list') }, 'Custom Process "a/b" is not an ID'],
			[{ operation: 'update', customProcessId: locator(DRAFT), updateFields: {} }, 'Nothing to update'],
			[{ operation: 'update', customProcessId: locator(DRAFT), updateFields: { name: 'N'.repeat(501) } }, 'Name is 501 characters long'],
			[{ operation: 'list', limit: 0 }, 'Limit must be at least 1'],
		];
		for (const [parameters, message] of cases) {
			const run = await custom(parameters);
			expect({ parameters, message: run.error?.message, calls: run.calls }).toEqual({ parameters, message: expect.stringContaining(message), calls: [] });
		}
	});
});
