/**
 * SAP Cloud ALM Process Hierarchy of the simulator over real HTTP: the seeded tree, server-driven
 * paging with `@nextLink`, `$filter` on the parent, `$expand=toExternalReferences`, create / move /
 * delete as SAP's sample does them, 403s naming the scope, bad input.
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { seededNodeId } from '../services/calmProcessHierarchy';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const NODES = '/calm-processhierarchy/v1/HierarchyNodes';
const LEAD_TO_CASH = seededNodeId(1);

/** A client whose token holds exactly the process hierarchy scopes given (the seeded key's others stay). */
async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes.filter((s) => !s.includes('.processhierarchy.')), ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.processhierarchy.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

describe('Process Hierarchy (calm-processhierarchy)', () => {
	it('403 names the scope of each method', async () => {
		const none = await connect();
		expect((await none.get(NODES)).data.error.message).toBe('Missing scope calm-api.processhierarchy.read');
		const reader = await connect(['read']);
		expect((await reader.post(NODES, { title: 'T' })).data.error.message).toBe('Missing scope calm-api.processhierarchy.write');
		expect((await reader.patch(`${NODES}/${LEAD_TO_CASH}`, { title: 'T' })).data.error.message).toBe('Missing scope calm-api.processhierarchy.write');
		expect((await reader.delete(`${NODES}/${LEAD_TO_CASH}`)).data.error.message).toBe('Missing scope calm-api.processhierarchy.write');
	});

	it('pages the seeded 17 nodes by 5 with @nextLink; @count; filters by parent; roots by parentNodeUUID eq null', async () => {
		const calm = await connect(['read']);
		const seen: string[] = [];
		let page = (await calm.get(NODES, { params: { $count: 'true' } })).data;
		expect(page['@count']).toBe(17);
		for (;;) {
			seen.push(...page.value.map((n: { uuid: string }) => n.uuid));
			if (!page['@nextLink']) break;
			page = (await calm.get(page['@nextLink'])).data;
		}
		expect(new Set(seen).size).toBe(17);
		const roots = (await calm.get(NODES, { params: { $filter: 'parentNodeUUID eq null', $orderby: 'sequence' } })).data.value;
		expect(roots.map((n: { title: string }) => n.title)).toEqual(['Lead to Cash', 'Source to Pay', 'Design to Operate', 'Record to Report']);
		const children = (await calm.get(NODES, { params: { $filter: `parentNodeUUID eq ${LEAD_TO_CASH}` } })).data.value;
		expect(children.map((n: { title: string }) => n.title)).toEqual(['Sell from Stock', 'Order to Cash with Credit Check']);
		expect((await calm.get(NODES, { params: { $filter: "hierarchyLevel eq 1" } })).status).toBe(400);
		expect((await calm.get(NODES, { params: { $search: 'x' } })).status).toBe(400);
	});

	it('create a root and a child with an external reference, move it, expand, delete the root with its subtree', async () => {
		const calm = await connect(['read', 'write']);
		const root = await calm.post(NODES, { title: 'Hire to Retire', description: 'new root' });
		expect(root.status).toBe(201);
		expect(root.data).toMatchObject({ title: 'Hire to Retire', parentNodeUUID: null, sequence: 5 });
		const ref = { name: 'Jira', externalReferenceId: 'HR-1', url: 'https://jira.example.com/HR-1' };
		const child = (await calm.post(NODES, { title: 'Onboard', parentNodeUUID: root.data.uuid, toExternalReferences: [ref] })).data;
		expect(child).toMatchObject({ parentNodeUUID: root.data.uuid, sequence: 1, toExternalReferences: [ref] });
		expect((await calm.get(`${NODES}/${child.uuid}`, { params: { $expand: 'toExternalReferences' } })).data.toExternalReferences).toEqual([ref]);
		expect((await calm.get(`${NODES}/${child.uuid}`)).data.toExternalReferences).toBeUndefined();
		const moved = await calm.patch(`${NODES}/${child.uuid}`, { parentNodeUUID: LEAD_TO_CASH, sequence: 3 });
		expect(moved.data).toMatchObject({ parentNodeUUID: LEAD_TO_CASH, sequence: 3 });
		expect((await calm.patch(`${NODES}/${LEAD_TO_CASH}`, { parentNodeUUID: child.uuid })).status).toBe(400);
		expect((await calm.delete(`${NODES}/${LEAD_TO_CASH}`)).status).toBe(204);
		// the root went with its 2 processes, their 3 steps and the moved node (7 nodes)
		expect((await calm.get(`${NODES}/${child.uuid}`)).status).toBe(404);
		expect((await calm.get(NODES, { params: { $count: 'true', $top: '0' } })).data['@count']).toBe(17 + 2 - 7);
	});

	it('refuses unknown properties, a missing title, an unknown parent, a bad $expand', async () => {
		const calm = await connect(['read', 'write']);
		for (const body of [{ title: 'T', nosuch: 1 }, {}, { title: 'T', parentNodeUUID: '00000000-0000-4000-8000-000000000000' }, { title: 'T', toExternalReferences: [{ name: 'x' }] }, { title: 'T', uuid: 'x' }]) {
			expect({ body, status: (await calm.post(NODES, body)).status }).toEqual({ body, status: 400 });
		}
		expect((await calm.get(NODES, { params: { $expand: 'toChildNodes' } })).status).toBe(400);
		expect((await calm.get(`${NODES}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
	});
});
