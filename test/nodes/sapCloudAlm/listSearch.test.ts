/**
 * The project picker (resource locator, list mode) runs in n8n's LoadOptionsContext, not in an
 * execution: this drives the real context from n8n-core with the runner's credentials helper.
 */
import { randomUUID } from 'node:crypto';
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INode, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { listSearch } from '../../../nodes/SapCloudAlm/methods';
import { CredentialStore, loadRegistry, RunnerCredentialsHelper } from '../../runner';
import { createAdditionalData } from '../../runner/additionalData';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { NODE_TYPE, SEEDED_PROJECT } from './harness';

let sim: RunningSimulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim?.stop());
beforeEach(() => sim.reset());

async function loadOptionsContext(key: unknown): Promise<ILoadOptionsFunctions> {
	const registry = await loadRegistry();
	const store = new CredentialStore();
	store.put({ id: 'calm', name: 'SAP Cloud ALM', type: 'sapCloudAlmApi', data: { inputMode: 'json', serviceKey: JSON.stringify(key) } });
	const node: INode = {
		id: 'n',
		name: 'SAP Cloud ALM',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'task', operation: 'list' },
		credentials: { sapCloudAlmApi: { id: 'calm', name: 'SAP Cloud ALM' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: registry.nodeTypes });
	const additionalData = createAdditionalData(
		new RunnerCredentialsHelper(registry.credentialTypes, store),
		{ id: 'w', name: 'w', nodes: [node], connections: {} } as unknown as IWorkflowBase,
		'manual',
		randomUUID(),
	);
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.projectId');
}

describe('SAP Cloud ALM node: project picker', () => {
	it('lists projects by name and filters them', async () => {
		const ctx = await loadOptionsContext(sim.keys.cloudAlm);
		const all = await listSearch.searchProjects.call(ctx);
		expect(all.results).toEqual([{ name: 'S/4HANA Implementation', value: SEEDED_PROJECT }]);
		expect((await listSearch.searchProjects.call(ctx, 's/4')).results).toHaveLength(1);
		expect((await listSearch.searchProjects.call(ctx, 'nothing like it')).results).toEqual([]);
	});

	it('surfaces an API error instead of an empty list', async () => {
		const key = JSON.parse(JSON.stringify(sim.keys.cloudAlmReadOnly));
		sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!.scopes = ['uaa.resource'];
		const ctx = await loadOptionsContext(key);
		await expect(listSearch.searchProjects.call(ctx)).rejects.toThrow('$XSMASTERAPPNAME.calm-api.projects.read');
	});
});
