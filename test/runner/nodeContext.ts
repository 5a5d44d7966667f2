/**
 * A node outside an execution, as n8n-core builds its contexts for it: the node alone in a
 * Workflow, and additionalData with the runner's credentials helper over a credential store that
 * holds one service key per credential type. The SAP BTP and SAP Cloud ALM pickers ("From List",
 * n8n-core's LoadOptionsContext) are driven through it, as the editor's request reaches them.
 */
import { randomUUID } from 'node:crypto';
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INode, INodeParameters, IWorkflowBase, IWorkflowExecuteAdditionalData, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { createAdditionalData } from './additionalData';
import { CredentialStore } from './credentialStore';
import { RunnerCredentialsHelper } from './credentialsHelper';
import { loadRegistry } from './registry';

export interface NodeContextOptions {
	/** the node's type (`n8n-nodes-sap-cloud-alm.sapBtp`, …) and name */
	type: string;
	name: string;
	typeVersion?: number;
	parameters: INodeParameters;
	/** credential type → the service key the credential is made of (JSON, as pasted) */
	keys: Record<string, unknown>;
	mode?: WorkflowExecuteMode;
}

export interface NodeContextParts {
	node: INode;
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
}

/** The node, its one-node Workflow and the additionalData n8n-core's contexts take. */
export async function nodeContextParts(options: NodeContextOptions): Promise<NodeContextParts> {
	const registry = await loadRegistry();
	const store = new CredentialStore();
	const credentials: INode['credentials'] = {};
	for (const [type, key] of Object.entries(options.keys)) {
		store.put({ id: type, name: type, type, data: { inputMode: 'json', serviceKey: JSON.stringify(key) } });
		credentials[type] = { id: type, name: type };
	}
	const node: INode = {
		id: 'n',
		name: options.name,
		type: options.type,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: registry.nodeTypes });
	const additionalData = createAdditionalData(
		new RunnerCredentialsHelper(registry.credentialTypes, store),
		{ id: 'w', name: 'w', nodes: [node], connections: {} } as unknown as IWorkflowBase,
		options.mode ?? 'manual',
		randomUUID(),
	);
	return { node, workflow, additionalData };
}

/**
 * The context of a resource locator's "From List" method for the parameter at `path`. With
 * `currentNodeParameters`, the editor's current parameters are handed over too, as n8n does for
 * pickers that read other fields (`getCurrentNodeParameter`).
 */
export async function loadOptionsContext(
	options: NodeContextOptions & { path: string; currentNodeParameters?: boolean },
): Promise<ILoadOptionsFunctions> {
	const { node, workflow, additionalData } = await nodeContextParts(options);
	if (options.currentNodeParameters) additionalData.currentNodeParameters = options.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, options.path);
}
