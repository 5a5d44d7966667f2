import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { boundedTexts } from '../../helpers/api';

/**
 * The longest text each property takes (SAP-samples/cloud-alm-api-examples
 * jupyternotebooks/calm-process-authoring-api-v1.ipynb, "Solution Process spec"), checked before any call.
 */
const TEXT_LIMITS = {
	name: { label: 'Name', max: 500 },
	description: { label: 'Description', max: 5000 },
	countries: { label: 'Countries', max: 5000 },
	externalId: { label: 'External ID', max: 40 },
};

/** The text properties in `raw` (trimmed, empty left out), each refused when longer than SAP takes. */
export function processTexts(this: IExecuteFunctions, raw: IDataObject, i: number): IDataObject {
	return boundedTexts.call(this, raw, TEXT_LIMITS, i);
}
