/**
 * SAP Cloud ALM Landscape Management of the simulator over real HTTP: the REST list (bare array)
 * with SAP's filters, `limit`/`offset` pages (and the `calmLandscapePaging: ignored` reading), one
 * object by `?lmsId=`, properties (none for a business service), a 403 naming calm-api.landscape.read,
 * bad paging parameters.
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const OBJECTS = '/calm-landscape/v1/landscapeObjects';
const PROPERTIES = '/calm-landscape/v1/properties';

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

type LandscapeObject = { lmsId: string; name: string; objectType: string; role: string; systemNumber: string };

describe('Landscape objects (calm-landscape)', () => {
	it('403 names calm-api.landscape.read; with it, a bare array of the seeded landscape', async () => {
		for (const path of [OBJECTS, `${PROPERTIES}?lmsId=x`]) {
			const denied = await (await connect()).get(path);
			expect({ path, status: denied.status, message: denied.data.error.message }).toEqual({ path, status: 403, message: 'Missing scope calm-api.landscape.read' });
		}
		const res = await (await connect(['calm-api.landscape.read'])).get(OBJECTS);
		expect(res.status).toBe(200);
		expect(res.data).toHaveLength(12);
		expect(Object.keys(res.data[0]).sort()).toEqual(
			['deploymentModel', 'description', 'externalId', 'lmsId', 'name', 'objectType', 'role', 'serviceType', 'source', 'systemNumber'].sort(),
		);
		// managed ABAP systems by their SIDs
		expect((res.data as LandscapeObject[]).filter((o) => o.objectType === 'TechnicalSystem').map((o) => o.name)).toEqual(['S4H', 'S4Q', 'S4D', 'BWP', 'BWD', 'ECP', 'SMP']);
	});

	it('filters match exactly and combine; one object by lmsId', async () => {
		const calm = await connect(['calm-api.landscape.read']);
		const prod = (await calm.get(OBJECTS, { params: { objectType: 'TechnicalSystem', role: 'Production' } })).data as LandscapeObject[];
		expect(prod.map((o) => o.name)).toEqual(['S4H', 'BWP', 'ECP', 'SMP']);
		expect((await calm.get(OBJECTS, { params: { name: 'S4' } })).data).toEqual([]);
		const [s4h] = (await calm.get(OBJECTS, { params: { name: 'S4H' } })).data as LandscapeObject[];
		const one = (await calm.get(OBJECTS, { params: { lmsId: s4h.lmsId, limit: 1 } })).data as LandscapeObject[];
		expect(one).toEqual([s4h]);
		expect((await calm.get(OBJECTS, { params: { systemNumber: s4h.systemNumber } })).data).toEqual([s4h]);
	});

	it('limit/offset pages; with calmLandscapePaging ignored every match comes back', async () => {
		const calm = await connect(['calm-api.landscape.read']);
		const pages = [];
		for (const offset of [0, 5, 10]) pages.push(((await calm.get(OBJECTS, { params: { limit: 5, offset } })).data as LandscapeObject[]).map((o) => o.lmsId));
		expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
		expect(new Set(pages.flat()).size).toBe(12);
		sim.context.profile.calmLandscapePaging = 'ignored';
		expect((await calm.get(OBJECTS, { params: { limit: 5, offset: 5 } })).data).toHaveLength(12);
	});

	it('properties of a system; none for a business service (403), 404 for an unknown lmsId, 400 without one', async () => {
		const calm = await connect(['calm-api.landscape.read']);
		const [s4h] = (await calm.get(OBJECTS, { params: { name: 'S4H' } })).data as LandscapeObject[];
		const props = await calm.get(PROPERTIES, { params: { lmsId: s4h.lmsId } });
		expect(props.status).toBe(200);
		expect(props.data).toContainEqual({ name: 'SID', value: 'S4H' });
		const [o2c] = (await calm.get(OBJECTS, { params: { objectType: 'BusinessService' } })).data as LandscapeObject[];
		expect((await calm.get(PROPERTIES, { params: { lmsId: o2c.lmsId } })).status).toBe(403);
		expect((await calm.get(PROPERTIES, { params: { lmsId: 'nope' } })).status).toBe(404);
		expect((await calm.get(PROPERTIES)).status).toBe(400);
	});

	it('refuses a bad limit or offset', async () => {
		const calm = await connect(['calm-api.landscape.read']);
		for (const params of [{ limit: -1 }, { offset: 'x' }, { limit: 2.5 }]) {
			const res = await calm.get(OBJECTS, { params });
			expect({ params, status: res.status }).toEqual({ params, status: 400 });
		}
	});
});
