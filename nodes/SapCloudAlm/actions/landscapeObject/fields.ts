import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { textOf } from '../../helpers/api';
import { INPUT_STEP } from '../../helpers/validation';

/**
 * Object types of the landscape (a third-party BTP Cloud ALM MCP server's TypeEnum; the same three
 * as the status events' `type`). Other values are accepted by expression.
 */
export const OBJECT_TYPES = [
	{ name: 'Business Service', value: 'BusinessService' },
	{ name: 'Cloud Service', value: 'CloudService' },
	{ name: 'Technical System', value: 'TechnicalSystem' },
];

/** The lmsId of the Landscape Object locator; it goes into the query, so it only has to be text. */
export function requireLmsId(this: IExecuteFunctions, i: number): string {
	const id = textOf.call(this, this.getNodeParameter('lmsId', i, '', { extractValue: true }), 'Landscape Object', i);
	if (!id) {
		throw new NodeOperationError(this.getNode(), 'Landscape Object is empty', {
			itemIndex: i,
			description: `Step: ${INPUT_STEP}\nField: Landscape Object. Pick one From List, or give its lmsId (Get Many returns it).`,
		});
	}
	return id;
}
