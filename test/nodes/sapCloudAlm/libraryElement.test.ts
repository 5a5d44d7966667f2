/**
 * SAP Cloud ALM node → Library Element (Get Many, Get, Create, Update, Delete) over real HTTP against
 * the simulator: the four cross-library services, Limit as `$top`, Return All following the service's
 * next link, the user's `$filter`, a 403 naming the read / write / delete scope SAP's answer names
 * (either reading of calmLibraryScope), a create → get → update → delete round trip, SAP's refusal to
 * change an element marked for deletion as a NodeApiError, 404 on an unknown uuid, bad input refused
 * before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { libraryStore } from '../../../simulator/services/calmLibrary';
import { useSimulator } from '../../../simulator/testkit';
import { queryOf, runCalm } from './harness';

// a test switches the scope reading; naming it here sets it back before each test
const sim = useSimulator({ profile: { calmLibraryScope: 'library', calmLibraryMarkedForDeletionStatus: 400 } });
const v2 = { typeVersion: 2 };

function grant(scope: string) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, `${CALM_XSMASTERAPPNAME}.${scope}`];
}

describe('SAP Cloud ALM node: Library Element', () => {
	it("the SAP BTP node's Enable offers both spellings of the read, write and delete scopes", () => {
		expect(CLOUD_ALM_SCOPES.map((s) => s.scope)).toEqual(
			expect.arrayContaining(['calm-api.library.read', 'calm-api.lib.read', 'calm-api.library.write', 'calm-api.lib.write', 'calm-api.library.delete', 'calm-api.lib.delete']),
		);
	});

	it('a 403 names the authority SAP asks for, under either reading', async () => {
		const run = await runCalm(sim, { resource: 'libraryElement', operation: 'list', library: 'interface', returnAll: true }, v2);
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.library.read"');
		sim.context.profile.calmLibraryScope = 'lib';
		const lib = await runCalm(sim, { resource: 'libraryElement', operation: 'list', library: 'interface', returnAll: true }, v2);
		expect(lib.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.lib.read"');
	});

	it('Get Many: Return All follows the next link across pages; Limit sends $top; the filter goes as $filter', async () => {
		grant('calm-api.library.read');
		const apps = libraryStore(sim.context).application;
		for (let k = 0; k < 9; k++) apps.push({ ...apps[0], uuid: `6c3f0000-0000-4000-8000-1${String(k).padStart(11, '0')}`, title: `App ${k}` });
		const all = await runCalm(sim, { resource: 'libraryElement', operation: 'list', library: 'application', returnAll: true }, v2);
		expect(all.out).toHaveLength(12);
		expect(new Set(all.out.map((a) => a.uuid)).size).toBe(12);
		expect(all.calls.length).toBeGreaterThan(1);
		const limited = await runCalm(sim, { resource: 'libraryElement', operation: 'list', library: 'application', limit: 2 }, v2);
		expect([limited.out.length, queryOf(limited.calls[0].path).$top]).toEqual([2, '2']);
		const filtered = await runCalm(sim, { resource: 'libraryElement', operation: 'list', library: 'development', returnAll: true, options: { filter: "developmentTypeCode eq 'REPORT'" } }, v2);
		expect(filtered.out.map((d) => d.title)).toEqual(['Z_ORDER_REPORT']);
		expect(queryOf(filtered.calls[0].path).$filter).toBe("developmentTypeCode eq 'REPORT'");
	});

	it('Get reads one element of the chosen library', async () => {
		grant('calm-api.library.read');
		const [iface] = libraryStore(sim.context).interface;
		const run = await runCalm(sim, { resource: 'libraryElement', operation: 'get', library: 'interface', elementId: iface.uuid }, v2);
		expect(run.out).toEqual([expect.objectContaining({ uuid: iface.uuid, title: iface.title, interfaceTypeCode: 'ODATA' })]);
		expect(run.calls.map((c) => c.path)).toEqual([`/api/calm-crosslibraryinterfaces/v1/Interfaces/${iface.uuid}`]);
	});

	it('refuses an element ID with a slash and a Limit below 1, before any call', async () => {
		grant('calm-api.library.read');
		const slash = await runCalm(sim, { resource: 'libraryElement', operation: 'get', library: 'application', elementId: '../Interfaces' }, v2);
		expect(slash.error?.message).toBe('Element ID "../Interfaces" is not an ID (it contains /, \\, ? or #)');
		const noLimit = await runCalm(sim, { resource: 'libraryElement', operation: 'list', library: 'application', limit: 0 }, v2);
		expect(noLimit.error?.message).toBe('Limit must be at least 1');
		expect([...slash.calls, ...noLimit.calls]).toEqual([]);
	});

	it('Create → Get → Update → Delete round trip on each library; the type code goes to the library\'s own property', async () => {
		grant('calm-api.library.read');
		grant('calm-api.library.write');
		grant('calm-api.library.delete');
		const typeFields = { application: 'applicationTypeCode', configuration: 'configurationTypeCode', development: 'developmentTypeCode', interface: 'interfaceTypeCode' } as const;
		for (const [library, typeField] of Object.entries(typeFields)) {
			const created = await runCalm(sim, { resource: 'libraryElement', operation: 'create', library, title: 'n8n Sync', additionalFields: { description: 'made by n8n', typeCode: 'ODATA' } }, v2);
			expect(created.error).toBeUndefined();
			const [element] = created.out;
			expect(element).toEqual(expect.objectContaining({ uuid: expect.any(String), title: 'n8n Sync', description: 'made by n8n', [typeField]: 'ODATA', isMarkedForDeletion: false }));
			expect(created.calls.map((c) => [c.method, c.status])).toEqual([['POST', 201]]);
			const uuid = String(element.uuid);
			const read = await runCalm(sim, { resource: 'libraryElement', operation: 'get', library, elementId: uuid }, v2);
			expect(read.out[0]).toEqual(expect.objectContaining({ uuid, title: 'n8n Sync' }));
			const updated = await runCalm(sim, { resource: 'libraryElement', operation: 'update', library, elementId: uuid, updateFields: { title: 'n8n Sync v2' } }, v2);
			expect(updated.out[0]).toEqual(expect.objectContaining({ uuid, title: 'n8n Sync v2', description: 'made by n8n' }));
			expect(updated.calls.map((c) => [c.method, c.status])).toEqual([['PATCH', 200]]);
			const deleted = await runCalm(sim, { resource: 'libraryElement', operation: 'delete', library, elementId: uuid }, v2);
			expect(deleted.out).toEqual([{ uuid, deleted: true }]);
			expect(deleted.calls.map((c) => [c.method, c.status])).toEqual([['DELETE', 204]]);
			expect(libraryStore(sim.context)[library as keyof typeof typeFields].some((e) => e.uuid === uuid)).toBe(false);
		}
	});

	it('a 403 names the write scope for Create and Update and the delete scope for Delete, under either reading', async () => {
		grant('calm-api.library.read');
		const [iface] = libraryStore(sim.context).interface;
		const create = await runCalm(sim, { resource: 'libraryElement', operation: 'create', library: 'interface', title: 'X' }, v2);
		const update = await runCalm(sim, { resource: 'libraryElement', operation: 'update', library: 'interface', elementId: iface.uuid, updateFields: { title: 'Y' } }, v2);
		const del = await runCalm(sim, { resource: 'libraryElement', operation: 'delete', library: 'interface', elementId: iface.uuid }, v2);
		expect([create, update, del].map((r) => r.error?.httpCode)).toEqual(['403', '403', '403']);
		expect(create.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.library.write"');
		expect(update.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.library.write"');
		expect(del.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.library.delete"');
		grant('calm-api.library.write');
		const stillNoDelete = await runCalm(sim, { resource: 'libraryElement', operation: 'delete', library: 'interface', elementId: iface.uuid }, v2);
		expect(stillNoDelete.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.library.delete"');
		expect(libraryStore(sim.context).interface.map((e) => e.title)).toEqual([iface.title, 'Bank Statement Inbound']);
		sim.context.profile.calmLibraryScope = 'lib';
		const lib = await runCalm(sim, { resource: 'libraryElement', operation: 'delete', library: 'interface', elementId: iface.uuid }, v2);
		expect(lib.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.lib.delete"');
	});

	it("Update of an element a user marked for deletion surfaces SAP's refusal as a NodeApiError; an unknown uuid is a 404", async () => {
		grant('calm-api.library.write');
		grant('calm-api.library.delete');
		const marked = libraryStore(sim.context).application.find((e) => e.isMarkedForDeletion)!;
		// SAP gives no status for this refusal: the simulator models 400 and 409 (calmLibraryMarkedForDeletionStatus), the node relays either
		for (const status of [400, 409] as const) {
			sim.context.profile.calmLibraryMarkedForDeletionStatus = status;
			const run = await runCalm(sim, { resource: 'libraryElement', operation: 'update', library: 'application', elementId: marked.uuid, updateFields: { description: 'revived' } }, v2);
			expect(run.error?.httpCode).toBe(String(status));
			expect(run.error?.message).toContain(`Applications ${String(marked.uuid)} is marked for deletion in SAP Cloud ALM and cannot be changed`);
			expect(run.error?.description).toContain('PATCH /calm-crosslibraryapplications/v1/Applications/');
			expect(run.calls.map((c) => c.status)).toEqual([status]);
		}
		expect(marked.description).toBe('Sales Order Monitor (seeded)');
		const unknown = '6c3f0000-0000-4000-8000-999999999999';
		const missing = await runCalm(sim, { resource: 'libraryElement', operation: 'delete', library: 'development', elementId: unknown }, v2);
		expect(missing.error?.httpCode).toBe('404');
		expect(missing.error?.message).toContain(`Developments with key ${unknown} not found`);
	});

	it('refuses Create without a title, Update with nothing to change and an element ID with a slash, before any call', async () => {
		grant('calm-api.library.write');
		grant('calm-api.library.delete');
		const noTitle = await runCalm(sim, { resource: 'libraryElement', operation: 'create', library: 'interface', title: '  ' }, v2);
		expect(noTitle.error?.message).toBe('Title is empty');
		const nothing = await runCalm(sim, { resource: 'libraryElement', operation: 'update', library: 'interface', elementId: '6c3f0000-0000-4000-8000-000000000008', updateFields: { title: ' ' } }, v2);
		expect(nothing.error?.message).toBe('Update Fields is empty: nothing to update');
		expect(nothing.error?.description).toContain('Add at least one of Title, Description or Type Code');
		const slash = await runCalm(sim, { resource: 'libraryElement', operation: 'delete', library: 'interface', elementId: '../Applications' }, v2);
		expect(slash.error?.message).toBe('Element ID "../Applications" is not an ID (it contains /, \\, ? or #)');
		expect([...noTitle.calls, ...nothing.calls, ...slash.calls]).toEqual([]);
	});
});
