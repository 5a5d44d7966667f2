import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { CloudAlmSession } from '../../helpers/api';
import { metricsRequest, type MetricPoint } from '../../helpers/monitoringClient';
import { INPUT_STEP } from '../../helpers/validation';
import { listOptionsCollection, sortedFields } from '../common.descriptions';
import { attributesField, attributesOf, otlpOrFields, rawOtlpBody, requiredText, resourceAttributesField, serviceNameField, timeOf, timestampOption } from './fields';

const properties: INodeProperties[] = otlpOrFields('resourceMetrics', 'ExportMetricsServiceRequest: resourceMetrics → scopeMetrics → metrics', [
	serviceNameField,
	{
		displayName: 'Metric Name',
		name: 'metricName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. n8n.workflow.failures',
	},
	{ displayName: 'Value', name: 'value', type: 'number', default: 0, typeOptions: { numberPrecision: 6 } },
	attributesField,
	resourceAttributesField,
	listOptionsCollection(sortedFields([
		{
			displayName: 'Metric Type',
			name: 'kind',
			type: 'options',
			options: [
				{ name: 'Gauge', value: 'gauge', description: 'A value at a point in time, e.g. a queue length' },
				{ name: 'Sum', value: 'sum', description: 'A cumulative count, e.g. failures so far' },
			],
			default: 'gauge',
		},
		timestampOption,
		{ displayName: 'Unit', name: 'unit', type: 'string', default: '', placeholder: 'e.g. ms', description: 'The unit, in UCUM as OpenTelemetry expects (1, ms, By, %)' },
	])),
]);

export const description = updateDisplayOptions({ show: { resource: ['monitoring'], operation: ['sendMetrics'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const otlp = rawOtlpBody.call(this, 'resourceMetrics', i);
	if (otlp) return { sent: true, ...(await session.calm.monitoring.sendMetrics(otlp)) };
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const raw = this.getNodeParameter('value', i, 0) as unknown;
	const value = typeof raw === 'string' && raw.trim() ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new NodeOperationError(this.getNode(), `Value "${String(raw)}" is not a number`, { itemIndex: i, description: `Step: ${INPUT_STEP}\nField: Value` });
	}
	const point: MetricPoint = {
		serviceName: requiredText.call(this, 'serviceName', 'Service Name', i),
		name: requiredText.call(this, 'metricName', 'Metric Name', i),
		value,
		unit: typeof options.unit === 'string' && options.unit.trim() ? options.unit.trim() : undefined,
		kind: options.kind === 'sum' ? 'sum' : 'gauge',
		attributes: attributesOf.call(this, 'attributes', 'Attributes', i),
		resourceAttributes: attributesOf.call(this, 'resourceAttributes', 'Resource Attributes', i),
		time: timeOf.call(this, options.timestamp, i),
	};
	await session.calm.monitoring.sendMetrics(metricsRequest([point]));
	return { sent: true, metric: point.name, value: point.value, timestamp: new Date(point.time).toISOString() };
}
