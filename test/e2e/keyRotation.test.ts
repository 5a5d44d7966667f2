/* eslint-disable no-console */
/**
 * Key rotation in a real n8n 2.41.1 (issue 16): Service Binding → Rotate with a grace period and
 * the hand-off through n8n's own public API. During the grace period the old and the new key both
 * yield tokens, afterwards only the new one; a Cloud ALM call with the n8n credential the hand-off
 * wrote succeeds before, during and after. A second rotation hands off into a NEW credential,
 * which n8n itself then tests (POST /api/v1/credentials/{id}/test).
 */
import { startSimulator, type RunningSimulator } from '../../simulator';
import { cisClients, fetchToken, httpClient, pollJob, sleep, type UaaBlock } from '../../simulator/testkit';
import { PLAN_IDS, SUBACCOUNT_IDS } from '../../simulator/seed';
import type { SimulatorKeys } from '../../scripts/n8n/credentials';
import { CREDENTIAL_IDS, createN8nInstance, credentialsFromSimulator, type N8nInstance } from './harness';
import { chain, node, packageType, sapNode, webhookTrigger } from './harness/workflows';

let sim: RunningSimulator;
let n8n: N8nInstance;
let apiKey: string;

const KEY_NAME = 'calm-e2e-key';
const GRACE_SECONDS = 6;
/** the n8n credentials of this suite: the one Rotate updates, and the one holding the API key for the hand-off */
const ROTATING_CREDENTIAL = 'calmRotating';
const HAND_OFF_CREDENTIAL = 'handOffApi';
interface Key {
	endpoints: { Api: string };
	uaa: UaaBlock & Record<string, unknown>;
}
let oldKey: Key;

const handOffCredentials = { sapN8nApi: { id: HAND_OFF_CREDENTIAL, name: 'n8n public API (hand-off)' } };
const rotateNode = (name: string, extra: Record<string, unknown>) =>
	node(name, packageType('sapBtp'), {
		resource: 'serviceBinding',
		operation: 'rotate',
		serviceManagerAccess: 'serviceManagerCredential',
		binding: { __rl: true, mode: 'name', value: KEY_NAME },
		includeSecrets: true,
		...extra,
	}, {
		credentials: { sapBtpServiceManagerApi: { id: CREDENTIAL_IDS.sapBtpServiceManagerApi, name: 'SM dev' }, ...handOffCredentials },
	});

/** The key the rotation starts from: an instance and binding of the Cloud ALM API plan in `dev`, made through SAP's APIs. */
async function createKeyInDev(): Promise<Key> {
	const { entitlements } = await cisClients(sim.keys.cisCentral);
	const job = await entitlements.put('/entitlements/v1/subaccountServicePlans', {
		subaccountServicePlans: [{ serviceName: 'SAPCloudALMAPIs', servicePlanName: 'standard', assignmentInfo: [{ subaccountGUID: SUBACCOUNT_IDS.dev, amount: 1 }] }],
	});
	await pollJob(entitlements, job.headers.location as string);
	const smKey = sim.keys.serviceManager as unknown as UaaBlock & { sm_url: string };
	const sm = httpClient(smKey.sm_url, await fetchToken(smKey));
	const parameters = { 'xs-security': { xsappname: 'calm-e2e', authorities: ['$XSMASTERAPPNAME.calm-api.projects.read'] } };
	const instance = await sm.post('/v1/service_instances?async=false', { name: 'calm-e2e', service_plan_id: PLAN_IDS.calmStandard, parameters });
	expect(instance.status).toBe(201);
	const binding = await sm.post('/v1/service_bindings?async=false', { name: KEY_NAME, service_instance_id: instance.data.id });
	expect(binding.status).toBe(201);
	return binding.data.credentials as Key;
}

async function webhook(path: string): Promise<Record<string, unknown>> {
	const res = await fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	const text = await res.text();
	if (res.status !== 200) throw new Error(`webhook ${path} answered ${res.status}: ${text}\n--- n8n log ---\n${n8n.logs()}`);
	const body = JSON.parse(text) as Record<string, unknown> | Array<Record<string, unknown>>;
	return Array.isArray(body) ? body[0] : body;
}

async function publicApi(method: string, path: string, body?: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
	const res = await fetch(`${n8n.baseUrl}/api/v1${path}`, {
		method,
		headers: { 'X-N8N-API-KEY': apiKey, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, data: (await res.json()) as Record<string, unknown> };
}

async function tokenStatus(key: Key): Promise<number> {
	try {
		await fetchToken(key.uaa);
		return 200;
	} catch (error) {
		return (error as { response?: { status: number } }).response?.status ?? 0;
	}
}

beforeAll(async () => {
	sim = await startSimulator({ profile: { bindingOperationMs: 50, instanceOperationMs: 50, entitlementJobMs: 100, assignmentLagMs: 0, cisRequestsPerWindow: 0 } });
	oldKey = await createKeyInDev();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	// one CLI import for every credential: the simulator's keys, and the Cloud ALM credential Rotate updates (the old key)
	await n8n.importCredentials([
		...credentialsFromSimulator(sim.keys as unknown as SimulatorKeys),
		{ id: ROTATING_CREDENTIAL, name: 'SAP Cloud ALM API (rotated by the workflow)', type: 'sapCloudAlmApi', data: { inputMode: 'json', serviceKey: JSON.stringify(oldKey) } },
	]);
	await n8n.start();
	const owner = await n8n.setupOwner();
	const created = await fetch(`${n8n.baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers: { cookie: owner.cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			label: 'key hand-off',
			expiresAt: null,
			scopes: ['credential:create', 'credential:update', 'credential:read', 'credential:list', 'workflow:create', 'workflow:activate'],
		}),
	});
	if (!created.ok) throw new Error(`POST /rest/api-keys: HTTP ${created.status} ${await created.text()}`);
	apiKey = ((await created.json()) as { data: { rawApiKey: string } }).data.rawApiKey;
	// the credential the hand-off uses, created through the same public API (with the id the workflows name)
	const handOff = await publicApi('POST', '/credentials', {
		id: HAND_OFF_CREDENTIAL,
		name: 'n8n public API (hand-off)',
		type: 'sapN8nApi',
		data: { apiKey, baseUrl: `${n8n.baseUrl}/api/v1` },
	});
	expect(handOff.status).toBe(200);
	// the workflows through the public API too (no CLI start-up per workflow), then published
	const workflows = [
		chain('e2eRotUpdate', 'E2E: rotate, update the credential', webhookTrigger('e2e-rotate-update'),
			rotateNode('Rotate', { gracePeriod: GRACE_SECONDS, gracePeriodUnit: 'seconds', deleteOld: 'later', handOff: 'update', handOffCredentialId: ROTATING_CREDENTIAL })),
		chain('e2eRotDue', 'E2E: delete bindings due', webhookTrigger('e2e-rotate-due'),
			node('Delete Due', packageType('sapBtp'), { resource: 'serviceBinding', operation: 'rotate', serviceManagerAccess: 'serviceManagerCredential', rotateMode: 'deleteDue' }, {
				credentials: { sapBtpServiceManagerApi: { id: CREDENTIAL_IDS.sapBtpServiceManagerApi, name: 'SM dev' } },
			})),
		chain('e2eRotCreate', 'E2E: rotate, create a credential', webhookTrigger('e2e-rotate-create'),
			rotateNode('Rotate', { gracePeriod: 0, handOff: 'create', handOffCredentialName: 'SAP Cloud ALM API (e2e rotated)' })),
		chain('e2eRotCalm', 'E2E: Cloud ALM with the rotated credential', webhookTrigger('e2e-rotate-calm'), {
			...sapNode('List Projects', 'sapCloudAlm', 'sapCloudAlmApi', { resource: 'project', operation: 'list', returnAll: true }),
			credentials: { sapCloudAlmApi: { id: ROTATING_CREDENTIAL, name: 'SAP Cloud ALM API (rotated by the workflow)' } },
		}),
	];
	for (const wf of workflows) {
		const made = await publicApi('POST', '/workflows', { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings });
		if (made.status !== 200) throw new Error(`POST /api/v1/workflows: HTTP ${made.status} ${JSON.stringify(made.data)}`);
		const published = await publicApi('POST', `/workflows/${String(made.data.id)}/publish`, {});
		if (published.status !== 200) throw new Error(`publish: HTTP ${published.status} ${JSON.stringify(published.data)}`);
	}
	for (const wf of workflows) await n8n.waitForWebhook(String(wf.nodes[0].parameters.path));
}, 240_000);

afterAll(async () => {
	if (n8n) console.log(`[e2e] keyRotation: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
	await sim?.stop();
});

test('rotation with overlap: both keys yield tokens in the grace period, then only the new one; Cloud ALM works throughout with the handed-off credential', async () => {
	const projects = sim.context.state.calm.projects.map((p) => p.name).sort();
	const listed = async () => (await webhook('e2e-rotate-calm')).name;
	expect(projects).toContain(await listed());

	const rotated = await webhook('e2e-rotate-update');
	expect(rotated).toMatchObject({ action: 'rotated', oldBinding: { state: 'retiring' }, handOff: { action: 'updated', credentialId: ROTATING_CREDENTIAL, credentialType: 'sapCloudAlmApi' } });
	const newKey = (rotated.binding as { serviceKey: Key }).serviceKey;
	expect(newKey.uaa.clientid).not.toBe(oldKey.uaa.clientid);
	// the API key never appears in what the node answered
	expect(JSON.stringify(rotated)).not.toContain(apiKey);

	// grace period: both keys work, and the Cloud ALM call (now with the new key in the credential) too
	expect(await tokenStatus(oldKey)).toBe(200);
	expect(await tokenStatus(newKey)).toBe(200);
	expect(projects).toContain(await listed());
	const usedClients = () => sim.log.entries.filter((e) => e.service === 'uaa' && e.path === '/oauth/token' && e.status === 200).map((e) => e.clientid);
	expect(usedClients()).toContain(newKey.uaa.clientid);

	// not due yet: nothing deleted
	expect(await webhook('e2e-rotate-due')).toMatchObject({ count: 0 });
	await sleep(GRACE_SECONDS * 1000 + 200);
	expect(await webhook('e2e-rotate-due')).toMatchObject({ count: 1 });
	expect(await tokenStatus(oldKey)).toBe(401);
	expect(await tokenStatus(newKey)).toBe(200);
	expect(projects).toContain(await listed());

	// a second rotation hands off into a NEW credential, which n8n itself tests successfully
	const second = await webhook('e2e-rotate-create');
	expect(second).toMatchObject({ action: 'rotated', oldBinding: { state: 'deleted' }, handOff: { action: 'created', credentialName: 'SAP Cloud ALM API (e2e rotated)' } });
	const id = String((second.handOff as { credentialId: string }).credentialId);
	expect((await publicApi('GET', `/credentials/${id}`)).data).toMatchObject({ id, type: 'sapCloudAlmApi' });
	expect((await publicApi('POST', `/credentials/${id}/test`)).data).toMatchObject({ status: 'OK' });
});
