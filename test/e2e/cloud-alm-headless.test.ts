/* eslint-disable no-console */
/**
 * The harness end to end with a node of this package against the simulator: credentials from the
 * simulator's keys, `n8n execute --id` (success, a node error, silent-exit detection) and a
 * published webhook workflow called over HTTP on a started n8n.
 */
import { startSimulator, type RunningSimulator } from '../../simulator';
import { createN8nInstance, type N8nInstance } from './harness';
import { chain, manualTrigger, sapNode, webhookTrigger } from './harness/workflows';

let sim: RunningSimulator;
let n8n: N8nInstance;

const listProjects = () =>
	sapNode('List Projects', 'sapCloudAlm', 'sapCloudAlmApi', { resource: 'project', operation: 'list', returnAll: true });

beforeAll(async () => {
	sim = await startSimulator();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importSimulatorCredentials();
	await n8n.importWorkflow(chain('e2eCalmList', 'E2E: list Cloud ALM projects', manualTrigger(), listProjects()));
	await n8n.importWorkflow(
		chain(
			'e2eCalmMissing',
			'E2E: get a project that does not exist',
			manualTrigger(),
			sapNode('Get Project', 'sapCloudAlm', 'sapCloudAlmApi', {
				resource: 'project',
				operation: 'get',
				projectId: { __rl: true, mode: 'id', value: '00000000-0000-4000-8000-00000000dead' },
			}),
		),
	);
});

afterAll(async () => {
	if (n8n) console.log(`[e2e] ${expect.getState().testPath?.split('/').pop()}: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
	await sim?.stop();
});

test('execute --id runs the SAP Cloud ALM node with the imported credential and returns the simulator projects', async () => {
	const run = await n8n.execute('e2eCalmList');
	expect(run.exitCode).toBe(0);
	expect(run.status).toBe('success');
	const names = run.nodes['List Projects'].items.map((p) => p.name);
	expect(names.sort()).toEqual(sim.context.state.calm.projects.map((p) => p.name).sort());
	// the token came from the binding's uaa.url, and the API call went to endpoints.Api
	const calls = sim.log.entries;
	expect(calls.some((c) => c.service === 'uaa' && c.path === '/oauth/token' && c.status === 200)).toBe(true);
	expect(calls.some((c) => c.service === 'cloudAlm' && c.path.includes('/projects') && c.status === 200)).toBe(true);
});

test('a failing node makes execute exit 1 and the run carries the node error (not a silent pass)', async () => {
	const run = await n8n.execute('e2eCalmMissing');
	expect(run.exitCode).toBe(1);
	expect(run.status).toBe('error');
	expect(run.lastNodeExecuted).toBe('Get Project');
	expect(run.error?.message).toMatch(/not found|404|does not exist/i);
	expect(JSON.stringify(run)).not.toContain(sim.keys.cloudAlm.uaa.clientsecret as string);
});

test('output without a run is a failure: unknown id throws, and `execute --file` (exit 0, no run) is detected', async () => {
	await expect(n8n.execute('noSuchWorkflow')).rejects.toThrow(/printed no run/);
	const silent = await n8n.cli(['execute', '--file=/dev/null']);
	expect(silent.exitCode).toBe(0); // n8n's trap: nothing ran, yet exit 0
	expect(silent.stdout + silent.stderr).toContain('"--id" has to be set!');
});

test('a published webhook workflow runs the node when called over HTTP on a started n8n', async () => {
	await n8n.importWorkflow(chain('e2eCalmHook', 'E2E: webhook lists projects', webhookTrigger('e2e-calm-projects'), listProjects()));
	await n8n.publishWorkflow('e2eCalmHook');
	await n8n.start();
	const res = await fetch(`${n8n.baseUrl}/webhook/e2e-calm-projects`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ticket: 'T-1' }),
	});
	if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}\n--- n8n log ---\n${n8n.logs()}`);
	const body = (await res.json()) as { name: string } | Array<{ name: string }>;
	const first = Array.isArray(body) ? body[0] : body;
	expect(sim.context.state.calm.projects.map((p) => p.name)).toContain(first.name);
});
