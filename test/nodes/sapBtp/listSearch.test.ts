/**
 * The SAP BTP pickers (resource locator, list mode) in n8n's real LoadOptionsContext, against a
 * Service Manager as SAP runs it (issue 11): Cloud Foundry and Kyma instances are listed by SM but
 * cannot be managed through its API, and SAPCloudALMAPIs exists in a second data center.
 */
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';
import { searchInstances, searchOfferings, searchPlans } from '../../../nodes/SapBtp/methods/listSearch';
import { loadOptionsContext as pickerContext } from '../../runner/nodeContext';
import { useSimulator } from '../../../simulator/testkit';
import { AUTO_GENERATED_INSTANCE_NAME, SUBACCOUNT_IDS } from '../../../simulator/seed';
import { NODE_NAME, NODE_TYPE, rl } from './harness';

const sim = useSimulator();

const loadOptionsContext = async (parameters: INodeParameters): Promise<ILoadOptionsFunctions> =>
	await pickerContext({
		node: { type: NODE_TYPE, name: NODE_NAME, parameters },
		keys: { sapBtpCloudManagementApi: sim.keys.cisCentral },
		path: 'parameters.instance',
		// n8n hands the editor's current parameters to the picker this way
		currentNodeParameters: true,
	});

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
