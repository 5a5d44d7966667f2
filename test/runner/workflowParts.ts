/**
 * Builders for the small workflows the in-process suites run: a manual trigger named "Start" and
 * nodes connected one after another (output 0 → input 0), so a harness states only its own nodes.
 */
import type { INode } from 'n8n-workflow';
import type { WorkflowJson } from './runWorkflow';

/** The manual trigger every in-process test workflow starts with. */
export const startNode = (): INode => ({
	id: 'trigger',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

/** `nodes` in a line, each one's main output into the next one's first input. */
export function linearWorkflow(name: string, nodes: INode[]): WorkflowJson {
	const connections: WorkflowJson['connections'] = {};
	nodes.slice(0, -1).forEach((n, i) => {
		connections[n.name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	});
	return { name, nodes, connections };
}
