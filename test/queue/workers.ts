/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * `n8n worker` processes of a queue-mode n8n (main + workers + Redis), started and killed by the
 * suites: each in its own process group (with the task runner it starts), so a SIGKILL takes the
 * whole worker down as a crashed container would, and stops nothing else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { maskSecrets } from '../../scripts/n8n/runOutput';
import { freePort, type N8nInstance } from '../e2e/harness';

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

/**
 * Queue mode on the throw-away Redis. A worker that dies holds its job's lock until it expires;
 * Bull then fails the job (n8n sets maxStalledCount 0: a stalled job is never run twice, see
 * n8n's scaling.service.js) and the webhook caller gets its answer. Shorter than n8n's 60 s lock so
 * a crash test does not wait a minute per kill; still far above a busy event loop's pauses.
 */
export function queueEnv(redisPort: number): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		QUEUE_WORKER_LOCK_DURATION: '15000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		N8N_LOG_LEVEL: 'info',
	};
}

export class QueueWorker {
	private output = '';
	private readonly exited: Promise<void>;

	private constructor(
		readonly name: string,
		private readonly child: ChildProcess,
	) {
		child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
		this.exited = new Promise((r) => child.once('exit', () => r()));
	}

	static async start(n8n: N8nInstance, name: string, concurrency: number): Promise<QueueWorker> {
		const env = { ...n8n.env(), N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_PORT: String(await freePort()) };
		// detached: its own process group (the worker and its task runner), killed as one
		const child = spawn(n8n.nodeBin, [n8n.n8nBin, 'worker', `--concurrency=${concurrency}`], { cwd: n8n.userFolder, env, detached: true });
		const worker = new QueueWorker(name, child);
		const deadline = Date.now() + 90_000;
		while (!worker.output.includes('n8n worker is now ready')) {
			if (!worker.alive || Date.now() > deadline) throw new Error(`n8n worker ${name} did not start:\n${worker.log().slice(-3000)}`);
			await sleep(250);
		}
		return worker;
	}

	get pid(): number {
		return this.child.pid ?? 0;
	}

	get alive(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** The worker's output so far (masked). */
	log(): string {
		return maskSecrets(this.output);
	}

	/** Execution ids this worker started (n8n logs "Worker started execution N (job M)"). */
	startedExecutions(): string[] {
		return [...this.output.matchAll(/Worker started execution (\S+)/g)].map((m) => m[1]);
	}

	finishedExecutions(): string[] {
		return [...this.output.matchAll(/Worker finished execution (\S+)/g)].map((m) => m[1]);
	}

	/** SIGKILL to the worker's process group, now (synchronous: safe inside a simulator callback). */
	killNow(): void {
		if (!this.alive || !this.pid) return;
		process.kill(-this.pid, 'SIGKILL');
	}

	async waitForExit(): Promise<void> {
		await this.exited;
	}

	/** SIGTERM (n8n finishes its running jobs), SIGKILL to the group after 20 s. */
	async stop(): Promise<void> {
		if (!this.alive) return;
		process.kill(-this.pid, 'SIGTERM');
		const timer = setTimeout(() => this.killNow(), 20_000);
		await this.exited;
		clearTimeout(timer);
		// the task runner of a stopped worker ends with it; a leftover of the group is ended too
		try {
			process.kill(-this.pid, 'SIGKILL');
		} catch {
			/* the group is gone */
		}
	}
}
