import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { textOf } from '../../helpers/api';
import type { AttributeValue } from '../../helpers/monitoringClient';
import { INPUT_STEP } from '../../helpers/validation';

/** Fields shared by Send Metrics, Send Logs and Get Metrics, and their checks (all before any call). */

const inputField: INodeProperties = {
	displayName: 'Input',
	name: 'input',
	type: 'options',
	options: [
		{ name: 'Fields', value: 'fields', description: 'Fill in the fields below; the node builds the OpenTelemetry payload' },
		{ name: 'OpenTelemetry JSON', value: 'json', description: 'Send an OTLP/JSON export request as it is' },
	],
	default: 'fields',
};

export const serviceNameField: INodeProperties = {
	displayName: 'Service Name',
	name: 'serviceName',
	type: 'string',
	required: true,
	default: 'n8n',
	placeholder: 'e.g. n8n-production',
	description: 'What the data is about, sent as the OpenTelemetry resource attribute service.name',
};

const pairs = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Attribute',
	default: {},
	description,
	options: [
		{
			displayName: 'Attribute',
			name: 'attribute',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'e.g. workflow.name' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. Order sync' },
			],
		},
	],
});

export const attributesField = pairs('Attributes', 'attributes', 'Key-value pairs of this data point or log record');
export const resourceAttributesField = pairs(
	'Resource Attributes',
	'resourceAttributes',
	'Key-value pairs of the sender (OpenTelemetry resource), besides service.name, e.g. host.name',
);

export const timestampOption: INodeProperties = {
	displayName: 'Timestamp',
	name: 'timestamp',
	type: 'dateTime',
	default: '',
	description: 'When it happened; now when empty',
};

export function refuse(ctx: IExecuteFunctions, message: string, i: number, field: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description: `Step: ${INPUT_STEP}\nField: ${field}` });
}

/** The key-value pairs of a fixed collection; an empty key is refused, an empty value kept. */
export function attributesOf(this: IExecuteFunctions, name: string, label: string, i: number): Record<string, AttributeValue> {
	const raw = this.getNodeParameter(name, i, {}) as { attribute?: Array<{ key?: unknown; value?: unknown }> };
	const out: Record<string, AttributeValue> = {};
	for (const [n, pair] of (raw.attribute ?? []).entries()) {
		const key = textOf.call(this, pair.key, `${label} > Key`, i);
		if (!key) throw refuse(this, `${label}: attribute ${n + 1} has no key`, i, `${label} > Key`);
		const v = pair.value;
		out[key] = typeof v === 'number' || typeof v === 'boolean' ? v : textOf.call(this, v, `${label} > Value`, i);
	}
	return out;
}

/** An n8n dateTime as epoch milliseconds; now when empty. */
export function timeOf(this: IExecuteFunctions, value: unknown, i: number): number {
	if (value === undefined || value === null || value === '') return Date.now();
	const text =
		value instanceof Date ? value.toISOString() : typeof (value as { toISO?: unknown }).toISO === 'function' ? String((value as { toISO: () => string }).toISO()) : textOf.call(this, value, 'Timestamp', i);
	const t = Date.parse(text);
	if (Number.isNaN(t)) throw refuse(this, `Timestamp "${text}" is not a date and time`, i, 'Options > Timestamp. Use ISO 8601, e.g. 2026-03-01T08:00:00Z.');
	return t;
}

export function requiredText(this: IExecuteFunctions, name: string, label: string, i: number): string {
	const text = textOf.call(this, this.getNodeParameter(name, i, ''), label, i);
	if (!text) throw refuse(this, `${label} is empty`, i, label);
	return text;
}

type OtlpList = 'resourceMetrics' | 'resourceLogs';

/**
 * The UI of Send Metrics / Send Logs: Input (Fields or OpenTelemetry JSON), the operation's own
 * fields shown for Fields, and the OTLP JSON field shown for OpenTelemetry JSON.
 */
export function otlpOrFields(listKey: OtlpList, request: string, fields: INodeProperties[]): INodeProperties[] {
	return [
		inputField,
		...fields.map((field) => ({ ...field, displayOptions: { show: { input: ['fields'] } } })),
		{
			displayName: 'OpenTelemetry JSON',
			name: 'otlpJson',
			type: 'json',
			required: true,
			default: `{\n  "${listKey}": []\n}`,
			description: `An OTLP/JSON ${request}`,
			displayOptions: { show: { input: ['json'] } },
		},
	];
}

/** The raw OTLP JSON body when Input is OpenTelemetry JSON (checked); undefined when it is Fields. */
export function rawOtlpBody(this: IExecuteFunctions, listKey: OtlpList, i: number): IDataObject | undefined {
	return this.getNodeParameter('input', i, 'fields') === 'json' ? otlpJson.call(this, listKey, i) : undefined;
}

/**
 * The OTLP JSON field: an object whose `listKey` (resourceMetrics, resourceLogs) is a non-empty
 * array. Deeper checks are SAP's; this only stops what cannot be an export request.
 */
function otlpJson(this: IExecuteFunctions, listKey: OtlpList, i: number): IDataObject {
	let value = this.getNodeParameter('otlpJson', i, '') as unknown;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch (error) {
			throw refuse(this, `OpenTelemetry JSON is not valid JSON: ${(error as Error).message}`, i, 'OpenTelemetry JSON');
		}
	}
	const list = value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject)[listKey] : undefined;
	if (!Array.isArray(list) || list.length === 0) {
		throw refuse(this, `OpenTelemetry JSON needs a non-empty "${listKey}" array`, i, 'OpenTelemetry JSON');
	}
	return value as IDataObject;
}
