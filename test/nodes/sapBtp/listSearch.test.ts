/**
 * The SAP BTP pickers (resource locator, list mode) in n8n's real LoadOptionsContext, against a
 * Service Manager as SAP runs it (issue 11): Cloud Foundry and Kyma instances are listed by SM but
 * cannot be managed through its API, and SAPCloudALMAPIs exists in a second data center.
 */
import { randomUUID } from 'node:crypto';
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INode, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { searchInstances, searchOfferings, searchPlans } from '../../../nodes/SapBtp/methods/listSearch';
import { CredentialStore, loadRegistry, RunnerCredentialsHelper } from '../../runner';
import { createAdditionalData } from '../../runner/additionalData';
import { useSimulator } from '../../useSimulator';
import { AUTO_GENERATED_INSTANCE_NAME, SUBACCOUNT_IDS } from '../../../simulator/seed';
import { NODE_TYPE, rl } from './harness';

const sim = useSimulator();

async function loadOptionsContext(parameters: INode['parameters']): Promise<ILoadOptionsFunctions> {
	const registry = await loadRegistry();
	const store = new CredentialStore();
	store.put({ id: 'cis', name: 'CIS', type: 'sapBtpCloudManagementApi', data: { inputMode: 'json', serviceKey: JSON.stringify(sim.keys.cisCentral) } });
	const node: INode = {
		id: 'n',
		name: 'SAP BTP',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { sapBtpCloudManagementApi: { id: 'cis', name: 'CIS' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: registry.nodeTypes });
	const additionalData = createAdditionalData(
		new RunnerCredentialsHelper(registry.credentialTypes, store),
		{ id: 'w', name: 'w', nodes: [node], connections: {} } as unknown as IWorkflowBase,
		'manual',
		randomUUID(),
	);
	// n8n hands the editor's current parameters to the picker this way
	additionalData.currentNodeParameters = parameters;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.instance');
}

describe('SAP BTP node: pickers against Service Manager as SAP runs it', () => {
	it("the instance picker lists only Service Manager's own instances (not the tenant's Cloud Foundry and Kyma ones)", async () => {
		const ctx = await loadOptionsContext({ resource: 'serviceInstance', operation: 'get', serviceManagerAccess: 'derived', subaccount: rl(SUBACCOUNT_IDS.calm) });
		const { results } = await searchInstances.call(ctx);
		expect(results.map((r) => r.name)).toEqual([AUTO_GENERATED_INSTANCE_NAME]);
	});

	it('offerings and plans of the default data center only: SAPCloudALMAPIs and its plan appear once', async () => {
		const ctx = await loadOptionsContext({
			resource: 'serviceInstance',
			operation: 'createOrUpdate',
			serviceManagerAccess: 'derived',
			subaccount: rl(SUBACCOUNT_IDS.calm),
			offering: rl('SAPCloudALMAPIs', 'name'),
		});
		const offerings = (await searchOfferings.call(ctx)).results.map((r) => r.value);
		expect(offerings.filter((v) => v === 'SAPCloudALMAPIs')).toHaveLength(1);
		expect((await searchPlans.call(ctx)).results.map((r) => r.value)).toEqual(['standard']);
	});
});
