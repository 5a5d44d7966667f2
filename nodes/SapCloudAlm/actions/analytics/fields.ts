import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { textOf } from '../../helpers/api';
import { INPUT_STEP } from '../../helpers/validation';

/** n8n's "Simplify" switch: `what` says what the simplified output keeps. */
export const simplifyField = (what: string): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: `Whether to return only the ${what} instead of the raw data`,
});

/** A provider name as it goes into a path or a body: letters, digits and underscores (DP_TASKS, Tasks). */
export function providerName(this: IExecuteFunctions, name: string, label: string, i: number): string {
	const text = textOf.call(this, this.getNodeParameter(name, i, ''), label, i);
	if (!/^[A-Za-z]\w*$/.test(text)) {
		throw new NodeOperationError(this.getNode(), text ? `${label} "${text}" is not a provider name (letters, digits and _ only)` : `${label} is empty`, {
			itemIndex: i,
			description: `Step: ${INPUT_STEP}\nField: ${label}`,
		});
	}
	return text;
}

/** A comma-separated list of field names; refuses anything that is not one. */
export function fieldList(this: IExecuteFunctions, value: unknown, label: string, i: number): string[] {
	const names = textOf.call(this, value, label, i).split(',').map((s) => s.trim()).filter(Boolean);
	const wrong = names.find((n) => !/^[A-Za-z_]\w*$/.test(n));
	if (wrong !== undefined) {
		throw new NodeOperationError(this.getNode(), `${label}: "${wrong}" is not a field name`, {
			itemIndex: i,
			description: `Step: ${INPUT_STEP}\nField: ${label}. Separate field names with commas, e.g. typeID,status`,
		});
	}
	return names;
}
