/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * `npm run simulator`: runs the SAP BTP simulator in the foreground.
 * Env: BTP_SIM_PORT (control port, default 4010; the services take the next six ports).
 */
import { join } from 'node:path';
import { pkiDir } from './pki';
import { DEFAULT_BASE_PORT, startSimulator } from './index';

async function main() {
	const basePort = Number(process.env.BTP_SIM_PORT ?? DEFAULT_BASE_PORT);
	const started = Date.now();
	const sim = await startSimulator({ basePort });
	const ms = Date.now() - started;
	console.log(`SAP BTP simulator ready in ${ms} ms`);
	for (const [name, url] of Object.entries(sim.urls)) console.log(`  ${name.padEnd(15)} ${url}`);
	console.log('');
	console.log(`Keys to paste into credentials:  curl -s ${sim.urls.control}/__sim/keys`);
	console.log(`State / request log:             curl -s ${sim.urls.control}/__sim/state | ${sim.urls.control}/__sim/requests`);
	console.log(`mTLS clients must trust the CA:   NODE_EXTRA_CA_CERTS=${join(pkiDir(), 'ca.pem')}`);
	const stop = async () => {
		await sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
