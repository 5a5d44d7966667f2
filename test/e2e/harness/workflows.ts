/**
 * Small builders for importable workflow JSON, so suites state only what matters: which nodes,
 * in which order, with which parameters. Types of this package are `<package name>.<node name>`.
 */
import { randomUUID } from 'node:crypto';
import { CREDENTIAL_IDS, type SapCredentialType } from '../../../scripts/n8n/credentials';

export const PACKAGE_NAME = 'n8n-nodes-sap-cloud-alm';
export const packageType = (nodeName: string) => `${PACKAGE_NAME}.${nodeName}`;

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	/** n8n's per-node error setting, e.g. `continueRegularOutput` (continue-on-fail) */
	onError?: string;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	active: boolean;
	[key: string]: unknown;
}

export function node(
	name: string,
	type: string,
	parameters: Record<string, unknown> = {},
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}

/** A node of this package using one of the simulator credentials imported by `importSimulatorCredentials()`. */
export function sapNode(name: string, nodeName: string, credentialType: SapCredentialType, parameters: Record<string, unknown>): WorkflowNode {
	return node(name, packageType(nodeName), parameters, {
		credentials: { [credentialType]: { id: CREDENTIAL_IDS[credentialType], name: credentialType } },
	});
}

export const manualTrigger = () => node('Manual Trigger', 'n8n-nodes-base.manualTrigger');

export function webhookTrigger(path: string) {
	return node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} }, { typeVersion: 2, webhookId: randomUUID() });
}

/** Connects the nodes one after another (output 0 → input 0) and lays them out left to right. */
export function chain(id: string, name: string, ...nodes: WorkflowNode[]): WorkflowJson {
	const connections: WorkflowJson['connections'] = {};
	nodes.forEach((n, i) => {
		n.position = [240 * i, 300];
		const next = nodes[i + 1];
		if (next) connections[n.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}
