/**
 * SAP Cloud ALM node → Test Case over real HTTP against the simulator (Test Management, OData v4):
 * Get Many paging by `@odata.nextLink` and by `$top`, filters, Get with activities and actions,
 * deep Create, Update and Delete with If-Match (the node reads the ETag itself when none is given,
 * and says so; 412 on a stale one; the simulator's 428 without one), the 2026 renames, 403s naming
 * the scope, bad input refused before any call; automated test cases (read-only) paged, filtered, read.
 */
import type { NodeExecutionHint } from 'n8n-workflow';
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { testManagement } from '../../../simulator/services/calmTestManagement';
import { useSimulator } from '../../../simulator/testkit';
import { NODE_NAME, SEEDED_PROJECT, queryOf, runCalm, type CalmRun } from './harness';

const sim = useSimulator();
const v2 = { typeVersion: 2 };
const hintsOf = (run: CalmRun): NodeExecutionHint[] => run.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? [];

function grant(...scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.testcases.${s}`)];
}

async function createTestCase(title: string, extra: Record<string, unknown> = {}) {
	const run = await runCalm(sim, { resource: 'testCase', operation: 'create', projectId: SEEDED_PROJECT, title, additionalFields: extra }, v2);
	expect(run.error).toBeUndefined();
	return run.out[0];
}

describe('SAP Cloud ALM node: Test Case', () => {
	it("the SAP BTP node's Enable offers its scopes", () => {
		const offered = CLOUD_ALM_SCOPES.map((s) => s.scope);
		for (const s of ['read', 'write', 'delete']) expect(offered).toContain(`calm-api.testcases.${s}`);
	});

	it('a 403 names the authority to add, per method', async () => {
		const list = await runCalm(sim, { resource: 'testCase', operation: 'list', returnAll: true }, v2);
		expect(list.error?.httpCode).toBe('403');
		expect(list.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.testcases.read"');
		grant('read');
		const create = await runCalm(sim, { resource: 'testCase', operation: 'create', projectId: SEEDED_PROJECT, title: 'T' }, v2);
		expect(create.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.testcases.write"');
		grant('write');
		const made = await createTestCase('To delete');
		const del = await runCalm(sim, { resource: 'testCase', operation: 'delete', testCaseId: made.uuid, etag: made['@odata.etag'] }, v2);
		expect(del.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.testcases.delete"');
	});

	it('Create makes the test case with its activities and their actions in one POST; Get reads them with $expand', async () => {
		grant('read', 'write');
		const activities = [{ title: 'Log in', toActions: [{ title: 'Open the app', expectedResult: 'The app opens' }, { title: 'Sign in' }] }, { title: 'Post' }];
		const made = await createTestCase('Order to cash', { activities: JSON.stringify(activities), isPrepared: true, priorityCode: 20 });
		expect(made).toMatchObject({ title: 'Order to cash', projectId: SEEDED_PROJECT, isPrepared: true, priorityCode: 20 });
		const plain = await runCalm(sim, { resource: 'testCase', operation: 'get', testCaseId: made.uuid }, v2);
		expect(plain.out[0].toActivities).toBeUndefined();
		const deep = await runCalm(sim, { resource: 'testCase', operation: 'get', testCaseId: made.uuid, include: 'actions' }, v2);
		expect(queryOf(deep.calls[0].path)).toEqual({ $expand: 'toActivities($expand=toActions)' });
		const read = deep.out[0].toActivities as Array<{ title: string; toActions: Array<{ title: string; expectedResult: string | null }> }>;
		expect(read.map((a) => [a.title, a.toActions.map((x) => [x.title, x.expectedResult])])).toEqual([
			['Log in', [['Open the app', 'The app opens'], ['Sign in', null]]],
			['Post', []],
		]);
	});

	it('Get Many follows the service\'s @nextLink (OData 4.01 form) across pages; Limit sends $top; the project and filter go into $filter', async () => {
		grant('read', 'write');
		for (let n = 0; n < 12; n++) await createTestCase(`Case ${n}`, { isPrepared: n % 3 === 0 });
		const all = await runCalm(sim, { resource: 'testCase', operation: 'list', returnAll: true }, v2);
		expect(all.out).toHaveLength(12);
		// the simulator's server page is 5: three GETs, the 2nd and 3rd by the service's own next link (its $skiptoken; the log masks the value)
		expect(all.calls.map((c) => Object.keys(queryOf(c.path)))).toEqual([[], ['$skiptoken'], ['$skiptoken']]);
		const limited = await runCalm(sim, { resource: 'testCase', operation: 'list', limit: 3 }, v2);
		expect(limited.out).toHaveLength(3);
		expect(limited.calls.map((c) => queryOf(c.path))).toEqual([{ $top: '3' }]);
		const filtered = await runCalm(
			sim,
			{ resource: 'testCase', operation: 'list', returnAll: true, options: { projectId: SEEDED_PROJECT, filter: 'isPrepared eq true' } },
			v2,
		);
		expect(queryOf(filtered.calls[0].path).$filter).toBe(`projectId eq '${SEEDED_PROJECT}' and (isPrepared eq true)`);
		expect(filtered.out.map((t) => t.title)).toEqual(['Case 0', 'Case 3', 'Case 6', 'Case 9']);
	});

	it('Update without an ETag reads it first, sends it as If-Match and says so', async () => {
		grant('read', 'write');
		const made = await createTestCase('Before');
		const run = await runCalm(sim, { resource: 'testCase', operation: 'update', testCaseId: made.uuid, updateFields: { title: 'After', isPrepared: true } }, v2);
		expect(run.error).toBeUndefined();
		expect(run.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'PATCH 200']);
		expect(run.out[0]).toMatchObject({ title: 'After', isPrepared: true, etagReadByNode: true });
		expect(hintsOf(run).map((h) => h.message)).toEqual([expect.stringContaining('no ETag was given, so the node read')]);
	});

	it('Update with the ETag the user read sends it as is; a stale one fails with 412 and says what to do', async () => {
		grant('read', 'write');
		const made = await createTestCase('Guarded');
		const first = await runCalm(sim, { resource: 'testCase', operation: 'update', testCaseId: made.uuid, etag: made['@odata.etag'], updateFields: { priorityCode: 10 } }, v2);
		expect(first.calls.map((c) => c.method)).toEqual(['PATCH']);
		expect(first.out[0]).toMatchObject({ priorityCode: 10, etagReadByNode: false });
		expect(hintsOf(first)).toEqual([]);
		// SAP's own sample sends the bare modifiedAt as the ETag: also accepted
		const bare = await runCalm(sim, { resource: 'testCase', operation: 'update', testCaseId: made.uuid, etag: first.out[0].modifiedAt, updateFields: { title: 'Bare' } }, v2);
		expect(bare.error).toBeUndefined();
		const stale = await runCalm(sim, { resource: 'testCase', operation: 'update', testCaseId: made.uuid, etag: made['@odata.etag'], updateFields: { title: 'Lost' } }, v2);
		expect(stale.error?.message).toMatch(/412 Precondition Failed\): it changed since the ETag .* was read\. Leave ETag empty/);
		expect(testManagement(sim.context).testCases.find((t) => t.uuid === made.uuid)?.title).toBe('Bare');
	});

	it('the simulated service answers 428 to a change without If-Match (the node never sends one)', async () => {
		grant('read', 'write');
		const made = await createTestCase('Unguarded');
		const custom = await runCalm(
			sim,
			{ resource: 'customApiCall', operation: 'request', method: 'PATCH', path: `/calm-testmanagement/v1/ManualTestCases/${made.uuid}`, body: '{"title":"x"}' },
			v2,
		);
		expect(custom.calls.map((c) => c.status)).toEqual([428]);
	});

	it('Delete reads the ETag when none is given, removes the test case and says so; a stale one fails with 412', async () => {
		grant('read', 'write', 'delete');
		const keep = await createTestCase('Keep');
		await runCalm(sim, { resource: 'testCase', operation: 'update', testCaseId: keep.uuid, updateFields: { title: 'Keep 2' } }, v2);
		const stale = await runCalm(sim, { resource: 'testCase', operation: 'delete', testCaseId: keep.uuid, etag: keep['@odata.etag'] }, v2);
		expect(stale.error?.message).toContain('412 Precondition Failed');
		const run = await runCalm(sim, { resource: 'testCase', operation: 'delete', testCaseId: keep.uuid }, v2);
		expect(run.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'DELETE 204']);
		expect(run.out).toEqual([{ uuid: keep.uuid, deleted: true, etagReadByNode: true }]);
		expect(hintsOf(run)).toHaveLength(1);
		expect(testManagement(sim.context).testCases.some((t) => t.uuid === keep.uuid)).toBe(false);
	});

	it('bad input is refused before any call; the renamed attributes are refused by the service with the new name', async () => {
		grant('read', 'write');
		const noTitle = await runCalm(sim, { resource: 'testCase', operation: 'create', projectId: SEEDED_PROJECT, title: ' ' }, v2);
		expect(noTitle.error?.message).toMatch(/Title/);
		const badActivities = await runCalm(
			sim,
			{ resource: 'testCase', operation: 'create', projectId: SEEDED_PROJECT, title: 'T', additionalFields: { activities: '[{"toActions": []}]' } },
			v2,
		);
		expect(badActivities.error?.message).toBe('Activities: activity 1 needs a title');
		const nothing = await runCalm(sim, { resource: 'testCase', operation: 'update', testCaseId: '9b1f0c00-0000-4000-8000-000000000001' }, v2);
		expect(nothing.error?.message).toMatch(/Nothing to update/);
		const badId = await runCalm(sim, { resource: 'testCase', operation: 'get', testCaseId: '../x' }, v2);
		expect(badId.error).toBeDefined();
		expect([...noTitle.calls, ...badActivities.calls, ...nothing.calls, ...badId.calls]).toEqual([]);
		const made = await createTestCase('Renamed');
		const old = await runCalm(
			sim,
			{ resource: 'customApiCall', operation: 'request', method: 'PATCH', path: `/calm-testmanagement/v1/ManualTestCases/${made.uuid}`, body: '{"status":"PREPARED"}', headers: { header: [{ name: 'If-Match', value: made.modifiedAt }] } },
			v2,
		);
		expect(old.calls.map((c) => c.status)).toEqual([400]);
		expect(JSON.stringify(old.error)).toContain("it was renamed to 'isPrepared'");
	});

	it('Get Many Automated follows @nextLink across pages, Limit sends $top, the project and filter; Get Automated; 403 and bad input', async () => {
		const denied = await runCalm(sim, { resource: 'testCase', operation: 'listAutomated', returnAll: true }, v2);
		expect(denied.error?.httpCode).toBe('403');
		expect(denied.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.testcases.read"');
		grant('read');
		const all = await runCalm(sim, { resource: 'testCase', operation: 'listAutomated', returnAll: true }, v2);
		expect(all.out.map((t) => t.displayId)).toEqual(['ATC-1', 'ATC-2', 'ATC-3', 'ATC-4', 'ATC-5', 'ATC-6', 'ATC-7']);
		// the service's server page is 5: the second GET is its own @nextLink
		expect(all.calls.map((c) => Object.keys(queryOf(c.path)))).toEqual([[], ['$skiptoken']]);
		const three = await runCalm(sim, { resource: 'testCase', operation: 'listAutomated', limit: 3 }, v2);
		expect(three.out).toHaveLength(3);
		expect(three.calls.map((c) => queryOf(c.path))).toEqual([{ $top: '3' }]);
		const filtered = await runCalm(sim, { resource: 'testCase', operation: 'listAutomated', returnAll: true, options: { projectId: SEEDED_PROJECT, filter: 'isPrepared eq false' } }, v2);
		expect(queryOf(filtered.calls[0].path).$filter).toBe(`projectId eq '${SEEDED_PROJECT}' and (isPrepared eq false)`);
		expect(filtered.out.map((t) => t.displayId)).toEqual(['ATC-3', 'ATC-6']);
		const one = await runCalm(sim, { resource: 'testCase', operation: 'getAutomated', testCaseId: all.out[3].uuid }, v2);
		expect(one.out[0]).toMatchObject({ uuid: all.out[3].uuid, title: 'Run MRP' });
		const badId = await runCalm(sim, { resource: 'testCase', operation: 'getAutomated', testCaseId: 'a?b' }, v2);
		expect(badId.error?.message).toContain('Test Case ID "a?b" is not an ID');
		expect(badId.calls).toEqual([]);
	});
});
