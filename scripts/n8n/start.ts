/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * `npm run n8n`: a real n8n on 127.0.0.1 with this package installed (built + packed as users get
 * it), the SAP BTP simulator running, credentials imported from the simulator's keys and the
 * example workflows of examples/ imported, so a person can open the editor and click through.
 *
 * The user folder is `.n8n-user/` (git-ignored) and survives restarts, so the owner account and
 * edits stay; credentials and examples are re-imported (same ids) on every start.
 * Env: N8N_PORT (default 5678), BTP_SIM_PORT (simulator control port, default 4010; services +1..+6).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../simulator';
import { EXAMPLES } from '../demo/examples';
import { ensureN8n } from './install';
import { buildAndPack } from './package';
import { createN8nInstance } from './runtime';
import { N8N_VERSION, REPO_ROOT } from './versions';

async function main() {
	const t0 = Date.now();
	const runtime = ensureN8n();
	console.log(`n8n ${N8N_VERSION}: ${runtime.installed ? 'installed' : 'cached'} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
	buildAndPack();

	const sim = await startSimulator({ basePort: Number(process.env.BTP_SIM_PORT ?? 4010) });
	const n8n = await createN8nInstance({
		simulatorControlUrl: sim.urls.control,
		userFolder: join(REPO_ROOT, '.n8n-user'),
		port: Number(process.env.N8N_PORT ?? 5678),
	});
	const credentials = await n8n.importSimulatorCredentials();
	const examplesDir = join(REPO_ROOT, 'examples');
	const examples = existsSync(examplesDir) ? readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort() : [];
	for (const file of examples) {
		await n8n.importWorkflow(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')));
	}
	// the ticket example answers on its production webhook only when published
	if (examples.includes(EXAMPLES.ticket.file)) await n8n.publishWorkflow(EXAMPLES.ticket.id);
	await n8n.start();
	const login = await ownerLogin(n8n);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nstopping n8n and the simulator …');
		await n8n.stop();
		await sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());

	console.log(`
n8n ${N8N_VERSION} with n8n-nodes-sap-cloud-alm is running (started in ${((Date.now() - t0) / 1000).toFixed(0)} s):

  Editor       ${n8n.baseUrl}    login ${login.email} / ${login.password}  (kept in .n8n-user/login.json)
  Ticket hook  curl -s -X POST ${n8n.baseUrl}/webhook/${EXAMPLES.ticket.webhookPath} -H 'content-type: application/json' \\
                 -d '{"subaccount":"acme-qa","requester":"you@example.com"}'
  Credentials  ${credentials.map((c) => `${c.name} [${c.type}]`).join('\n               ')}
  Workflows    ${examples.length ? examples.join('\n               ') : '(no examples/*.json yet)'}
  Simulator    ${sim.urls.control}/__sim/state   (what the workflows changed; secrets redacted)

Ctrl+C stops n8n and the simulator.`);
}

/** The owner account: created on the first start of the persistent folder, read back afterwards. */
async function ownerLogin(n8n: Awaited<ReturnType<typeof createN8nInstance>>): Promise<{ email: string; password: string }> {
	const file = join(n8n.userFolder, 'login.json');
	if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { email: string; password: string };
	const owner = await n8n.setupOwner('owner@example.com').catch(() => undefined);
	if (!owner) return { email: '(owner created in the editor earlier)', password: '(the one chosen then)' };
	const { email, password } = owner;
	writeFileSync(file, JSON.stringify({ email, password }, null, 2), { mode: 0o600 });
	return { email, password };
}

main().catch((err) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
