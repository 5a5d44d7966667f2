/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Both nodes as tools of n8n's AI Agent and MCP Server Trigger, read the way n8n 2.41 reads them.
 * n8n makes `<node>Tool` from a node with `usableAsTool` (n8n/dist/tool-generation/ai-tools.js
 * convertNodeToAiTool: adds "Tool Description" with Set Automatically / Set Manually, whose manual
 * default is the node's description). At run time the tool's description is "<action> in <node>"
 * when set automatically (n8n-workflow NodeHelpers.getToolDescriptionForNode), its name is the
 * node's name (nodeNameToToolName) and its input schema holds only the $fromAI() inputs
 * (n8n-core create-node-as-tool.ts getSchema). So what an agent sees of a node is its actions,
 * its description, and the $fromAI() descriptions of the workflow. The real thing runs in
 * test/e2e/mcpServer.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FromAIArgument, INode, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, nodeNameToToolName, traverseNodeParameters } from 'n8n-workflow';
import { SapBtp } from '../../nodes/SapBtp/SapBtp.node';
import { SapCloudAlm } from '../../nodes/SapCloudAlm/SapCloudAlm.node';
import { expectImportsAsSaved } from './savedWorkflows';

const PACKAGE = 'n8n-nodes-sap-cloud-alm';
const nodes = { sapCloudAlm: new SapCloudAlm().description, sapBtp: new SapBtp().description };

/** The two parameters n8n adds when it turns a node into a tool (ai-tools.js convertNodeToAiTool). */
function asTool(description: INodeTypeDescription): INodeTypeDescription {
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	};
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		required: true,
		displayOptions: { show: { descriptionType: ['manual'] } },
	};
	return { ...description, name: `${description.name}Tool`, properties: [descriptionType, toolDescription, ...description.properties] };
}

const operations = Object.entries(nodes).flatMap(([name, description]) =>
	description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) =>
			(p.options as INodePropertyOptions[]).map((o) => ({
				label: `${name}: ${String(p.displayOptions?.show?.resource?.[0])} > ${o.name}`,
				description,
				resource: String(p.displayOptions?.show?.resource?.[0]),
				option: o,
			})),
		),
);

describe('both nodes as AI tools', () => {
	it('are usable as tools, with a description that says what the node does', () => {
		for (const description of Object.values(nodes)) {
			expect(description.usableAsTool).toBe(true);
			expect(description.description).toMatch(/^[A-Z].{40,}[^.]$/);
		}
	});

	it.each(operations.map((o) => [o.label, o] as const))('%s: the automatic tool description is its action', (_label, { description, resource, option }) => {
		const node = { parameters: { resource, operation: option.value, descriptionType: 'auto' } } as unknown as INode;
		const told = NodeHelpers.getToolDescriptionForNode(node, { description } as never);
		expect(told).toBe(`${option.action} in ${description.defaults.name}`);
		// an agent reads the action alone: it names the thing it acts on, not just a verb
		expect(option.action).toMatch(/^[A-Z][a-z]+ \S+/);
	});
});

describe('Cloud ALM API → Inventory and → Disable as tools (issue 16)', () => {
	const option = (value: string) => operations.find((o) => o.resource === 'cloudAlmApi' && o.option.value === value)!.option;

	it('an agent is told that Disable never deletes SAP\'s or anyone else\'s keys, and says what it left', () => {
		expect(option('disable').action).toBe('Disable the API for a subaccount');
		expect(option('disable').description).toMatch(/never SAP's or anyone else's; says what it left and why/);
	});

	it('an agent is told what Inventory reports for each key', () => {
		expect(option('inventory').action).toBe('List API keys across subaccounts');
		expect(option('inventory').description).toMatch(/who created it \(SAP, this node, someone else\), credential type, age, certificate end, scopes, last rotation/);
	});
});

describe('the MCP server example (examples/cloud-alm-mcp-server.workflow.json)', () => {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples/cloud-alm-mcp-server.workflow.json'), 'utf8')) as {
		nodes: INode[];
		connections: Record<string, { ai_tool?: Array<Array<{ node: string }>> }>;
	};
	const trigger = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;
	const tools = workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`));

	it('connects every SAP tool to the MCP Server Trigger, named as MCP clients see it', () => {
		expect(trigger).toBeDefined();
		expect(tools.map((t) => t.name).sort()).toEqual(['create_task', 'enable_cloud_alm_api', 'get_task', 'list_projects', 'list_tasks', 'update_task']);
		for (const tool of tools) {
			expect(tool.type).toMatch(/Tool$/);
			expect(nodeNameToToolName(tool)).toBe(tool.name);
			expect(workflow.connections[tool.name].ai_tool?.[0]?.[0]?.node).toBe(trigger.name);
		}
	});

	it.each(tools.map((t) => [t.name, t] as const))('%s imports as saved into the tool version of its node', (_name, tool) => {
		const base = tool.type.slice(PACKAGE.length + 1).replace(/Tool$/, '') as keyof typeof nodes;
		expectImportsAsSaved(asTool(nodes[base]), tool);
	});

	it.each(tools.map((t) => [t.name, t] as const))('%s: a manual description and $fromAI() inputs that each say what they are', (_name, tool) => {
		expect(tool.parameters.descriptionType).toBe('manual');
		expect(String(tool.parameters.toolDescription)).toMatch(/^[A-Z].{40,}\.$/);
		const inputs: FromAIArgument[] = [];
		traverseNodeParameters(tool.parameters, inputs);
		expect(inputs.length).toBeGreaterThan(0);
		for (const input of inputs) {
			expect({ key: input.key, description: input.description }).toEqual({ key: input.key, description: expect.stringMatching(/^[A-Z].{15,}/) });
			expect(input.key).toMatch(/^[a-z][A-Za-z]*$/);
		}
	});
});
