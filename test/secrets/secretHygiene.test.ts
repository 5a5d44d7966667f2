/**
 * Secret hygiene (issue 8), in process: every operation of the SAP BTP and SAP Cloud ALM nodes
 * (with issue 14's Connect Cloud ALM to a Webhook), both polling triggers and every credential test runs
 * against the simulator; node outputs, error messages and
 * descriptions, the whole run data n8n would store, and the simulator's request log must hold no
 * client secret, private key, destination password or access token — except the binding secret where "Include Secrets"
 * asked for it, and only there. (The same in a real n8n, with its debug log: secretLogs.n8n.ts.)
 */
import type { IDataObject } from 'n8n-workflow';
import { testCredential, type WorkflowRunResult } from '../runner';
import { runBtp, rl } from '../nodes/sapBtp/harness';
import { runCalm, SEEDED_PROJECT, seededTaskId } from '../nodes/sapCloudAlm/harness';
import { useSimulator } from '../../simulator/testkit';
import { secret } from '../../simulator/clients';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { findLeaks, recordIssuedTokens, simulatorSecrets } from './collect';
import { pollTrigger } from '../nodes/sapBtpTrigger/pollHarness';
import { PolledTrigger, projectsParameter } from '../nodes/sapCloudAlmPollingTrigger/harness';

const sim = useSimulator({ reset: false });
let recorder: ReturnType<typeof recordIssuedTokens>;
const captured: Record<string, string> = {};
/** run name → status, so the test proves each operation really ran */
const statuses: Record<string, string> = {};

beforeAll(async () => {
	recorder = recordIssuedTokens();
});
afterAll(async () => {
	recorder?.restore();
});

/** The whole run data n8n would store (the workflow's nodes in a failed run's execution stack included) and the error. */
function capture(name: string, run: WorkflowRunResult & { out?: IDataObject[] }) {
	statuses[name] = run.status;
	captured[`${name}: run data`] = JSON.stringify(run.run);
	captured[`${name}: error`] = JSON.stringify(run.error ?? null);
}

const sm = { serviceManagerAccess: 'serviceManagerCredential' };
/** webhook passwords for Connect Cloud ALM to a Webhook, with the characters that change under URL, form, JSON and Basic encoding */
const CONNECT_PASSWORDS = [1, 2, 3].map((n) => `Pw${n}+${secret().slice(0, 10)}/%2B:%zz:/`);
const task = (operation: string, extra: IDataObject = {}) => ({ resource: 'task', operation, ...extra });

const BTP_RUNS: Array<[string, IDataObject]> = [
	['enable (derived access)', { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(SUBACCOUNT_IDS.dev) }],
	['entitlement get', { resource: 'entitlement', operation: 'get', subaccount: rl(SUBACCOUNT_IDS.dev) }],
	['entitlement list', { resource: 'entitlement', operation: 'list', subaccount: rl(SUBACCOUNT_IDS.dev) }],
	['entitlement configure', { resource: 'entitlement', operation: 'configure', subaccount: rl(SUBACCOUNT_IDS.dev), amount: 3 }],
	['instance create', { resource: 'serviceInstance', operation: 'create', ...sm, instanceName: 'calm-secret' }],
	['instance createOrUpdate', { resource: 'serviceInstance', operation: 'createOrUpdate', ...sm, instanceName: 'calm-secret', scopes: ['calm-api.tasks.read'] }],
	['instance get', { resource: 'serviceInstance', operation: 'get', ...sm, instance: rl('calm-secret', 'name'), includeParameters: true }],
	['instance list', { resource: 'serviceInstance', operation: 'list', ...sm }],
	['binding create', { resource: 'serviceBinding', operation: 'create', ...sm, instance: rl('calm-secret', 'name'), bindingName: 'secret-key' }],
	['binding get', { resource: 'serviceBinding', operation: 'get', ...sm, binding: rl('secret-key', 'name') }],
	['binding list', { resource: 'serviceBinding', operation: 'list', ...sm }],
	['binding delete', { resource: 'serviceBinding', operation: 'delete', ...sm, binding: rl('secret-key', 'name') }],
	['instance update', { resource: 'serviceInstance', operation: 'update', ...sm, instance: rl('calm-secret', 'name'), newName: 'calm-secret-2' }],
	['instance delete', { resource: 'serviceInstance', operation: 'delete', ...sm, instance: rl('calm-secret-2', 'name') }],
];

const CALM_RUNS: Array<[string, IDataObject]> = [
	['project list', { resource: 'project', operation: 'list', returnAll: true }],
	['project get', { resource: 'project', operation: 'get', projectId: rl(SEEDED_PROJECT) }],
	['project create', { resource: 'project', operation: 'create', name: 'Secret hygiene' }],
	['project listTimeboxes', { resource: 'project', operation: 'listTimeboxes', projectId: rl(SEEDED_PROJECT) }],
	['task list', task('list', { projectId: rl(SEEDED_PROJECT), limit: 3 })],
	['task get', task('get', { taskId: seededTaskId(1) })],
	['task create', task('create', { projectId: rl(SEEDED_PROJECT), type: 'CALMTASK', title: 'Secret hygiene' })],
	['task update', task('update', { taskId: seededTaskId(1), updateFields: { title: 'Renamed' } })],
	['task addComment', task('addComment', { taskId: seededTaskId(1), text: 'checked' })],
	['task listComments', task('listComments', { taskId: seededTaskId(1) })],
	['task addReference', task('addReference', { taskId: seededTaskId(1), name: 'Ticket', url: 'https://tickets.example.com/T-1' })],
	['task listReferences', task('listReferences', { taskId: seededTaskId(1) })],
	['task delete', task('delete', { taskId: seededTaskId(2) })],
	['feature list', { resource: 'feature', operation: 'list', returnAll: true }],
	['feature create', { resource: 'feature', operation: 'create', projectId: rl(SEEDED_PROJECT), title: 'Secret hygiene' }],
	['custom API call', { resource: 'customApiCall', operation: 'request', method: 'GET', path: '/calm-projects/v1/projects' }],
];

describe('no secret, private key or token leaves the nodes', () => {
	test.each(BTP_RUNS)('SAP BTP: %s', async (name, parameters) => {
		const run = await runBtp(sim, parameters);
		capture(`btp ${name}`, run);
		expect(run.error).toBeUndefined();
	});

	test.each(CALM_RUNS)('SAP Cloud ALM: %s', async (name, parameters) => {
		const run = await runCalm(sim, parameters);
		capture(`calm ${name}`, run);
		expect(run.error).toBeUndefined();
	});

	test('failures: a wrong client secret (each node) and an X.509 key in use', async () => {
		const wrong = secret();
		const badCis = { ...sim.keys.cisCentral, uaa: { ...(sim.keys.cisCentral.uaa as IDataObject), clientsecret: wrong } };
		const btp = await runBtp(sim, { resource: 'entitlement', operation: 'list', subaccount: rl(SUBACCOUNT_IDS.dev) }, { cisKey: badCis });
		capture('btp wrong secret', btp);
		expect(btp.status).toBe('error');
		const badCalm = { ...sim.keys.cloudAlm, uaa: { ...(sim.keys.cloudAlm.uaa as IDataObject), clientsecret: wrong } };
		const calm = await runCalm(sim, { resource: 'project', operation: 'list', returnAll: true }, { key: badCalm });
		capture('calm wrong secret', calm);
		expect(calm.status).toBe('error');
		const x509 = await runCalm(sim, { resource: 'project', operation: 'list', returnAll: true }, { key: sim.keys.cloudAlmX509 });
		capture('calm x509', x509);
		expect(x509.error).toBeUndefined();
		expect(JSON.stringify(captured)).not.toContain(wrong);
	});

	test('SAP BTP: Connect Cloud ALM to a Webhook (a password with + / % :): created, unchanged, password rotated, and a failure', async () => {
		// the password comes from the SAP Cloud ALM Webhook API credential, never from a node parameter
		const connect = { resource: 'cloudAlmApi', operation: 'connectN8n', webhookUrl: 'https://n8n.example.com/webhook/calm-events', webhookAuthentication: 'basic' };
		const options = (password: string) => ({ destinationKey: sim.keys.destination, webhookCredential: { user: 'calm', password }, typeVersion: 2 });
		const runs: Array<[string, string]> = [
			['connect create', CONNECT_PASSWORDS[0]],
			['connect unchanged', CONNECT_PASSWORDS[0]],
			['connect rotated', CONNECT_PASSWORDS[1]],
		];
		for (const [name, password] of runs) {
			const run = await runBtp(sim, connect, options(password));
			capture(`btp ${name}`, run);
			expect(run.error).toBeUndefined();
		}
		expect(sim.context.state.destinations.find((d) => d.properties.Name === 'n8n-cloud-alm-events')?.properties.Password).toBe(CONNECT_PASSWORDS[1]);
		const wrong = secret();
		const failed = await runBtp(sim, connect, { ...options(CONNECT_PASSWORDS[2]), destinationKey: { ...sim.keys.destination, clientsecret: wrong } });
		capture('btp connect wrong secret', failed);
		expect(failed.status).toBe('error');
		expect(JSON.stringify(captured)).not.toContain(wrong);
	});

	test('the polling triggers: SAP BTP Trigger and SAP Cloud ALM Polling Trigger, each polled fine and with a wrong secret', async () => {
		const record = (name: string, result: unknown) => (captured[name] = JSON.stringify(result, (_k, v: unknown) => (v instanceof Error ? { message: v.message, description: (v as { description?: unknown }).description, stack: v.stack, cause: String((v as { cause?: unknown }).cause ?? '') } : v)));
		const btpFirst = await pollTrigger(sim, { mode: 'trigger' });
		expect(btpFirst.error).toBeUndefined();
		record('btp trigger first poll', btpFirst);
		record('btp trigger manual', await pollTrigger(sim, { mode: 'manual' }));
		const badCis = { ...sim.keys.cisCentral, uaa: { ...(sim.keys.cisCentral.uaa as IDataObject), clientsecret: secret() } };
		const btpBad = await pollTrigger(sim, { cisKey: badCis, mode: 'manual' });
		expect(btpBad.error).toBeDefined();
		record('btp trigger wrong secret', btpBad);

		const calmTrigger = new PolledTrigger(sim, { resource: 'task', projects: projectsParameter(SEEDED_PROJECT) });
		record('calm polling trigger first poll', await calmTrigger.poll());
		record('calm polling trigger manual', await calmTrigger.poll('manual'));
		const badCalm = { ...sim.keys.cloudAlm, uaa: { ...(sim.keys.cloudAlm.uaa as IDataObject), clientsecret: secret() } };
		let calmError: unknown;
		try {
			await new PolledTrigger(sim, { resource: 'task', projects: projectsParameter(SEEDED_PROJECT) }, badCalm).poll();
		} catch (error) {
			calmError = error;
		}
		expect(calmError).toBeDefined();
		record('calm polling trigger wrong secret', { error: calmError });
	});

	test('credential tests (n8n\'s "Test" button): good keys and a wrong secret', async () => {
		const types = {
			sapCloudAlmApi: sim.keys.cloudAlm,
			sapBtpCloudManagementApi: sim.keys.cisCentral,
			sapBtpServiceManagerApi: sim.keys.serviceManager,
			sapBtpDestinationServiceApi: sim.keys.destination,
		};
		for (const [type, key] of Object.entries(types)) {
			const good = await testCredential(type, { inputMode: 'json', serviceKey: JSON.stringify(key) });
			expect(good.status).toBe('OK');
			captured[`credential test ${type}`] = JSON.stringify(good);
			const text = JSON.stringify(key).replace(/"clientsecret":"[^"]+"/, `"clientsecret":"${secret()}"`);
			const bad = await testCredential(type, { inputMode: 'json', serviceKey: text });
			expect(bad.status).toBe('Error');
			captured[`credential test ${type} (wrong secret)`] = JSON.stringify(bad);
		}
	});

	test('everything captured, plus the simulator\'s request log, holds none of them', async () => {
		expect(Object.keys(statuses).length).toBe(BTP_RUNS.length + CALM_RUNS.length + 3 + 4);
		captured['simulator request log'] = JSON.stringify(sim.log.summary());
		captured['GET /__sim/requests'] = await (await fetch(`${sim.urls.control}/__sim/requests`)).text();
		const secrets = simulatorSecrets(sim);
		expect(secrets.size).toBeGreaterThan(10);
		expect(recorder.issued.length).toBeGreaterThan(5);
		// the destination's current password is one the simulator holds; the earlier and the refused one are added
		expect(secrets.has(CONNECT_PASSWORDS[1])).toBe(true);
		for (const password of CONNECT_PASSWORDS) secrets.add(password);
		expect(findLeaks(captured, secrets, recorder.issued)).toEqual([]);
	});
});

describe('Include Secrets', () => {
	test('on: the binding secret appears in serviceKey.uaa.clientsecret and nowhere else; off: a marker', async () => {
		const enable = { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(SUBACCOUNT_IDS.qa) };
		const withSecrets = await runBtp(sim, { ...enable, includeSecrets: true });
		expect(withSecrets.error).toBeUndefined();
		const out = withSecrets.out[0];
		const binding = sim.context.state.bindings.find((b) => b.subaccountGUID === SUBACCOUNT_IDS.qa && b.name === 'cloud-alm-api-key')!;
		const bindingSecret = (binding.credentials.uaa as IDataObject).clientsecret as string;
		expect(((out.serviceKey as IDataObject).uaa as IDataObject).clientsecret).toBe(bindingSecret);
		// exactly once in the item, and not in the steps, the run's other data or the simulator log
		expect(JSON.stringify(out).split(bindingSecret)).toHaveLength(2);
		const { serviceKey: _asked, ...rest } = out;
		void _asked;
		const elsewhere = { rest: JSON.stringify(rest), log: JSON.stringify(sim.log.summary()) };
		expect(findLeaks(elsewhere, simulatorSecrets(sim), recorder.issued)).toEqual([]);

		const without = await runBtp(sim, { ...enable, includeSecrets: false });
		expect(((without.out[0].serviceKey as IDataObject).uaa as IDataObject).clientsecret).toBe('**hidden** (enable Include Secrets)');
		expect(findLeaks({ out: JSON.stringify(without.run) }, simulatorSecrets(sim), recorder.issued)).toEqual([]);
	});
});

test('the leak check itself finds a token, a secret and a JWT it is shown', () => {
	const token = recorder.issued[0];
	const [someSecret] = simulatorSecrets(sim);
	const leaks = findLeaks({ a: `x${token}y`, b: `{"s":"${someSecret}"}` }, [someSecret], [token]);
	expect(leaks.map((l) => `${l.where}: ${l.what.replace(/\(.*\)/, '')}`)).toEqual(['a: access token #0', 'a: a JWT-shaped string', 'b: secret #0 ']);
});
