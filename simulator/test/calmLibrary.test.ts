/**
 * SAP Cloud ALM cross-library services of the simulator over real HTTP: the four entity sets, one
 * element by uuid, `$filter` and server-driven paging, the 403 naming the read scope under both
 * readings of `calmLibraryScope` (SAP's `calm-api.library.read`, calmcp's `calm-api.lib.read`).
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { libraryStore } from '../services/calmLibrary';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const APPLICATIONS = '/calm-crosslibraryapplications/v1/Applications';

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

describe('Cross-library (applications, developments, configurations, interfaces)', () => {
	it('403 names calm-api.library.read; with it, each library lists its elements and reads one by uuid', async () => {
		const denied = await (await connect(['calm-api.lib.read'])).get(APPLICATIONS);
		expect([denied.status, denied.data.error.message]).toEqual([403, 'Missing scope calm-api.library.read']);
		const calm = await connect(['calm-api.library.read']);
		for (const path of [APPLICATIONS, '/calm-crosslibrarydevelopments/v1/Developments', '/calm-crosslibraryconfigurations/v1/Configurations', '/calm-crosslibraryinterfaces/v1/Interfaces']) {
			const res = await calm.get(path);
			expect({ path, status: res.status, some: res.data.value.length > 0 }).toEqual({ path, status: 200, some: true });
			const one = await calm.get(`${path}/${res.data.value[0].uuid as string}`);
			expect(one.data.title).toBe(res.data.value[0].title);
		}
		expect((await calm.get(`${APPLICATIONS}/6c3f0000-0000-4000-8000-999999999999`)).status).toBe(404);
	});

	it('calmLibraryScope lib: the tenant checks calm-api.lib.read instead', async () => {
		sim.context.profile.calmLibraryScope = 'lib';
		const denied = await (await connect(['calm-api.library.read'])).get(APPLICATIONS);
		expect([denied.status, denied.data.error.message]).toEqual([403, 'Missing scope calm-api.lib.read']);
		expect((await (await connect(['calm-api.lib.read'])).get(APPLICATIONS)).status).toBe(200);
	});

	it('$filter and server-driven paging', async () => {
		const apps = libraryStore(sim.context).application;
		for (let k = 0; k < 9; k++) apps.push({ ...apps[0], uuid: `6c3f0000-0000-4000-8000-1${String(k).padStart(11, '0')}`, title: `App ${k}` });
		const calm = await connect(['calm-api.library.read']);
		const fiori = await calm.get(APPLICATIONS, { params: { $filter: "applicationTypeCode eq 'WEB_DYNPRO'" } });
		expect(fiori.data.value.map((a: { title: string }) => a.title)).toEqual(['Sales Order Monitor']);
		const first = await calm.get(APPLICATIONS);
		expect(first.data['@odata.nextLink']).toEqual(expect.any(String));
	});
});
