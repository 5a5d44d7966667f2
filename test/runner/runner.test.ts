/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The in-process runner and `npm run workflow`: an exported workflow runs on n8n-core's engine,
 * tokens persist in the store across runs, generic and function authenticate both resolve, and the
 * command prints the last node's items (exit 0) or the node's error (exit 1).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { secretsOf } from '../credentials/helpers';
import { useSimulator } from '../../simulator/testkit';
import { CredentialStore, defaultCredentialStore, loadRegistry, runWorkflow, type WorkflowJson } from './index';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/workflows/cloudAlmProbe.workflow.json');
const fixture = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as WorkflowJson;

const sim = useSimulator({ reset: false });

const calmCredentials = () => ({ sapCloudAlmApi: { serviceKey: JSON.stringify(sim.keys.cloudAlm) } });
const tokens = () => sim.log.summary().tokensIssuedTotal;

describe('runWorkflow', () => {
	test('loads the package nodes and credentials from source, plus the stand-ins', async () => {
		const registry = await loadRegistry();
		expect([...registry.credentialTypes.keys()]).toEqual(
			expect.arrayContaining(['sapCloudAlmApi', 'sapBtpCloudManagementApi', 'sapBtpServiceManagerApi']),
		);
		for (const type of ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.noOp', 'n8n-nodes-sap-cloud-alm.cloudAlmProbe', 'CUSTOM.cloudAlmProbe']) {
			expect(registry.nodeTypes.getByNameAndVersion(type, 1).description.name).toBe(type.split('.').pop());
		}
		expect(() => registry.nodeTypes.getByName('n8n-nodes-base.httpRequest')).toThrow(/Unknown node type/);
	});

	test('runs the exported fixture workflow: the probe lists the seeded project', async () => {
		const store = new CredentialStore();
		const before = tokens();
		const result = await runWorkflow(fixture(), { credentials: calmCredentials(), store });
		expect(result.status).toBe('success');
		expect(result.lastNodeExecuted).toBe('List Projects');
		expect(result.lastNodeItems).toEqual([
			{ item: 0, path: '/calm-projects/v1/projects', response: [{ id: '3c6a9d00-0000-4000-8000-0000000000f1', name: 'S/4HANA Implementation', status: 'O' }] },
		]);
		expect(result.nodes['When clicking ‘Execute workflow’'].items).toEqual([{}]);
		expect(result.preAuthenticationCalls).toEqual({ sapCloudAlmApi: 1 });
		expect(tokens() - before).toBe(1);
		expect(store.all()[0].data.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
	});

	test('the default store is shared across runs: the second run reuses the token', async () => {
		const before = tokens();
		const first = await runWorkflow(fixture(), { credentials: calmCredentials() });
		const second = await runWorkflow(fixture(), { credentials: calmCredentials() });
		expect([first.status, second.status]).toEqual(['success', 'success']);
		expect(second.preAuthenticationCalls).toEqual({});
		expect(tokens() - before).toBe(1);
		expect(defaultCredentialStore.tokenWrites).toBe(1);
	});

	test('an edited key keeps the stored token (as n8n does), which is replaced before it is sent', async () => {
		const store = new CredentialStore();
		await runWorkflow(fixture(), { credentials: calmCredentials(), store });
		const oldToken = store.all()[0].data.accessToken;
		const since = sim.log.summary().lastSeq;
		const readOnly = { sapCloudAlmApi: { serviceKey: JSON.stringify(sim.keys.cloudAlmReadOnly) } };
		const result = await runWorkflow(fixture(), { credentials: readOnly, store });
		expect(result.status).toBe('success');
		const after = sim.log.entries.filter((e) => e.seq > since);
		expect(after.map((e) => [e.service, e.status, e.clientid])).toEqual([
			['uaa', 200, sim.keys.cloudAlmReadOnly.uaa.clientid],
			['cloudAlm', 200, sim.keys.cloudAlmReadOnly.uaa.clientid],
		]);
		expect(store.all()[0].data.accessToken).not.toBe(oldToken);
	});

	test('generic authenticate: the Bearer expression is resolved, and refreshed after a 401', async () => {
		const workflow: WorkflowJson = {
			nodes: [
				{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'b',
					name: 'Probe',
					type: 'btpProbe',
					typeVersion: 1,
					position: [200, 0],
					parameters: { authentication: 'genericBearerTestApi', path: `${sim.urls.cloudAlm}/api/calm-projects/v1/projects` },
					credentials: { genericBearerTestApi: { id: 'g1', name: 'generic' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
		};
		const uaa = sim.keys.cloudAlm.uaa as Record<string, string>;
		const credentials = { genericBearerTestApi: { uaaUrl: uaa.url, clientId: uaa.clientid, clientSecret: uaa.clientsecret } };
		const store = new CredentialStore();
		const before = tokens();
		expect((await runWorkflow(workflow, { credentials, store })).status).toBe('success');
		await fetch(`${sim.urls.control}/__sim/tokens/revoke`, { method: 'POST' });
		const since = sim.log.summary().lastSeq;
		const after = await runWorkflow(workflow, { credentials, store });
		expect(after.status).toBe('success');
		expect(sim.log.entries.filter((e) => e.seq > since).map((e) => [e.service, e.status])).toEqual([
			['cloudAlm', 401],
			['uaa', 200],
			['cloudAlm', 200],
		]);
		expect(tokens() - before).toBe(2);
	});

	test('a node error fails the run with the node name and message', async () => {
		const workflow = fixture();
		workflow.nodes[1].parameters = { path: '/calm-projects/v1/projects/nope' };
		const result = await runWorkflow(workflow, { credentials: calmCredentials(), store: new CredentialStore() });
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ node: 'List Projects', httpCode: '404' });
		expect(result.nodes['List Projects'].error?.message).toMatch(/could not be found/);
	});
});

describe('npm run workflow', () => {
	const run = promisify(execFile);
	const tsNode = require.resolve('ts-node/dist/bin.js');
	const command = async (...args: string[]) => {
		try {
			const { stdout, stderr } = await run(process.execPath, [tsNode, '--transpile-only', '--project', 'tsconfig.test.json', 'scripts/run-workflow.ts', ...args], {
				cwd: ROOT,
				env: { ...process.env, N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'n8n-sap-cli-')) },
				timeout: 60_000,
			});
			return { code: 0, stdout, stderr };
		} catch (error) {
			const e = error as { code: number; stdout: string; stderr: string };
			return { code: e.code, stdout: e.stdout, stderr: e.stderr };
		}
	};

	test('against a running simulator: prints the last node items as JSON, one token', async () => {
		const before = tokens();
		const { code, stdout, stderr } = await command(FIXTURE, '--simulator', sim.urls.control);
		expect(code).toBe(0);
		const items = JSON.parse(stdout);
		expect(items[0].response[0].name).toBe('S/4HANA Implementation');
		expect(stderr).toMatch(/last node: List Projects; 1 item\(s\)/);
		expect(tokens() - before).toBe(1);
		for (const s of secretsOf(sim.keys)) expect(stdout + stderr).not.toContain(s);
	});

	test('a failing node: exit 1 with the node error, nothing on stdout', async () => {
		const workflow = fixture();
		workflow.nodes[1].parameters = { path: '/calm-projects/v1/projects/nope' };
		const file = join(mkdtempSync(join(tmpdir(), 'wf-')), 'failing.workflow.json');
		writeFileSync(file, JSON.stringify(workflow));
		const { code, stdout, stderr } = await command(file, '--simulator', sim.urls.control);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/workflow failed in node "List Projects": The resource you are requesting could not be found/);
	});

	test('without --simulator it starts a fresh one', async () => {
		const { code, stdout, stderr } = await command(FIXTURE);
		expect(code).toBe(0);
		expect(stderr).toMatch(/simulator started: control http:\/\/127\.0\.0\.1:\d+/);
		expect(JSON.parse(stdout)).toHaveLength(1);
	});

	test('bad usage exits 2', async () => {
		const { code, stderr } = await command();
		expect(code).toBe(2);
		expect(stderr).toMatch(/usage: npm run workflow/);
	});
});
