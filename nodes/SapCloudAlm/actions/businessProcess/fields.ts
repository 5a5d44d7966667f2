import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { textOf } from '../../helpers/api';
import type { BusinessProcessInput } from '../../helpers/processAuthoringClient';

/**
 * The longest text each property takes (SAP-samples/cloud-alm-api-examples
 * jupyternotebooks/calm-process-authoring-api-v1.ipynb, "Business Process spec"), checked before any call.
 */
export const MAX_LENGTH = { name: 500, description: 5000 } as const;

const LABELS: Record<keyof typeof MAX_LENGTH, string> = { name: 'Name', description: 'Description' };

/** The text properties in `raw` (trimmed, empty left out), each refused when longer than SAP takes. */
export function businessProcessTexts(this: IExecuteFunctions, raw: IDataObject, i: number): BusinessProcessInput {
	const out: BusinessProcessInput = {};
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

/**
 * If-Match for Update and Delete (SAP's notebook: a single GET answers the etag that PATCH and DELETE send; a stale
 * one answers 412). Empty: the node reads the current one first.
 */
export const etagField: INodeProperties = {
	displayName: 'ETag',
	name: 'etag',
	type: 'string',
	default: '',
	placeholder: 'e.g. W/"b1a70000-0000-4000-8000-000000000001-1"',
	description:
		"The business process's etag as Get returns it. Leave empty and the node reads the current one first; give the one you read to fail (412) when someone changed the business process since.",
};

/** The ETag parameter, trimmed ('' when not given). */
export function etagOf(this: IExecuteFunctions, i: number): string {
	return textOf.call(this, this.getNodeParameter('etag', i, ''), 'ETag', i);
}
