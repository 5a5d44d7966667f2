/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The import check of saved workflows (examples/ and test/fixtures/workflows), shared by every
 * node's savedWorkflows.test.ts: the saved nodes of one type, and each read against the description
 * of its own typeVersion as n8n does on import - its resource and operation still exist, no
 * parameter issues, and no saved parameter n8n would drop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

const ROOT = join(__dirname, '../..');

function workflowFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? workflowFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
	);
}

/** Every saved node of `type`, labelled `<file>: <node name>`. */
export function savedNodesOfType(type: string): Array<readonly [string, INode]> {
	return [...workflowFiles(join(ROOT, 'examples')), ...workflowFiles(join(ROOT, 'test/fixtures/workflows'))].flatMap((file) => {
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes?: INode[] };
		return (workflow.nodes ?? [])
			.filter((n) => n.type === type)
			.map((node) => [`${file.slice(ROOT.length + 1)}: ${node.name}`, node] as const);
	});
}

/** The saved parameter names, also inside collections (one level, as the nodes have). */
function keysOf(parameters: INodeParameters): string[] {
	return Object.entries(parameters).flatMap(([k, v]) =>
		v && typeof v === 'object' && !Array.isArray(v) && !('__rl' in v) ? [k, ...Object.keys(v).map((c) => `${k}.${c}`)] : [k],
	);
}

/**
 * Expects `node` to import into `description` as saved: resolved with defaults, no parameter
 * issues, its resource and operation still options, no saved parameter dropped; with
 * `locatorModes`, a saved resource locator also keeps its mode (By Name stays By Name).
 */
export function expectImportsAsSaved(description: INodeTypeDescription, node: INode, { locatorModes = false } = {}): void {
	const resolved = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
	expect(resolved).not.toBeNull();
	const withDefaults = { ...node, parameters: resolved! };
	expect(NodeHelpers.getNodeParametersIssues(description.properties, withDefaults, description)).toBeNull();
	// the saved resource and operation are still options (a renamed value would leave the node blank)
	const shown = (name: string) =>
		description.properties.filter((p) => p.name === name && NodeHelpers.displayParameter(resolved!, p, withDefaults, description));
	for (const name of ['resource', 'operation']) {
		const values = shown(name).flatMap((p) => (p.options ?? []).map((o) => (o as { value: unknown }).value));
		expect({ [name]: values.includes(resolved![name]) }).toEqual({ [name]: true });
	}
	// a saved parameter the description no longer shows for this version would be dropped on import
	const kept = keysOf(resolved!);
	expect(keysOf(node.parameters).filter((k) => !kept.includes(k))).toEqual([]);
	if (!locatorModes) return;
	for (const [k, v] of Object.entries(node.parameters)) {
		if (v && typeof v === 'object' && '__rl' in v) expect(resolved![k]).toMatchObject({ mode: (v as { mode: string }).mode });
	}
}
