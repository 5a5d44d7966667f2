/* eslint-disable no-console */
/**
 * The packed package in each n8n of COMPAT_VERSIONS (default: the newest n8n 1.x and 2.41.1),
 * installed into `~/.n8n/nodes/node_modules` as users install it: n8n starts and loads every node
 * (versions 1 and 2 of both nodes) and credential; every node type the examples use exists; the
 * SAP BTP node's subaccount picker answers through the credential (the REST call the node panel
 * makes); a new (version 2) SAP Cloud ALM node runs headless with its credential's token; and the
 * ticket example runs on its production webhook against the simulator: onboarding, a re-run that
 * changes nothing, and a refused ticket that makes no SAP call.
 */
/**
 * The packed package in each n8n of COMPAT_VERSIONS (default: the newest n8n 1.x and 2.41.1),
 * installed into `~/.n8n/nodes/node_modules` as users install it: n8n starts and loads every node and credential,
 * the versions 1 and 2 of both nodes, the editor's subaccount picker of the SAP BTP node answers
 * through the credential (the REST call the node panel makes), a new (version 2) SAP Cloud ALM node
 * runs headless with its credential's token, and the ticket example runs on its
 * production webhook against the simulator: onboarding, a re-run that changes nothing, and a
 * refused ticket that makes no SAP call.
 */
import { EXAMPLES, loadExample, postWebhook, type ExampleName } from '../../scripts/demo/examples';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { PLAN_IDS, SUBACCOUNT_IDS } from '../../simulator/seed';
import { builtTypeNames, CREDENTIAL_IDS, createN8nInstance, freePort, type N8nInstance, type OwnerLogin } from '../e2e/harness';
import { chain, manualTrigger, PACKAGE_NAME, packageType, sapNode } from '../e2e/harness/workflows';
import { COMPAT_VERSIONS } from './versions';

interface NodeTypeDescription {
	name: string;
	version: number | number[];
	defaultVersion?: number;
	properties: Array<{ name: string }>;
}
interface CredentialTypeDescription {
	name: string;
	properties: Array<{ name: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const expected = builtTypeNames();
/** the simulator's seeded project "S/4HANA Implementation" */
const SEEDED_PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';

describe.each(COMPAT_VERSIONS)('n8n %s', (version) => {
	let sim: RunningSimulator;
	let n8n: N8nInstance;
	let owner: OwnerLogin;
	const started = Date.now();

	beforeAll(async () => {
		sim = await startSimulator();
		n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control, n8nVersion: version });
		await n8n.importSimulatorCredentials();
		await n8n.importWorkflow(loadExample('ticket'));
		// what a user adding the node today gets: version 2 (the default), Task → Get Many with a limit
		await n8n.importWorkflow(
			chain('compatCalmV2', 'Compat: Cloud ALM tasks, version 2', manualTrigger(), {
				...sapNode('Get Tasks', 'sapCloudAlm', 'sapCloudAlmApi', {
					resource: 'task',
					operation: 'list',
					projectId: { __rl: true, mode: 'id', value: SEEDED_PROJECT },
					returnAll: false,
					limit: 2,
				}),
				typeVersion: 2,
			}),
		);
		await n8n.publishWorkflow(EXAMPLES.ticket.id);
		await n8n.start();
		owner = await n8n.setupOwner();
	});

	afterAll(async () => {
		if (n8n) console.log(`[compat] n8n ${version}: ${n8n.timingSummary()}; suite ${((Date.now() - started) / 1000).toFixed(0)} s`);
		await n8n?.cleanup();
		await sim?.stop();
	});

	test('starts with the package in its community-nodes folder and logs no load error', async () => {
		const settings = await n8n.getJson<{ versionCli: string }>('/rest/settings', owner.cookie);
		expect(settings.versionCli).toBe(version);
		expect(n8n.packageDir).toMatch(new RegExp(`/\\.n8n/nodes/node_modules/${PACKAGE_NAME}$`));
		expect(n8n.logs()).not.toMatch(/Error loading package|Failed to load (custom|community)|error.*n8n-nodes-sap-cloud-alm/i);
	});

	test('loads every node of package.json, SAP BTP and SAP Cloud ALM in versions 1 and 2, and every credential', async () => {
		const types = await n8n.getJson<NodeTypeDescription[]>('/types/nodes.json', owner.cookie);
		const ours = types.filter((t) => t.name.startsWith(`${PACKAGE_NAME}.`));
		expect([...new Set(ours.map((t) => t.name))].sort()).toEqual(expect.arrayContaining(expected.nodes.map(packageType)));
		for (const t of ours) expect(t.properties.length).toBeGreaterThan(1);
		for (const name of ['sapBtp', 'sapCloudAlm']) {
			// n8n lists a versioned node once per version (or once with all versions): both must be there
			const versions = ours.filter((t) => t.name === packageType(name)).flatMap((t) => [t.version].flat());
			expect({ name, versions: [...new Set(versions)].sort() }).toEqual({ name, versions: [1, 2] });
		}
		const credentials = await n8n.getJson<CredentialTypeDescription[]>('/types/credentials.json', owner.cookie);
		for (const name of expected.credentials) {
			const cred = credentials.find((c) => c.name === name);
			expect({ name, loaded: Boolean(cred?.properties.length) }).toEqual({ name, loaded: true });
		}
	});

	test('every node type and version the example workflows use exists in this n8n (its own nodes and ours, AI tool variants too)', async () => {
		const types = await n8n.getJson<NodeTypeDescription[]>('/types/nodes.json', owner.cookie);
		const known = new Set(types.flatMap((t) => [t.version].flat().map((v) => `${t.name}@${v}`)));
		const missing = (Object.keys(EXAMPLES) as ExampleName[]).flatMap((name) =>
			loadExample(name)
				.nodes.map((node) => `${node.type}@${node.typeVersion}`)
				.filter((key) => !known.has(key))
				.map((key) => `${EXAMPLES[name].file}: ${key}`),
		);
		expect(missing).toEqual([]);
	});

	test('the SAP BTP node panel fills its subaccount picker through the credential (the editor\'s REST call)', async () => {
		const res = await fetch(`${n8n.baseUrl}/rest/dynamic-node-parameters/resource-locator-results`, {
			method: 'POST',
			headers: { cookie: owner.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({
				path: 'subaccount',
				methodName: 'searchSubaccounts',
				nodeTypeAndVersion: { name: packageType('sapBtp'), version: 2 },
				currentNodeParameters: { resource: 'cloudAlmApi', operation: 'enable', subaccount: { __rl: true, mode: 'list', value: '' } },
				credentials: { sapBtpCloudManagementApi: { id: CREDENTIAL_IDS.sapBtpCloudManagementApi, name: 'SAP BTP Cloud Management API (simulator)' } },
			}),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`resource-locator-results: HTTP ${res.status} ${text}`);
		const body = JSON.parse(text) as { data: { results: Array<{ name: string; value: string }> } };
		const dev = sim.context.state.subaccounts.find((s) => s.guid === SUBACCOUNT_IDS.dev)!;
		expect(body.data.results).toEqual(expect.arrayContaining([expect.objectContaining({ value: dev.guid, name: expect.stringContaining(dev.subdomain) })]));
	});

	test('a version 2 SAP Cloud ALM node runs headless (n8n execute) with the credential\'s token: Get Many honours Limit', async () => {
		// a CLI run next to the started server needs a task broker port of its own (n8n 2.x)
		const run = await n8n.execute('compatCalmV2', { env: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) } });
		expect(run.error).toBeUndefined();
		const items = run.nodes['Get Tasks'].items as Json[];
		expect(items).toHaveLength(2);
		for (const task of items) expect(task).toMatchObject({ projectId: SEEDED_PROJECT });
		expect(JSON.stringify(run)).not.toMatch(/clientsecret|access_token/i);
	});

	describe('the ticket example on its production webhook', () => {
		const post = async (body: unknown) => await postWebhook(n8n.baseUrl, EXAMPLES.ticket.webhookPath, body);
		const calmInstances = (guid: string) =>
			sim.context.state.instances.filter((i) => i.subaccountGUID === guid && i.service_plan_id === PLAN_IDS.calmStandard && i.platform_id === 'service-manager');

		test('onboards acme-dev: 200 enabled, one instance and one binding, no secret in the answer', async () => {
			const res = await post({ subaccount: 'acme-dev', requester: 'ops@example.com', ticketId: 'SR-1001' });
			if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.text}\n${n8n.logs().slice(-4000)}`);
			expect(res.body).toMatchObject({ ok: true, status: 'enabled', ticketId: 'SR-1001', subaccount: { subdomain: 'acme-dev' } });
			expect(res.body.binding as Json).toMatchObject({ name: 'cloud-alm-api-key', action: 'created' });
			expect(res.text).not.toMatch(/clientsecret|client_secret|BEGIN .*PRIVATE KEY/i);
			const instances = calmInstances(SUBACCOUNT_IDS.dev);
			expect(instances).toHaveLength(1);
			expect(sim.context.state.bindings.filter((b) => b.service_instance_id === instances[0].id && b.name === 'cloud-alm-api-key')).toHaveLength(1);
		});

		test('the same ticket again: 200 alreadyEnabled, nothing new', async () => {
			const res = await post({ subaccount: SUBACCOUNT_IDS.dev, requester: 'ops@example.com', ticketId: 'SR-1002' });
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ ok: true, status: 'alreadyEnabled' });
			expect(calmInstances(SUBACCOUNT_IDS.dev)).toHaveLength(1);
		});

		test('an invalid ticket: 400 with the reason, before any call to SAP BTP', async () => {
			const before = sim.log.entries.length;
			const res = await post({ subaccount: 'not a subdomain!', requester: '' });
			expect(res.status).toBe(400);
			expect(String(res.body.error)).toMatch(/"subaccount" is neither a GUID nor a subdomain/);
			expect(sim.log.entries.slice(before).filter((e) => e.service !== 'control')).toEqual([]);
		});
	});
});
