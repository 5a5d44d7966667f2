/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Saved workflows (examples/ and test/fixtures/workflows) keep importing after version 2: each SAP
 * BTP node in them is read against the description of its own typeVersion, as n8n does on import,
 * and must have no parameter issues and no parameter n8n would drop. A Service Instance node saved
 * with Offering and Plan "By Name" (the old default mode) is checked the same way. (Running them:
 * workflow.test.ts here, the examples in a real n8n in test/e2e/examples.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { SapBtp } from '../../../nodes/SapBtp/SapBtp.node';
import { NODE_TYPE } from './harness';

const ROOT = join(__dirname, '../../..');
const { description } = new SapBtp();

function workflowFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? workflowFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
	);
}

const savedNodes = [...workflowFiles(join(ROOT, 'examples')), ...workflowFiles(join(ROOT, 'test/fixtures/workflows'))].flatMap((file) => {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as { nodes?: INode[] };
	return (workflow.nodes ?? [])
		.filter((n) => n.type === NODE_TYPE)
		.map((node) => [`${file.slice(ROOT.length + 1)}: ${node.name}`, node] as const);
});

const byNameV1: INode = {
	id: 'by-name',
	name: 'Create or Update (By Name)',
	type: NODE_TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters: {
		resource: 'serviceInstance',
		operation: 'createOrUpdate',
		serviceManagerAccess: 'serviceManagerCredential',
		offering: { __rl: true, mode: 'name', value: 'SAPCloudALMAPIs' },
		plan: { __rl: true, mode: 'name', value: 'standard' },
		instanceName: 'cloud-alm-api',
	},
};

/** The saved parameter names, also inside collections (one level, as the node has). */
function keysOf(parameters: INodeParameters): string[] {
	return Object.entries(parameters).flatMap(([k, v]) =>
		v && typeof v === 'object' && !Array.isArray(v) && !('__rl' in v) ? [k, ...Object.keys(v).map((c) => `${k}.${c}`)] : [k],
	);
}

describe('saved SAP BTP workflows still import', () => {
	it('finds the saved nodes (examples and fixtures, all version 1)', () => {
		expect(savedNodes.length).toBeGreaterThanOrEqual(3);
		expect(new Set(savedNodes.map(([, n]) => n.typeVersion))).toEqual(new Set([1]));
	});

	it.each([...savedNodes, ['Offering and Plan saved By Name', byNameV1] as const])(
		'%s: its resource and operation exist, no parameter issues, none dropped',
		(_name, node) => {
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
			// and a saved locator keeps its mode (By Name stays By Name)
			for (const [k, v] of Object.entries(node.parameters)) {
				if (v && typeof v === 'object' && '__rl' in v) expect(resolved![k]).toMatchObject({ mode: (v as { mode: string }).mode });
			}
		},
	);
});
