/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * Issue 17, crash safety: a worker is SIGKILLed (its whole process group, as a crashed container)
 * in the middle of "Enable Cloud ALM API" for a batch, at several kill points; a replacement
 * worker takes over and the batch is run again. Afterwards every subaccount is onboarded exactly
 * once: no duplicate instance, binding or SM access binding, no orphan.
 *
 * The kill is synchronous inside the simulator's request log, which records a request before its
 * answer is written: the request has taken effect (the create is committed, the job or operation
 * runs on) and the worker dies before it can read the answer — the lost answer of a real crash.
 *
 * What n8n 2.41 does with the crashed execution: nothing is re-run. Its job stays locked until the
 * lock expires, then Bull fails it (n8n sets maxStalledCount 0, scaling.service.js), the webhook
 * caller gets an error, and main's queue recovery marks the execution crashed (at start and every
 * N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL minutes). Recovery is running the batch again, which this
 * suite does as a user (or a retrying dispatcher) would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postWebhook, type WebhookAnswer } from '../../scripts/demo/examples';
import { createN8nInstance, type N8nInstance } from '../e2e/harness';
import { startSimulator, type RunningSimulator } from '../../simulator';
import type { LogEntry } from '../../simulator/http';
import { customerGuid } from '../../simulator/seed';
import type { SimState } from '../../simulator/state';
import { endState } from '../faults/figures';
import { BATCH_WEBHOOK_PATH, batchWebhookWorkflow } from './batchWorkflows';
import { startRedis, type RunningRedis } from './redis';
import { QueueWorker, queueEnv } from './workers';

/** subaccounts per kill point: each kill point onboards its own, untouched ones (a re-seed would change the keys) */
const SUBACCOUNT_COUNT = 12;
const subaccountsOf = (killPoint: number) => Array.from({ length: SUBACCOUNT_COUNT }, (_, i) => customerGuid(killPoint * SUBACCOUNT_COUNT + i + 1));
const BATCH_WORKFLOW_ID = 'crashOnboardBatch';
const NAMES = { instance: 'cloud-alm-api', binding: 'cloud-alm-api-key' };
const ARTIFACTS = join(__dirname, '../../artifacts');

interface KillPoint {
	name: string;
	/** the request after which the worker dies (its answer is never read) */
	matches: (e: LogEntry) => boolean;
	nth: number;
	/**
	 * Simulator profile for this kill point only: an instance create that outlasts the crash, so
	 * the re-run finds it still running and waits for it (wait if running → re-find)
	 */
	profile?: Record<string, number>;
}

const KILL_POINTS: KillPoint[] = [
	{
		// the PUT is committed and its job runs on (entitlementJobMs below); with batched entitlements the first PUT is the batch's
		name: 'during the entitlement job (right after the assignment PUT)',
		matches: (e) => e.service === 'entitlements' && e.method === 'PUT' && e.route === '/entitlements/v1/subaccountServicePlans' && e.status < 300,
		nth: 1,
	},
	{
		name: 'right after the 5th SM access binding create was sent',
		matches: (e) => e.service === 'accounts' && e.method === 'POST' && e.route === '/accounts/v2/subaccounts/:guid/serviceManagerBindings' && e.status < 300,
		nth: 5,
	},
	{
		// the instance's create operation runs on without the worker (instanceOperationMs below)
		name: 'during the instance operation (right after the 5th instance create was accepted)',
		matches: (e) => e.service === 'serviceManager' && e.method === 'POST' && e.route === '/v1/service_instances' && e.status < 300,
		nth: 5,
		profile: { instanceOperationMs: 40_000 },
	},
	{
		name: 'right after the 5th binding create was sent',
		matches: (e) => e.service === 'serviceManager' && e.method === 'POST' && e.route === '/v1/service_bindings' && e.status < 300,
		nth: 5,
	},
];

let sim: RunningSimulator;
let redis: RunningRedis;
let n8n: N8nInstance;
/** the one worker running now: the victim of the next kill point, started as the replacement of the last */
let worker: QueueWorker | undefined;
let trap: ((e: LogEntry) => void) | undefined;
const figures: Record<string, unknown>[] = [];

async function simState(): Promise<SimState> {
	const res = await fetch(`${sim.urls.control}/__sim/state`);
	return (await res.json()) as SimState;
}

async function startWorker(name: string): Promise<QueueWorker> {
	worker = await QueueWorker.start(n8n, name, 1);
	return worker;
}

beforeAll(async () => {
	sim = await startSimulator({
		seed: { customers: SUBACCOUNT_COUNT * KILL_POINTS.length },
		// asynchronous work long enough to still run when the worker dies
		profile: { latencyMs: 0, entitlementJobMs: 1500, instanceOperationMs: 1500, bindingOperationMs: 800, retryAfterSeconds: 1, cisRequestsPerWindow: 0 },
	});
	// the trap sees each request as the simulator records it, before its answer is written
	const add = sim.log.add.bind(sim.log);
	sim.log.add = (e) => {
		add(e);
		trap?.(sim.log.entries[sim.log.entries.length - 1]);
	};
	redis = await startRedis();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control, env: queueEnv(redis.port) });
	await n8n.importSimulatorCredentials();
	await n8n.importWorkflow(batchWebhookWorkflow(BATCH_WORKFLOW_ID, { requestTimeoutSeconds: 30, concurrency: 4, waitTimeoutSeconds: 120 }));
	await n8n.publishWorkflow(BATCH_WORKFLOW_ID);
	await Promise.all([n8n.start(), startWorker('worker-1')]);
});

afterAll(async () => {
	trap = undefined;
	await worker?.stop();
	await n8n?.cleanup();
	await redis?.stop();
	await sim?.stop();
	if (figures.length) {
		mkdirSync(ARTIFACTS, { recursive: true });
		writeFileSync(join(ARTIFACTS, 'queue-crash.figures.json'), JSON.stringify(figures, null, 2));
		console.log(`[crash] kill points:\n${JSON.stringify(figures, null, 2)}`);
	}
});

const postBatch = async (subaccounts: string[]): Promise<WebhookAnswer> => await postWebhook(n8n.baseUrl, BATCH_WEBHOOK_PATH, { subaccounts });

type Item = Record<string, unknown>;
const itemsOf = (answer: WebhookAnswer): Item[] => (Array.isArray(JSON.parse(answer.text)) ? (JSON.parse(answer.text) as Item[]) : []);

test.each(KILL_POINTS.slice(0, Number(process.env.CRASH_POINTS ?? KILL_POINTS.length)).map((p, i) => [p.name, i] as const))('SIGKILL %s, then a re-run: every subaccount onboarded exactly once', async (_name, index) => {
	const point = KILL_POINTS[index];
	const started = Date.now();
	const SUBACCOUNTS = subaccountsOf(index);
	const profileBefore = { ...sim.context.profile };
	if (point.profile) Object.assign(sim.context.profile, point.profile);
	const victim = worker!;
	const finishedBefore = victim.finishedExecutions().length; // the re-run of the kill point before ran on it
	let seen = 0;
	const killed = new Promise<LogEntry>((resolve) => {
		trap = (e) => {
			if (!point.matches(e) || ++seen !== point.nth) return;
			victim.killNow();
			trap = undefined;
			resolve(e);
		};
	});

	// the batch's execution; it must not finish before the kill point
	const first = postBatch(SUBACCOUNTS);
	const outcome = await Promise.race([killed.then((e) => ({ killedAt: e })), first.then((a) => ({ answered: a }))]);
	if ('answered' in outcome) throw new Error(`the batch finished (HTTP ${outcome.answered.status}) without reaching the kill point: ${outcome.answered.text.slice(0, 1500)}`);
	await victim.waitForExit();
	const killedAtMs = Date.now() - started;
	expect(victim.finishedExecutions()).toHaveLength(finishedBefore);

	// a replacement worker: Bull fails the dead worker's job once its lock expired, never runs it twice
	const replacementStarted = Date.now();
	await startWorker(`worker-${index + 2}`);
	// n8n answers the crashed execution's caller once Bull failed the job (bounded: the re-run does not depend on it)
	let timer: NodeJS.Timeout | undefined;
	const crashed = await Promise.race([first, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), 90_000)))]);
	clearTimeout(timer);
	const crashedAnswerS = Math.round((Date.now() - replacementStarted) / 100) / 10;
	expect(crashed?.status).not.toBe(200);
	const afterKill = await simState();
	const before = endState(afterKill, SUBACCOUNTS, NAMES);
	const ours = new Set(SUBACCOUNTS);
	// creates the dead worker left running, found running by the re-run
	const stillRunning = [...afterKill.instances, ...afterKill.bindings].filter((x) => ours.has(x.subaccountGUID) && x.last_operation?.state === 'in progress').length;
	if (point.profile) {
		Object.assign(sim.context.profile, profileBefore);
		expect(stillRunning).toBeGreaterThan(0);
	}

	// the re-run
	const rerun = await postBatch(SUBACCOUNTS);
	expect(rerun.status).toBe(200);
	const items = itemsOf(rerun);
	expect(items.map((i) => (i.subaccount as { guid?: string } | undefined)?.guid)).toEqual(SUBACCOUNTS);
	expect(items.filter((i) => i.error).map((i) => `${String(i.step)}: ${String(i.error)}`)).toEqual([]);

	const end = endState(await simState(), SUBACCOUNTS, NAMES);
	expect(end.wrong).toEqual([]);
	expect(end.onboardedOnce).toBe(SUBACCOUNT_COUNT);
	expect(end.duplicates).toBe(0);
	expect(end.orphans).toBe(0);

	const actions: Record<string, number> = {};
	for (const item of items) {
		for (const s of (item.steps as Item[] | undefined) ?? []) {
			if (['unchanged', 'reused', 'tokenObtained'].includes(String(s.action))) continue;
			const key = `${String(s.step)}:${String(s.action)}`;
			actions[key] = (actions[key] ?? 0) + 1;
		}
	}
	figures.push({
		killPoint: point.name,
		killedAtRequest: `${outcome.killedAt.method} ${outcome.killedAt.route} → ${outcome.killedAt.status} (seq ${outcome.killedAt.seq})`,
		killedAfterS: Math.round(killedAtMs / 100) / 10,
		crashedExecutionAnswer: crashed
			? { status: crashed.status, message: String(crashed.body.message ?? crashed.text).slice(0, 120), afterReplacementS: crashedAnswerS }
			: `none within ${crashedAnswerS} s`,
		onboardedOnceAtKill: before.onboardedOnce,
		createsStillRunningAtRerun: stillRunning,
		rerun: {
			enabled: items.filter((i) => i.status === 'enabled').length,
			alreadyEnabled: items.filter((i) => i.status === 'alreadyEnabled').length,
			changes: actions,
		},
		end: { onboardedOnce: end.onboardedOnce, duplicates: end.duplicates, orphans: end.orphans },
		wallS: Math.round((Date.now() - started) / 100) / 10,
	});
});
