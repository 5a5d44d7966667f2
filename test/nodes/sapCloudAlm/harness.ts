/**
 * Runs the SAP Cloud ALM node in a real n8n-core workflow (manual trigger → node) against a
 * running simulator, and reads back what the simulator saw. Each test gets its own credential
 * store unless it passes one, so token counts are per test.
 */
import type { IDataObject, ILoadOptionsFunctions, INode, INodeParameters } from 'n8n-workflow';
import { CredentialStore, runWorkflow, type WorkflowJson, type WorkflowRunResult } from '../../runner';
import { loadOptionsContext as pickerContext } from '../../runner/nodeContext';
import { linearWorkflow, startNode } from '../../runner/workflowParts';
import { watchLog } from '../../../simulator/testkit';
import type { RunningSimulator } from '../../../simulator';
import type { CalmTask } from '../../../simulator/state';

export const NODE_TYPE = 'n8n-nodes-sap-cloud-alm.sapCloudAlm';
export const NODE_NAME = 'SAP Cloud ALM';
export const SEEDED_PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';
export const seededTaskId = (n: number) => `4d7b0e00-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Puts `n` more tasks into the seeded project (in the simulator's state) so lists span several pages. */
export function addTasks(sim: RunningSimulator, n: number): void {
	for (let i = 0; i < n; i++) {
		const task: CalmTask = {
			id: `7f000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			projectId: SEEDED_PROJECT,
			title: `Bulk task ${i}`,
			type: 'CALMTASK',
			status: 'CIPTKOPEN',
			lastChangedDate: '2025-06-01T00:00:00.000Z',
			createdAt: '2025-06-01T00:00:00.000Z',
		};
		sim.context.state.calm.tasks.push(task);
	}
}

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
	return linearWorkflow('SAP Cloud ALM test', feeder ? [startNode(), feeder, calm] : [startNode(), calm]);
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
	const logSince = watchLog(sim);
	const result = await runWorkflow(calmWorkflow(parameters, options), {
		credentials: { sapCloudAlmApi: { inputMode: 'json', serviceKey: JSON.stringify(options.key ?? sim.keys.cloudAlm) } },
		store: options.store ?? new CredentialStore(),
	});
	const { entries, tokensIssuedTotal } = logSince();
	const node = result.nodes[NODE_NAME];
	return {
		...result,
		out: node?.items ?? [],
		paired: (node?.outputs ?? []).flat().map((i) => i.pairedItem),
		calls: entries.filter((e) => e.service === 'cloudAlm').map((e) => ({ method: e.method, path: e.path, status: e.status })),
		tokensIssued: tokensIssuedTotal,
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
	return await pickerContext({ node: { type: NODE_TYPE, name: NODE_NAME, typeVersion, parameters }, keys: { sapCloudAlmApi: key }, path });
}
