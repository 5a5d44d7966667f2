/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * Issue 17, queue mode with several workers: 300 subaccounts split into batches of 50, each batch
 * one execution of a webhook-triggered sub-workflow (batchWorkflows.ts says why not Execute
 * Workflow), run by 3 `n8n worker` processes behind Redis. The end state is the one a single
 * process reaches (test/faults/onboard100.n8n.ts): one instance + one binding per subaccount, one
 * SM access binding, the entitlement OK, nothing duplicated, nothing orphaned; and the executions
 * really ran on more than one worker. Wall time and the spread over the workers go to
 * artifacts/queue-workers.figures.json.
 *
 * QUEUE_SUBACCOUNTS overrides the 300 (e.g. a quick local check).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createN8nInstance, freePort, type N8nInstance } from '../e2e/harness';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { customerGuid } from '../../simulator/seed';
import type { SimState } from '../../simulator/state';
import { CALM_PLAN, CALM_SERVICE, endState } from '../faults/figures';
import { BATCH_WEBHOOK_PATH, batchWebhookWorkflow, dispatcherWorkflow, inBatches } from './batchWorkflows';
import { startRedis, type RunningRedis } from './redis';
import { QueueWorker, queueEnv } from './workers';

const SUBACCOUNT_COUNT = Number(process.env.QUEUE_SUBACCOUNTS ?? 300);
const BATCH_SIZE = 50;
const WORKER_COUNT = 3;
/** jobs each worker runs at once: 2 × 3 workers take all 6 batches at once, and no worker can take them all */
const WORKER_CONCURRENCY = 2;
const SUBACCOUNTS = Array.from({ length: SUBACCOUNT_COUNT }, (_, i) => customerGuid(i + 1));
const BATCH_WORKFLOW_ID = 'queueOnboardBatch';
const DISPATCHER_ID = 'queueDispatch';
const ARTIFACTS = join(__dirname, '../../artifacts');

let sim: RunningSimulator;
let redis: RunningRedis;
let n8n: N8nInstance;
const workers: QueueWorker[] = [];
let startupS = 0;

async function simState(): Promise<SimState> {
	const res = await fetch(`${sim.urls.control}/__sim/state`);
	return (await res.json()) as SimState;
}

beforeAll(async () => {
	sim = await startSimulator({
		seed: { customers: SUBACCOUNT_COUNT },
		// the CIS limiter off as in the fault suite: this suite is about workers; the rate budgets are
		// measured by `npm run bench` (a budget is per execution, so 3 workers on one key meet 429s,
		// which the node waits out, but that only adds minutes here)
		profile: { latencyMs: 0, entitlementJobMs: 150, instanceOperationMs: 200, bindingOperationMs: 100, retryAfterSeconds: 1, cisRequestsPerWindow: 0 },
	});
	redis = await startRedis();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control, env: queueEnv(redis.port) });
	await n8n.importSimulatorCredentials();
	await n8n.importWorkflow(batchWebhookWorkflow(BATCH_WORKFLOW_ID, { requestTimeoutSeconds: 30, concurrency: 25, waitTimeoutSeconds: 300 }));
	await n8n.publishWorkflow(BATCH_WORKFLOW_ID);
	// the dispatcher runs in its own `n8n execute` process and POSTs to main, which enqueues
	await n8n.importWorkflow(dispatcherWorkflow(DISPATCHER_ID, `${n8n.baseUrl}/webhook/${BATCH_WEBHOOK_PATH}`, inBatches(SUBACCOUNTS, BATCH_SIZE), 10 * 60_000));
	const started = Date.now();
	const names = Array.from({ length: WORKER_COUNT }, (_, w) => `worker-${w + 1}`);
	const [, ...up] = await Promise.all([n8n.start(), ...names.map(async (name) => await QueueWorker.start(n8n, name, WORKER_CONCURRENCY))]);
	workers.push(...up);
	startupS = Math.round((Date.now() - started) / 100) / 10;
});

afterAll(async () => {
	for (const w of workers) await w.stop();
	await n8n?.cleanup();
	await redis?.stop();
	await sim?.stop();
});

test(`${SUBACCOUNT_COUNT} subaccounts in batches of ${BATCH_SIZE} on ${WORKER_COUNT} workers: each onboarded once, as by one process`, async () => {
	const since = sim.log.summary().lastSeq;
	// its own task broker port (main's is taken); regular mode: `n8n execute` runs in its own process anyway
	const run = await n8n.execute(DISPATCHER_ID, { timeoutMs: 12 * 60_000, env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()), EXECUTIONS_MODE: 'regular' } });
	expect(run.error).toBeUndefined();
	const items = run.nodes['Onboard Batch on a Worker'].items;
	// every subaccount answered by its batch's execution, in order, and none failed
	expect(items.map((i) => (i.subaccount as { guid?: string } | undefined)?.guid)).toEqual(SUBACCOUNTS);
	const failed = items.filter((i) => i.error).map((i) => `${String((i.subaccount as { guid?: string })?.guid)} ${String(i.step)}: ${String(i.error)}`);
	expect(failed).toEqual([]);
	expect(items.every((i) => i.status === 'enabled')).toBe(true);

	const state = await simState();
	const end = endState(state, SUBACCOUNTS, { instance: 'cloud-alm-api', binding: 'cloud-alm-api-key' });
	expect(end.wrong).toEqual([]);
	expect(end.duplicates).toBe(0);
	expect(end.orphans).toBe(0);
	for (const guid of SUBACCOUNTS) {
		const assignment = state.assignments.filter((a) => a.subaccountGUID === guid && a.serviceName === CALM_SERVICE && a.planName === CALM_PLAN);
		expect(assignment.map((a) => a.entityState)).toEqual(['OK']);
	}

	// the batches ran on the workers (main only enqueued them), on more than one
	const batches = Math.ceil(SUBACCOUNT_COUNT / BATCH_SIZE);
	for (const deadline = Date.now() + 20_000; workers.reduce((n, w) => n + w.finishedExecutions().length, 0) < batches && Date.now() < deadline; ) {
		await new Promise((r) => setTimeout(r, 250));
	}
	const perWorker = Object.fromEntries(workers.map((w) => [w.name, w.finishedExecutions().length]));
	expect(Object.values(perWorker).reduce((a, b) => a + b, 0)).toBe(batches);
	expect(Object.values(perWorker).filter((n) => n > 0).length).toBeGreaterThan(1);

	const requests = sim.log.summary(since);
	const figures = {
		subaccounts: SUBACCOUNT_COUNT,
		batchSize: BATCH_SIZE,
		workers: WORKER_COUNT,
		workerConcurrency: WORKER_CONCURRENCY,
		executionsPerWorker: perWorker,
		/** the dispatcher's `n8n execute`, from its process start (~5-10 s of it) to the last batch's answer */
		wallS: Math.round(run.durationMs / 100) / 10,
		startupS,
		requests: requests.total,
		faults: requests.faults,
		onboardedOnce: end.onboardedOnce,
		duplicates: end.duplicates,
		orphans: end.orphans,
	};
	mkdirSync(ARTIFACTS, { recursive: true });
	writeFileSync(join(ARTIFACTS, 'queue-workers.figures.json'), JSON.stringify(figures, null, 2));
	console.log(`[queue] ${SUBACCOUNT_COUNT} subaccounts on ${WORKER_COUNT} workers:\n${JSON.stringify(figures, null, 2)}`);
});
