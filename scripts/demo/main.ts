/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * `npm run demo`: the main job end to end in a real n8n, on the embedded simulator.
 *
 *   1. n8n 2.41.1 runtime (installed into .cache/n8n on first use, reused afterwards)
 *   2. build + pack this package, install it into a temporary n8n user folder
 *   3. start the simulator; import the Cloud Management credential from its key
 *   4. publish the ticket-triggered onboarding, start n8n, POST a ticket for acme-dev (+ one invalid ticket)
 *   5. create the SAP Cloud ALM API credential from the binding just made, run the Cloud ALM follow-up
 *   6. print a short summary (no secrets), stop everything, remove the temporary folder
 *
 * Env: DEMO_SUBACCOUNT (default acme-dev), N8N_E2E_KEEP=1 keeps the n8n user folder.
 */
import { credentialFromKey } from '../n8n/credentials';
import { ensureN8n } from '../n8n/install';
import { buildAndPack } from '../n8n/package';
import { maskSecrets } from '../n8n/runOutput';
import { createN8nInstance, type N8nInstance } from '../n8n/runtime';
import { N8N_VERSION, NODE_VERSION } from '../n8n/versions';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { PLAN_IDS } from '../../simulator/seed';
import { EXAMPLES, credentialFromBinding, loadExample, postWebhook } from './examples';

type Json = Record<string, unknown>;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const step = (text: string) => console.log(`\u2022 ${text}`);

async function timed<T>(label: string, work: () => Promise<T> | T): Promise<T> {
	const started = Date.now();
	const value = await work();
	step(`${label} (${seconds(Date.now() - started)})`);
	return value;
}

function line(label: string, value: string) {
	console.log(`  ${label.padEnd(13)} ${value}`);
}

async function main() {
	const started = Date.now();
	const subaccount = process.env.DEMO_SUBACCOUNT ?? 'acme-dev';
	console.log(`SAP Cloud ALM API demo: n8n ${N8N_VERSION} (Node ${NODE_VERSION}) + SAP BTP simulator\n`);

	const runtime = await timed('n8n runtime', () => {
		const r = ensureN8n();
		if (r.installed) console.log('  (first use: n8n was installed into .cache/n8n; later runs reuse it)');
		return r;
	});
	if (!runtime.installed) console.log('  reused from .cache/n8n');
	await timed('package built and packed (npm run build + npm pack)', () => buildAndPack());

	let sim: RunningSimulator | undefined;
	let n8n: N8nInstance | undefined;
	let succeeded = false;
	try {
		sim = await timed('simulator started on 127.0.0.1', () => startSimulator());
		const simulator = sim;
		const instance = await createN8nInstance({ simulatorControlUrl: simulator.urls.control });
		n8n = instance;
		await timed('Cloud Management credential imported from the global account key (cis, plan central)', () =>
			instance.importCredentials([credentialFromKey('sapBtpCloudManagementApi', simulator.keys.cisCentral)]),
		);
		await timed('example workflows imported; ticket onboarding published', async () => {
			await instance.importWorkflow(loadExample('ticket'));
			await instance.importWorkflow(loadExample('followUp'));
			await instance.publishWorkflow(EXAMPLES.ticket.id);
		});
		await timed(`n8n started on ${'127.0.0.1'}`, () => instance.start());

		const ticket = { subaccount, requester: 'jane.doe@example.com', ticketId: 'SR-1001' };
		const answer = await postWebhook(instance.baseUrl, EXAMPLES.ticket.webhookPath, ticket);
		const invalid = await postWebhook(instance.baseUrl, EXAMPLES.ticket.webhookPath, { subaccount: '', requester: 'x' });
		await instance.stop();
		if (answer.status !== 200) throw new Error(`the ticket webhook answered HTTP ${answer.status}: ${maskSecrets(answer.text)}`);

		const result = answer.body as Json & { subaccount: Json; instance: Json; binding: Json; steps: Json[]; scopes: string[] };
		const sa = simulator.context.state.subaccounts.find((s) => s.guid === result.subaccount.guid);
		const inst = simulator.context.state.instances.find((i) => i.id === result.instance.id);
		const binding = simulator.context.state.bindings.find((b) => b.id === result.binding.id);
		if (!sa || !inst || !binding) throw new Error('the simulator does not hold the instance and binding the workflow reported');
		const secretInAnswer = simulator.context.state.uaaClients.some((c) => c.clientsecret && answer.text.includes(c.clientsecret));

		console.log(`\nTicket ${ticket.ticketId} \u2192 POST /webhook/${EXAMPLES.ticket.webhookPath}: HTTP ${answer.status} in ${seconds(answer.ms)}`);
		line('subaccount', `${String(result.subaccount.displayName)} (${String(result.subaccount.subdomain)}, ${String(result.subaccount.guid)})`);
		const actionOf = (name: string) => String(result.steps.find((s) => s.step === name)?.action ?? '?');
		line('entitlement', `SAPCloudALMAPIs/standard: ${actionOf('entitlement')}`);
		line('SM access', `${actionOf('serviceManagerAccess')} (through the Accounts service)`);
		line('instance', `${String(result.instance.name)}: ${String(result.instance.action)}${inst.service_plan_id === PLAN_IDS.calmStandard ? '' : ' (unexpected plan!)'}`);
		line('binding', `${String(result.binding.name)}: ${String(result.binding.action)}`);
		line('verified', `${actionOf('verify')}; scopes ${result.scopes.filter((s) => s.startsWith('calm-api')).join(', ')}`);
		line('outcome', `${String(result.status)}; secrets in the answer: ${secretInAnswer ? 'YES (bug)' : 'none'}`);
		console.log(`Invalid ticket \u2192 HTTP ${invalid.status}: ${String(invalid.body.error ?? invalid.text)}`);

		// what an admin does next: paste the binding into a "SAP Cloud ALM API" credential (here: n8n import:credentials)
		const credential = credentialFromBinding(binding, String(result.subaccount.subdomain));
		console.log('');
		await timed(`SAP Cloud ALM API credential "${credential.name}" created from the binding`, () => instance.importCredentials([credential]));
		const clientId = String((binding.credentials?.uaa as Json | undefined)?.clientid ?? '');
		line('client id', `${clientId.slice(0, 24)}\u2026  client secret: ****`);

		const run = await instance.execute(EXAMPLES.followUp.id);
		if (run.status !== 'success') throw new Error(`the follow-up failed in node "${run.lastNodeExecuted}": ${run.error?.message}`);
		const out = (run.nodes.Summary ?? run.nodes['Project Already Set Up']).items[0] as { project: Json; tasks: Json[] };
		console.log(`Follow-up in Cloud ALM (n8n execute --id ${EXAMPLES.followUp.id}): ${seconds(run.durationMs)}`);
		line('project', `"${String(out.project.name)}" [${String(out.project.action)}] ${String(out.project.id)}`);
		out.tasks.forEach((t, i) => line(i === 0 ? `tasks (${out.tasks.length})` : '', `${String(t.title)} [${String(t.status)}]`));

		const usedNewKey = simulator.context.state.tokens.some((t) => t.clientid === binding.uaaClientId);
		line('token', usedNewKey ? 'issued to the new binding\u2019s client (not a seed key)' : 'NOT from the new binding (bug)');
		console.log(`\nDone in ${seconds(Date.now() - started)}.`);
		if (secretInAnswer || !usedNewKey) process.exitCode = 1;
		else succeeded = true;
	} finally {
		await n8n?.cleanup();
		await sim?.stop();
		console.log(process.env.N8N_E2E_KEEP === '1' ? `n8n user folder kept: ${n8n?.userFolder}` : 'Simulator stopped, temporary n8n folder removed.');
	}
	if (succeeded) printNext();
}

/** What to do after the demo: the same flow in an n8n you can open. Paths and ids from scripts/demo/examples.ts. */
function printNext() {
	const base = `http://localhost:${process.env.N8N_PORT ?? 5678}`;
	console.log(`
Next
  npm run n8n      starts n8n ${N8N_VERSION} with this package, the simulator, its credentials and every examples/*.json
                   (prints the editor URL and login: ${base})
  Open             "${loadExample('ticket').name}" (examples/${EXAMPLES.ticket.file}): the flow this demo ran;
                   then "${loadExample('followUp').name}" (examples/${EXAMPLES.followUp.file})
  Test URL         ${base}/webhook-test/${EXAMPLES.ticket.webhookPath}  after "Execute workflow" in the editor: one call, shown on the canvas
  Production URL   ${base}/webhook/${EXAMPLES.ticket.webhookPath}  (the workflow is published): every call, listed under Executions
  Your edits       the editor saves them in .n8n-user/ and they stay until the next \`npm run n8n\`, which imports
                   examples/*.json again over the example workflows: duplicate a workflow to keep your version`);
}

main().catch((error: unknown) => {
	console.error(`\ndemo failed: ${maskSecrets(error instanceof Error ? error.message : String(error))}`);
	process.exit(1);
});
