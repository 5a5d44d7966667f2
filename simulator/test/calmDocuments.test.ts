/**
 * SAP Cloud ALM Documents of the simulator over real HTTP: create with URL references, read,
 * update, server-driven paging and `$filter`, 403s naming the scope, bad input.
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const DOCS = '/calm-documents/v1/Documents';
const PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.documents.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

describe('Documents (calm-documents)', () => {
	it('403 names the scope of each method', async () => {
		const none = await connect();
		expect((await none.get(DOCS)).data.error.message).toBe('Missing scope calm-api.documents.read');
		expect((await none.post(DOCS, { projectId: PROJECT, title: 'T' })).data.error.message).toBe('Missing scope calm-api.documents.write');
		expect((await none.patch(`${DOCS}/x`, { title: 'T' })).data.error.message).toBe('Missing scope calm-api.documents.write');
		expect((await none.delete(`${DOCS}/x`)).data.error.message).toBe('Missing scope calm-api.documents.delete');
	});

	it('create with URL references, read, update; pages of 5 with @odata.nextLink; $filter', async () => {
		const calm = await connect(['read', 'write']);
		const made = await calm.post(DOCS, { projectId: PROJECT, title: 'Design', content: '<p>x</p>', toURLReferences: [{ name: 'SAP', url: 'https://www.sap.com' }] });
		expect(made.status).toBe(201);
		expect(made.data).toMatchObject({ displayId: '12-1', documentTypeCode: 'SD', toURLReferences: [{ name: 'SAP', url: 'https://www.sap.com' }] });
		const patched = await calm.patch(`${DOCS}/${made.data.uuid}`, { statusCode: 'DONE' });
		expect(patched.data).toMatchObject({ title: 'Design', statusCode: 'DONE' });
		expect((await calm.get(`${DOCS}/${made.data.uuid}`)).data.statusCode).toBe('DONE');
		for (let n = 0; n < 6; n++) await calm.post(DOCS, { projectId: PROJECT, title: `D${n}`, documentTypeCode: n % 2 ? 'SD' : 'MEETING' });
		const first = await calm.get(DOCS);
		expect(first.data.value).toHaveLength(5);
		expect((await calm.get(first.data['@odata.nextLink'])).data.value).toHaveLength(2);
		expect((await calm.get(DOCS, { params: { $filter: "documentTypeCode eq 'MEETING'" } })).data.value).toHaveLength(3);
	});

	it('refuses unknown properties, a missing title, an unknown project, a changed project; 404 for an unknown document', async () => {
		const calm = await connect(['read', 'write']);
		for (const body of [{ projectId: PROJECT, title: 'T', nosuch: 1 }, { projectId: PROJECT }, { projectId: 'nope', title: 'T' }, { projectId: PROJECT, title: 'T', toURLReferences: [{}] }]) {
			expect({ body, status: (await calm.post(DOCS, body)).status }).toEqual({ body, status: 400 });
		}
		const made = (await calm.post(DOCS, { projectId: PROJECT, title: 'T' })).data;
		expect((await calm.patch(`${DOCS}/${made.uuid}`, { projectId: 'other' })).status).toBe(400);
		expect((await calm.get(`${DOCS}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
	});

	it('delete needs calm-api.documents.delete (write is not enough), answers 204, then 404', async () => {
		const calm = await connect(['read', 'write']);
		const made = (await calm.post(DOCS, { projectId: PROJECT, title: 'Gone soon' })).data;
		const refused = await calm.delete(`${DOCS}/${made.uuid}`);
		expect([refused.status, refused.data.error.message]).toEqual([403, 'Missing scope calm-api.documents.delete']);
		const deleter = await connect(['delete']);
		expect((await deleter.delete(`${DOCS}/${made.uuid}`)).status).toBe(204);
		expect((await deleter.get(`${DOCS}/${made.uuid}`)).status).toBe(404);
		expect((await deleter.delete(`${DOCS}/${made.uuid}`)).status).toBe(404);
	});
});
