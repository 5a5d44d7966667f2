/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * Ships this package into an n8n user folder the way users install it: `npm run build`, then
 * `npm pack` (so only the `files` of package.json travel, proving the published tarball works),
 * extracted to `<user folder>/.n8n/nodes/node_modules/<package name>`. n8n scans that folder at
 * start-up (community packages) and names the types `<package name>.<node name>`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './versions';

export const PACKED_ROOT = join(REPO_ROOT, '.cache', 'n8n-package');
/** Set by `buildAndPack()` (and inherited by jest workers): where this run's packed package is. */
export const PACKED_DIR_ENV = 'N8N_E2E_PACKED_DIR';

/** This run's packed package folder (from the env var), or the last one packed. */
export function packedDir(): string {
	return process.env[PACKED_DIR_ENV] ?? join(PACKED_ROOT, 'latest', 'package');
}

export interface PackageManifest {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[] };
}

export function readManifest(root = REPO_ROOT): PackageManifest {
	return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageManifest;
}

function sh(cmd: string, args: string[], cwd: string): string {
	const env = { ...process.env };
	// npm would otherwise add the enclosing `npm run`'s settings; the repo's .npmrc still applies
	for (const k of Object.keys(env)) if (/^npm_(package|lifecycle)_/.test(k)) delete env[k];
	const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${(r.stdout ?? '') + (r.stderr ?? '')}`.slice(-4000));
	}
	return r.stdout;
}

/**
 * Builds (unless `build: false`) and packs the repo into a folder of its own under PACKED_ROOT
 * (runs in parallel clones/terminals must not share one), extracts it, and exports the path in
 * N8N_E2E_PACKED_DIR. Cheap enough (a few seconds) to do once per test run, in jest's global setup.
 */
export function buildAndPack(options: { build?: boolean } = {}): string {
	if (options.build !== false) sh('npm', ['run', 'build', '--silent'], REPO_ROOT);
	removeStalePacks();
	const runDir = join(PACKED_ROOT, `run-${process.pid}-${Date.now()}`);
	mkdirSync(runDir, { recursive: true });
	const out = sh('npm', ['pack', '--json', '--pack-destination', runDir], REPO_ROOT);
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	sh('tar', ['-xzf', join(runDir, filename), '-C', runDir], REPO_ROOT);
	const dir = join(runDir, 'package');
	if (!existsSync(join(dir, 'package.json'))) throw new Error(`npm pack produced no package.json in ${dir}`);
	// keep the newest for `packedDir()` callers outside a test run; older runs are removed
	const latest = join(PACKED_ROOT, 'latest');
	rmSync(latest, { recursive: true, force: true });
	cpSync(runDir, latest, { recursive: true });
	process.env[PACKED_DIR_ENV] = dir;
	return dir;
}

/** Pack folders of processes that are gone (a killed test run, an ended `npm run n8n`). */
function removeStalePacks(): void {
	if (!existsSync(PACKED_ROOT)) return;
	for (const entry of readdirSync(PACKED_ROOT)) {
		const pid = Number(/^run-(\d+)-/.exec(entry)?.[1]);
		if (!pid) continue;
		try {
			process.kill(pid, 0); // still running: its n8n may be loading from there
		} catch {
			rmSync(join(PACKED_ROOT, entry), { recursive: true, force: true });
		}
	}
}

/** Removes the packed folders this process made (jest runs global setup and teardown in one process). */
export function removePacked(): void {
	if (!existsSync(PACKED_ROOT)) return;
	for (const entry of readdirSync(PACKED_ROOT)) {
		if (entry.startsWith(`run-${process.pid}-`)) rmSync(join(PACKED_ROOT, entry), { recursive: true, force: true });
	}
}

/** Copies the packed package into the user folder's community-nodes folder. */
export function installPackageInto(userFolder: string, from = packedDir()): string {
	if (!existsSync(join(from, 'package.json'))) {
		throw new Error(`no packed package at ${from}: call buildAndPack() first (jest global setup does)`);
	}
	const { name } = readManifest(from);
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', name);
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });
	rmSync(target, { recursive: true, force: true }); // a reused user folder must not keep files of an older build
	cpSync(from, target, { recursive: true });
	return target;
}

/** `dist/nodes/Foo/Foo.node.js` → the node's `description.name` is what n8n registers; read it from the built file. */
export function builtTypeNames(from = packedDir()): { nodes: string[]; credentials: string[] } {
	const manifest = readManifest(from);
	const names = (files: string[], kind: 'node' | 'credential') =>
		files.map((file) => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const mod = require(join(from, file)) as Record<string, new () => { description?: { name: string }; name?: string }>;
			const Cls = Object.values(mod).find((v) => typeof v === 'function');
			if (!Cls) throw new Error(`${file} exports no ${kind} class`);
			const instance = new Cls();
			const name = kind === 'node' ? instance.description?.name : instance.name;
			if (!name) throw new Error(`${file}: ${kind} has no name`);
			return name;
		});
	return { nodes: names(manifest.n8n.nodes ?? [], 'node'), credentials: names(manifest.n8n.credentials ?? [], 'credential') };
}
