/**
 * The example workflows of examples/, imported as users import them, in a real n8n 2.41.1 against
 * the simulator: the manual variants with `n8n execute --id`, the ticket webhook over HTTP on a
 * started n8n. Assertions are on the simulator's state (entitlement, exactly one instance and one
 * binding per subaccount, also after re-runs), on the outputs, and on the absence of secrets.
 */
import { EXAMPLES, credentialFromBinding, loadExample, postWebhook } from '../../scripts/demo/examples';
import { MANAGED_SYSTEM_KEYS, PLAN_IDS, SUBACCOUNT_IDS } from '../../simulator/seed';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { createN8nInstance, type ExecutionResult, type N8nInstance } from './harness';

let sim: RunningSimulator;
let n8n: N8nInstance;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

beforeAll(async () => {
	sim = await startSimulator();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importSimulatorCredentials();
	for (const name of Object.keys(EXAMPLES) as Array<keyof typeof EXAMPLES>) await n8n.importWorkflow(loadExample(name));
});

afterAll(async () => {
	await n8n?.cleanup();
	await sim?.stop();
});

const state = () => sim.context.state;
/** Service Manager's own instances of the Cloud ALM plan (the seed also lists Cloud Foundry and Kyma ones, which are not ours). */
const calmInstances = (guid: string) =>
	state().instances.filter(
		(i) => i.subaccountGUID === guid && i.service_plan_id === PLAN_IDS.calmStandard && i.platform_id === 'service-manager',
	);
const bindingsOf = (instanceId: string) => state().bindings.filter((b) => b.service_instance_id === instanceId);

/** Every client secret the simulator ever handed out: none may show up in a run or an answer. */
function secrets(): string[] {
	const found = new Set(state().uaaClients.map((c) => c.clientsecret).filter((s): s is string => Boolean(s)));
	const walk = (v: unknown): void => {
		if (!v || typeof v !== 'object') return;
		for (const [k, child] of Object.entries(v)) {
			if (k === 'clientsecret' && typeof child === 'string') found.add(child);
			else walk(child);
		}
	};
	walk(sim.keys);
	return [...found];
}
function expectNoSecrets(value: unknown) {
	const text = JSON.stringify(value);
	for (const s of secrets()) expect(text).not.toContain(s);
	expect(text).not.toMatch(/"clientsecret"\s*:\s*"(?!\*)/i);
	expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
}

/**
 * One instance, and one binding of the requested name on it. On SAP's generated instance SAP's own
 * key stays next to it, untouched (the node never hands that key out): `sapKeys` of them.
 */
function expectOneInstanceAndBinding(guid: string, sapKeys = 0) {
	const instances = calmInstances(guid);
	expect(instances).toHaveLength(1);
	const bindings = bindingsOf(instances[0].id);
	expect(bindings).toHaveLength(1 + sapKeys);
	const ours = bindings.filter((b) => b.name === 'cloud-alm-api-key');
	expect(ours).toHaveLength(1);
	return { instance: instances[0], binding: ours[0] };
}

const lastItems = (run: ExecutionResult, node: string) => {
	const n = run.nodes[node];
	if (!n) throw new Error(`node "${node}" did not run; last node: ${run.lastNodeExecuted}; error: ${run.error?.message}`);
	return n.items as Json[];
};

describe('ticket-triggered onboarding, manual variant (n8n execute --id)', () => {
	test('first run entitles acme-dev, creates one instance and one binding, stores and answers without secrets', async () => {
		expect(calmInstances(SUBACCOUNT_IDS.dev)).toHaveLength(0);
		const run = await n8n.execute(EXAMPLES.ticket.id);
		expect(run.exitCode).toBe(0);
		expect(run.status).toBe('success');
		const [answer] = lastItems(run, 'Answer Ticket');
		expect(answer).toMatchObject({ ok: true, status: 'enabled', ticketId: 'SR-1001', statusCode: 200 });
		expect(answer.subaccount).toMatchObject({ guid: SUBACCOUNT_IDS.dev, subdomain: 'acme-dev' });
		expect(answer.instance).toMatchObject({ name: 'cloud-alm-api', action: 'created' });
		expect(answer.binding).toMatchObject({ name: 'cloud-alm-api-key', action: 'created' });
		expect(answer.steps.map((s: Json) => s.step)).toEqual(['entitlement', 'serviceManagerAccess', 'instance', 'binding', 'verify']);

		const assignment = state().assignments.find(
			(a) => a.subaccountGUID === SUBACCOUNT_IDS.dev && a.serviceName === 'SAPCloudALMAPIs' && a.planName === 'standard',
		);
		expect(assignment?.entityState).toBe('OK');
		const { instance, binding } = expectOneInstanceAndBinding(SUBACCOUNT_IDS.dev);
		expect(answer.instance.id).toBe(instance.id);
		expect(answer.binding.id).toBe(binding.id);
		expectNoSecrets(run);
	});

	test('second run changes nothing: alreadyEnabled, still one instance and one binding', async () => {
		const created = sim.log.entries.length;
		const run = await n8n.execute(EXAMPLES.ticket.id);
		const [answer] = lastItems(run, 'Answer Ticket');
		expect(answer).toMatchObject({ ok: true, status: 'alreadyEnabled' });
		expect(answer.instance.action).toBe('unchanged');
		expect(answer.binding.action).toBe('reused');
		expectOneInstanceAndBinding(SUBACCOUNT_IDS.dev);
		// nothing mutating went to Service Manager or the Entitlements service
		const mutating = sim.log.entries
			.slice(created)
			.filter((e) => ['serviceManager', 'entitlements'].includes(e.service) && !['GET', 'HEAD'].includes(e.method));
		expect(mutating).toEqual([]);
	});
});

describe('scheduled batch onboarding, manual variant', () => {
	test('first run onboards every listed subaccount and reports one line per subaccount in list order', async () => {
		const run = await n8n.execute(EXAMPLES.batch.id);
		expect(run.status).toBe('success');
		const report = lastItems(run, 'Batch Report');
		expect(report.map((l) => l.subaccount)).toEqual(['acme-dev', 'acme-qa', 'acme-prod', 'acme-calm']);
		const bySub = Object.fromEntries(report.map((l) => [l.subaccount, l]));
		// acme-dev was onboarded by the ticket workflow: the node's re-run safety makes it a no-op
		expect(bySub['acme-dev'].outcome).toBe('alreadyEnabled');
		expect(bySub['acme-qa']).toMatchObject({ outcome: 'enabled', instance: { action: 'created' }, binding: { action: 'created' } });
		expect(bySub['acme-prod'].outcome).toBe('enabled');
		// the Cloud ALM tenant keeps the instance and key SAP generated for it
		expect(bySub['acme-calm'].instance).toMatchObject({ name: 'SAPCloudALMAPIs-default', action: 'reusedAutoGenerated' });
		expect(report[0].batch).toMatchObject({ total: 4 });
		for (const guid of [SUBACCOUNT_IDS.dev, SUBACCOUNT_IDS.qa, SUBACCOUNT_IDS.prod]) expectOneInstanceAndBinding(guid);
		// beside it: SAP's own key, SAP's managed-system keys and an administrator's X.509 key (simulator/seed.ts seedCalmKeys)
		expectOneInstanceAndBinding(SUBACCOUNT_IDS.calm, 1 + MANAGED_SYSTEM_KEYS.length + 1);
		expectNoSecrets(run);
	});

	test('second run skips all of them without calling SAP BTP', async () => {
		const before = sim.log.entries.length;
		const run = await n8n.execute(EXAMPLES.batch.id);
		const report = lastItems(run, 'Batch Report');
		expect(report.map((l) => l.outcome)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
		expect(report[0].batch).toMatchObject({ total: 4, skipped: 4 });
		expect(run.nodes['Enable Cloud ALM API']).toBeUndefined();
		expect(sim.log.entries.slice(before).filter((e) => e.service !== 'control')).toEqual([]);
	});
});

describe('follow-up in Cloud ALM with the credential made from the new binding', () => {
	test('creates the project and its first tasks with the acme-dev binding; a re-run reuses the project', async () => {
		const { binding } = expectOneInstanceAndBinding(SUBACCOUNT_IDS.dev);
		await n8n.importCredentials([credentialFromBinding(binding, 'acme-dev')]);
		const projectsBefore = state().calm.projects.length;

		const run = await n8n.execute(EXAMPLES.followUp.id);
		expect(run.status).toBe('success');
		const [summary] = lastItems(run, 'Summary');
		expect(summary.project).toMatchObject({ name: 'Cloud ALM API onboarding: acme-dev', action: 'created' });
		expect(summary.tasks).toHaveLength(3);
		const project = state().calm.projects.find((p) => p.id === summary.project.id);
		expect(project?.name).toBe('Cloud ALM API onboarding: acme-dev');
		const tasks = state().calm.tasks.filter((t) => t.projectId === summary.project.id);
		expect(tasks.map((t) => t.title).sort()).toEqual(summary.tasks.map((t: Json) => t.title).sort());
		expect(tasks.every((t) => t.assigneeId === 'jane.doe@example.com')).toBe(true);
		// the token for Cloud ALM was issued to the new binding's client, not to the seed key
		const clientIds = state().tokens.map((t) => t.clientid);
		expect(clientIds).toContain(binding.uaaClientId);
		expectNoSecrets(run);

		const again = await n8n.execute(EXAMPLES.followUp.id);
		const [reused] = lastItems(again, 'Project Already Set Up');
		expect(reused.project).toMatchObject({ id: summary.project.id, action: 'reused' });
		expect(state().calm.projects).toHaveLength(projectsBefore + 1);
		expect(state().calm.tasks.filter((t) => t.projectId === summary.project.id)).toHaveLength(3);
	});
});

describe('ticket-triggered onboarding over HTTP on a started n8n', () => {
	const post = async (body: unknown) => await postWebhook(n8n.baseUrl, EXAMPLES.ticket.webhookPath, body);

	beforeAll(async () => {
		sim.reset(); // a fresh world: the webhook run must do the work itself
		await n8n.importSimulatorCredentials(); // keys are new after a reset
		await n8n.publishWorkflow(EXAMPLES.ticket.id);
		await n8n.start();
	});

	test('a ticket naming the subaccount by GUID onboards it and the answer holds no secret', async () => {
		const res = await post({ subaccount: SUBACCOUNT_IDS.qa, requester: 'ops@example.com', ticketId: 'SR-2001' });
		if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text}\n${n8n.logs()}`);
		expect(res.body).toMatchObject({ ok: true, status: 'enabled', ticketId: 'SR-2001', subaccount: { subdomain: 'acme-qa' } });
		expect(res.body.binding as Json).toMatchObject({ name: 'cloud-alm-api-key', action: 'created' });
		expect(res.text).not.toMatch(/clientsecret|client_secret|BEGIN .*PRIVATE KEY/i);
		expectNoSecrets(res.body);
		expectOneInstanceAndBinding(SUBACCOUNT_IDS.qa);
	});

	test('the same ticket again: 200 alreadyEnabled, still one instance and one binding', async () => {
		const res = await post({ subaccount: 'acme-qa', requester: 'ops@example.com', ticketId: 'SR-2002' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ ok: true, status: 'alreadyEnabled' });
		expectOneInstanceAndBinding(SUBACCOUNT_IDS.qa);
	});

	test('an invalid ticket gets 400 with the reason, before any call to SAP BTP', async () => {
		const before = sim.log.entries.length;
		const res = await post({ subaccount: 'not a subdomain!', requester: '' });
		expect(res.status).toBe(400);
		expect(res.body.ok).toBe(false);
		expect(String(res.body.error)).toMatch(/"subaccount" is neither a GUID nor a subdomain.*"requester" is required/);
		expect(sim.log.entries.slice(before).filter((e) => e.service !== 'control')).toEqual([]);
	});

	test('an unknown subaccount gets 404 from the node error output, and nothing is created', async () => {
		const instances = state().instances.length;
		const res = await post({ subaccount: 'no-such-subaccount', requester: 'ops@example.com' });
		expect(res.status).toBe(404);
		expect(res.body).toMatchObject({ ok: false, status: 'failed' });
		expect(String(res.body.error)).toMatch(/not in the global account/);
		expect(state().instances).toHaveLength(instances);
	});

	test('the outcome is stored in the workflow static data (names and ids, no secrets)', async () => {
		const owner = await n8n.setupOwner();
		const wf = await n8n.getJson<Json>(`/rest/workflows/${EXAMPLES.ticket.id}`, owner.cookie);
		const store = wf.staticData?.global as Json;
		expect(Object.keys(store.onboarded)).toEqual(expect.arrayContaining([SUBACCOUNT_IDS.qa]));
		expect(store.onboarded[SUBACCOUNT_IDS.qa]).toMatchObject({ subdomain: 'acme-qa', binding: 'cloud-alm-api-key', ticketId: 'SR-2002' });
		expect(store.history.map((h: Json) => h.status)).toEqual(expect.arrayContaining(['enabled', 'alreadyEnabled', 'failed']));
		expectNoSecrets(store);
	});
});
