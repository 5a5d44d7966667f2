/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * Runs once before the e2e suites: installs the pinned n8n if the cache is cold, then builds and
 * packs this package (suites copy the packed folder into each n8n user folder).
 */
import { ensureN8n } from '../../../scripts/n8n/install';
import { buildAndPack } from '../../../scripts/n8n/package';

export default function globalSetup(): void {
	const started = Date.now();
	const runtime = ensureN8n();
	const installMs = Date.now() - started;
	const packStarted = Date.now();
	buildAndPack({ build: process.env.N8N_E2E_SKIP_BUILD !== '1' });
	console.log(
		`\n[e2e] n8n runtime ${runtime.installed ? `installed (cold) in ${(installMs / 1000).toFixed(0)} s` : 'reused (warm)'}; ` +
			`build + pack ${((Date.now() - packStarted) / 1000).toFixed(1)} s`,
	);
}
