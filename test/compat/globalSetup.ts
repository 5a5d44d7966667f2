/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * Runs once before the compatibility smoke: installs each n8n version of COMPAT_VERSIONS into its
 * own folder when cold, then builds and packs this package (the smoke installs the packed folder
 * into each n8n's community-nodes folder, as users get it).
 */
import { ensureN8n } from '../../scripts/n8n/install';
import { buildAndPack } from '../../scripts/n8n/package';
import { runtimeFor } from '../../scripts/n8n/versions';
import { COMPAT_VERSIONS } from './versions';

export default function globalSetup(): void {
	for (const version of COMPAT_VERSIONS) {
		const started = Date.now();
		const runtime = ensureN8n(runtimeFor(version));
		const took = ((Date.now() - started) / 1000).toFixed(0);
		console.log(`\n[compat] n8n ${version}: ${runtime.installed ? `installed (cold) in ${took} s` : 'reused (warm)'} from ${runtime.layout.dir}`);
	}
	const packStarted = Date.now();
	buildAndPack({ build: process.env.N8N_E2E_SKIP_BUILD !== '1' });
	console.log(`[compat] build + pack ${((Date.now() - packStarted) / 1000).toFixed(1)} s`);
}
