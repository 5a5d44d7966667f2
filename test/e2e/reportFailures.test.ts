/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * The example "report failed executions" (examples/report-failed-executions.workflow.json) in a real
 * n8n 2.41.1: a published workflow whose Code node throws names it as its Error Workflow; a POST to its
 * production webhook fails, n8n runs the Error Trigger, and the SAP Cloud ALM node's Send Logs pushes
 * one OpenTelemetry log record into the simulator's Cloud ALM (POST /calm-logs/v1/logs) carrying the
 * workflow, the execution id and URL, the failing node and the error message, and no stack.
 */
import { EXAMPLES, loadExample, postWebhook } from '../../scripts/demo/examples';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { CALM_XSMASTERAPPNAME } from '../../simulator/clients';
import { createN8nInstance, type N8nInstance } from './harness';

const FAILING_ID = 'e2eFailingOrderSync';
const HOOK = 'e2e-order-sync';

let sim: RunningSimulator;
let n8n: N8nInstance;

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
	sim = await startSimulator();
	// the instance's authorities as Enable would set them with "Exception Monitoring: Write" picked
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, `${CALM_XSMASTERAPPNAME}.calm-api.exm.write`];

	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importSimulatorCredentials();
	await n8n.importWorkflow(loadExample('reportFailures'));
	await n8n.importWorkflow({
		id: FAILING_ID,
		name: 'Order sync',
		nodes: [
			{ id: 'f0', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'b3c1f0de-0000-4000-8000-0000000000a1', parameters: { httpMethod: 'POST', path: HOOK, options: {} } },
			{ id: 'f1', name: 'Sync Stock', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: "throw new Error('stock service timed out');" } },
		],
		connections: { Webhook: { main: [[{ node: 'Sync Stock', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', errorWorkflow: EXAMPLES.reportFailures.id },
	});
	// n8n 2.x runs an Error Workflow only when it is published ("Workflow … is not active and cannot be executed")
	await n8n.publishWorkflow(EXAMPLES.reportFailures.id);
	await n8n.publishWorkflow(FAILING_ID);
	await n8n.start();
	await n8n.waitForWebhook(HOOK);
}, 240_000);

afterAll(async () => {
	if (n8n) console.log(`[e2e] reportFailures: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
	await sim?.stop();
});

test('a failed production execution arrives in Cloud ALM as one ERROR log record, without its stack', async () => {
	await postWebhook(n8n.baseUrl, HOOK, { order: 42 });
	const deadline = Date.now() + 60_000;
	while (sim.context.state.calmMonitoring.logs.length === 0) {
		if (Date.now() > deadline) throw new Error(`no log record arrived\n${n8n.logs().split('\n').slice(-40).join('\n')}`);
		await sleep(300);
	}
	await sleep(500);
	const { logs } = sim.context.state.calmMonitoring;
	expect(logs).toHaveLength(1);
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const resourceLogs = (logs[0].body as any).resourceLogs;
	const record = resourceLogs[0].scopeLogs[0].logRecords[0];
	const attrs = Object.fromEntries((record.attributes as Array<{ key: string; value: { stringValue: string } }>).map((a) => [a.key, a.value.stringValue]));
	expect(record.severityText).toBe('ERROR');
	// n8n's Code node appends where it threw ("[line 1]")
	expect(record.body.stringValue).toMatch(/^Workflow "Order sync" failed: stock service timed out/);
	expect(attrs['n8n.workflow.id']).toBe(FAILING_ID);
	expect(attrs['n8n.workflow.name']).toBe('Order sync');
	expect(attrs['n8n.node.name']).toBe('Sync Stock');
	expect(attrs['n8n.execution.id']).toMatch(/^\d+$/);
	expect(attrs['n8n.execution.url']).toContain(`/workflow/${FAILING_ID}/executions/${attrs['n8n.execution.id']}`);
	expect(JSON.stringify(logs[0].body)).not.toMatch(/stack|at Object|\.js:\d+/);
});
