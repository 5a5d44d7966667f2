import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { textOf } from '../../helpers/api';

/**
 * The longest text each property takes (SAP-samples/cloud-alm-api-examples
 * jupyternotebooks/calm-process-authoring-api-v1.ipynb, "Solution Process spec"), checked before any call.
 */
export const MAX_LENGTH = { name: 500, description: 5000, countries: 5000, externalId: 40 } as const;

const LABELS: Record<keyof typeof MAX_LENGTH, string> = { name: 'Name', description: 'Description', countries: 'Countries', externalId: 'External ID' };

/** The text properties in `raw` (trimmed, empty left out), each refused when longer than SAP takes. */
export function processTexts(this: IExecuteFunctions, raw: IDataObject, i: number): IDataObject {
	const out: IDataObject = {};
	for (const key of Object.keys(MAX_LENGTH) as Array<keyof typeof MAX_LENGTH>) {
		if (raw[key] === undefined) continue;
		const text = textOf.call(this, raw[key], LABELS[key], i);
		if (text.length > MAX_LENGTH[key]) {
			throw new NodeOperationError(this.getNode(), `${LABELS[key]} is ${text.length} characters long; SAP Cloud ALM takes at most ${MAX_LENGTH[key]}`, {
				itemIndex: i,
				description: `Field: ${LABELS[key]}. Shorten it to ${MAX_LENGTH[key]} characters or fewer.`,
			});
		}
		if (text) out[key] = text;
	}
	return out;
}
