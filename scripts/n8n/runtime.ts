/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * One real n8n instance with this package installed, in a throw-away user folder: import
 * credentials and workflows, execute headless (`n8n execute --id`), or start the server for webhook
 * and editor tests. Every CLI call is a separate n8n process sharing the folder's SQLite database.
 *
 * CLI calls are spawned asynchronously on purpose: tests run the simulator in the same process,
 * and a blocking spawn would stop it from answering n8n's requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreatePki, pkiDir } from '../../simulator/pki';
import { credentialsFromSimulator, type CredentialImport, type SimulatorKeys } from './credentials';
import { cleanNpmEnv, ensureN8n } from './install';
import { installPackageInto } from './package';
import { findRunJson, maskSecrets, toExecutionResult, type ExecutionResult } from './runOutput';
import { runtimeFor, type RuntimeLayout } from './versions';

export interface CliResult {
	exitCode: number;
	/** the command ran past its time limit and was stopped */
	timedOut: boolean;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface N8nInstanceOptions {
	/** control origin of a running simulator (`GET /__sim/keys` feeds `importSimulatorCredentials`) */
	simulatorControlUrl?: string;
	/** packed package folder (default: the one `buildAndPack()` produced) */
	packedDir?: string;
	/** keep the user folder after cleanup (also with env N8N_E2E_KEEP=1), for debugging */
	keep?: boolean;
	/** extra environment for every n8n process */
	env?: Record<string, string>;
	/** fixed port for `start()` (default: a free one) */
	port?: number;
	/** a persistent user folder (e.g. `npm run n8n`'s .cache/n8n-user) instead of a temporary one; never removed */
	userFolder?: string;
	/** another n8n version than the pinned one (installed into its own folder on first use, see runtimeFor()) */
	n8nVersion?: string;
}

export interface OwnerLogin {
	email: string;
	password: string;
	/** `n8n-auth=…` cookie for REST calls */
	cookie: string;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

export class N8nInstance {
	readonly userFolder: string;
	readonly packageDir: string;
	readonly nodeBin: string;
	readonly n8nBin: string;
	/** the n8n version and folders this instance runs */
	readonly runtime: RuntimeLayout;
	port = 0;
	private brokerPort = 0;
	private server?: ChildProcess;
	private serverLog = '';
	private seq = 0;
	private readonly imported = new Map<string, { nodes: unknown[] }>();
	/** webhooks of workflows published through this instance; start() waits until they are live */
	private readonly publishedWebhooks: Array<{ path: string; method: string }> = [];
	/** wall-clock ms of every CLI call and start, for the report */
	readonly timings: Array<{ what: string; ms: number }> = [];

	constructor(private readonly options: N8nInstanceOptions = {}) {
		const runtime = ensureN8n(runtimeFor(options.n8nVersion));
		this.runtime = runtime.layout;
		this.nodeBin = runtime.nodeBin;
		this.n8nBin = runtime.n8nBin;
		if (options.userFolder) mkdirSync(options.userFolder, { recursive: true });
		this.userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		this.packageDir = installPackageInto(this.userFolder, options.packedDir);
		mkdirSync(join(this.userFolder, 'import'), { recursive: true });
	}

	get baseUrl(): string {
		if (!this.port) throw new Error('n8n is not started: call start() first');
		return `http://127.0.0.1:${this.port}`;
	}

	/** Environment of every n8n process: isolated, offline, loopback-only, trusting the simulator CA. */
	env(): NodeJS.ProcessEnv {
		loadOrCreatePki();
		return cleanNpmEnv({
			N8N_USER_FOLDER: this.userFolder,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port || 5678),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort || 5679),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			NODE_EXTRA_CA_CERTS: join(pkiDir(), 'ca.pem'),
			// start() waits for n8n's "Editor is now accessible" line: never inherit the tests' silent logger
			N8N_LOG_LEVEL: 'info',
			...this.options.env,
		}, this.runtime);
	}

	/** Runs `n8n <args>` to completion. Never throws on a non-zero exit; callers decide. */
	async cli(args: string[], timeoutMs = 120_000, env: Record<string, string> = {}): Promise<CliResult> {
		if (!this.port) {
			// CLI commands also start a task broker; give each instance its own ports from the start
			this.port = this.options.port ?? (await freePort());
			this.brokerPort = await freePort();
		}
		const started = Date.now();
		const child = spawn(this.nodeBin, [this.n8nBin, ...args], { cwd: this.userFolder, env: { ...this.env(), ...env } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		// SIGTERM first so n8n stops its task runner too; SIGKILL only if it does not go
		let timedOut = false;
		let killTimer: NodeJS.Timeout | undefined;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGTERM');
			killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		}, timeoutMs);
		const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
		clearTimeout(timer);
		clearTimeout(killTimer);
		const durationMs = Date.now() - started;
		this.timings.push({ what: args[0], ms: durationMs });
		return { exitCode, timedOut, stdout, stderr, durationMs };
	}

	private async cliOrThrow(args: string[]): Promise<CliResult> {
		const r = await this.cli(args);
		if (r.exitCode !== 0) {
			throw new Error(`n8n ${args[0]} exited ${r.exitCode}:\n${maskSecrets(tail(r.stdout + r.stderr))}`);
		}
		return r;
	}

	private writeImportFile(kind: string, content: unknown): string {
		const file = join(this.userFolder, 'import', `${kind}-${++this.seq}.json`);
		writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600 });
		return file;
	}

	/** `n8n import:credentials`; data may be plain (n8n encrypts it on import). */
	async importCredentials(list: CredentialImport[]): Promise<void> {
		const file = this.writeImportFile('credentials', list);
		try {
			await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		} finally {
			rmSync(file, { force: true }); // plain secrets on disk only for the import itself
		}
	}

	/** Fetches the simulator's keys and imports sapCloudAlmApi/sapBtpCloudManagementApi/sapBtpServiceManagerApi. */
	async importSimulatorCredentials(keys?: SimulatorKeys): Promise<CredentialImport[]> {
		let source = keys;
		if (!source) {
			if (!this.options.simulatorControlUrl) throw new Error('no simulatorControlUrl given and no keys passed');
			const res = await fetch(`${this.options.simulatorControlUrl}/__sim/keys`);
			if (!res.ok) throw new Error(`GET /__sim/keys: HTTP ${res.status}`);
			source = (await res.json()) as SimulatorKeys;
		}
		const list = credentialsFromSimulator(source);
		await this.importCredentials(list);
		return list;
	}

	/** `n8n import:workflow`; give the workflow a fixed `id` (≤ 21 chars) to execute it by id. */
	async importWorkflow(workflow: { id: string; name: string; nodes: unknown[]; connections: unknown } & Record<string, unknown>): Promise<string> {
		if (!workflow.id || workflow.id.length > 21) throw new Error(`workflow needs a fixed id of ≤ 21 characters, got "${workflow.id}"`);
		const file = this.writeImportFile('workflow', { active: false, settings: {}, ...workflow });
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		this.imported.set(workflow.id, { nodes: workflow.nodes });
		return workflow.id;
	}

	/** The n8n major version this instance runs (1 or 2). */
	get n8nMajor(): number {
		return Number(this.runtime.n8nVersion.split('.')[0]);
	}

	/**
	 * `n8n publish:workflow` (2.x's "activate"; n8n 1.x has no publish and activates with
	 * `update:workflow --active=true`); takes effect at the next `start()`, which then waits until
	 * the workflow's Webhook triggers answer (for workflows imported through this instance).
	 */
	async publishWorkflow(id: string): Promise<void> {
		await this.cliOrThrow(this.n8nMajor < 2 ? ['update:workflow', `--id=${id}`, '--active=true'] : ['publish:workflow', `--id=${id}`]);
		for (const n of (this.imported.get(id)?.nodes ?? []) as Array<{ type?: string; disabled?: boolean; parameters?: Record<string, unknown> }>) {
			if (n.type !== 'n8n-nodes-base.webhook' || n.disabled || typeof n.parameters?.path !== 'string') continue;
			this.publishedWebhooks.push({ path: n.parameters.path, method: String(n.parameters.httpMethod ?? 'GET') });
		}
	}

	/**
	 * `n8n execute --id --rawOutput` and the parsed run (`env`: e.g. its own task broker port while
	 * `start()`'s server runs). A failed run (exit 1) is returned with its
	 * `error`; output without a run (n8n's silent exit 0 on bad flags, a crash) throws.
	 */
	async execute(id: string, options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<ExecutionResult> {
		const r = await this.cli(['execute', `--id=${id}`, '--rawOutput'], options.timeoutMs ?? 180_000, options.env);
		const run = findRunJson(r.stdout) ?? findRunJson(r.stdout + r.stderr);
		if (!run) {
			const why = r.timedOut ? `timed out after ${r.durationMs} ms` : `printed no run (exit ${r.exitCode}); a silent exit is a failure`;
			throw new Error(`n8n execute --id=${id} ${why}:\n${maskSecrets(tail(r.stdout + r.stderr))}`);
		}
		const result = toExecutionResult(run, r.exitCode, r.durationMs);
		if (r.exitCode === 0 && result.error) throw new Error(`n8n execute exited 0 but the run has an error: ${result.error.message}`);
		return result;
	}

	/**
	 * `n8n start`, resolved when GET /healthz/readiness answers 200, n8n logged that the editor is
	 * up, and the webhooks of workflows published through `publishWorkflow()` are live.
	 */
	async start(timeoutMs = 90_000): Promise<void> {
		if (this.server) throw new Error('already started');
		if (!this.port) {
			this.port = this.options.port ?? (await freePort());
			this.brokerPort = await freePort();
		}
		const started = Date.now();
		this.serverLog = '';
		const child = spawn(this.nodeBin, [this.n8nBin, 'start'], { cwd: this.userFolder, env: this.env() });
		this.server = child;
		child.stdout?.on('data', (d: Buffer) => (this.serverLog += d.toString()));
		child.stderr?.on('data', (d: Buffer) => (this.serverLog += d.toString()));
		let exited: number | null = null;
		// 'close' (not 'exit') so the output is complete when we report it
		child.on('close', (code) => (exited = code ?? 1));
		while (Date.now() - started < timeoutMs) {
			if (exited !== null) {
				this.server = undefined;
				throw new Error(`n8n start exited ${exited} before it was healthy:\n${maskSecrets(tail(this.serverLog))}`);
			}
			try {
				// /healthz answers 200 while n8n still replies "starting up" to everything else;
				// /healthz/readiness waits for migrations and the full start (webhooks, REST, editor)
				const res = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (res.status === 200 && this.serverLog.includes('Editor is now accessible')) {
					this.timings.push({ what: 'start', ms: Date.now() - started });
					for (const w of this.publishedWebhooks) await this.waitForWebhook(w.path, w.method);
					return;
				}
			} catch {
				// not listening yet
			}
			await sleep(250);
		}
		await this.stop();
		throw new Error(`n8n start not healthy after ${timeoutMs} ms:\n${maskSecrets(tail(this.serverLog))}`);
	}

	/**
	 * Waits until a published workflow's webhook is live. n8n 2.41 activates published workflows
	 * asynchronously after start (publication outbox), so "ready" does not mean "webhooks registered".
	 * A CORS preflight asks without running the workflow: 204 + the method once registered, 404 before.
	 */
	async waitForWebhook(path: string, method = 'POST', timeoutMs = 60_000): Promise<void> {
		const started = Date.now();
		let last = 0;
		while (Date.now() - started < timeoutMs) {
			const res = await fetch(`${this.baseUrl}/webhook/${path}`, {
				method: 'OPTIONS',
				headers: { origin: this.baseUrl, 'access-control-request-method': method },
			});
			last = res.status;
			await res.arrayBuffer();
			if (res.status === 204 && (res.headers.get('access-control-allow-methods') ?? '').split(/,\s*/).includes(method)) {
				this.timings.push({ what: 'webhook live', ms: Date.now() - started });
				return;
			}
			await sleep(250);
		}
		throw new Error(`webhook ${method} /webhook/${path} not registered after ${timeoutMs} ms (last HTTP ${last}):\n${maskSecrets(tail(this.serverLog))}`);
	}

	/** "start 7.1s, execute 2.3s/2.4s, …" for logs and the report. */
	timingSummary(): string {
		const by: Record<string, number[]> = {};
		for (const t of this.timings) (by[t.what] ??= []).push(t.ms);
		return Object.entries(by)
			.map(([what, ms]) => `${what} ${ms.map((m) => (m / 1000).toFixed(1)).join('/')} s`)
			.join(', ');
	}

	/** The server's output so far (masked). */
	logs(): string {
		return maskSecrets(this.serverLog);
	}

	/** SIGTERM to the server's pid (n8n shuts down its runners), SIGKILL after 20 s. */
	async stop(): Promise<void> {
		const child = this.server;
		if (!child) return;
		this.server = undefined;
		if (child.exitCode !== null || child.signalCode !== null) return;
		const done = new Promise<void>((r) => child.once('exit', () => r()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await done;
		clearTimeout(timer);
	}

	/** Creates the owner account through the REST API the setup screen uses, and returns its session cookie. */
	async setupOwner(email = 'owner@example.com'): Promise<OwnerLogin> {
		const password = `Sim-${randomBytes(9).toString('base64url')}9`;
		const res = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, firstName: 'E2E', lastName: 'Owner', password }),
		});
		if (!res.ok) throw new Error(`POST /rest/owner/setup: HTTP ${res.status} ${await res.text()}`);
		const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth=')) ?? '';
		if (!cookie.startsWith('n8n-auth=')) throw new Error('owner setup returned no n8n-auth cookie');
		return { email, password, cookie };
	}

	/** GET a REST/static path with the owner's cookie; throws unless 2xx. */
	async getJson<T>(path: string, cookie: string): Promise<T> {
		const res = await fetch(`${this.baseUrl}${path}`, { headers: { cookie } });
		if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
		const body = (await res.json()) as T | { data: T };
		return path.startsWith('/rest/') && body && typeof body === 'object' && 'data' in body ? body.data : (body as T);
	}

	/** Stops the server and removes the user folder (database, encryption key, imported secrets). */
	async cleanup(): Promise<void> {
		await this.stop();
		if (this.options.keep || this.options.userFolder || process.env.N8N_E2E_KEEP === '1') return;
		if (existsSync(this.userFolder)) rmSync(this.userFolder, { recursive: true, force: true });
	}
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

export async function createN8nInstance(options: N8nInstanceOptions = {}): Promise<N8nInstance> {
	return new N8nInstance(options);
}
