/**
 * Runs a workflow JSON (an n8n export) through n8n-core's real WorkflowExecute, in process, with
 * the runner's credentials helper — so nodes hit the real `httpRequestWithAuthentication`,
 * preAuthentication, token reuse and the 401 refresh exactly as in n8n.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IPinData,
	IRun,
	IWorkflowBase,
	IWorkflowSettings,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { createAdditionalData } from './additionalData';
import { CredentialStore } from './credentialStore';
import { RunnerCredentialsHelper } from './credentialsHelper';
import { loadRegistry } from './registry';

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
}

export interface RunOptions {
	/** credential data by credential type; filled into every node reference of that type */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** token store; share one across runs to reuse tokens (default: one per process) */
	store?: CredentialStore;
}

export interface NodeError {
	message: string;
	description?: string | null;
	httpCode?: string | null;
}

export interface NodeRunResult {
	/** json of every item on every main output, first output first */
	items: IDataObject[];
	outputs: INodeExecutionData[][];
	error?: NodeError;
	/** how often the node ran */
	runs: number;
}

export interface WorkflowRunResult {
	status: 'success' | 'error';
	nodes: Record<string, NodeRunResult>;
	lastNodeExecuted?: string;
	lastNodeItems: IDataObject[];
	error?: NodeError & { node?: string };
	durationMs: number;
	/** tokens fetched by preAuthentication during this run, per credential type */
	preAuthenticationCalls: Record<string, number>;
	run: IRun;
}

export const defaultCredentialStore = new CredentialStore();

function toNodeError(error: unknown): NodeError {
	const e = error as { message?: string; description?: string | null; httpCode?: string | null };
	return { message: String(e?.message ?? error), description: e?.description ?? null, httpCode: e?.httpCode ?? null };
}

/** Puts the given credentials into the store and gives every reference an id. */
function bindCredentials(nodes: INode[], options: RunOptions, store: CredentialStore): INode[] {
	return nodes.map((node) => {
		if (!node.credentials) return node;
		const credentials: INode['credentials'] = {};
		for (const [type, ref] of Object.entries(node.credentials)) {
			const id = ref.id ?? `${type}-runner`;
			credentials[type] = { id, name: ref.name };
			const data = options.credentials?.[type];
			if (data) store.put({ id, name: ref.name, type, data });
		}
		return { ...node, credentials };
	});
}

export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions = {}): Promise<WorkflowRunResult> {
	const started = Date.now();
	const registry = await loadRegistry();
	const store = options.store ?? defaultCredentialStore;
	const nodes = bindCredentials(workflowJson.nodes, options, store);
	const credentialsHelper = new RunnerCredentialsHelper(registry.credentialTypes, store);
	const workflow = new Workflow({
		id: workflowJson.id ?? 'runner',
		name: workflowJson.name ?? 'runner',
		nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes: registry.nodeTypes,
		settings: workflowJson.settings,
		pinData: workflowJson.pinData,
	});
	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name ?? 'runner',
		active: false,
		isArchived: false,
		nodes,
		connections: workflowJson.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as IWorkflowBase;
	const additionalData = createAdditionalData(credentialsHelper, workflowData, 'manual', randomUUID());
	// pinned data as the editor runs it (n8n-core WorkflowExecute.run takes it apart from the Workflow)
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, pinData: workflowJson.pinData });

	const result: Record<string, NodeRunResult> = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const last = tasks[tasks.length - 1];
		const outputs = (last?.data?.main ?? []).map((o) => o ?? []);
		result[name] = {
			items: outputs.flat().map((i) => i.json),
			outputs,
			error: last?.error ? toNodeError(last.error) : undefined,
			runs: tasks.length,
		};
	}
	const lastNodeExecuted = run.data.resultData.lastNodeExecuted;
	const failure = run.data.resultData.error;
	const failedNode = (failure as { node?: { name?: string } } | undefined)?.node?.name;
	return {
		status: failure ? 'error' : 'success',
		nodes: result,
		lastNodeExecuted,
		lastNodeItems: lastNodeExecuted ? (result[lastNodeExecuted]?.items ?? []) : [],
		error: failure ? { ...toNodeError(failure), node: failedNode } : undefined,
		durationMs: Date.now() - started,
		preAuthenticationCalls: { ...credentialsHelper.preAuthenticationCalls },
		run,
	};
}
