/**
 * SAP Cloud ALM node → Process Hierarchy and Process Scope over real HTTP against the simulator:
 * Get Many following the hierarchy's `@nextLink` across pages, `$top` for a Limit, the parent / root /
 * title filters, Get Subtree level by level, Create / move / Delete; scopes paged by `$top`/`$skip`
 * with `$count`, Create adopting a scope of the same name, the solution processes of a scope across
 * pages, setting their scoping; 403s naming the scope; bad input refused before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { processHierarchy, seededNodeId } from '../../../simulator/services/calmProcessHierarchy';
import { processManagement, SEEDED_SCOPE_IDS } from '../../../simulator/services/calmProcessManagement';
import { useSimulator } from '../../../simulator/testkit';
import { SEEDED_PROJECT, locator, queryOf, runCalm } from './harness';

const sim = useSimulator();
const v2 = { typeVersion: 2 };
const LEAD_TO_CASH = seededNodeId(1);
const WAVE1 = SEEDED_SCOPE_IDS.wave1;

/** The binding's token holds exactly these process scopes (e.g. 'processhierarchy.read'). */
function grant(...scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes.filter((s) => !/\.process(hierarchy|management)\./.test(s)), ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.${s}`)];
}

const hierarchy = (parameters: Record<string, unknown>) => runCalm(sim, { resource: 'processHierarchy', ...parameters }, v2);
const scopes = (parameters: Record<string, unknown>) => runCalm(sim, { resource: 'processScope', ...parameters }, v2);

describe('SAP Cloud ALM node: Process Hierarchy', () => {
	it("the SAP BTP node's Enable offers its scopes", () => {
		const offered = CLOUD_ALM_SCOPES.map((s) => s.scope);
		expect(offered).toEqual(expect.arrayContaining(['calm-api.processhierarchy.read', 'calm-api.processhierarchy.write']));
	});

	it('a 403 names the authority to add, per method', async () => {
		grant();
		const list = await hierarchy({ operation: 'list', returnAll: true });
		expect(list.error?.httpCode).toBe('403');
		expect(list.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.processhierarchy.read"');
		grant('processhierarchy.read');
		const create = await hierarchy({ operation: 'create', title: 'T' });
		expect(create.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.processhierarchy.write"');
	});

	it('Get Many follows @nextLink across pages; Limit sends $top; parent, roots and title filters', async () => {
		grant('processhierarchy.read');
		const all = await hierarchy({ operation: 'list', returnAll: true });
		expect(all.out).toHaveLength(17);
		// the simulator's server page is 5: 4 GETs, the 2nd to 4th the service's own @nextLink
		expect(all.calls.map((c) => Object.keys(queryOf(c.path)))).toEqual([[], ['$skiptoken'], ['$skiptoken'], ['$skiptoken']]);
		const limited = await hierarchy({ operation: 'list', limit: 3 });
		expect(limited.out).toHaveLength(3);
		expect(limited.calls.map((c) => queryOf(c.path).$top)).toEqual(['3']);
		const children = await hierarchy({ operation: 'list', returnAll: true, options: { parentNodeId: LEAD_TO_CASH } });
		expect(children.out.map((n) => n.title)).toEqual(['Sell from Stock', 'Order to Cash with Credit Check']);
		const roots = await hierarchy({ operation: 'list', returnAll: true, options: { rootsOnly: true, filter: 'sequence le 2' } });
		expect(roots.out.map((n) => n.title)).toEqual(['Lead to Cash', 'Source to Pay']);
		expect(queryOf(roots.calls[0].path).$filter).toBe('parentNodeUUID eq null and (sequence le 2)');
		const byTitle = await hierarchy({ operation: 'list', returnAll: true, options: { titleContains: 'invoice' } });
		expect(byTitle.out.map((n) => n.title)).toEqual(['Invoice Customer', 'Process Supplier Invoice']);
	});

	it('Get Subtree reads level by level and returns the outline with depth and path', async () => {
		grant('processhierarchy.read');
		const tree = await hierarchy({ operation: 'getSubtree', nodeId: LEAD_TO_CASH, maxDepth: 10 });
		expect(tree.out.map((n) => `${n.depth} ${n.path}`)).toEqual([
			'0 Lead to Cash',
			'1 Lead to Cash > Sell from Stock',
			'2 Lead to Cash > Sell from Stock > Create Sales Order',
			'2 Lead to Cash > Sell from Stock > Deliver Goods',
			'2 Lead to Cash > Sell from Stock > Invoice Customer',
			'1 Lead to Cash > Order to Cash with Credit Check',
		]);
		// the node, its children, its grandchildren, and the (empty) level below
		expect(tree.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
		const shallow = await hierarchy({ operation: 'getSubtree', nodeId: LEAD_TO_CASH, maxDepth: 1 });
		expect(shallow.out).toHaveLength(3);
	});

	it('Create a child with an external reference, Get it with its references, move it, Delete its parent', async () => {
		grant('processhierarchy.read', 'processhierarchy.write');
		const ref = { name: 'Jira', externalReferenceId: 'HR-1', url: 'https://jira.example.com/browse/HR-1' };
		const made = await hierarchy({ operation: 'create', title: 'Onboard', additionalFields: { parentNodeId: LEAD_TO_CASH, externalReferences: { reference: [ref] } } });
		expect(made.error).toBeUndefined();
		expect(made.out[0]).toMatchObject({ title: 'Onboard', parentNodeUUID: LEAD_TO_CASH, sequence: 3, toExternalReferences: [ref] });
		const got = await hierarchy({ operation: 'get', nodeId: made.out[0].uuid, externalReferences: true });
		expect(got.out[0].toExternalReferences).toEqual([ref]);
		const moved = await hierarchy({ operation: 'update', nodeId: made.out[0].uuid, updateFields: { parentNodeId: seededNodeId(7), sequence: 1 } });
		expect(moved.out[0]).toMatchObject({ parentNodeUUID: seededNodeId(7), sequence: 1 });
		const deleted = await hierarchy({ operation: 'delete', nodeId: seededNodeId(7) });
		expect(deleted.out).toEqual([{ uuid: seededNodeId(7), deleted: true }]);
		expect(processHierarchy(sim.context).nodes.some((n) => n.uuid === made.out[0].uuid)).toBe(false);
	});

	it('bad input is refused before any call, naming the field', async () => {
		grant('processhierarchy.read', 'processhierarchy.write');
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'list', returnAll: true, options: { parentNodeId: 'Lead to Cash' } }, 'Parent Node ID "Lead to Cash" is not a UUID'],
			[{ operation: 'list', returnAll: true, options: { parentNodeId: LEAD_TO_CASH, rootsOnly: true } }, 'Parent Node ID and Root Nodes Only exclude each other'],
			[{ operation: 'get', nodeId: '../HierarchyNodes' }, 'Node ID "../HierarchyNodes" is not an ID'],
			[{ operation: 'getSubtree', nodeId: LEAD_TO_CASH, maxDepth: 0 }, 'Max Depth 0 is not between 1 and 20'],
			[{ operation: 'create', title: '  ' }, 'Title is empty'],
			[{ operation: 'create', title: 'T', additionalFields: { externalReferences: { reference: [{ name: 'Jira', externalReferenceId: 'X' }] } } }, 'External reference 1 has no URL'],
			[{ operation: 'update', nodeId: LEAD_TO_CASH, updateFields: {} }, 'Nothing to update'],
		];
		for (const [parameters, message] of cases) {
			const run = await hierarchy(parameters);
			expect({ parameters, message: run.error?.message, calls: run.calls }).toEqual({ parameters, message: expect.stringContaining(message), calls: [] });
		}
	});
});

describe('SAP Cloud ALM node: Process Scope', () => {
	it("the SAP BTP node's Enable offers its scopes; a 403 names the authority to add, per method", async () => {
		const offered = CLOUD_ALM_SCOPES.map((s) => s.scope);
		expect(offered).toEqual(expect.arrayContaining(['calm-api.processmanagement.read', 'calm-api.processmanagement.write', 'calm-api.processmanagement.delete']));
		grant();
		const list = await scopes({ operation: 'list', projectId: locator(SEEDED_PROJECT), returnAll: true });
		expect(list.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.processmanagement.read"');
		grant('processmanagement.read', 'processmanagement.write');
		const del = await scopes({ operation: 'delete', scopeId: WAVE1 });
		expect(del.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.processmanagement.delete"');
	});

	it('Get Many, Get; Create adopts a scope of the same name; Update; Delete', async () => {
		grant('processmanagement.read', 'processmanagement.write', 'processmanagement.delete');
		const list = await scopes({ operation: 'list', projectId: locator(SEEDED_PROJECT), returnAll: true });
		expect(list.out.map((s) => s.name)).toEqual(['Wave 1', 'Wave 2']);
		expect(queryOf(list.calls[0].path)).toMatchObject({ projectId: SEEDED_PROJECT, $top: '100', $skip: '0', $count: 'true' });
		expect((await scopes({ operation: 'get', scopeId: WAVE1 })).out[0]).toMatchObject({ id: WAVE1, name: 'Wave 1' });
		const made = await scopes({ operation: 'create', projectId: locator(SEEDED_PROJECT), name: 'Wave 3', description: 'Finance' });
		expect(made.out[0]).toMatchObject({ name: 'Wave 3', description: 'Finance', created: true });
		const again = await scopes({ operation: 'create', projectId: locator(SEEDED_PROJECT), name: 'Wave 3' });
		expect(again.out[0]).toMatchObject({ id: made.out[0].id, created: false });
		expect(again.calls.map((c) => c.method)).toEqual(['GET']);
		const updated = await scopes({ operation: 'update', scopeId: made.out[0].id, updateFields: { name: 'Wave 3 (Finance)' } });
		expect(updated.out[0]).toMatchObject({ name: 'Wave 3 (Finance)', description: 'Finance' });
		const deleted = await scopes({ operation: 'delete', scopeId: made.out[0].id });
		expect(deleted.out).toEqual([{ id: made.out[0].id, deleted: true }]);
		expect(processManagement(sim.context).scopes).toHaveLength(2);
	});

	it('Get Many pages by $top/$skip up to @count (102 scopes: pages of 100 and 2); Limit sends $top; the project filter', async () => {
		grant('processmanagement.read');
		const store = processManagement(sim.context);
		for (let n = 0; n < 100; n++) store.scopes.push({ id: `5c0be000-0000-4000-8000-${String(n).padStart(12, '0')}`, projectId: SEEDED_PROJECT, name: `Bulk ${n}`, description: null });
		// a scope of another project, which the project filter leaves out
		store.scopes.push({ id: '5c0be000-0000-4000-8000-0000000000ff', projectId: '3c6a9d00-0000-4000-8000-0000000000ff', name: 'Elsewhere', description: null });
		const all = await scopes({ operation: 'list', projectId: locator(SEEDED_PROJECT), returnAll: true });
		expect(all.out).toHaveLength(102);
		expect(new Set(all.out.map((s) => s.id)).size).toBe(102);
		expect(all.out.every((s) => s.projectId === SEEDED_PROJECT)).toBe(true);
		expect(all.calls.map((c) => queryOf(c.path).$skip)).toEqual(['0', '100']);
		const limited = await scopes({ operation: 'list', projectId: locator(SEEDED_PROJECT), limit: 3 });
		expect(limited.out).toHaveLength(3);
		expect(limited.calls.map((c) => queryOf(c.path))).toEqual([expect.objectContaining({ projectId: SEEDED_PROJECT, $top: '3' })]);
	});

	it('Get Many Solution Processes pages by $top/$skip up to @count; Limit; Scoped Only', async () => {
		grant('processmanagement.read');
		const all = await scopes({ operation: 'listSolutionProcesses', scopeId: WAVE1, returnAll: true });
		expect(all.out).toHaveLength(130);
		// the scope (for its project), then pages of 100 until the count of 130
		expect(all.calls.map((c) => [c.path.split('?')[0].split('/').pop(), queryOf(c.path).$skip])).toEqual([
			[WAVE1, undefined],
			['solutionProcesses', '0'],
			['solutionProcesses', '100'],
		]);
		const limited = await scopes({ operation: 'listSolutionProcesses', scopeId: WAVE1, limit: 5 });
		expect(limited.out).toHaveLength(5);
		expect(queryOf(limited.calls[1].path)).toMatchObject({ projectId: SEEDED_PROJECT, scopeId: WAVE1, $top: '5' });
		const scoped = await scopes({ operation: 'listSolutionProcesses', scopeId: WAVE1, returnAll: true, scopedOnly: true });
		expect(scoped.out).toHaveLength(44);
		expect(scoped.out.every((p) => p.isScoped === true)).toBe(true);
	});

	it('Set Solution Process Scoping puts processes in scope; an id not of the scope changes nothing', async () => {
		grant('processmanagement.read', 'processmanagement.write');
		const [, second] = (await scopes({ operation: 'listSolutionProcesses', scopeId: WAVE1, limit: 2 })).out;
		expect(second.isScoped).toBe(false);
		const set = await scopes({ operation: 'setScoping', scopeId: WAVE1, solutionProcessVersionIds: String(second.solutionProcessVersionId), isScoped: true });
		expect(set.out).toEqual([expect.objectContaining({ solutionProcessVersionId: second.solutionProcessVersionId, isScoped: true, statusId: 'DESIGN' })]);
		expect(set.calls.at(-1)).toMatchObject({ method: 'PATCH', status: 200 });
		const unknown = await scopes({ operation: 'setScoping', scopeId: SEEDED_SCOPE_IDS.wave2, solutionProcessVersionIds: String(second.solutionProcessVersionId) });
		expect(unknown.error?.message).toContain('is not a solution process of scope');
		expect(unknown.calls.every((c) => c.method === 'GET')).toBe(true);
	});

	it('bad input is refused before any call, naming the field', async () => {
		grant('processmanagement.read', 'processmanagement.write', 'processmanagement.delete');
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'create', projectId: locator(SEEDED_PROJECT), name: '   ' }, 'Name is empty'],
			[{ operation: 'get', scopeId: 'a/b' }, 'Scope ID "a/b" is not an ID'],
			[{ operation: 'update', scopeId: WAVE1, updateFields: {} }, 'Nothing to update'],
			[{ operation: 'setScoping', scopeId: WAVE1, solutionProcessVersionIds: 'Sell from Stock' }, '"Sell", "from", "Stock" are not UUIDs'],
			[{ operation: 'listSolutionProcesses', scopeId: WAVE1, limit: 0 }, 'Limit must be at least 1'],
		];
		for (const [parameters, message] of cases) {
			const run = await scopes(parameters);
			expect({ parameters, message: run.error?.message, calls: run.calls }).toEqual({ parameters, message: expect.stringContaining(message), calls: [] });
		}
	});
});
