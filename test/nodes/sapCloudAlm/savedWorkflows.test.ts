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
	it('finds the saved nodes (examples and fixtures: version 1, and version 2 in report-failed-executions)', () => {
		expect(savedNodes.length).toBeGreaterThanOrEqual(9);
		// issue 15 deliberately adds the first version 2 example (Monitoring → Send Logs)
		expect(new Set(savedNodes.map(([, n]) => n.typeVersion))).toEqual(new Set([1, 2]));
	});

	it.each(savedNodes)('%s: its resource and operation exist, no parameter issues, none dropped', (_name, node) =>
		expectImportsAsSaved(description, node),
	);
});
