/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * The SAP Cloud ALM Trigger in a real n8n 2.41.1: the example "event situation → ticket"
 * (examples/event-situation-ticket.workflow.json) is published with its ticket system replaced by a
 * local server answering as ServiceNow does ({result: {number}}), and its filter widened to tasks.
 * The simulator's Cloud ALM gets a webhook to n8n's PRODUCTION URL with BasicAuthentication and a
 * subscription, as set up in the Cloud ALM UI. A task changed through the Cloud ALM API and an event
 * situation raised in Cloud ALM each run the workflow once, and the ticket number the workflow
 * answers is stored back on them in the simulator. A webhook with a wrong password is refused with
 * 401 and no execution.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXAMPLES, loadExample } from '../../scripts/demo/examples';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { fetchToken, httpClient, type UaaBlock } from '../../simulator/testkit';
import { createN8nInstance, type N8nInstance, type OwnerLogin } from './harness';

const BASIC = { user: 'calm-events', password: `e2e-${Date.now()}-pw` };

let sim: RunningSimulator;
let n8n: N8nInstance;
let owner: OwnerLogin;
let tickets: Server;
let ticketUrl: string;
const ticketBodies: Array<Record<string, unknown>> = [];

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

async function executionCount(): Promise<number> {
	const page = await n8n.getJson<{ count: number }>(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: EXAMPLES.eventTicket.id }))}`, owner.cookie);
	return page.count;
}

async function waitForCount(expected: number, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while ((await executionCount()) < expected) {
		if (Date.now() > deadline) throw new Error(`expected ${expected} executions\n${n8n.logs().split('\n').slice(-30).join('\n')}`);
		await sleep(300);
	}
}

beforeAll(async () => {
	sim = await startSimulator();
	tickets = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			ticketBodies.push(JSON.parse(body) as Record<string, unknown>);
			const number = `INC${String(ticketBodies.length).padStart(7, '0')}`;
			res.writeHead(201, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ result: { number, sys_id: `sys-${ticketBodies.length}` } }));
		});
	});
	await new Promise<void>((r) => tickets.listen(0, '127.0.0.1', () => r()));
	ticketUrl = `http://127.0.0.1:${(tickets.address() as AddressInfo).port}/api/now/table/incident`;

	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	const workflow = loadExample('eventTicket');
	for (const node of workflow.nodes) {
		if (node.name === 'Create Ticket') node.parameters.url = ticketUrl;
		if (node.type.endsWith('.sapCloudAlmTrigger')) node.parameters.resourceTypes = ['EVENT-SITUATION', 'TASK'];
	}
	// the workflow first, its credential after, as the examples suite imports it (without this credential)
	await n8n.importWorkflow(workflow);
	await n8n.importCredentials([{ id: 'simCalmWebhook', name: 'SAP Cloud ALM Webhook (simulator)', type: 'sapCloudAlmWebhookApi', data: { ...BASIC } }]);
	await n8n.publishWorkflow(EXAMPLES.eventTicket.id);
	await n8n.start();
	await n8n.waitForWebhook(EXAMPLES.eventTicket.webhookPath);
	owner = await n8n.setupOwner();
}, 240_000);

afterAll(async () => {
	if (n8n) console.log(`[e2e] cloudAlmTrigger: ${n8n.timingSummary()}; ${ticketBodies.length} tickets`);
	await n8n?.cleanup();
	await sim?.stop();
	await new Promise((r) => tickets?.close(r));
});

test('Cloud ALM posts to the production URL with Basic auth: each change runs the workflow once and its ticket number is stored back', async () => {
	const control = httpClient(sim.urls.control);
	const calm = httpClient(sim.keys.cloudAlm.endpoints.Api, await fetchToken(sim.keys.cloudAlm.uaa as unknown as UaaBlock));
	const projectId = sim.context.state.calm.projects[0].id;
	const productionUrl = `${n8n.baseUrl}/webhook/${EXAMPLES.eventTicket.webhookPath}`;

	const hook = await control.post('/__sim/calm/webhooks', { name: 'n8n', destination: { url: productionUrl, authentication: 'BasicAuthentication', ...BASIC } });
	expect(hook.status).toBe(201);
	await control.post('/__sim/calm/subscriptions', { webhookId: hook.data.id, resourceType: 'TASK', projectId, eventTypes: ['TASK.CREATED'] });
	await control.post('/__sim/calm/subscriptions', { webhookId: hook.data.id, resourceType: 'EVENT-SITUATION' });

	// a task created through the Cloud ALM API
	const task = (await calm.post('/calm-tasks/v1/tasks', { projectId, title: 'Order interface down', type: 'CALMTASK' })).data as { id: string };
	const [first] = (await control.get('/__sim/calm/deliveries?wait=true')).data;
	expect(first).toMatchObject({ status: 'delivered', externalId: 'INC0000001', attempts: [{ status: 200 }] });
	expect((await calm.get(`/calm-tasks/v1/tasks/${task.id}`)).data.externalId).toBe('INC0000001');
	expect(ticketBodies[0]).toMatchObject({ short_description: 'Order interface down', correlation_id: task.id });
	await waitForCount(1);

	// an event situation raised in Cloud ALM
	const situation = (await control.post('/__sim/calm/event-situations', { subject: 'Ping failed to service S4H', body: 'System involved: S4H', rating: 'ERROR' })).data;
	const second = (await control.get('/__sim/calm/deliveries?wait=true')).data[1];
	expect(second).toMatchObject({ status: 'delivered', externalId: 'INC0000002', eventType: 'EVENT-SITUATION.CREATED' });
	expect((await control.get('/__sim/calm/event-situations')).data[0]).toMatchObject({ id: situation.id, externalId: 'INC0000002' });
	expect(ticketBodies[1]).toMatchObject({ short_description: 'Ping failed to service S4H', urgency: 1 });
	await waitForCount(2);
	// the password never appears in what n8n answered
	expect(JSON.stringify(second)).not.toContain(BASIC.password);

	// a webhook with a wrong password: refused with 401, no run, no ticket
	await control.delete(`/__sim/calm/webhooks/${hook.data.id}`);
	const wrong = await control.post('/__sim/calm/webhooks', {
		name: 'n8n (wrong password)',
		destination: { url: productionUrl, authentication: 'BasicAuthentication', user: BASIC.user, password: 'not-the-password' },
	});
	await control.post('/__sim/calm/subscriptions', { webhookId: wrong.data.id, resourceType: 'TASK', projectId });
	await calm.patch(`/calm-tasks/v1/tasks/${task.id}`, { title: 'Order interface down (again)' });
	const refused = (await control.get('/__sim/calm/deliveries?wait=true')).data[2];
	expect(refused).toMatchObject({ status: 'failed', attempts: [{ status: 401 }] });
	const direct = await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	expect(direct.status).toBe(401);
	expect(direct.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
	await sleep(2000);
	expect(await executionCount()).toBe(2);
	expect(ticketBodies).toHaveLength(2);
	expect((await calm.get(`/calm-tasks/v1/tasks/${task.id}`)).data.externalId).toBe('INC0000001');
});
