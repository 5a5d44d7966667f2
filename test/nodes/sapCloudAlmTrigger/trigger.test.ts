/**
 * SAP Cloud ALM Trigger over real HTTP: the simulator's Cloud ALM posts its resource changes
 * (webhook + subscription set up through the control API, as in the Cloud ALM UI) to the trigger
 * served with n8n-core's WebhookContext (webhookHarness.ts). Basic auth and a forwarded client
 * certificate, filters, the answer's external id stored back in Cloud ALM, 401/403/400 without a
 * run, and the output (resource flattened, envelope kept).
 */
import type { AxiosInstance } from 'axios';
import axios from 'axios';
import type { INodeParameters } from 'n8n-workflow';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../../../simulator/testkit';
import { startTriggerServer, type TriggerServer } from './webhookHarness';

const sim = useSimulator();
const BASIC = { user: 'calm-events', password: 'pa:ss word+1' };
const LAST_NODE: INodeParameters = { authentication: 'basicAuth', responseMode: 'lastNode', resourceTypes: [], eventTypes: [] };

let trigger: TriggerServer;
let control: AxiosInstance;
let calm: AxiosInstance;
let projectId: string;

beforeAll(async () => {
	trigger = await startTriggerServer(LAST_NODE, BASIC);
});
afterAll(async () => trigger.close());
beforeEach(async () => {
	trigger.configure(LAST_NODE, BASIC);
	trigger.runs.length = 0;
	trigger.lastNode = (items) => items[0];
	control = httpClient(sim.urls.control);
	calm = httpClient(sim.keys.cloudAlm.endpoints.Api, await fetchToken(sim.keys.cloudAlm.uaa as unknown as UaaBlock));
	projectId = sim.context.state.calm.projects[0].id;
});

async function webhookTo(destination: Record<string, unknown>) {
	const res = await control.post('/__sim/calm/webhooks', { name: 'n8n', destination: { url: trigger.url, ...destination } });
	expect(res.status).toBe(201);
	return res.data as { id: string; destination: { fingerprint?: string } };
}
const subscribe = async (webhookId: string, resourceType: string, more: Record<string, unknown> = {}) =>
	expect((await control.post('/__sim/calm/subscriptions', { webhookId, resourceType, ...more })).status).toBe(201);
const deliveries = async () => (await control.get('/__sim/calm/deliveries?wait=true')).data as Array<Record<string, unknown>>;
const post = (body: unknown, headers: Record<string, string> = {}) =>
	axios.post(trigger.url, body, { validateStatus: () => true, headers: { 'content-type': 'application/json', ...headers } });
const basicHeader = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

test('a task created through the Cloud ALM API starts a run; the external id the workflow answers is stored on the task', async () => {
	const w = await webhookTo({ authentication: 'BasicAuthentication', ...BASIC });
	await subscribe(w.id, 'TASK', { projectId });
	trigger.lastNode = (items) => ({ externalId: `JIRA-${String(items[0].title).length}` });

	const task = (await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'Broken login', type: 'CALMTASK' })).data as { id: string };
	const [d] = await deliveries();
	expect(d).toMatchObject({ status: 'delivered', externalId: 'JIRA-12' });
	expect((await calm.get(`/calm-tasks/v1/tasks/${task.id}`)).data.externalId).toBe('JIRA-12');

	expect(trigger.runs).toHaveLength(1);
	const [item] = trigger.runs[0];
	// the resource's fields at the top, the envelope's beside them, the raw envelope kept
	expect(item).toMatchObject({
		id: task.id,
		title: 'Broken login',
		projectId,
		resourceType: 'TASK',
		eventType: 'TASK.CREATED',
		action: 'CREATED',
		resourceId: task.id,
		subscriptionId: expect.any(String),
	});
	expect(item.envelope).toMatchObject({ resourceType: 'TASK', resourceId: task.id, resource: { title: 'Broken login' } });
});

test('an event situation: the output has its fields flat (subject, rating, tags) and Immediately answers the External ID', async () => {
	trigger.configure({ ...LAST_NODE, responseMode: 'onReceived', externalId: 'n8n-events' });
	const w = await webhookTo({ authentication: 'BasicAuthentication', ...BASIC });
	await subscribe(w.id, 'EVENT-SITUATION');
	await control.post('/__sim/calm/event-situations', { subject: 'Ping failed to service S4H', rating: 'ERROR', tags: { type: 'httpPing', status: 'DOWN' } });
	const [d] = await deliveries();
	expect(d).toMatchObject({ status: 'delivered', externalId: 'n8n-events' });
	expect(trigger.runs[0][0]).toMatchObject({ subject: 'Ping failed to service S4H', rating: 'ERROR', tags: { type: 'httpPing', status: 'DOWN' }, action: 'CREATED' });
	expect((await control.get('/__sim/calm/event-situations')).data[0].externalId).toBe('n8n-events');
});

test('a wrong password, or none, is refused with 401 and a Basic challenge, and nothing runs; Cloud ALM records the failed delivery', async () => {
	const w = await webhookTo({ authentication: 'BasicAuthentication', user: BASIC.user, password: 'wrong' });
	await subscribe(w.id, 'EVENT-SITUATION');
	await control.post('/__sim/calm/event-situations', {});
	const [d] = await deliveries();
	expect(d).toMatchObject({ status: 'failed', attempts: [{ status: 401 }] });

	const envelope = { subscriptionId: 's', resourceType: 'TASK', eventType: 'TASK.CREATED', resourceId: 't1', resource: {} };
	for (const headers of [{}, basicHeader(BASIC.user, 'nope'), basicHeader('other', BASIC.password), { authorization: 'Bearer x' }]) {
		const res = await post(envelope, headers);
		expect(res.status).toBe(401);
		expect(res.headers['www-authenticate']).toBe('Basic realm="SAP Cloud ALM Trigger"');
		expect(JSON.stringify(res.data)).not.toContain(BASIC.password);
	}
	expect(trigger.runs).toHaveLength(0);
	expect((await post(envelope, basicHeader(BASIC.user, BASIC.password))).status).toBe(200);
	expect(trigger.runs).toHaveLength(1);
});

test('a body that is not a Cloud ALM resource change is refused with 400 naming what is missing, and nothing runs', async () => {
	const auth = basicHeader(BASIC.user, BASIC.password);
	const cases: Array<[unknown, RegExp]> = [
		[{ hello: 'world' }, /resourceType, eventType, resourceId missing/],
		[{ resourceType: 'TASK', eventType: 'TASK.CREATED', resourceId: 't', resource: 'text' }, /resource must be an object/],
		[[1, 2], /JSON object/],
		[{ resourceType: '', eventType: 'X', resourceId: 'r' }, /resourceType missing/],
	];
	for (const [body, message] of cases) {
		const res = await post(body, auth);
		expect(res.status).toBe(400);
		expect(res.data.message).toMatch(message);
	}
	const text = await axios.post(trigger.url, 'not json', { validateStatus: () => true, headers: { 'content-type': 'text/plain', ...auth } });
	expect(text.status).toBe(400);
	expect(trigger.runs).toHaveLength(0);
});

test('filters: other resource types and event types are answered 200 without a run; an event type matches by its verb or full name', async () => {
	trigger.configure({ ...LAST_NODE, authentication: 'none', resourceTypes: ['EVENT-SITUATION'], eventTypes: ['CREATED'] });
	const change = (resourceType: string, eventType: string) => ({ subscriptionId: 's', resourceType, eventType, resourceId: 'r1', resource: { subject: 'x' } });

	const task = await post(change('TASK', 'TASK.CREATED'));
	expect(task.status).toBe(200);
	expect(task.data).toEqual({ received: true, ignored: 'resource type TASK is not one the trigger listens to' });
	expect((await post(change('EVENT-SITUATION', 'EVENT-SITUATION.UPDATED'))).data.ignored).toMatch(/event type/);
	expect(trigger.runs).toHaveLength(0);

	// names SAP does not publish are compared loosely: case, separators, plural
	expect((await post(change('Event-Situations', 'event-situation.created'))).status).toBe(200);
	expect((await post(change('EVENT_SITUATION', 'CREATED'))).status).toBe(200);
	expect(trigger.runs).toHaveLength(2);

	trigger.configure({ ...LAST_NODE, authentication: 'none', eventTypes: ['PING'] });
	await post(change('EVENT-SITUATION', 'EVENT-SITUATION.PING'));
	expect(trigger.runs).toHaveLength(3);
});

test('client certificate: the fingerprint the proxy forwards must be an allowed one (403 otherwise, no run)', async () => {
	const w = await webhookTo({ authentication: 'ClientCertificateAuthentication', certificateSubject: 'calm-tenant' });
	const fingerprint = w.destination.fingerprint!;
	const colons = fingerprint.toUpperCase().match(/../g)!.join(':');
	trigger.configure({ ...LAST_NODE, authentication: 'clientCertificate', allowedFingerprints: `aa11, ${colons}` });
	await subscribe(w.id, 'STATUS-EVENT');
	await control.post('/__sim/calm/status-events', { title: 'Disruption' });
	expect((await deliveries())[0]).toMatchObject({ status: 'delivered' });
	expect(trigger.runs).toHaveLength(1);

	const envelope = { resourceType: 'TASK', eventType: 'TASK.CREATED', resourceId: 't1' };
	const other = 'b'.repeat(64);
	expect((await post(envelope, { 'x-forwarded-client-cert': `Hash=${other};Subject="CN=evil"` })).status).toBe(403);
	expect((await post(envelope)).status).toBe(403);
	// Basic credentials do not help in certificate mode
	expect((await post(envelope, basicHeader(BASIC.user, BASIC.password))).status).toBe(403);
	expect(trigger.runs).toHaveLength(1);
	// a proxy that forwards the bare fingerprint in a header of its own
	trigger.configure({ ...LAST_NODE, authentication: 'clientCertificate', certificateHeader: 'X-SSL-Client-Fingerprint', allowedFingerprints: fingerprint });
	expect((await post(envelope, { 'x-ssl-client-fingerprint': colons })).status).toBe(200);
});

test('Basic auth without a user and password in the credential answers 500, never lets the post through', async () => {
	trigger.configure(LAST_NODE, { user: '', password: '' });
	const res = await post({ resourceType: 'TASK', eventType: 'TASK.CREATED', resourceId: 't1' }, basicHeader('', ''));
	expect(res.status).toBe(500);
	expect(res.data.message).toMatch(/user and password/);
	expect(trigger.runs).toHaveLength(0);
});
