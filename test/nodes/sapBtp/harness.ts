/**
 * Runs the SAP BTP node in a real n8n-core workflow (manual trigger → [item source] → node)
 * against a running simulator, and reads back what the simulator saw during the run.
 */
import axios from 'axios';
import type { IDataObject, INode } from 'n8n-workflow';
import { CredentialStore, runWorkflow, type WorkflowJson, type WorkflowRunResult } from '../../runner';
import { linearWorkflow, startNode } from '../../runner/workflowParts';
import { watchLog } from '../../../simulator/testkit';
import type { RunningSimulator } from '../../../simulator';
import type { LogEntry } from '../../../simulator/http';

export const NODE_TYPE = 'n8n-nodes-sap-cloud-alm.sapBtp';
export const NODE_NAME = 'SAP BTP';

export interface RunBtpOptions {
	/** number of input items (an item source emits {n: 0..count-1}); default 1 */
	count?: number;
	continueOnFail?: boolean;
	store?: CredentialStore;
	/** key for the Cloud Management credential (default: the seeded cis central key) */
	cisKey?: unknown;
	/** key for the Service Manager credential (default: the seeded SM key of `dev`) */
	smKey?: unknown;
	/** key for the Destination Service credential (Connect Cloud ALM to a Webhook); the node names it only when given */
	destinationKey?: unknown;
	/** the SAP Cloud ALM Webhook API credential (user, password) Connect writes into the destination; the node names it only when given */
	webhookCredential?: { user: string; password: string };
	/** the node's typeVersion; default 1, so the older suites keep proving that saved v1 workflows still work */
	typeVersion?: number;
}

export const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

export function btpWorkflow(parameters: IDataObject, options: RunBtpOptions = {}): WorkflowJson {
	const source: INode = {
		id: 'source',
		name: 'Items',
		type: 'itemSource',
		typeVersion: 1,
		position: [100, 0],
		parameters: { count: options.count ?? 1 },
	};
	const node: INode = {
		id: 'btp',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [220, 0],
		parameters: parameters as INode['parameters'],
		credentials: {
			sapBtpCloudManagementApi: { id: 'cis-cred', name: 'CIS central' },
			sapBtpServiceManagerApi: { id: 'sm-cred', name: 'SM dev' },
			...(options.destinationKey ? { sapBtpDestinationServiceApi: { id: 'dest-cred', name: 'Destination (Cloud ALM subaccount)' } } : {}),
			...(options.webhookCredential ? { sapCloudAlmWebhookApi: { id: 'hook-basic', name: 'Cloud ALM webhook' } } : {}),
		},
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	return linearWorkflow('SAP BTP test', [startNode(), source, node]);
}

export interface BtpRun extends WorkflowRunResult {
	out: IDataObject[];
	paired: unknown[];
	/** requests the simulator logged during the run (control API excluded) */
	calls: LogEntry[];
	/** mutating requests (anything but GET) except token requests */
	mutations: LogEntry[];
	/** tokens issued during the run, per client id */
	tokens: Record<string, number>;
	/** the execution hints the node added (n8n shows them above its output) */
	hints: string[];
}

export async function runBtp(sim: RunningSimulator, parameters: IDataObject, options: RunBtpOptions = {}): Promise<BtpRun> {
	const logSince = watchLog(sim);
	const store = options.store ?? new CredentialStore();
	const run = await runWorkflow(btpWorkflow(parameters, options), {
		store,
		credentials: {
			sapBtpCloudManagementApi: { inputMode: 'json', serviceKey: JSON.stringify(options.cisKey ?? sim.keys.cisCentral) },
			sapBtpServiceManagerApi: { inputMode: 'json', serviceKey: JSON.stringify(options.smKey ?? sim.keys.serviceManager) },
			...(options.destinationKey ? { sapBtpDestinationServiceApi: { inputMode: 'json', serviceKey: JSON.stringify(options.destinationKey) } } : {}),
			...(options.webhookCredential ? { sapCloudAlmWebhookApi: options.webhookCredential } : {}),
		},
	});
	const { entries, tokensIssued } = logSince();
	const outputs = run.nodes[NODE_NAME]?.outputs?.[0] ?? [];
	return {
		...run,
		out: outputs.map((o) => o.json),
		paired: outputs.map((o) => o.pairedItem),
		calls: entries,
		mutations: entries.filter((e) => e.method !== 'GET' && e.service !== 'uaa' && e.service !== 'uaaCert'),
		tokens: tokensIssued,
		hints: (run.run.data.resultData.runData[NODE_NAME]?.[0]?.hints ?? []).map((h) => h.message),
	};
}

/** The simulator's state as the control API shows it (secrets redacted). */
export async function simState(sim: RunningSimulator): Promise<IDataObject> {
	return (await axios.get(`${sim.urls.control}/__sim/state`)).data as IDataObject;
}

export { setFaults, setProfile } from '../../../simulator/testkit';
export { NO_FAULTS } from '../../../simulator/profile';

/**
 * Set before each test: no added latency, short jobs and operations, 1 s Retry-After, the CIS
 * limiter off (a test that changes one of these does not change it for the next).
 */
export const FAST_PROFILE = {
	latencyMs: 0,
	entitlementJobMs: 150,
	instanceOperationMs: 200,
	bindingOperationMs: 100,
	retryAfterSeconds: 1,
	cisRequestsPerWindow: 0,
};
