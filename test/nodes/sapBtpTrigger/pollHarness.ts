/**
 * Polls the SAP BTP Trigger as n8n does: n8n-core's own PollContext (mode `trigger`, activation
 * `activate`, or `manual` for "Fetch Test Event") on a real Workflow, with the runner's credentials
 * helper (real preAuthentication, token reuse, 401 refresh) against the simulator. The node's static
 * data is handed in and read back as JSON, so a test can "restart n8n" between polls: each poll builds
 * a new Workflow from the stored JSON, as n8n does after loading it from its database.
 */
import { PollContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';
import type { RunningSimulator } from '../../../simulator';
import { PACKAGE_NAME, type CredentialStore } from '../../runner';
import { nodeContextParts } from '../../runner/nodeContext';

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
	const name = 'SAP BTP Trigger';
	const stored = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	const mode = options.mode ?? 'trigger';
	const { node, nodeType, workflow, additionalData } = await nodeContextParts({
		node: { id: 'btp-trigger', name, type: TRIGGER_TYPE, parameters: { eventTypes: options.eventTypes ?? ['Subaccount_Creation'] } },
		keys: { sapBtpCloudManagementApi: options.cisKey ?? sim.keys.cisCentral },
		store: options.store,
		mode,
		workflow: { id: 'btp-trigger-test', name: 'SAP BTP Trigger test', active: true, staticData: { [`node:${name}`]: stored } },
	});
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
