/**
 * SAP Cloud ALM node → Library Element (Get Many, Get) over real HTTP against the simulator: the four
 * cross-library services, Limit as `$top`, Return All following the service's next link, the user's
 * `$filter`, a 403 naming the read scope SAP's answer names (either reading of calmLibraryScope), bad
 * input refused before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { libraryStore } from '../../../simulator/services/calmLibrary';
import { useSimulator } from '../../../simulator/testkit';
import { queryOf, runCalm } from './harness';

// a test switches the scope reading; naming it here sets it back before each test
const sim = useSimulator({ profile: { calmLibraryScope: 'library' } });
const v2 = { typeVersion: 2 };

function grant(scope: string) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, `${CALM_XSMASTERAPPNAME}.${scope}`];
}

describe('SAP Cloud ALM node: Library Element', () => {
	it("the SAP BTP node's Enable offers both spellings of the read scope", () => {
		expect(CLOUD_ALM_SCOPES.map((s) => s.scope)).toEqual(expect.arrayContaining(['calm-api.library.read', 'calm-api.lib.read']));
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
});
