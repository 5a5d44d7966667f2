/* eslint-disable no-console */
/**
 * The operation families added in this release, run by a real n8n (`n8n execute --id`) against the
 * simulator in ONE workflow, so the suite costs one n8n run: Process Hierarchy, Process Scope,
 * Landscape Object, Test Plan, automated Test Cases, Monitoring (send a metric, read it back), Task
 * Count, Document Create → Get → Delete, Custom Process Create → re-run adopts → Delete, Library
 * Element Create → Delete, and the SAP BTP node's Cloud ALM API → Inventory. Each node
 * after the first runs once (executeOnce) so one item flows down the chain; list nodes that may find
 * nothing still pass an item on (alwaysOutputData). Asserted per node from the run data and from the
 * simulator's state and request log.
 */
import { startSimulator, type RunningSimulator } from '../../simulator';
import { CALM_XSMASTERAPPNAME } from '../../simulator/clients';
import { AUTO_GENERATED_BINDING_NAME } from '../../simulator/seed';
import { documentStore } from '../../simulator/services/calmDocuments';
import { libraryStore } from '../../simulator/services/calmLibrary';
import { processAuthoring, seededBusinessProcessId } from '../../simulator/services/calmProcessAuthoring';
import { createN8nInstance, type N8nInstance } from './harness';
import { chain, manualTrigger, sapNode, type WorkflowNode } from './harness/workflows';

let sim: RunningSimulator;
let n8n: N8nInstance;

const PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1'; // the simulator's seeded project
const SERVICE = 'n8n-e2e-families';
const METRIC = 'n8n.e2e.families';
const CUSTOM_PROCESS = { name: 'E2E families custom process', externalId: 'n8n-e2e-families-1' };
const LIBRARY_TITLE = 'E2E families interface';

/**
 * The scopes the operations need beyond the seeded key's projects/tasks/features: an admin adds
 * them to the Cloud ALM API instance (SAP's API Scopes table), as the node tests of each family do.
 */
const EXTRA_SCOPES = [
	'processhierarchy.read',
	'processmanagement.read',
	'landscape.read',
	'testplans.read',
	'testcases.read',
	'hm.write',
	'metrics.read',
	'documents.read',
	'documents.write',
	'documents.delete',
	'processauthoring.read',
	'processauthoring.write',
	'library.read',
	'library.write',
	'library.delete',
];

type Settings = { executeOnce?: boolean; alwaysOutputData?: boolean };
const calm = (name: string, parameters: Record<string, unknown>, settings: Settings = { executeOnce: true }): WorkflowNode & Settings => ({
	...sapNode(name, 'sapCloudAlm', 'sapCloudAlmApi', parameters),
	typeVersion: 2,
	...settings,
});
const project = { __rl: true, mode: 'id', value: PROJECT };
const list = { executeOnce: true, alwaysOutputData: true };

const workflow = () =>
	chain(
		'e2eCalmFamilies',
		'E2E: the Cloud ALM operation families in one run',
		manualTrigger(),
		calm('Process Hierarchy', { resource: 'processHierarchy', operation: 'list', returnAll: false, limit: 3 }, list),
		calm('Process Scopes', { resource: 'processScope', operation: 'list', projectId: project, returnAll: false, limit: 3 }, list),
		calm('Landscape Objects', { resource: 'landscapeObject', operation: 'list', returnAll: false, limit: 5 }, list),
		calm('Test Plans', { resource: 'testPlan', operation: 'list', returnAll: false, limit: 2 }, list),
		calm('Automated Test Cases', { resource: 'testCase', operation: 'listAutomated', returnAll: false, limit: 2 }, list),
		calm('Send Metrics', {
			resource: 'monitoring',
			operation: 'sendMetrics',
			serviceName: SERVICE,
			metricName: METRIC,
			value: 4.25,
			// two minutes back: inside a closed 5-minute bucket of the read below
			options: { timestamp: '={{ new Date(Date.now() - 120000).toISOString() }}' },
		}),
		calm('Get Metrics', {
			resource: 'monitoring',
			operation: 'getMetrics',
			provider: 'hm',
			measures: 'value',
			dimensions: 'serviceName, metricName',
			returnAll: true,
			options: { period: 'L1H', resolution: '5Mi', filters: { filter: [{ dimension: 'serviceName', value: SERVICE }] } },
		}),
		calm('Count Tasks', { resource: 'task', operation: 'count', projectId: project, groupBy: ['status'] }),
		calm('Create Document', { resource: 'document', operation: 'create', projectId: PROJECT, title: 'E2E families document', additionalFields: {} }),
		calm('Get Document', { resource: 'document', operation: 'get', documentId: "={{ $('Create Document').first().json.uuid }}" }),
		calm('Delete Document', { resource: 'document', operation: 'delete', documentId: "={{ $('Create Document').first().json.uuid }}" }),
		...[1, 2].map((n) =>
			calm(`Create Custom Process ${n}`, {
				resource: 'customProcess',
				operation: 'create',
				name: CUSTOM_PROCESS.name,
				businessProcessId: { __rl: true, mode: 'id', value: seededBusinessProcessId(1) },
				additionalFields: { externalId: CUSTOM_PROCESS.externalId, countries: 'DE, FR' },
			}),
		),
		calm('Delete Custom Process', {
			resource: 'customProcess',
			operation: 'delete',
			customProcessId: { __rl: true, mode: 'id', value: "={{ $('Create Custom Process 1').first().json.id }}" },
		}),
		calm('Create Library Element', { resource: 'libraryElement', operation: 'create', library: 'interface', title: LIBRARY_TITLE, additionalFields: {} }),
		calm('Delete Library Element', { resource: 'libraryElement', operation: 'delete', library: 'interface', elementId: "={{ $('Create Library Element').first().json.uuid }}" }),
		{
			...sapNode('Inventory', 'sapBtp', 'sapBtpCloudManagementApi', { resource: 'cloudAlmApi', operation: 'inventory', subaccountScope: 'chosen', subaccountList: 'acme-calm' }),
			typeVersion: 2,
			executeOnce: true,
		} as WorkflowNode,
	);

beforeAll(async () => {
	sim = await startSimulator();
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...EXTRA_SCOPES.map((s) => `${CALM_XSMASTERAPPNAME}.calm-api.${s}`)];
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importSimulatorCredentials();
	await n8n.importWorkflow(workflow());
});

afterAll(async () => {
	if (n8n) console.log(`[e2e] ${expect.getState().testPath?.split('/').pop()}: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
	await sim?.stop();
});

test('one n8n run executes every new family against the simulator, each node proven by its output and by what SAP saw', async () => {
	const run = await n8n.execute('e2eCalmFamilies');
	if (run.status !== 'success') throw new Error(`run ${run.status}: ${JSON.stringify(run.error)}\n--- n8n log ---\n${n8n.logs()}`);
	expect(run.exitCode).toBe(0);
	const out = (name: string) => run.nodes[name].items;
	const calls = (service: string, method: string, pathPart: string) =>
		sim.log.entries.filter((c) => c.service === service && c.method === method && c.path.includes(pathPart));

	// Get Many with Limit: at most the limit, and real objects of the simulator
	expect(out('Process Hierarchy')).toHaveLength(3);
	for (const n of out('Process Hierarchy')) expect(n.uuid ?? n.id).toEqual(expect.any(String));
	expect(calls('cloudAlm', 'GET', 'hierarchy').every((c) => c.status === 200)).toBe(true);
	expect(out('Landscape Objects').length).toBeGreaterThan(0);
	expect(out('Landscape Objects').length).toBeLessThanOrEqual(5);
	expect(calls('cloudAlm', 'GET', 'landscape').some((c) => c.status === 200)).toBe(true);
	for (const family of ['Process Scopes', 'Test Plans', 'Automated Test Cases']) expect(out(family).length).toBeGreaterThan(0);

	// Monitoring: the metric pushed is what Get Metrics reads back
	expect(out('Send Metrics')).toEqual([expect.objectContaining({ sent: true, metric: METRIC, value: 4.25 })]);
	expect(JSON.stringify(sim.context.state.calmMonitoring.metrics)).toContain(METRIC);
	expect(out('Get Metrics')).toEqual([
		expect.objectContaining({ metric: 'hm_value', dimensions: { serviceName: SERVICE, metricName: METRIC }, dataPoints: [expect.objectContaining({ value: 4.25 })] }),
	]);

	// Task Count grouped by status: the total is the project's tasks in the simulator
	const projectTasks = sim.context.state.calm.tasks.filter((t) => t.projectId === PROJECT);
	const [count] = out('Count Tasks');
	expect(count).toMatchObject({ projectId: PROJECT, total: projectTasks.length, groupBy: ['status'], complete: true });
	expect((count.groups as Array<{ count: number }>).reduce((s, g) => s + g.count, 0)).toBe(projectTasks.length);

	// Document: created, read back by its uuid, deleted; the simulator holds it no more
	const [made] = out('Create Document');
	expect(made).toMatchObject({ uuid: expect.any(String), title: 'E2E families document', projectId: PROJECT });
	expect(out('Get Document')).toEqual([expect.objectContaining({ uuid: made.uuid, title: 'E2E families document' })]);
	expect(out('Delete Document')).toEqual([{ uuid: made.uuid, deleted: true }]);
	expect(calls('cloudAlm', 'POST', '/Documents').map((c) => c.status)).toEqual([201]);
	expect(calls('cloudAlm', 'DELETE', `/Documents/${String(made.uuid)}`).map((c) => c.status)).toEqual([204]);
	expect(documentStore(sim.context).documents.some((d) => d.uuid === made.uuid)).toBe(false);

	// Custom Process: created once in the business process, the second Create adopts it by its External ID, then deleted
	const [process1] = out('Create Custom Process 1');
	expect(process1).toMatchObject({ id: expect.any(String), name: CUSTOM_PROCESS.name, externalId: CUSTOM_PROCESS.externalId });
	expect(out('Create Custom Process 2')).toEqual([expect.objectContaining({ id: process1.id, created: false })]);
	expect(calls('cloudAlm', 'POST', '/solutionProcesses').map((c) => c.status)).toEqual([201]);
	expect(out('Delete Custom Process')).toEqual([{ id: process1.id, deleted: true }]);
	expect(processAuthoring(sim.context).solutionProcesses.some((p) => p.id === process1.id || p.externalId === CUSTOM_PROCESS.externalId)).toBe(false);

	// Library Element: an interface created in the interface library, then deleted; the library holds it no more
	const [element] = out('Create Library Element');
	expect(element).toMatchObject({ uuid: expect.any(String), title: LIBRARY_TITLE });
	expect(out('Delete Library Element')).toEqual([{ uuid: element.uuid, deleted: true }]);
	expect(calls('cloudAlm', 'DELETE', String(element.uuid)).map((c) => c.status)).toEqual([204]);
	expect(libraryStore(sim.context).interface.some((e) => e.uuid === element.uuid || e.title === LIBRARY_TITLE)).toBe(false);

	// Inventory: SAP's generated key in the calm tenant is flagged SAP-created; nothing in Service Manager changed
	const sapKey = out('Inventory').find((r) => (r.binding as { name?: string } | null)?.name === AUTO_GENERATED_BINDING_NAME);
	expect(sapKey).toMatchObject({ createdBy: 'sap', sapCreated: true, subaccount: expect.objectContaining({ subdomain: 'acme-calm' }) });
	expect(sim.log.entries.filter((c) => c.service === 'serviceManager' && c.method !== 'GET')).toEqual([]);
	expect(JSON.stringify(run.nodes)).not.toContain(sim.keys.cloudAlm.uaa.clientsecret as string);
});
