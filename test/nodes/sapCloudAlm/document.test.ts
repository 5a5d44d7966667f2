/**
 * SAP Cloud ALM node → Document over real HTTP against the simulator (Documents, OData v4): Get
 * Many following `@odata.nextLink` across pages, `$top` for a Limit, `$skip`, the project and
 * `$filter`; Get, Create, Update, Delete; 403s naming the scope; bad input refused before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { documentStore } from '../../../simulator/services/calmDocuments';
import { useSimulator } from '../../../simulator/testkit';
import { SEEDED_PROJECT, queryOf, runCalm } from './harness';

const sim = useSimulator();
const v2 = { typeVersion: 2 };

function grant(...scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.documents.${s}`)];
}

async function createDocument(title: string, extra: Record<string, unknown> = {}) {
	const run = await runCalm(sim, { resource: 'document', operation: 'create', projectId: SEEDED_PROJECT, title, additionalFields: extra }, v2);
	expect(run.error).toBeUndefined();
	return run.out[0];
}

describe('SAP Cloud ALM node: Document', () => {
	it("the SAP BTP node's Enable offers its scopes", () => {
		const offered = CLOUD_ALM_SCOPES.map((s) => s.scope);
		expect(offered).toEqual(expect.arrayContaining(['calm-api.documents.read', 'calm-api.documents.write', 'calm-api.documents.delete']));
	});

	it('a 403 names the authority to add, per method', async () => {
		const list = await runCalm(sim, { resource: 'document', operation: 'list', returnAll: true }, v2);
		expect(list.error?.httpCode).toBe('403');
		expect(list.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.documents.read"');
		grant('read');
		const create = await runCalm(sim, { resource: 'document', operation: 'create', projectId: SEEDED_PROJECT, title: 'T' }, v2);
		expect(create.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.documents.write"');
	});

	it('Create, Get and Update a document', async () => {
		grant('read', 'write');
		const made = await createDocument('Design', { content: '<h1>Hi</h1>', documentTypeCode: 'SD' });
		expect(made).toMatchObject({ title: 'Design', projectId: SEEDED_PROJECT, content: '<h1>Hi</h1>', documentTypeCode: 'SD' });
		const got = await runCalm(sim, { resource: 'document', operation: 'get', documentId: made.uuid }, v2);
		expect(got.out[0]).toMatchObject({ uuid: made.uuid, displayId: made.displayId });
		const updated = await runCalm(sim, { resource: 'document', operation: 'update', documentId: made.uuid, updateFields: { title: 'Design v2', statusCode: 'DONE' } }, v2);
		expect(updated.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['PATCH 200']);
		expect(documentStore(sim.context).documents[0]).toMatchObject({ title: 'Design v2', statusCode: 'DONE', content: '<h1>Hi</h1>' });
	});

	it('Delete needs calm-api.documents.delete (the 403 names it), answers deleted: true; a second Delete is the 404', async () => {
		grant('read', 'write');
		const made = await createDocument('Scratch');
		const refused = await runCalm(sim, { resource: 'document', operation: 'delete', documentId: made.uuid }, v2);
		expect(refused.error?.httpCode).toBe('403');
		expect(refused.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.documents.delete"');
		expect(documentStore(sim.context).documents).toHaveLength(1);
		grant('delete');
		const deleted = await runCalm(sim, { resource: 'document', operation: 'delete', documentId: made.uuid }, v2);
		expect(deleted.out).toEqual([{ uuid: made.uuid, deleted: true }]);
		expect(deleted.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['DELETE 204']);
		expect(documentStore(sim.context).documents).toEqual([]);
		const again = await runCalm(sim, { resource: 'document', operation: 'delete', documentId: made.uuid }, v2);
		expect(again.error?.httpCode).toBe('404');
		const badId = await runCalm(sim, { resource: 'document', operation: 'delete', documentId: '../Documents' }, v2);
		expect(badId.error?.message).toContain('Document ID "../Documents" is not an ID');
		expect(badId.calls).toEqual([]);
	});

	it('Get Many follows @odata.nextLink across pages; Limit sends $top; Skip, the project and the filter', async () => {
		grant('read', 'write');
		for (let n = 0; n < 12; n++) await createDocument(`Doc ${n}`, { documentTypeCode: n % 4 === 0 ? 'MEETING' : 'SD' });
		const all = await runCalm(sim, { resource: 'document', operation: 'list', returnAll: true }, v2);
		expect(all.out).toHaveLength(12);
		// the simulator's server page is 5: the 2nd and 3rd GET are the service's own next links (the log masks $skiptoken's value)
		expect(all.calls.map((c) => Object.keys(queryOf(c.path)))).toEqual([[], ['$skiptoken'], ['$skiptoken']]);
		const limited = await runCalm(sim, { resource: 'document', operation: 'list', limit: 3, options: { skip: 2 } }, v2);
		expect(limited.out.map((d) => d.title)).toEqual(['Doc 2', 'Doc 3', 'Doc 4']);
		expect(limited.calls.map((c) => queryOf(c.path))).toEqual([{ $skip: '2', $top: '3' }]);
		const filtered = await runCalm(
			sim,
			{ resource: 'document', operation: 'list', returnAll: true, options: { projectId: SEEDED_PROJECT, filter: "documentTypeCode eq 'MEETING'" } },
			v2,
		);
		expect(queryOf(filtered.calls[0].path).$filter).toBe(`projectId eq '${SEEDED_PROJECT}' and (documentTypeCode eq 'MEETING')`);
		expect(filtered.out.map((d) => d.title)).toEqual(['Doc 0', 'Doc 4', 'Doc 8']);
	});

	it('bad input is refused before any call; a filter the service rejects comes back as its 400', async () => {
		grant('read', 'write');
		const noTitle = await runCalm(sim, { resource: 'document', operation: 'create', projectId: SEEDED_PROJECT, title: '  ' }, v2);
		expect(noTitle.error?.message).toMatch(/Title/);
		const nothing = await runCalm(sim, { resource: 'document', operation: 'update', documentId: '7c2d1e00-0000-4000-8000-000000000001' }, v2);
		expect(nothing.error?.message).toMatch(/Nothing to update/);
		const badId = await runCalm(sim, { resource: 'document', operation: 'get', documentId: 'a/b' }, v2);
		expect(badId.error).toBeDefined();
		expect([...noTitle.calls, ...nothing.calls, ...badId.calls]).toEqual([]);
		const badFilter = await runCalm(sim, { resource: 'document', operation: 'list', returnAll: true, options: { filter: "nosuch eq 'x'" } }, v2);
		expect(badFilter.calls.map((c) => c.status)).toEqual([400]);
	});
});
