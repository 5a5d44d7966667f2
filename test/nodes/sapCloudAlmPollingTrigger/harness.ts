/**
 * Polls the SAP Cloud ALM Polling Trigger as n8n does: n8n-core's real PollContext, the runner's
 * credentials helper (the real preAuthentication and 401 retry), HTTP to the simulator. The node's
 * static data lives in a JSON string between polls, as in n8n's database, so every poll starts
 * from what a restarted n8n would load ("restart" = a fresh Workflow from that JSON).
 */
import type { AxiosInstance } from 'axios';
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, WorkflowExecuteMode } from 'n8n-workflow';
import type { RunningSimulator } from '../../../simulator';
import { fetchToken, httpClient, type UaaBlock, watchLog } from '../../../simulator/testkit';
import { CredentialStore } from '../../runner/credentialStore';
import { nodeContextParts } from '../../runner/nodeContext';

export const NODE_TYPE = 'n8n-nodes-sap-cloud-alm.sapCloudAlmPollingTrigger';
export const NODE_NAME = 'SAP Cloud ALM Polling Trigger';

/** The Projects field as the editor saves it (one locator per project). */
export const projectsParameter = (...ids: string[]) => ({
	project: ids.map((id) => ({ projectId: { __rl: true, mode: 'id', value: id } })),
});

export interface PollOutcome {
	items: IDataObject[];
	/** null when poll() returned null (nothing to emit) */
	raw: unknown;
	calls: string[];
}

/** One trigger node whose static data survives "restarts" as JSON. */
export class PolledTrigger {
	staticDataJson = '{}';
	private readonly store = new CredentialStore();

	constructor(
		private readonly sim: RunningSimulator,
		public parameters: IDataObject,
		private readonly key: unknown = sim.keys.cloudAlm,
	) {}

	get staticData(): IDataObject {
		return JSON.parse(this.staticDataJson) as IDataObject;
	}

	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<PollOutcome> {
		const { node, nodeType, workflow, additionalData } = await nodeContextParts({
			node: { id: 'poll-node', name: NODE_NAME, type: NODE_TYPE, parameters: this.parameters as INode['parameters'] },
			keys: { sapCloudAlmApi: this.key },
			store: this.store,
			mode,
			workflow: { id: 'poll-workflow', name: 'poll', active: true, staticData: JSON.parse(this.staticDataJson) as IDataObject },
		});
		const ctx = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
		const logSince = watchLog(this.sim);
		const raw = await nodeType.poll!.call(ctx);
		// n8n saves the static data when a poll emits (and at activation); a test keeps it either way
		this.staticDataJson = JSON.stringify(workflow.staticData);
		const calls = logSince()
			.entries.filter((e) => e.service === 'cloudAlm')
			.map((e) => `${e.method} ${e.path}`);
		return { items: (raw ?? []).flat().map((i) => i.json), raw, calls };
	}
}

/** A Cloud ALM client with the seeded binding's token, for making changes as a user would. */
export async function calmClient(sim: RunningSimulator): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as { endpoints: { Api: string }; uaa: unknown };
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as UaaBlock));
}
