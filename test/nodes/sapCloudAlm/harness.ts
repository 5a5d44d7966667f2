/**
 * Runs the SAP Cloud ALM node in a real n8n-core workflow (manual trigger → node) against a
 * running simulator, and reads back what the simulator saw. Each test gets its own credential
 * store unless it passes one, so token counts are per test.
 */
import { randomUUID } from 'node:crypto';
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, ILoadOptionsFunctions, INode, INodeParameters, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { CredentialStore, loadRegistry, RunnerCredentialsHelper, runWorkflow, type WorkflowJson, type WorkflowRunResult } from '../../runner';
import { createAdditionalData } from '../../runner/additionalData';
import type { RunningSimulator } from '../../../simulator';

export const NODE_TYPE = 'n8n-nodes-sap-cloud-alm.sapCloudAlm';
export const NODE_NAME = 'SAP Cloud ALM';
export const SEEDED_PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';
export const seededTaskId = (n: number) => `4d7b0e00-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const FEEDER_NAME = 'Feed Items';

export interface RunCalmOptions {
	/**
	 * Parameters of a SAP Cloud ALM node placed before the one under test, whose output items
	 * become its input (e.g. a task list feeding Get). Default: the trigger's one empty item.
	 */
	feed?: IDataObject;
	continueOnFail?: boolean;
	/** the key the credential is made of (default: the seeded full-scope Cloud ALM binding) */
	key?: unknown;
	store?: CredentialStore;
	/**
	 * The node version under test. Default 1: the older suites prove that version 1 workflows (plain
	 * strings for Task ID and Feature UUID, Project ID among the feature list's options) still run.
	 */
	typeVersion?: number;
}

export function calmWorkflow(parameters: IDataObject, options: RunCalmOptions = {}): WorkflowJson {
	const trigger: INode = {
		id: 'trigger',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const calm: INode = {
		id: 'calm',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [220, 0],
		parameters: parameters as INode['parameters'],
		credentials: { sapCloudAlmApi: { id: 'calm-cred', name: 'SAP Cloud ALM' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const feeder: INode | undefined = options.feed
		? {
				id: 'feed',
				name: FEEDER_NAME,
				type: NODE_TYPE,
				typeVersion: options.typeVersion ?? 1,
				position: [110, 0],
				parameters: options.feed as INode['parameters'],
				credentials: calm.credentials,
			}
		: undefined;
	const connect = (node: string) => ({ main: [[{ node, type: 'main' as const, index: 0 }]] });
	return {
		name: 'SAP Cloud ALM test',
		nodes: feeder ? [trigger, feeder, calm] : [trigger, calm],
		connections: feeder ? { Start: connect(FEEDER_NAME), [FEEDER_NAME]: connect(NODE_NAME) } : { Start: connect(NODE_NAME) },
	};
}

export interface CalmRun extends WorkflowRunResult {
	/** the node's output items */
	out: IDataObject[];
	/** pairedItem of each output item */
	paired: unknown[];
	/** Cloud ALM requests the simulator logged during this run */
	calls: Array<{ method: string; path: string; status: number }>;
	/** tokens the simulator's XSUAA issued during this run */
	tokensIssued: number;
}

export async function runCalm(sim: RunningSimulator, parameters: IDataObject, options: RunCalmOptions = {}): Promise<CalmRun> {
	const since = sim.log.summary().lastSeq;
	const tokensBefore = sim.log.summary().tokensIssuedTotal;
	const result = await runWorkflow(calmWorkflow(parameters, options), {
		credentials: { sapCloudAlmApi: { inputMode: 'json', serviceKey: JSON.stringify(options.key ?? sim.keys.cloudAlm) } },
		store: options.store ?? new CredentialStore(),
	});
	const summary = sim.log.summary(since);
	const node = result.nodes[NODE_NAME];
	return {
		...result,
		out: node?.items ?? [],
		paired: (node?.outputs ?? []).flat().map((i) => i.pairedItem),
		calls: summary.entries
			.filter((e) => e.service === 'cloudAlm')
			.map((e) => ({ method: e.method, path: e.path, status: e.status })),
		tokensIssued: summary.tokensIssuedTotal - tokensBefore,
	};
}

/** A resource locator value as the editor saves it (version 2 parameters). */
export const locator = (value: string, mode: 'list' | 'id' = 'id', cachedResultName?: string) => ({
	__rl: true,
	mode,
	value,
	...(cachedResultName ? { cachedResultName } : {}),
});

/** The query of a logged path as an object (`$top`, `offset`, …). */
export const queryOf = (path: string) => Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? ''));

/**
 * The context n8n gives a resource locator's "From List" method (n8n-core's LoadOptionsContext, as
 * the editor's request reaches it), with the runner's credentials helper and the given key.
 */
export async function loadOptionsContext(
	key: unknown,
	{ parameters = { resource: 'task', operation: 'list' }, typeVersion = 1, path = 'parameters.projectId' }: { parameters?: INodeParameters; typeVersion?: number; path?: string } = {},
): Promise<ILoadOptionsFunctions> {
	const registry = await loadRegistry();
	const store = new CredentialStore();
	store.put({ id: 'calm', name: 'SAP Cloud ALM', type: 'sapCloudAlmApi', data: { inputMode: 'json', serviceKey: JSON.stringify(key) } });
	const node: INode = {
		id: 'n',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { sapCloudAlmApi: { id: 'calm', name: 'SAP Cloud ALM' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: registry.nodeTypes });
	const additionalData = createAdditionalData(
		new RunnerCredentialsHelper(registry.credentialTypes, store),
		{ id: 'w', name: 'w', nodes: [node], connections: {} } as unknown as IWorkflowBase,
		'manual',
		randomUUID(),
	);
	return new LoadOptionsContext(workflow, node, additionalData, path);
}
