import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { CloudAlmSession } from '../../helpers/api';
import { logsRequest, type LogEntry } from '../../helpers/monitoringClient';
import { attributesField, attributesOf, otlpOrFields, rawOtlpBody, requiredText, resourceAttributesField, serviceNameField, timeOf, timestampOption } from './fields';

/** OpenTelemetry's SeverityNumber of each level's first step (logs data model: TRACE 1 … FATAL 21). */
const SEVERITIES: Record<string, number> = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 };

const properties: INodeProperties[] = otlpOrFields('resourceLogs', 'ExportLogsServiceRequest: resourceLogs → scopeLogs → logRecords', [
	serviceNameField,
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'e.g. Workflow "Order sync" failed: timeout',
	},
	{
		displayName: 'Severity',
		name: 'severity',
		type: 'options',
		options: ['Debug', 'Error', 'Fatal', 'Info', 'Trace', 'Warn'].map((s) => ({ name: s, value: s.toUpperCase() })),
		default: 'ERROR',
	},
	attributesField,
	resourceAttributesField,
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [timestampOption] },
]);

export const description = updateDisplayOptions({ show: { resource: ['monitoring'], operation: ['sendLogs'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const otlp = rawOtlpBody.call(this, 'resourceLogs', i);
	if (otlp) return { sent: true, ...(await session.calm.monitoring.sendLogs(otlp)) };
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const severityText = String(this.getNodeParameter('severity', i, 'ERROR')).toUpperCase();
	const entry: LogEntry = {
		serviceName: requiredText.call(this, 'serviceName', 'Service Name', i),
		message: requiredText.call(this, 'message', 'Message', i),
		severityNumber: SEVERITIES[severityText] ?? SEVERITIES.ERROR,
		severityText: SEVERITIES[severityText] ? severityText : 'ERROR',
		attributes: attributesOf.call(this, 'attributes', 'Attributes', i),
		resourceAttributes: attributesOf.call(this, 'resourceAttributes', 'Resource Attributes', i),
		time: timeOf.call(this, options.timestamp, i),
	};
	await session.calm.monitoring.sendLogs(logsRequest([entry]));
	return { sent: true, severity: entry.severityText, message: entry.message, timestamp: new Date(entry.time).toISOString() };
}
