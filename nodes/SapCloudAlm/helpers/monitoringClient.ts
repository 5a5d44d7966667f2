/**
 * SAP Cloud ALM raw-data APIs: push OpenTelemetry metrics and logs into Cloud ALM monitoring (inbound)
 * and read metrics back (outbound). The one place their paths and queries are built and their
 * OTLP/JSON bodies are shaped; the CloudAlmClient exposes it as `session.calm.monitoring`.
 *
 * Outbound: `GET /calm-metrics/v1/metrics` (scope calm-api.metrics.read; mandatory provider, metrics,
 * dimensions; formats text, protobuf-binary, protobuf-json — SAP Community ba-p/13559270), with the
 * parameters SAP's own requests send (SAP-samples/cloud-alm-api-examples postmancollections/analytics
 * "Raw Data - Metrics": version=V1, period, prefix, resolution, metrics=measure:<name>,…,
 * format=protobuf-json, limit, offset, onLimit=TRUNCATE, a dimension as a filter parameter). What
 * `limit` counts is not published; the node pages as if it counts series (one resourceMetrics
 * metric × attribute set) and stops at a short page, so a server counting otherwise still ends.
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
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { restList, type ListLimit } from './paging';
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

/** The query parameters the outbound metrics API takes besides dimension filters (SAP's requests). */
export const METRICS_QUERY_PARAMETERS = ['version', 'period', 'provider', 'dimensions', 'prefix', 'resolution', 'metrics', 'shift', 'format', 'preserveTimeStamp', 'limit', 'offset', 'onLimit'];

/** A read of the raw-data outbound metrics API. */
export interface MetricsQuery {
	/** hm, rum, jam, exm, bsm, sum, cpi, … */
	provider: string;
	/** measure names; each is sent as `measure:<name>` */
	measures: string[];
	dimensions: string[];
	/** e.g. L1H, C24H, L7D */
	period?: string;
	/** e.g. 5Mi, 1H */
	resolution?: string;
	/** dimension = value */
	filters: Record<string, string>;
}

/** An OTLP AnyValue's value ({stringValue: "x"} → "x"). */
const valueOf = (v: unknown): IDataObject[string] => (v && typeof v === 'object' ? Object.values(v as IDataObject)[0] : (v as IDataObject[string]));
const pairsOf = (list: unknown): IDataObject =>
	Object.fromEntries((Array.isArray(list) ? (list as IDataObject[]) : []).map((kv) => [String(kv.key), valueOf(kv.value)]));
const isoOfNanos = (t: unknown) => ((typeof t === 'string' && /^\d+$/.test(t)) || (typeof t === 'number' && Number.isInteger(t)) ? new Date(Number(BigInt(t) / BigInt(1_000_000))).toISOString() : null);

/**
 * An OTLP/JSON ExportMetricsServiceRequest as one item per time series: the metric, its dimensions
 * (the data points' attributes), the resource's attributes and the points `{time, value}`.
 */
export function metricSeries(body: unknown, fail: (message: string) => Error): IDataObject[] {
	if (body === null || body === undefined || body === '') return [];
	const resourceMetrics = (body as IDataObject).resourceMetrics;
	if (resourceMetrics === undefined) return [];
	if (!Array.isArray(resourceMetrics)) throw fail('SAP Cloud ALM answered GET /calm-metrics/v1/metrics with something that is not OTLP JSON (no resourceMetrics array)');
	const out: IDataObject[] = [];
	for (const rm of resourceMetrics as IDataObject[]) {
		const resource = pairsOf((rm.resource as IDataObject | undefined)?.attributes);
		for (const sm of (rm.scopeMetrics as IDataObject[] | undefined) ?? []) {
			for (const metric of (sm.metrics as IDataObject[] | undefined) ?? []) {
				const kind = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'].find((k) => k in metric) ?? 'gauge';
				const bySeries = new Map<string, IDataObject>();
				for (const dp of ((metric[kind] as IDataObject | undefined)?.dataPoints as IDataObject[] | undefined) ?? []) {
					const dimensions = pairsOf(dp.attributes);
					const key = JSON.stringify(dimensions);
					let series = bySeries.get(key);
					if (!series) {
						series = { metric: metric.name, ...(metric.unit ? { unit: metric.unit } : {}), kind, dimensions, resource, dataPoints: [] as IDataObject[] };
						bySeries.set(key, series);
					}
					const value = dp.asDouble ?? (dp.asInt !== undefined ? Number(dp.asInt) : (dp.sum ?? dp.count ?? null));
					(series.dataPoints as IDataObject[]).push({ time: isoOfNanos(dp.timeUnixNano), value: value as number | null });
				}
				out.push(...bySeries.values());
			}
		}
	}
	return out;
}

export class MonitoringClient {
	constructor(private readonly session: CloudAlmSession) {}

	/** An OTLP/JSON ExportMetricsServiceRequest, as built by metricsRequest or given raw. */
	async sendMetrics(body: IDataObject): Promise<IDataObject> {
		return ((await calmRequest(this.session, { method: 'POST', path: METRICS, body })) ?? {}) as IDataObject;
	}

	/** Time series of a provider (outbound API), paged by offset/limit until a short page. */
	async getMetrics(query: MetricsQuery, limit: ListLimit): Promise<IDataObject[]> {
		const qs: IDataObject = {
			version: 'V1',
			provider: query.provider,
			prefix: query.provider,
			metrics: query.measures.map((m) => `measure:${m}`).join(','),
			dimensions: query.dimensions.join(','),
			format: 'protobuf-json',
			onLimit: 'TRUNCATE',
			...(query.period ? { period: query.period } : {}),
			...(query.resolution ? { resolution: query.resolution } : {}),
			...query.filters,
		};
		const fail = (message: string) => new NodeOperationError(this.session.node, message);
		return await restList(this.session, METRICS, qs, limit, (body) => metricSeries(body, fail));
	}

	/** An OTLP/JSON ExportLogsServiceRequest, as built by logsRequest or given raw. */
	async sendLogs(body: IDataObject): Promise<IDataObject> {
		return ((await calmRequest(this.session, { method: 'POST', path: LOGS, body })) ?? {}) as IDataObject;
	}
}
