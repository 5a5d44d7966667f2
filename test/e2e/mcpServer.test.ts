/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * The example "Cloud ALM MCP server" (examples/cloud-alm-mcp-server.workflow.json) in a real n8n
 * 2.41.1: published, then used by the official MCP TypeScript SDK client over Streamable HTTP,
 * as Claude Desktop, Cursor or any other MCP client would. No language model: the test is the
 * client and calls the tools itself. It checks what n8n makes of the nodes as tools (names,
 * descriptions, input schemas from the $fromAI() inputs) and that a tool call changes the
 * simulator's Cloud ALM state. No N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: n8n 2.41 makes every
 * community node with `usableAsTool` a tool without it.
 */
// the SDK publishes these subpaths through package.json "exports", which the lint resolver does not read (tsc and jest do)
// eslint-disable-next-line import-x/no-unresolved
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
// eslint-disable-next-line import-x/no-unresolved
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { EXAMPLES, loadExample } from '../../scripts/demo/examples';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { createN8nInstance, type N8nInstance } from './harness';

let sim: RunningSimulator;
let n8n: N8nInstance;
let client: Client;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));
const state = () => sim.context.state;

/**
 * Connects the MCP client. n8n answers "ready" before it has registered the published workflow's
 * MCP endpoint (2.41 activates published workflows after start), so a 404 is retried.
 */
async function connect(url: URL, timeoutMs = 60_000): Promise<Client> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const candidate = new Client({ name: 'n8n-nodes-sap-cloud-alm-e2e', version: '1.0.0' });
		const failure = await candidate.connect(new StreamableHTTPClientTransport(url)).then(
			() => undefined,
			(error: unknown) => String(error),
		);
		if (!failure) return candidate;
		await candidate.close().catch(() => undefined);
		if (Date.now() > deadline) throw new Error(`MCP connect to ${url.href} failed: ${failure}\n${n8n.logs().split('\n').slice(-30).join('\n')}`);
		await sleep(500);
	}
}

/** A tool's answer: n8n returns the node's output items as one JSON text. */
async function call(name: string, args: Json): Promise<{ isError: boolean; items: Json[]; text: string }> {
	const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ type: string; text?: string }> };
	const text = result.content.map((c) => c.text ?? '').join('');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	const items = (Array.isArray(parsed) ? parsed : parsed ? [parsed] : []) as Json[];
	return { isError: Boolean(result.isError), items, text };
}

beforeAll(async () => {
	sim = await startSimulator();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importSimulatorCredentials();
	await n8n.importWorkflow(loadExample('mcpServer'));
	await n8n.publishWorkflow(EXAMPLES.mcpServer.id);
	await n8n.start();
	client = await connect(new URL(`${n8n.baseUrl}/mcp/${EXAMPLES.mcpServer.mcpPath}`));
});

afterAll(async () => {
	await client?.close().catch(() => undefined);
	if (n8n) console.log(`[e2e] mcpServer: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
	await sim?.stop();
});

test('the server names itself after the trigger and passes the instructions on', () => {
	expect(client.getServerVersion()?.name).toBe('SAP_Cloud_ALM_MCP_Server');
	expect(client.getInstructions()).toMatch(/call list_projects to find a project's id/);
});

test('lists the six tools with their descriptions and the input schemas made from $fromAI()', async () => {
	const { tools } = await client.listTools();
	const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
	expect(Object.keys(byName).sort()).toEqual(['create_task', 'enable_cloud_alm_api', 'get_task', 'list_projects', 'list_tasks', 'update_task']);
	expect(byName.list_tasks.description).toMatch(/^Lists the tasks of one SAP Cloud ALM project/);
	expect(byName.create_task.description).toMatch(/^Creates a task in an SAP Cloud ALM project/);

	// what each tool asks for, and which inputs a client must give (the others have defaults)
	const shape = (name: string) => {
		const schema = byName[name].inputSchema as { type: string; properties: Record<string, Json>; required?: string[] };
		expect(schema.type).toBe('object');
		const props = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, v.type as string]));
		const required = (schema.required ?? []).filter((k) => !('default' in schema.properties[k])).sort();
		return { props, required };
	};
	expect(shape('list_projects')).toEqual({ props: { limit: 'number' }, required: [] });
	expect(shape('list_tasks')).toEqual({ props: { projectId: 'string', limit: 'number', status: 'string', assigneeId: 'string' }, required: ['projectId'] });
	expect(shape('get_task')).toEqual({ props: { taskId: 'string' }, required: ['taskId'] });
	expect(shape('create_task')).toEqual({
		props: { projectId: 'string', title: 'string', assigneeId: 'string', description: 'string' },
		required: ['projectId', 'title'],
	});
	expect(shape('update_task')).toEqual({
		props: { taskId: 'string', assigneeId: 'string', description: 'string', status: 'string', title: 'string' },
		required: ['taskId'],
	});
	expect(shape('enable_cloud_alm_api')).toEqual({ props: { subaccount: 'string' }, required: ['subaccount'] });
	// each input says what it is
	const listTasksProps = (byName.list_tasks.inputSchema as { properties: Record<string, Json> }).properties;
	expect(listTasksProps.projectId.description).toMatch(/UUID of the SAP Cloud ALM project.*list_projects/);
	expect(listTasksProps.status.description).toMatch(/CIPTKOPEN/);
});

test('list_projects and list_tasks read what the simulator holds', async () => {
	const projects = await call('list_projects', {});
	expect(projects.isError).toBe(false);
	expect(projects.items.map((p) => p.id).sort()).toEqual(state().calm.projects.map((p) => p.id).sort());

	const projectId = state().calm.projects[0].id;
	const tasks = await call('list_tasks', { projectId });
	expect(tasks.isError).toBe(false);
	const expected = state().calm.tasks.filter((t) => t.projectId === projectId);
	expect(expected.length).toBeGreaterThan(0);
	expect(tasks.items.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
});

test('create_task creates the task in Cloud ALM; list_tasks, get_task and update_task see and change it', async () => {
	const projectId = state().calm.projects[0].id;
	const before = state().calm.tasks.length;
	const title = `MCP e2e task ${Date.now()}`;

	const created = await call('create_task', { projectId, title, assigneeId: 'jane.doe@example.com', description: '' });
	if (created.isError) throw new Error(`create_task failed: ${created.text}`);
	expect(created.items).toHaveLength(1);
	const [task] = created.items;
	expect(task).toMatchObject({ title, projectId });

	// the simulator's state: exactly one new task, with the given title, project and assignee
	expect(state().calm.tasks).toHaveLength(before + 1);
	const stored = state().calm.tasks.find((t) => t.id === task.id);
	expect(stored).toMatchObject({ title, projectId, assigneeId: 'jane.doe@example.com' });
	// the empty description was left out, not sent as ""
	expect(stored?.description ?? null).toBeNull();

	const listed = await call('list_tasks', { projectId, assigneeId: 'jane.doe@example.com' });
	expect(listed.items.map((t) => t.id)).toContain(task.id);

	const fetched = await call('get_task', { taskId: task.id });
	expect(fetched.items[0]).toMatchObject({ id: task.id, title });

	const updated = await call('update_task', { taskId: task.id, status: 'CIPTKINP' });
	if (updated.isError) throw new Error(`update_task failed: ${updated.text}`);
	expect(state().calm.tasks.find((t) => t.id === task.id)).toMatchObject({ title, status: 'CIPTKINP' });
});

test('a bad input comes back as the node\'s error, and nothing changes', async () => {
	const before = state().calm.tasks.length;
	const answer = await call('create_task', { projectId: 'not/a/uuid', title: 'never created' });
	expect(answer.text).toMatch(/Project "not\/a\/uuid" is not an ID/);
	expect(state().calm.tasks).toHaveLength(before);
});
