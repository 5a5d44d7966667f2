/**
 * A node outside an execution, as n8n-core builds its contexts for it: the node alone in a
 * Workflow, and additionalData with the runner's credentials helper over a credential store. Every
 * harness that drives a node through one of n8n-core's contexts starts here: the pickers ("From
 * List", LoadOptionsContext), the polling triggers (PollContext) and the webhook trigger
 * (WebhookContext).
 */
import { randomUUID } from 'node:crypto';
import { LoadOptionsContext } from 'n8n-core';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { createAdditionalData } from './additionalData';
import { CredentialStore } from './credentialStore';
import { RunnerCredentialsHelper } from './credentialsHelper';
import { loadRegistry } from './registry';

export interface NodeContextOptions {
	/** the node as saved; id, version 1 and position are filled in when left out */
	node: Pick<INode, 'name' | 'type' | 'parameters'> & Partial<INode>;
	/**
	 * Service keys by credential type, as pasted: put into the store (id = the type; an existing
	 * entry keeps its stored token) and referenced from the node.
	 */
	keys?: Record<string, unknown>;
	/** the credential store; default a new one (no token yet) */
	store?: CredentialStore;
	mode?: WorkflowExecuteMode;
	/** the workflow around the node (a trigger's is active and carries its static data) */
	workflow?: { id?: string; name?: string; active?: boolean; staticData?: IDataObject };
}

export interface NodeContextParts {
	node: INode;
	nodeType: INodeType;
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
}

/** The node, its type, its one-node Workflow and the additionalData n8n-core's contexts take. */
export async function nodeContextParts(options: NodeContextOptions): Promise<NodeContextParts> {
	const registry = await loadRegistry();
	const store = options.store ?? new CredentialStore();
	const credentials: INode['credentials'] = { ...options.node.credentials };
	for (const [type, key] of Object.entries(options.keys ?? {})) {
		store.put({ id: type, name: type, type, data: { inputMode: 'json', serviceKey: JSON.stringify(key) } });
		credentials[type] = { id: type, name: type };
	}
	const node: INode = { id: 'n', typeVersion: 1, position: [0, 0], ...options.node, credentials };
	const { id = 'w', name = 'w', active = false, staticData } = options.workflow ?? {};
	const workflow = new Workflow({ id, name, nodes: [node], connections: {}, active, nodeTypes: registry.nodeTypes, staticData });
	const additionalData = createAdditionalData(
		new RunnerCredentialsHelper(registry.credentialTypes, store),
		{ id, name, active, nodes: [node], connections: {} } as unknown as IWorkflowBase,
		options.mode ?? 'manual',
		randomUUID(),
	);
	const nodeType = registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	return { node, nodeType, workflow, additionalData };
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
	if (options.currentNodeParameters) additionalData.currentNodeParameters = node.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, options.path);
}
