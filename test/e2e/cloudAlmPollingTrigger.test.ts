/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * The SAP Cloud ALM Polling Trigger in a real n8n 2.41.1, restarted between polls: the example
 * "changed tasks → digest" (examples/changed-tasks-digest.workflow.json) is published with its
 * digest posted to a local capture server. n8n polls a published polling trigger once when it
 * activates the workflow at start (n8n-core ActiveWorkflowTriggers.activatePollTrigger) and saves
 * the node's static data after activation and after every poll that emits, so each start is one
 * poll from what the previous n8n process saved. Tasks change in the simulator while n8n is down
 * (in whole-second timestamps, so several changes share one, and with an inclusive `gt:`); every
 * change must reach a digest exactly once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXAMPLES, loadExample } from '../../scripts/demo/examples';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { fetchToken, httpClient, type UaaBlock } from '../../simulator/testkit';
import { createN8nInstance, type N8nInstance } from './harness';

interface DigestTask {
	id: string;
	title: string;
	changeType: string;
	changedAt: string;
}
interface Digest {
	count: number;
	created: number;
	changed: number;
	tasks: DigestTask[];
}

let sim: RunningSimulator;
let n8n: N8nInstance;
let capture: Server;
let captureUrl: string;
const digests: Digest[] = [];

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- n8n log ---\n${n8n.logs().split('\n').slice(-40).join('\n')}`);
		await sleep(250);
	}
}

/** The trigger's reads of the tasks list the simulator logged after `since`. */
const taskReadsSince = (since: number) => sim.log.summary(since).entries.filter((e) => e.service === 'cloudAlm' && e.path.startsWith('/api/calm-tasks/v1/tasks?'));

/** Starts n8n, waits for the activation poll (and the static data saved after it), stops n8n. */
async function pollOnceAcrossRestart(expectDigest: boolean): Promise<Digest | undefined> {
	const since = sim.log.summary().lastSeq;
	const before = digests.length;
	await n8n.start();
	await waitFor('the activation poll', () => (taskReadsSince(since).length ? true : undefined));
	let digest: Digest | undefined;
	if (expectDigest) digest = await waitFor('the digest', () => digests[before]);
	else await sleep(4000); // a digest, if one came, would arrive within this
	await sleep(1500); // the static data save after the poll
	await n8n.stop();
	expect(digests.length).toBe(before + (expectDigest ? 1 : 0));
	return digest;
}

beforeAll(async () => {
	sim = await startSimulator({ profile: { calmTimestampPrecision: 's', calmChangedSinceGt: 'inclusive' } });
	capture = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			if (req.url === '/digest') digests.push(JSON.parse(body) as Digest);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((r) => capture.listen(0, '127.0.0.1', () => r()));
	captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/digest`;

	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importSimulatorCredentials();
	const workflow = loadExample('digest');
	for (const node of workflow.nodes) {
		if (node.name === 'Post Digest') node.parameters.url = captureUrl;
		if (node.type.endsWith('.sapCloudAlmPollingTrigger')) node.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	}
	await n8n.importWorkflow(workflow);
	await n8n.publishWorkflow(EXAMPLES.digest.id);
});

afterAll(async () => {
	if (n8n) console.log(`[e2e] cloudAlmPollingTrigger: ${n8n.timingSummary()}; ${digests.length} digests`);
	await n8n?.cleanup();
	await sim?.stop();
	await new Promise((r) => capture?.close(r));
});

test('every task change reaches exactly one digest although n8n restarts between polls', async () => {
	const key = sim.keys.cloudAlm as { endpoints: { Api: string }; uaa: unknown };
	const calm = httpClient(key.endpoints.Api, await fetchToken(key.uaa as UaaBlock));
	const projectId = '3c6a9d00-0000-4000-8000-0000000000f1';
	const create = async (title: string) => (await calm.post('/calm-tasks/v1/tasks', { projectId, title, type: 'CALMTASK' })).data as { id: string };
	const change = async (id: string, title: string) => await calm.patch(`/calm-tasks/v1/tasks/${id}`, { title });
	const seeded = sim.context.state.calm.tasks.find((t) => t.projectId === projectId)!;

	// 1st start: the first poll records where the project stands and emits nothing
	await pollOnceAcrossRestart(false);

	// while n8n is down: two new tasks (likely in one second, so one timestamp) and a changed seeded task
	const a = await create('A');
	const b = await create('B');
	await change(seeded.id, 'seeded, changed');
	const first = await pollOnceAcrossRestart(true);
	expect(first!.tasks.map((t) => `${t.title}:${t.changeType}`).sort()).toEqual(['A:new', 'B:new', 'seeded, changed:changed']);

	// down again: a third task, and A changes
	const c = await create('C');
	await change(a.id, 'A2');
	const second = await pollOnceAcrossRestart(true);
	expect(second!.tasks.map((t) => `${t.title}:${t.changeType}`).sort()).toEqual(['A2:changed', 'C:new']);

	// no change: a restart emits nothing
	await pollOnceAcrossRestart(false);

	// exactly once: every (task, change time) pair in one digest only
	const pairs = digests.flatMap((d) => d.tasks.map((t) => `${t.id}@${t.changedAt}`));
	expect(new Set(pairs).size).toBe(pairs.length);
	expect(new Set(digests.flatMap((d) => d.tasks.map((t) => t.id)))).toEqual(new Set([a.id, b.id, c.id, seeded.id]));
	expect(digests.map((d) => [d.created, d.changed])).toEqual([
		[2, 1],
		[1, 1],
	]);
});
