/**
 * SAP Cloud ALM node → Test Plan over real HTTP against the simulator (Test Plans, beta, OData v4,
 * read only): Get Many following `@nextLink` across pages, Limit as `$top`, the project and
 * `$filter`; Get; a 403 naming calm-api.testplans.read; bad input refused before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { useSimulator } from '../../../simulator/testkit';
import { SEEDED_PROJECT, queryOf, runCalm } from './harness';

const sim = useSimulator();
const v2 = { typeVersion: 2 };

function grant(...scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
}

describe('SAP Cloud ALM node: Test Plan', () => {
	it("the SAP BTP node's Enable offers its scope", () => {
		expect(CLOUD_ALM_SCOPES.map((s) => s.scope)).toContain('calm-api.testplans.read');
	});

	it('a 403 names calm-api.testplans.read, also when the token reads test cases', async () => {
		grant('calm-api.testcases.read');
		const run = await runCalm(sim, { resource: 'testPlan', operation: 'list', returnAll: true }, v2);
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.testplans.read"');
	});

	it('Get Many follows @nextLink across pages; Limit sends $top; the project and the filter; Get', async () => {
		grant('calm-api.testplans.read');
		const all = await runCalm(sim, { resource: 'testPlan', operation: 'list', returnAll: true }, v2);
		expect(all.out.map((p) => p.displayId)).toEqual(['TP-1', 'TP-2', 'TP-3', 'TP-4', 'TP-5', 'TP-6']);
		expect(all.calls.map((c) => Object.keys(queryOf(c.path)))).toEqual([[], ['$skiptoken']]);
		const two = await runCalm(sim, { resource: 'testPlan', operation: 'list', limit: 2 }, v2);
		expect(two.calls.map((c) => queryOf(c.path))).toEqual([{ $top: '2' }]);
		expect(two.out).toHaveLength(2);
		const open = await runCalm(sim, { resource: 'testPlan', operation: 'list', returnAll: true, options: { projectId: SEEDED_PROJECT, filter: "statusCode eq 'NOT_STARTED'" } }, v2);
		expect(queryOf(open.calls[0].path).$filter).toBe(`projectId eq '${SEEDED_PROJECT}' and (statusCode eq 'NOT_STARTED')`);
		expect(open.out.map((p) => p.title)).toEqual(['User acceptance test', 'Regression test']);
		const one = await runCalm(sim, { resource: 'testPlan', operation: 'get', testPlanId: all.out[0].uuid }, v2);
		expect(one.out[0]).toMatchObject({ uuid: all.out[0].uuid, title: 'Unit test' });
	});

	it('bad input is refused before any call; a filter the service rejects comes back as its 400', async () => {
		grant('calm-api.testplans.read');
		const badId = await runCalm(sim, { resource: 'testPlan', operation: 'get', testPlanId: '../TestPlans' }, v2);
		expect(badId.error?.message).toContain('Test Plan ID "../TestPlans" is not an ID');
		const empty = await runCalm(sim, { resource: 'testPlan', operation: 'get', testPlanId: ' ' }, v2);
		expect(empty.error?.message).toMatch(/Test Plan ID/);
		expect([...badId.calls, ...empty.calls]).toEqual([]);
		const badFilter = await runCalm(sim, { resource: 'testPlan', operation: 'list', returnAll: true, options: { filter: "nosuch eq 'x'" } }, v2);
		expect(badFilter.calls.map((c) => c.status)).toEqual([400]);
	});
});
