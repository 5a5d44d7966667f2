import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { boundedTexts, textOf } from '../../helpers/api';
import type { BusinessProcessInput } from '../../helpers/processAuthoringClient';

/**
 * The longest text each property takes (SAP-samples/cloud-alm-api-examples
 * jupyternotebooks/calm-process-authoring-api-v1.ipynb, "Business Process spec"), checked before any call.
 */
const TEXT_LIMITS = { name: { label: 'Name', max: 500 }, description: { label: 'Description', max: 5000 } };

/** The text properties in `raw` (trimmed, empty left out), each refused when longer than SAP takes. */
export function businessProcessTexts(this: IExecuteFunctions, raw: IDataObject, i: number): BusinessProcessInput {
	return boundedTexts.call(this, raw, TEXT_LIMITS, i);
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
