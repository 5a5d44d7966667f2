/**
 * Destination service of the simulator over real HTTP (SAP-docs/btp-connectivity
 * calling-the-destination-service-rest-api-84c5d38.md; SAP's "SAP_CP_CF_Connectivity_Destination" API
 * as generated into SAP Cloud SDK clients): the key's own XSUAA client and token, subaccount
 * destinations per subaccount of the token, create (409 on a duplicate name), read, update, delete.
 */
import type { AxiosInstance } from 'axios';
import { SUBACCOUNT_IDS } from '../seed';
import { fetchToken, httpClient, useSimulator } from '../testkit';

let dest: AxiosInstance;
const BASE = '/destination-configuration/v1/subaccountDestinations';

const sim = useSimulator({ reset: {} });
beforeEach(async () => {
	dest = httpClient(sim.keys.destination.uri, await fetchToken(sim.keys.destination));
});

const webhook = { Name: 'n8n-cloud-alm', Type: 'HTTP', URL: 'https://n8n.example.com/webhook/abc', Authentication: 'NoAuthentication', ProxyType: 'Internet' };

test('the key holds clientid, clientsecret, url (XSUAA) and uri (the service), and its token works on its own origin only', async () => {
	const key = sim.keys.destination;
	expect(key).toMatchObject({ clientid: expect.any(String), clientsecret: expect.any(String), url: sim.urls.uaa, uri: sim.urls.destination });
	expect((await dest.get(BASE)).data).toEqual([]);
	expect((await httpClient(sim.urls.destination).get(BASE)).status).toBe(401);
	// a token of another service (the cis key) is not a Destination service token
	const cis = httpClient(sim.urls.destination, await fetchToken(sim.keys.cisCentral.uaa));
	expect((await cis.get(BASE)).status).toBe(403);
});

test('create, read, 409 on a duplicate name, update, delete', async () => {
	expect((await dest.post(BASE, webhook)).status).toBe(201);
	expect((await dest.get(`${BASE}/${webhook.Name}`)).data).toEqual(webhook);
	const duplicate = await dest.post(BASE, { ...webhook, URL: 'https://other.example.com' });
	expect(duplicate.status).toBe(409);
	expect(duplicate.data).toEqual({ ErrorMessage: expect.stringContaining('already exists') });
	const basic = { ...webhook, Authentication: 'BasicAuthentication', User: 'calm', Password: 'secret' };
	expect((await dest.put(BASE, basic)).data).toEqual({ Count: 1 });
	expect((await dest.get(BASE)).data).toEqual([basic]);
	expect((await dest.put(BASE, { ...webhook, Name: 'missing' })).status).toBe(404);
	expect((await dest.get(`${BASE}/missing`)).status).toBe(404);
	expect((await dest.delete(`${BASE}/${webhook.Name}`)).status).toBe(200);
	expect((await dest.get(BASE)).data).toEqual([]);
	expect(sim.context.state.destinations).toEqual([]);
});

test('destinations belong to the subaccount of the token; bad bodies answer 400', async () => {
	await dest.post(BASE, webhook);
	expect(sim.context.state.destinations[0].subaccountGUID).toBe(SUBACCOUNT_IDS.calm);
	expect((await dest.post(BASE, { Type: 'HTTP', URL: 'https://x' })).status).toBe(400);
	expect((await dest.post(BASE, { ...webhook, Name: 'bad name' })).status).toBe(400);
	expect((await dest.post(BASE, { ...webhook, Name: 'nourl', URL: 'ftp://x' })).status).toBe(400);
	expect((await dest.post(BASE, '{not json', { headers: { 'content-type': 'application/json' } })).status).toBe(400);
});
