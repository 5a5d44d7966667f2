/**
 * Saved workflows (examples/ and test/fixtures/workflows) keep importing after version 2: each SAP
 * BTP node in them is read against the description of its own typeVersion, as n8n does on import,
 * and must have no parameter issues and no parameter n8n would drop. A Service Instance node saved
 * with Offering and Plan "By Name" (the old default mode) is checked the same way. (Running them:
 * workflow.test.ts here, the examples in a real n8n in test/e2e/examples.test.ts.)
 */
import type { INode } from 'n8n-workflow';
import { SapBtp } from '../../../nodes/SapBtp/SapBtp.node';
import { expectImportsAsSaved, savedNodesOfType } from '../savedWorkflows';
import { NODE_TYPE } from './harness';

const { description } = new SapBtp();

const savedNodes = savedNodesOfType(NODE_TYPE);

const byNameV1: INode = {
	id: 'by-name',
	name: 'Create or Update (By Name)',
	type: NODE_TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters: {
		resource: 'serviceInstance',
		operation: 'createOrUpdate',
		serviceManagerAccess: 'serviceManagerCredential',
		offering: { __rl: true, mode: 'name', value: 'SAPCloudALMAPIs' },
		plan: { __rl: true, mode: 'name', value: 'standard' },
		instanceName: 'cloud-alm-api',
	},
};

describe('saved SAP BTP workflows still import', () => {
	it('finds the saved nodes (examples and fixtures, all version 1)', () => {
		expect(savedNodes.length).toBeGreaterThanOrEqual(3);
		expect(new Set(savedNodes.map(([, n]) => n.typeVersion))).toEqual(new Set([1]));
	});

	it.each([...savedNodes, ['Offering and Plan saved By Name', byNameV1] as const])(
		'%s: its resource and operation exist, no parameter issues, none dropped',
		(_name, node) => expectImportsAsSaved(description, node, { locatorModes: true }),
	);
});
