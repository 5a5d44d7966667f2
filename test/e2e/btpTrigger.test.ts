/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * The SAP BTP Trigger in a real n8n 2.41.1: the example workflow examples/subaccount-onboarding.workflow.json
 * (SAP BTP Trigger → SAP BTP Enable Cloud ALM API), imported and published as a user would, polls the
 * simulator's Events service; a subaccount created in the simulator (as in the cockpit) starts it, and
 * Enable onboards exactly that subaccount: entitlement, one instance, one binding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { PLAN_IDS } from '../../simulator/seed';
import { createN8nInstance, type N8nInstance } from './harness';

let sim: RunningSimulator;
let n8n: N8nInstance;

const EXAMPLE = join(__dirname, '../../examples/subaccount-onboarding.workflow.json');
const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

/** The simulator's requests since `from` (epoch ms), one line each: which polls and Enable calls happened, and how they ended. */
function requestsSince(from: number): string {
	const lines = sim.log.entries.filter((e) => e.at >= from).map((e) => `+${((e.at - from) / 1000).toFixed(1)} s ${e.service} ${e.method} ${e.path.slice(0, 120)} → ${e.status}`);
	return lines.length > 80 ? [...lines.slice(0, 40), `… ${lines.length - 80} more …`, ...lines.slice(-40)].join('\n') : lines.join('\n');
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const value = probe();
		if (value !== undefined) return value;
		await sleep(500);
	}
	throw new Error(`${what}: not after ${timeoutMs / 1000} s\n--- simulator requests meanwhile ---\n${requestsSince(started) || '(none)'}\n--- n8n log ---\n${n8n.logs().slice(-4000)}`);
}

beforeAll(async () => {
	sim = await startSimulator();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importSimulatorCredentials();
	const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
	// n8n's shortest poll interval (the example polls every 5 minutes). Found by type: the example's sticky notes come
	// first, and setting it on nodes[0] left the 5-minute poll in place (the test then passed only when that poll
	// happened to fall inside the wait)
	const trigger = workflow.nodes.find((node: { type: string }) => node.type.endsWith('.sapBtpTrigger'));
	if (!trigger) throw new Error(`${EXAMPLE} has no SAP BTP Trigger node`);
	trigger.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	await n8n.importWorkflow(workflow);
	await n8n.publishWorkflow(workflow.id);
});

afterAll(async () => {
	if (n8n) console.log(`[e2e] btpTrigger.test.ts: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
	await sim?.stop();
});

test('a subaccount created in the simulator starts SAP BTP Trigger → Enable Cloud ALM API, which onboards it', async () => {
	const existingBefore = sim.context.state.subaccounts.length;
	await n8n.start();
	// the activation poll: it only notes the events already there (no run for the seeded subaccounts)
	await until('the activation poll of the Events service', () => (sim.log.entries.some((e) => e.service === 'events' && e.status === 200) ? true : undefined), 60_000);

	const created = await fetch(`${sim.urls.control}/__sim/subaccounts`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ displayName: 'Acme New Team', subdomain: 'acme-new-team' }),
	});
	expect(created.status).toBe(201);
	const guid = ((await created.json()) as { guid: string }).guid;
	const started = Date.now();

	const instance = await until(
		'Enable created the Cloud ALM API instance and its binding in the new subaccount',
		() => {
			const state = sim.context.state;
			const inst = state.instances.find((i) => i.subaccountGUID === guid && i.service_plan_id === PLAN_IDS.calmStandard && i.ready);
			return inst && state.bindings.some((b) => b.service_instance_id === inst.id && b.name === 'cloud-alm-api-key' && b.ready) ? inst : undefined;
		},
		150_000,
	);
	const polls = sim.log.entries.filter((e) => e.at >= started && e.service === 'events').map((e) => `+${((e.at - started) / 1000).toFixed(1)} s`);
	console.log(`[e2e] subaccount created → onboarded in ${((Date.now() - started) / 1000).toFixed(1)} s (n8n polls every minute; Events read at ${polls.join(', ')})`);
	const state = sim.context.state;
	expect(instance.name).toBe('cloud-alm-api');
	expect(state.assignments.filter((a) => a.subaccountGUID === guid && a.serviceName === 'SAPCloudALMAPIs')).toEqual([
		expect.objectContaining({ planName: 'standard', entityState: 'OK' }),
	]);
	// exactly that subaccount: no other subaccount got an instance from this workflow
	const ours = state.instances.filter((i) => i.name === 'cloud-alm-api' && i.platform_id === 'service-manager');
	expect(ours.map((i) => i.subaccountGUID)).toEqual([guid]);
	expect(state.subaccounts).toHaveLength(existingBefore + 1);
});
