/**
 * Secret hygiene in a real n8n 2.41.1 with N8N_LOG_LEVEL=debug: `n8n execute` of workflows that
 * use every credential (Enable Cloud ALM API with derived Service Manager access, the Service
 * Manager credential, Cloud ALM reads and writes, a wrong client secret), capturing ALL of n8n's
 * output — its debug log and the run data it prints — plus the simulator's request log. No client
 * secret, private key or issued token may appear; with "Include Secrets" on, the new binding's
 * secret appears once, in the node output where it was asked for.
 */
import { credentialFromKey } from '../../scripts/n8n/credentials';
import { createN8nInstance, type N8nInstance } from '../e2e/harness';
import { chain, manualTrigger, sapNode } from '../e2e/harness/workflows';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { secret } from '../../simulator/clients';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { findLeaks, recordIssuedTokens, simulatorSecrets } from './collect';

let sim: RunningSimulator;
let n8n: N8nInstance;
let recorder: ReturnType<typeof recordIssuedTokens>;
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const captured: Record<string, string> = {};
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const enable = (name: string, subaccount: string, includeSecrets: boolean) =>
	sapNode(name, 'sapBtp', 'sapBtpCloudManagementApi', {
		resource: 'cloudAlmApi',
		operation: 'enable',
		subaccount: rl(subaccount),
		serviceManagerAccess: 'derived',
		includeSecrets,
	});

async function executeCaptured(id: string): Promise<{ status: number; output: string }> {
	const r = await n8n.cli(['execute', `--id=${id}`, '--rawOutput'], 180_000);
	const output = r.stdout + r.stderr;
	captured[`n8n execute ${id} (exit ${r.exitCode})`] = output;
	return { status: r.exitCode, output };
}

beforeAll(async () => {
	recorder = recordIssuedTokens();
	sim = await startSimulator();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control, env: { N8N_LOG_LEVEL: 'debug' } });
	await n8n.importSimulatorCredentials();
	const badKey = { ...sim.keys.cloudAlm, uaa: { ...(sim.keys.cloudAlm.uaa as object), clientsecret: secret() } };
	await n8n.importCredentials([credentialFromKey('sapCloudAlmApi', badKey, { id: 'badCalmSecret', name: 'wrong secret' })]);
	const calm = (name: string, parameters: Record<string, unknown>) => sapNode(name, 'sapCloudAlm', 'sapCloudAlmApi', parameters);
	const smList = sapNode('List Instances', 'sapBtp', 'sapBtpServiceManagerApi', {
		resource: 'serviceInstance',
		operation: 'list',
		serviceManagerAccess: 'serviceManagerCredential',
	});
	const wrong = calm('Wrong Secret', { resource: 'project', operation: 'list', returnAll: true });
	wrong.credentials = { sapCloudAlmApi: { id: 'badCalmSecret', name: 'wrong secret' } };
	await n8n.importWorkflow(chain('secretsEnable', 'Secrets: enable', manualTrigger(), enable('Enable', SUBACCOUNT_IDS.dev, false), smList));
	await n8n.importWorkflow(
		chain(
			'secretsCalm',
			'Secrets: Cloud ALM',
			manualTrigger(),
			calm('Projects', { resource: 'project', operation: 'list', limit: 1 }),
			calm('Create Task', { resource: 'task', operation: 'create', projectId: rl('={{ $json.id }}'), type: 'CALMTASK', title: 'Secrets check' }),
			calm('Comment', { resource: 'task', operation: 'addComment', taskId: '={{ $json.id }}', text: 'checked' }),
		),
	);
	await n8n.importWorkflow(chain('secretsWrong', 'Secrets: wrong secret', manualTrigger(), wrong));
	await n8n.importWorkflow(chain('secretsInclude', 'Secrets: include', manualTrigger(), enable('Enable With Secrets', SUBACCOUNT_IDS.qa, true)));
});

afterAll(async () => {
	recorder?.restore();
	await n8n?.cleanup();
	await sim?.stop();
});

test('debug log and run data of every credential in use hold no secret, key or token', async () => {
	expect((await executeCaptured('secretsEnable')).status).toBe(0);
	expect((await executeCaptured('secretsCalm')).status).toBe(0);
	const wrong = await executeCaptured('secretsWrong');
	expect(wrong.status).toBe(1);
	expect(wrong.output).toMatch(/client id or secret was rejected/);
	// debug level really was on (n8n logs its own steps)
	expect(Object.values(captured).join('\n')).toMatch(/debug|Workflow execution/i);
	captured['simulator request log'] = JSON.stringify(sim.log.summary());
	expect(recorder.issued.length).toBeGreaterThanOrEqual(4);
	expect(findLeaks(captured, simulatorSecrets(sim), recorder.issued)).toEqual([]);
});

test('Include Secrets on: the binding secret appears exactly once, in the node output that asked for it', async () => {
	const { status, output } = await executeCaptured('secretsInclude');
	expect(status).toBe(0);
	const binding = sim.context.state.bindings.find((b) => b.subaccountGUID === SUBACCOUNT_IDS.qa && b.name === 'cloud-alm-api-key')!;
	const bindingSecret = (binding.credentials.uaa as Record<string, string>).clientsecret;
	expect(output.split(bindingSecret)).toHaveLength(2);
	// the one occurrence is the output item's serviceKey.uaa.clientsecret (at debug level n8n prints
	// the run with ANSI colours, so read it without them); the window spans the whole uaa block, which
	// holds a real PEM verificationkey since the simulator signs RS256
	const plain = output.replace(ANSI, '');
	const at = plain.indexOf(bindingSecret);
	expect(plain.slice(Math.max(0, at - 4000), at)).toMatch(/"serviceKey": \{[\s\S]*"uaa": \{[^{}]*"clientsecret": "$/);
	const others = [...simulatorSecrets(sim)].filter((s) => s !== bindingSecret && !bindingSecret.includes(s));
	expect(findLeaks({ output }, others, recorder.issued)).toEqual([]);
});
