/**
 * Saved workflows (examples/ and test/fixtures/workflows) keep importing after version 2: each SAP
 * Cloud ALM node in them is read against the description of its own typeVersion, as n8n does on
 * import, and must have no parameter issues and no parameter n8n would drop. (Running them: the
 * fixture in workflow.test.ts here, the examples in a real n8n in test/e2e/examples.test.ts.)
 */
import { SapCloudAlm } from '../../../nodes/SapCloudAlm/SapCloudAlm.node';
import { expectImportsAsSaved, savedNodesOfType } from '../savedWorkflows';
import { NODE_TYPE } from './harness';

const { description } = new SapCloudAlm();

const savedNodes = savedNodesOfType(NODE_TYPE);

describe('saved SAP Cloud ALM workflows still import', () => {
	it('finds the saved nodes (examples and fixtures, all version 1)', () => {
		expect(savedNodes.length).toBeGreaterThanOrEqual(9);
		expect(new Set(savedNodes.map(([, n]) => n.typeVersion))).toEqual(new Set([1]));
	});

	it.each(savedNodes)('%s: its resource and operation exist, no parameter issues, none dropped', (_name, node) =>
		expectImportsAsSaved(description, node),
	);
});
