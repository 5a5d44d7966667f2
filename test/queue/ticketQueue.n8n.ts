/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * Queue mode (issue 8): the ticket-triggered example (examples/ticket-onboarding.workflow.json)
 * in n8n's queue mode — main + one `n8n worker` + Redis on loopback, one SQLite database and one
 * encryption key shared through the user folder — gives the same answers as in regular mode, and
 * the executions really ran on the worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EXAMPLES, loadExample, postWebhook, type WebhookAnswer } from '../../scripts/demo/examples';
import { maskSecrets } from '../../scripts/n8n/runOutput';
import { createN8nInstance, freePort, type N8nInstance } from '../e2e/harness';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { PLAN_IDS, SUBACCOUNT_IDS } from '../../simulator/seed';
import { startRedis, type RunningRedis } from './redis';

const TICKETS = [
	{ subaccount: SUBACCOUNT_IDS.qa, requester: 'ops@example.com', ticketId: 'SR-7001' },
	{ subaccount: 'acme-qa', requester: 'ops@example.com', ticketId: 'SR-7002' },
	{ subaccount: 'not a subdomain!', requester: '' },
];

let sim: RunningSimulator;
let redis: RunningRedis;
const started: N8nInstance[] = [];
let worker: ChildProcess | undefined;
let workerLog = '';

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

/** Ids and times differ between two runs; everything else must be the same. */
function normalize(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(normalize);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([k]) => !/(duration|ms|At|time)$/i.test(k))
				.map(([k, v]) => [k, normalize(v)]),
		);
	}
	if (typeof value === 'string') {
		return value
			.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
			.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '<time>');
	}
	return value;
}

async function serveTicketExample(env: Record<string, string> = {}): Promise<N8nInstance> {
	const n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control, env });
	started.push(n8n);
	await n8n.importSimulatorCredentials();
	await n8n.importWorkflow(loadExample('ticket'));
	await n8n.publishWorkflow(EXAMPLES.ticket.id);
	return n8n;
}

async function sendTickets(n8n: N8nInstance): Promise<WebhookAnswer[]> {
	const answers: WebhookAnswer[] = [];
	for (const ticket of TICKETS) answers.push(await postWebhook(n8n.baseUrl, EXAMPLES.ticket.webhookPath, ticket));
	return answers;
}

function expectOnboardedOnce() {
	const instances = sim.context.state.instances.filter((i) => i.subaccountGUID === SUBACCOUNT_IDS.qa && i.service_plan_id === PLAN_IDS.calmStandard);
	expect(instances).toHaveLength(1);
	expect(sim.context.state.bindings.filter((b) => b.service_instance_id === instances[0].id)).toHaveLength(1);
}

async function startWorker(n8n: N8nInstance): Promise<void> {
	const env = { ...n8n.env(), N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_PORT: String(await freePort()) };
	worker = spawn(n8n.nodeBin, [n8n.n8nBin, 'worker', '--concurrency=5'], { cwd: n8n.userFolder, env });
	worker.stdout?.on('data', (d: Buffer) => (workerLog += d.toString()));
	worker.stderr?.on('data', (d: Buffer) => (workerLog += d.toString()));
	const deadline = Date.now() + 90_000;
	while (!workerLog.includes('n8n worker is now ready')) {
		if (worker.exitCode !== null || Date.now() > deadline) throw new Error(`n8n worker did not start:\n${maskSecrets(workerLog.slice(-3000))}`);
		await sleep(250);
	}
}

async function stopWorker() {
	const child = worker;
	worker = undefined;
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
	await exited;
	clearTimeout(timer);
}

beforeAll(async () => {
	sim = await startSimulator();
	redis = await startRedis();
});

afterAll(async () => {
	await stopWorker();
	for (const n8n of started) await n8n.cleanup();
	await redis?.stop();
	await sim?.stop();
});

let regular: WebhookAnswer[];

test('regular mode: the ticket example onboards acme-qa once (reference answers)', async () => {
	const n8n = await serveTicketExample();
	await n8n.start();
	regular = await sendTickets(n8n);
	await n8n.stop();
	expect(regular.map((a) => a.status)).toEqual([200, 200, 400]);
	expect(regular[0].body).toMatchObject({ ok: true, status: 'enabled', ticketId: 'SR-7001' });
	expect(regular[1].body).toMatchObject({ ok: true, status: 'alreadyEnabled', ticketId: 'SR-7002' });
	expectOnboardedOnce();
});

test('queue mode (main + worker + Redis): the same answers, the same state, executions on the worker', async () => {
	expect(regular).toBeDefined();
	sim.reset(); // the same seeded world again
	const n8n = await serveTicketExample({
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		N8N_LOG_LEVEL: 'info',
	});
	await startWorker(n8n);
	await n8n.start();
	const queued = await sendTickets(n8n);
	const mainLog = n8n.logs();

	expect(queued.map((a) => a.status)).toEqual(regular.map((a) => a.status));
	expect(queued.map((a) => normalize(a.body))).toEqual(regular.map((a) => normalize(a.body)));
	expectOnboardedOnce();
	// every webhook call became a job that the worker ran (main only enqueued it); the answer comes
	// from "Respond to Webhook" before the execution ends, so its end is logged a moment later
	const finished = () => (workerLog.match(/Worker finished execution \S+/g) ?? []).length;
	for (const deadline = Date.now() + 20_000; finished() < TICKETS.length && Date.now() < deadline; ) await sleep(250);
	expect(finished()).toBe(TICKETS.length);
	expect(mainLog).toMatch(/queue/i);
	for (const secret of sim.context.state.uaaClients.map((c) => c.clientsecret).filter((s): s is string => !!s)) {
		expect(workerLog + mainLog + JSON.stringify(queued)).not.toContain(secret);
	}
});
