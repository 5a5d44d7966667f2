/**
 * SAP Cloud ALM cross-library services of the simulator over real HTTP: the four entity sets, one
 * element by uuid, `$filter` and server-driven paging, the 403 naming the read scope under both
 * readings of `calmLibraryScope` (SAP's `calm-api.library.read`, calmcp's `calm-api.lib.read`);
 * writes (SAP's Interface / Application Library API pages): POST needs `.write` and a title, PATCH
 * `.write` and fails on an element marked for deletion, DELETE `.delete`, all in the OData error shape.
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

	it('POST needs calm-api.library.write and a title; unknown and read-only properties answer 400', async () => {
		const readOnly = await connect(['calm-api.library.read']);
		const denied = await readOnly.post(APPLICATIONS, { title: 'X' });
		expect([denied.status, denied.data.error]).toEqual([403, { code: '403', message: 'Missing scope calm-api.library.write' }]);
		const calm = await connect(['calm-api.library.read', 'calm-api.library.write']);
		expect((await calm.post(APPLICATIONS, { description: 'no title' })).data.error).toEqual({ code: '400', message: "Property 'title' is required" });
		expect((await calm.post(APPLICATIONS, { title: 'X', intent: 'y' })).data.error.message).toBe("Property 'intent' does not exist in type Applications");
		expect((await calm.post(APPLICATIONS, { title: 'X', isMarkedForDeletion: true })).data.error.message).toBe("Property 'isMarkedForDeletion' cannot be changed");
		const created = await calm.post(APPLICATIONS, { title: 'Manage Payments', applicationTypeCode: 'FIORI_ACTION' });
		expect([created.status, created.data.isMarkedForDeletion]).toEqual([201, false]);
		// no unique key: the same title twice is two elements
		expect(libraryStore(sim.context).application.filter((a) => a.title === 'Manage Payments')).toHaveLength(2);
	});

	it('PATCH on an element marked for deletion answers 400; DELETE needs calm-api.library.delete, answers 204, then 404', async () => {
		const marked = libraryStore(sim.context).interface.find((e) => e.isMarkedForDeletion)!;
		const path = `/calm-crosslibraryinterfaces/v1/Interfaces/${String(marked.uuid)}`;
		const writer = await connect(['calm-api.library.write']);
		const refused = await writer.patch(path, { title: 'Changed' });
		expect([refused.status, refused.data.error]).toEqual([400, { code: '400', message: `Interfaces ${String(marked.uuid)} is marked for deletion in SAP Cloud ALM and cannot be changed` }]);
		sim.context.profile.calmLibraryMarkedForDeletionStatus = 409;
		expect((await writer.patch(path, { title: 'Changed' })).status).toBe(409);
		expect(marked.title).toBe('Bank Statement Inbound');
		const noDelete = await writer.delete(path);
		expect([noDelete.status, noDelete.data.error.message]).toEqual([403, 'Missing scope calm-api.library.delete']);
		const deleter = await connect(['calm-api.library.delete']);
		expect((await deleter.delete(path)).status).toBe(204);
		expect((await deleter.delete(path)).status).toBe(404);
		expect((await writer.patch('/calm-crosslibraryinterfaces/v1/Interfaces/6c3f0000-0000-4000-8000-999999999999', { title: 'X' })).status).toBe(404);
	});

	it('calmLibraryScope lib: writes need calm-api.lib.write, deletes calm-api.lib.delete', async () => {
		sim.context.profile.calmLibraryScope = 'lib';
		const library = await connect(['calm-api.library.write', 'calm-api.library.delete']);
		expect((await library.post(APPLICATIONS, { title: 'X' })).data.error.message).toBe('Missing scope calm-api.lib.write');
		const [first] = libraryStore(sim.context).application;
		expect((await library.delete(`${APPLICATIONS}/${String(first.uuid)}`)).data.error.message).toBe('Missing scope calm-api.lib.delete');
		const lib = await connect(['calm-api.lib.write', 'calm-api.lib.delete']);
		expect((await lib.post(APPLICATIONS, { title: 'X' })).status).toBe(201);
		expect((await lib.delete(`${APPLICATIONS}/${String(first.uuid)}`)).status).toBe(204);
	});
});
