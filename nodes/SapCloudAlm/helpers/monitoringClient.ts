/**
 * SAP Cloud ALM raw-data INBOUND APIs: push OpenTelemetry metrics and logs into Cloud ALM
 * monitoring. The one place their paths are built and their OTLP/JSON bodies are shaped; the
 * CloudAlmClient exposes it as `session.calm.monitoring`.
 *
 * SAP Community "SAP Cloud ALM Raw Data Metrics API" (ba-p/13559270): `POST /calm-metrics/v1/metrics`
 * ingests metrics in OpenTelemetry format; help.sap.com API Guide for SAP Cloud ALM → "Raw Data
 * Inbound Metrics API" and "Raw Data Inbound Logs API" (`/calm-logs/v1/logs`). Bodies follow
 * opentelemetry-proto's OTLP/JSON mapping (ExportMetricsServiceRequest, ExportLogsServiceRequest):
 * times as strings of nanoseconds, attributes as `{key, value: {stringValue|intValue|doubleValue|boolValue}}`.
 * Scopes (SAP's API Scopes table lists them as "RAW Inbound Data"; which one each path needs is
 * inferred): metrics calm-api.hm.write, logs calm-api.exm.write.
 *
 * Event situations: SAP lists an "Event Situations API" and the scope calm-api.event-situations.write,
 * but publishes no path we could verify, so the node sends none.
 */
import type { IDataObject } from 'n8n-workflow';
import { calmRequest } from './request';
import type { CloudAlmSession } from './session';

const METRICS = '/calm-metrics/v1/metrics';
const LOGS = '/calm-logs/v1/logs';

/** The instrumentation scope the node reports as (OTLP InstrumentationScope). */
const SCOPE = { name: 'n8n-nodes-sap-cloud-alm' };

export type AttributeValue = string | number | boolean;

export interface MetricPoint {
	serviceName: string;
	name: string;
	value: number;
	unit?: string;
	/** gauge: a value at a time; sum: a cumulative count */
	kind: 'gauge' | 'sum';
	attributes: Record<string, AttributeValue>;
	resourceAttributes: Record<string, AttributeValue>;
	/** epoch milliseconds */
	time: number;
}

export interface LogEntry {
	serviceName: string;
	message: string;
	/** OpenTelemetry SeverityNumber (1–24) and its text */
	severityNumber: number;
	severityText: string;
	attributes: Record<string, AttributeValue>;
	resourceAttributes: Record<string, AttributeValue>;
	time: number;
}

/** An OTLP/JSON AnyValue. Integers go as intValue (a string of digits, as the JSON mapping says). */
function anyValue(v: AttributeValue): IDataObject {
	if (typeof v === 'boolean') return { boolValue: v };
	if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
	return { stringValue: v };
}

const keyValues = (attrs: Record<string, AttributeValue>): IDataObject[] => Object.entries(attrs).map(([key, v]) => ({ key, value: anyValue(v) }));

/** Milliseconds → OTLP's nanoseconds, as a string (beyond 2^53, so no arithmetic on numbers). */
const nanos = (ms: number) => `${Math.round(ms)}000000`;

const resourceOf = (serviceName: string, attrs: Record<string, AttributeValue>) => ({
	attributes: keyValues({ 'service.name': serviceName, ...attrs }),
});

export function metricsRequest(points: MetricPoint[]): IDataObject {
	return {
		resourceMetrics: points.map((p) => {
			const dataPoint: IDataObject = { timeUnixNano: nanos(p.time), attributes: keyValues(p.attributes) };
			if (Number.isInteger(p.value)) dataPoint.asInt = String(p.value);
			else dataPoint.asDouble = p.value;
			const data: IDataObject = { dataPoints: [dataPoint] };
			// a sum the node sends is one cumulative, monotonic reading (OTLP AGGREGATION_TEMPORALITY_CUMULATIVE = 2)
			if (p.kind === 'sum') Object.assign(data, { aggregationTemporality: 2, isMonotonic: true });
			return {
				resource: resourceOf(p.serviceName, p.resourceAttributes),
				scopeMetrics: [{ scope: SCOPE, metrics: [{ name: p.name, ...(p.unit ? { unit: p.unit } : {}), [p.kind]: data }] }],
			};
		}),
	};
}

export function logsRequest(entries: LogEntry[]): IDataObject {
	return {
		resourceLogs: entries.map((e) => ({
			resource: resourceOf(e.serviceName, e.resourceAttributes),
			scopeLogs: [
				{
					scope: SCOPE,
					logRecords: [
						{
							timeUnixNano: nanos(e.time),
							severityNumber: e.severityNumber,
							severityText: e.severityText,
							body: { stringValue: e.message },
							attributes: keyValues(e.attributes),
						},
					],
				},
			],
		})),
	};
}

export class MonitoringClient {
	constructor(private readonly session: CloudAlmSession) {}

	/** An OTLP/JSON ExportMetricsServiceRequest, as built by metricsRequest or given raw. */
	async sendMetrics(body: IDataObject): Promise<IDataObject> {
		return ((await calmRequest(this.session, { method: 'POST', path: METRICS, body })) ?? {}) as IDataObject;
	}

	/** An OTLP/JSON ExportLogsServiceRequest, as built by logsRequest or given raw. */
	async sendLogs(body: IDataObject): Promise<IDataObject> {
		return ((await calmRequest(this.session, { method: 'POST', path: LOGS, body })) ?? {}) as IDataObject;
	}
}
