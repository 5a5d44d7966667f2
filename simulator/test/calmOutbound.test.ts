/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * Cloud ALM's outbound "Resource Changes" events over real HTTP, to a local receiver: a webhook
 * (destination + authentication) and a subscription set up through the control API as the Cloud
 * ALM UI would; tasks changed through the Cloud ALM API and event situations / status events raised
 * through the control API are POSTed in the documented envelope with the destination's
 * authentication; the answered external id is stored on the object; failures are recorded.
 */
import { X509Certificate } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, type UaaBlock, useSimulator } from '../testkit';

interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

let control: AxiosInstance;
let calm: AxiosInstance;
let projectId: string;
let receiver: http.Server;
let receiverUrl: string;
let received: Received[];
/** what the receiver answers to the next posts (default: 200 with an external id) */
let answer: (r: Received) => { status: number; body: unknown };

const sim = useSimulator({ reset: {}, profile: DEFAULT_PROFILE, faults: NO_FAULTS });
beforeAll(async () => {
	control = httpClient(sim.urls.control);
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const r = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			if (r.path === '/oauth/token') {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'tok-1', token_type: 'bearer' }));
				received.push(r);
				return;
			}
			received.push(r);
			const a = answer(r);
			res.writeHead(a.status, { 'content-type': 'application/json' }).end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((r) => receiver.close(r));
});
beforeEach(async () => {
	calm = httpClient(sim.keys.cloudAlm.endpoints.Api, await fetchToken(sim.keys.cloudAlm.uaa as unknown as UaaBlock));
	projectId = sim.context.state.calm.projects[0].id;
	received = [];
	answer = () => ({ status: 200, body: { externalId: `EXT-${received.length}` } });
});

async function webhook(destination: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	const res = await control.post('/__sim/calm/webhooks', { name: 'n8n', destination: { url: `${receiverUrl}/hook`, ...destination }, ...extra });
	expect(res.status).toBe(201);
	return res.data as { id: string; destination: Record<string, unknown> };
}

async function subscribe(webhookId: string, resourceType: string, more: Record<string, unknown> = {}) {
	const res = await control.post('/__sim/calm/subscriptions', { webhookId, resourceType, ...more });
	expect(res.status).toBe(201);
	return res.data as { id: string; eventTypes: string[] };
}

const deliveries = async () => (await control.get('/__sim/calm/deliveries?wait=true')).data as Array<Record<string, unknown>>;

test('a task created, updated and deleted through the Cloud ALM API is posted in the envelope with Basic auth; the answered id becomes its externalId', async () => {
	const w = await webhook({ authentication: 'BasicAuthentication', user: 'calm', password: 'pa:ss+word' });
	expect(w.destination).toEqual({ url: `${receiverUrl}/hook`, authentication: 'BasicAuthentication', user: 'calm' });
	const s = await subscribe(w.id, 'TASK', { projectId });
	expect(s.eventTypes).toEqual(['TASK.CREATED', 'TASK.UPDATED', 'TASK.DELETED']);

	const created = (await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'Webhook me', type: 'CALMTASK' })).data as { id: string };
	expect((await deliveries())[0]).toMatchObject({ status: 'delivered', externalId: 'EXT-1', eventType: 'TASK.CREATED', attempts: [{ status: 200 }] });
	expect(received).toHaveLength(1);
	expect(received[0].path).toBe('/hook');
	expect(received[0].headers.authorization).toBe(`Basic ${Buffer.from('calm:pa:ss+word').toString('base64')}`);
	expect(received[0].headers['content-type']).toBe('application/json');
	const envelope = JSON.parse(received[0].body);
	expect(Object.keys(envelope).sort()).toEqual(['eventType', 'resource', 'resourceId', 'resourceType', 'subscriptionId']);
	expect(envelope).toMatchObject({ subscriptionId: s.id, resourceType: 'TASK', eventType: 'TASK.CREATED', resourceId: created.id });
	expect(envelope.resource).toMatchObject({ id: created.id, projectId, title: 'Webhook me' });

	// stored back: the Cloud ALM API and the state show it
	expect((await calm.get(`/calm-tasks/v1/tasks/${created.id}`)).data.externalId).toBe('EXT-1');
	const state = (await control.get('/__sim/state')).data;
	expect(state.calm.tasks.find((t: { id: string }) => t.id === created.id).externalId).toBe('EXT-1');
	expect(JSON.stringify(state)).not.toContain('pa:ss+word');

	await calm.patch(`/calm-tasks/v1/tasks/${created.id}`, { title: 'Changed' });
	await calm.delete(`/calm-tasks/v1/tasks/${created.id}`);
	const all = await deliveries();
	expect(all.map((d) => d.eventType)).toEqual(['TASK.CREATED', 'TASK.UPDATED', 'TASK.DELETED']);
	expect(JSON.parse(received[1].body).resource.title).toBe('Changed');
});

test('task subscriptions are per project and per event type', async () => {
	const w = await webhook({ authentication: 'NoAuthentication' });
	await subscribe(w.id, 'TASK', { projectId, eventTypes: ['TASK.UPDATED'] });
	const other = (await calm.post('/calm-projects/v1/projects', { name: 'Other' })).data.id as string;
	await calm.post('/calm-tasks/v1/tasks', { projectId: other, title: 'Other project', type: 'CALMTASK' });
	const mine = (await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'Mine', type: 'CALMTASK' })).data as { id: string };
	expect(await deliveries()).toEqual([]);
	await calm.patch(`/calm-tasks/v1/tasks/${mine.id}`, { status: 'CIPTKINPROGRESS' });
	expect((await deliveries()).map((d) => d.resourceId)).toEqual([mine.id]);
	expect(received[0].headers.authorization).toBeUndefined();
});

test('an event situation raised in Cloud ALM is posted with the documented resource; a ServiceNow-style answer (result.number) is stored on it', async () => {
	const w = await webhook({ authentication: 'BasicAuthentication', user: 'u', password: 'p' });
	await subscribe(w.id, 'EVENT-SITUATION');
	answer = () => ({ status: 201, body: { result: { number: 'INC0010001', sys_id: 'abc' } } });
	const raised = await control.post('/__sim/calm/event-situations', { subject: 'Ping failed to service S4H', body: 'System involved: S4H', tags: { type: 'httpPing', status: 'DOWN' } });
	expect(raised.status).toBe(201);
	const envelope = (await deliveries(), JSON.parse(received[0].body));
	expect(envelope).toMatchObject({ resourceType: 'EVENT-SITUATION', eventType: 'EVENT-SITUATION.CREATED', resourceId: raised.data.id });
	expect(Object.keys(envelope.resource).sort()).toEqual(['body', 'id', 'rating', 'serviceId', 'startTime', 'subject', 'tags', 'timestamp', 'updateTime']);
	const situations = (await control.get('/__sim/calm/event-situations')).data;
	expect(situations[0].externalId).toBe('INC0010001');

	// an update of the same situation
	await control.post('/__sim/calm/event-situations', { id: raised.data.id, rating: 'WARNING' });
	await deliveries();
	expect(JSON.parse(received[1].body)).toMatchObject({ eventType: 'EVENT-SITUATION.UPDATED', resource: { rating: 'WARNING' } });
});

test('a status event is posted with OAuth2 client credentials (token from the destination token service, then Bearer)', async () => {
	// the destination type's name, not a secret
	const oauth2 = ['OAuth2', 'ClientCredentials'].join('');
	const oauth = { authentication: oauth2, tokenServiceURL: `${receiverUrl}/oauth/token`, clientId: 'cid', clientSecret: ['s3', 'cret'].join('') };
	const w = await webhook(oauth);
	await subscribe(w.id, 'STATUS-EVENT', { eventTypes: ['STATUS-EVENT.CREATED'] });
	answer = () => ({ status: 200, body: 'TICKET-77' });
	const raised = await control.post('/__sim/calm/status-events', { eventName: 'Disruption of S4H', eventType: 'Disruption' });
	const [d] = await deliveries();
	expect(d).toMatchObject({ status: 'delivered', externalId: 'TICKET-77' });
	expect(received[0].path).toBe('/oauth/token');
	expect(received[0].headers.authorization).toBe(`Basic ${Buffer.from('cid:s3cret').toString('base64')}`);
	expect(received[0].body).toBe('grant_type=client_credentials');
	expect(received[1].headers.authorization).toBe('Bearer tok-1');
	expect(JSON.parse(received[1].body)).toMatchObject({ resourceType: 'STATUS-EVENT', eventType: 'STATUS-EVENT.CREATED', resourceId: raised.data.id });
	expect((await control.get('/__sim/calm/status-events')).data[0].externalId).toBe('TICKET-77');
	expect(JSON.parse(received[1].body).resource).toMatchObject({ eventName: 'Disruption of S4H', eventType: 'Disruption', eventStatus: 'Open', eventEndTime: null });

	// the same status event in the pull API, with SAP's fields only
	// the key's client gets the pull API's scope (the seeded key has none of bsm)
	const client = sim.context.state.uaaClients.find((c) => c.clientid === (sim.keys.cloudAlm.uaa as unknown as { clientid: string }).clientid)!;
	client.scopes = [...client.scopes, `${CALM_XSMASTERAPPNAME}.calm-api.bsm.read`];
	const bsm = httpClient(sim.keys.cloudAlm.endpoints.Api, await fetchToken(sim.keys.cloudAlm.uaa as unknown as UaaBlock));
	const listed = (await bsm.get('/bsm-service/v1/events?eventType=Disruption&limit=1000')).data as Array<Record<string, unknown>>;
	const row = listed.find((e) => e.eventName === 'Disruption of S4H');
	expect(row).toBeDefined();
	expect(row).not.toHaveProperty('externalId');
	await control.post('/__sim/calm/status-events', { id: raised.data.id, eventStatus: 'Resolved', eventEndTime: new Date().toISOString() });
	const after = (await bsm.get('/bsm-service/v1/events?eventType=Disruption&limit=1000')).data as Array<Record<string, unknown>>;
	expect(after.filter((e) => e.eventName === 'Disruption of S4H')).toEqual([expect.objectContaining({ eventStatus: 'Resolved' })]);
});

test('a client certificate destination to an http URL arrives as a proxy forwards it: X-Forwarded-Client-Cert with the SHA-256 of the certificate', async () => {
	const w = await webhook({ authentication: 'ClientCertificateAuthentication', certificateSubject: 'calm-tenant' });
	const fingerprint = w.destination.fingerprint as string;
	const cert = sim.context.state.calmOutbound.webhooks[0].destination.certificate!;
	expect(fingerprint).toBe(new X509Certificate(cert).fingerprint256.replace(/:/g, '').toLowerCase());
	await subscribe(w.id, 'EVENT-SITUATION');
	await control.post('/__sim/calm/event-situations', {});
	await deliveries();
	expect(received[0].headers['x-forwarded-client-cert']).toBe(`Hash=${fingerprint};Subject="CN=calm-tenant"`);
	expect(JSON.stringify((await control.get('/__sim/state')).data)).not.toContain('PRIVATE KEY');
});

test('failed deliveries are recorded with every attempt; no external id is stored', async () => {
	const w = await webhook({ authentication: 'NoAuthentication' }, { maxAttempts: 2 });
	await subscribe(w.id, 'EVENT-SITUATION');
	answer = () => ({ status: 401, body: { message: 'Unauthorized' } });
	await control.post('/__sim/calm/event-situations', {});
	const [d] = await deliveries();
	expect(d).toMatchObject({ status: 'failed', attempts: [{ status: 401 }, { status: 401 }] });
	expect(d.externalId).toBeUndefined();
	expect(sim.context.state.calmOutbound.eventSituations[0].externalId).toBeUndefined();

	// an unreachable destination: the error is recorded
	const closed = await webhook({ url: 'http://127.0.0.1:1/hook', authentication: 'NoAuthentication' });
	await subscribe(closed.id, 'STATUS-EVENT');
	await control.post('/__sim/calm/status-events', {});
	const last = (await deliveries()).at(-1)!;
	expect(last).toMatchObject({ status: 'failed', attempts: [{ error: expect.stringMatching(/ECONNREFUSED/) }] });
});

test('the control API refuses what the Cloud ALM UI would not take', async () => {
	const bad = async (path: string, body: unknown) => {
		const res = await control.post(path, body);
		expect(res.status).toBe(400);
		return String(res.data.message);
	};
	expect(await bad('/__sim/calm/webhooks', { destination: { url: `${receiverUrl}/x`, authentication: 'HeaderValue' } })).toMatch(/must be one of/);
	expect(await bad('/__sim/calm/webhooks', { destination: { url: 'ftp://x' } })).toMatch(/http\(s\) URL/);
	expect(await bad('/__sim/calm/webhooks', { destination: { url: `${receiverUrl}/x`, authentication: 'BasicAuthentication' } })).toMatch(/user/);
	const w = await webhook({});
	expect(await bad('/__sim/calm/subscriptions', { webhookId: w.id, resourceType: 'TASK' })).toMatch(/projectId/);
	expect(await bad('/__sim/calm/subscriptions', { webhookId: w.id, resourceType: 'EVENT-SITUATION', eventTypes: ['TASK.CREATED'] })).toMatch(/eventTypes/);
	expect(await bad('/__sim/calm/event-situations', { change: 'EXPLODED' })).toMatch(/change must be one of CREATED, UPDATED, DELETED, PING/);
	expect((await control.delete(`/__sim/calm/webhooks/${w.id}`)).status).toBe(204);
	expect((await control.get('/__sim/calm/subscriptions')).data).toEqual([]);
});

test('a webhook on a destination of the Cloud ALM subaccount (Destination service, as Connect Cloud ALM to a Webhook writes it) posts with that destination, read at each delivery', async () => {
	const dest = httpClient(sim.keys.destination.uri, await fetchToken(sim.keys.destination));
	const BASE = '/destination-configuration/v1/subaccountDestinations';
	const destination = { Name: 'n8n-cloud-alm', Type: 'HTTP', URL: `${receiverUrl}/named`, Authentication: 'BasicAuthentication', ProxyType: 'Internet', User: 'calm', Password: 'first' };
	expect((await dest.post(BASE, destination)).status).toBe(201);
	expect((await control.post('/__sim/calm/webhooks', { destinationName: 'missing' })).status).toBe(400);
	const w = (await control.post('/__sim/calm/webhooks', { name: 'n8n', destinationName: 'n8n-cloud-alm' })).data as { id: string };
	expect((await control.get('/__sim/calm/webhooks')).data).toEqual([{ id: w.id, name: 'n8n', maxAttempts: 1, destinationName: 'n8n-cloud-alm' }]);
	await subscribe(w.id, 'EVENT-SITUATION');

	await control.post('/__sim/calm/event-situations', {});
	expect((await deliveries())[0]).toMatchObject({ status: 'delivered', url: `${receiverUrl}/named` });
	expect(received[0].headers.authorization).toBe(`Basic ${Buffer.from('calm:first').toString('base64')}`);

	// the destination changes in the cockpit: the next event uses the new password
	expect((await dest.put(BASE, { ...destination, Password: 'second' })).status).toBe(200);
	await control.post('/__sim/calm/event-situations', {});
	await deliveries();
	expect(received[1].headers.authorization).toBe(`Basic ${Buffer.from('calm:second').toString('base64')}`);
	expect(JSON.stringify((await control.get('/__sim/state')).data)).not.toContain('second');

	// deleted: the delivery fails and says why
	await dest.delete(`${BASE}/n8n-cloud-alm`);
	await control.post('/__sim/calm/event-situations', {});
	expect((await deliveries()).at(-1)).toMatchObject({ status: 'failed', attempts: [{ error: 'destination n8n-cloud-alm not found in the Cloud ALM subaccount' }] });
});

