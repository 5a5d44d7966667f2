/**
 * Polls the SAP BTP Trigger as n8n does: n8n-core's own PollContext (mode `trigger`, activation
 * `activate`, or `manual` for "Fetch Test Event") on a real Workflow, with the runner's credentials
 * helper (real preAuthentication, token reuse, 401 refresh) against the simulator. The node's static
 * data is handed in and read back as JSON, so a test can "restart n8n" between polls: each poll builds
 * a new Workflow from the stored JSON, as n8n does after loading it from its database.
 */
import { randomUUID } from 'node:crypto';
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import type { RunningSimulator } from '../../../simulator';
import { createAdditionalData } from '../../runner/additionalData';
import { CredentialStore, loadRegistry, PACKAGE_NAME, RunnerCredentialsHelper } from '../../runner';

export const TRIGGER_TYPE = `${PACKAGE_NAME}.sapBtpTrigger`;

export interface PollOptions {
	eventTypes?: string[];
	/** the node's static data as n8n stored it after the previous poll (JSON); undefined = never polled */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	/** cis key for the credential (default: the seeded central key) */
	cisKey?: unknown;
	/** n8n's poll budget (default n8n's 5 minutes) */
	budgetMs?: number;
	store?: CredentialStore;
}

export interface PollResult {
	/** items the poll returned (null from the node = no items) */
	items: IDataObject[];
	emitted: boolean;
	/** the static data n8n would store now (JSON round trip) */
	staticData: IDataObject;
	error?: Error;
}

export async function pollTrigger(sim: RunningSimulator, options: PollOptions = {}): Promise<PollResult> {
	const registry = await loadRegistry();
	const store = options.store ?? new CredentialStore();
	store.put({
		id: 'cis-cred',
		name: 'CIS central',
		type: 'sapBtpCloudManagementApi',
		data: { inputMode: 'json', serviceKey: JSON.stringify(options.cisKey ?? sim.keys.cisCentral) },
	});
	const node: INode = {
		id: 'btp-trigger',
		name: 'SAP BTP Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { eventTypes: options.eventTypes ?? ['Subaccount_Creation'] },
		credentials: { sapBtpCloudManagementApi: { id: 'cis-cred', name: 'CIS central' } },
	};
	const stored = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	const workflow = new Workflow({
		id: 'btp-trigger-test',
		name: 'SAP BTP Trigger test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: registry.nodeTypes,
		staticData: { [`node:${node.name}`]: stored },
	});
	const workflowData = { id: workflow.id, name: workflow.name, active: true, nodes: [node], connections: {} } as unknown as IWorkflowBase;
	const helper = new RunnerCredentialsHelper(registry.credentialTypes, store);
	const mode = options.mode ?? 'trigger';
	const additionalData = createAdditionalData(helper, workflowData, mode, randomUUID());
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		undefined,
		options.budgetMs === undefined ? undefined : () => options.budgetMs!,
	);
	const nodeType = registry.nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1);
	let result: Awaited<ReturnType<NonNullable<typeof nodeType.poll>>> = null;
	let error: Error | undefined;
	try {
		result = await nodeType.poll!.call(context);
	} catch (e) {
		error = e as Error;
	}
	const staticData = JSON.parse(JSON.stringify(workflow.getStaticData('node', node))) as IDataObject;
	const items = (result?.[0] ?? []).map((i) => i.json);
	return { items, emitted: result !== null, staticData, error };
}
