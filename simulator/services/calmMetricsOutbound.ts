/**
 * SAP Cloud ALM raw-data OUTBOUND metrics API: `GET /api/calm-metrics/v1/metrics` reads the metrics
 * of Cloud ALM's monitoring use cases as OpenTelemetry (the same path's POST is the inbound API,
 * calmMonitoring.ts).
 *
 * Sources: SAP Community "SAP ALM API & Integration: SAP Cloud ALM Raw Data Metrics API"
 * (ba-p/13559270): `GET /calm-metrics/v1/metrics`, scope `calm-api.metrics.read`; it "translates the
 * results of the SAP Cloud ALM Analytics API into output compatible with the Open Telemetry
 * Protocol"; formats text, protobuf-binary, protobuf-json; mandatory parameters `provider`,
 * `metrics`, `dimensions`; "the number of data points … depends on the period and time resolution".
 * SAP-samples/cloud-alm-api-examples postmancollections/analytics ("Raw Data - Metrics", 20
 * requests): `version=V1&period=L1H|C24H&provider=<p>&dimensions=<d1,d2…>&prefix=<p>&resolution=5Mi&
 * metrics=measure:<m1>,measure:<m2>&shift=1&format=protobuf-json&preserveTimeStamp=true&limit=10&
 * offset=0&onLimit=TRUNCATE`, a dimension as a filter parameter (`serviceType=SAP_S4HANA`,
 * `serviceId=…`, `metricId=…`); the providers, their dimensions and measures below are exactly
 * those requests'.
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md, certainty "inferred"):
 * only `format=protobuf-json` is produced (text and protobuf-binary answer 501, said so); a missing
 * format is protobuf-json; `limit`/`offset` count time series (one measure × one combination of the
 * requested dimensions), default limit 100, at most 1000, and `onLimit` only TRUNCATE is simulated;
 * each series is one `resourceMetrics` entry whose metric is named `<prefix>_<measure>` (prefix
 * defaults to the provider) with one gauge data point per resolution step, its attributes the
 * requested dimensions; series that share the requested dimensions are averaged; a filter
 * parameter that is not a dimension of the provider is ignored (the Analytics API it translates
 * drops unknown filters silently, consetto/calmcp src/tools/analyticsFilter.ts); `period`
 * `L<n>`/`C<n>` + Mi|H|D|W|M back from now (default L1H), `resolution` `<n>` + Mi|H|D|W|M
 * (default 5Mi, never longer than the period). Provider `hm` holds three seeded services' CPU and
 * memory plus every gauge or sum data point pushed through the inbound API (service.name →
 * serviceName, metric name → metricName and metricLabel, measure `value`); the other providers are
 * empty.
 */
import { SimError, type Router, type SimRequest } from '../http';
import type { SimContext } from '../state';
import { requireScope } from './calmService';

export const METRICS_OUTBOUND_PATH = '/api/calm-metrics/v1/metrics';
export const METRICS_READ = 'calm-api.metrics.read';
export const METRICS_DEFAULT_LIMIT = 100;
export const METRICS_MAX_LIMIT = 1000;

const IM_COUNT = ['Count'];
/** provider → its dimensions and measures, as SAP's "Raw Data - Metrics" requests read them */
export const METRIC_PROVIDERS: Record<string, { dimensions: string[]; measures: string[] }> = {
	hm: { dimensions: ['serviceType', 'serviceName', 'serviceId', 'metricId', 'metricName', 'metricLabel'], measures: ['value', 'usage', 'okStatus', 'warningStatus', 'criticalStatus'] },
	rum: { dimensions: ['request', 'requestType', 'serviceType', 'serviceName', 'serviceId'], measures: ['okStatus', 'requests', 'users', 'responseTime'] },
	jam: { dimensions: ['serviceId', 'serviceName', 'serviceType', 'serviceTypeLabel', 'jobType', 'jobTypeLabel', 'jobName', 'jobId'], measures: ['executions', 'runTime'] },
	bsm: {
		dimensions: ['type', 'serviceType', 'serviceName', 'serviceDescription', 'serviceID', 'eventType', 'eventStatus', 'eventName', 'eventDescription', 'eventSource', 'eventStartTime', 'eventEndTime'],
		measures: ['counter', 'duration'],
	},
	sum: {
		dimensions: ['scenarioId', 'scenarioName', 'runnerId', 'runnerName', 'businessServiceId', 'businessServiceName'],
		measures: ['notAvailable', 'available', 'availabilityNotRated', 'executions', 'criticalPerformance', 'poorPerformance', 'goodPerformance', 'performanceNotRated', 'responseTime'],
	},
	exm: { dimensions: ['serviceId', 'serviceName', 'categoryId', 'categoryName', 'serviceType'], measures: ['counter'] },
	cpi: { dimensions: ['ServiceName', 'serviceId', 'IntegrationArtifactName', 'StatusGroup', 'Status'], measures: IM_COUNT },
	concur: { dimensions: ['ServiceName', 'Direction', 'ConcurCompanyID', 'SAPSystemId', 'SAPSystemType', 'Connection', 'ObjectType', 'StatusGroup', 'Status', 'serviceId'], measures: IM_COUNT },
	sf: { dimensions: ['ServiceName', 'SourceInterface', 'DestinationInterface', 'IntegrationName', 'Direction', 'StatusGroup', 'serviceId'], measures: IM_COUNT },
	aif: { dimensions: ['ServiceName', 'Direction', 'Category', 'Namespace', 'Interface', 'Version', 'StatusGroup', 'Status', 'serviceId'], measures: IM_COUNT },
	aribacig: { dimensions: ['ServiceName', 'ComponentName', 'StatusGroup', 'Status', 'serviceId'], measures: IM_COUNT },
	aribanet: {
		dimensions: ['ServiceName', 'ComponentName', 'EventName', 'SenderNetworkId', 'ReceiverNetworkId', 'SenderName', 'ReceiverName', 'Direction', 'StatusGroup', 'Status', 'serviceId'],
		measures: IM_COUNT,
	},
	aribaproc: { dimensions: ['ServiceName', 'ComponentName', 'EventName', 'Direction', 'StatusGroup', 'Status', 'serviceId'], measures: IM_COUNT },
	aribasrc: { dimensions: ['ServiceName', 'ComponentName', 'EventName', 'Direction', 'StatusGroup', 'Status', 'serviceId'], measures: IM_COUNT },
	c4c: { dimensions: ['ServiceName', 'Direction', 'InboundInterface', 'OutboundInterface', 'StatusGroup', 'Status', 'serviceId'], measures: IM_COUNT },
	ws: {
		dimensions: ['ServiceName', 'StateGroup', 'SenderInterfaceName', 'SenderInterfaceNameSpace', 'ReceiverInterfaceName', 'ReceiverInterfaceNameSpace', 'Direction', 'Mandant', 'StatusGroup', 'serviceId'],
		measures: IM_COUNT,
	},
	fg: { dimensions: ['ServiceName', 'CategoryType', 'Direction', 'StatusGroup', 'serviceId'], measures: IM_COUNT },
	mdi: { dimensions: ['ServiceName', 'ServiceRole', 'CommunicationScenario', 'ObjectTypes', 'Direction', 'StatusGroup', 'serviceId'], measures: IM_COUNT },
	mobsrv: { dimensions: ['ServiceName', 'ApplicationID', 'Feature', 'Direction', 'StatusGroup', 'serviceId'], measures: IM_COUNT },
	idoc: {
		dimensions: ['ServiceName', 'MessageType', 'SenderPort', 'SenderParticipantNumber', 'ReceiverPort', 'ReceiverParticipantNumber', 'Direction', 'Mandant', 'StatusGroup', 'serviceId'],
		measures: IM_COUNT,
	},
};

/** The query parameters that are not dimension filters (SAP's requests). */
const CONTROL = new Set(['version', 'period', 'provider', 'dimensions', 'prefix', 'resolution', 'metrics', 'shift', 'format', 'preserveTimeStamp', 'limit', 'offset', 'onLimit']);

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { Mi: MINUTE, H: 60 * MINUTE, D: 1440 * MINUTE, W: 7 * 1440 * MINUTE, M: 30 * 1440 * MINUTE };

/** One recorded value: its dimensions, measure, time and value. */
interface Sample {
	dims: Record<string, string>;
	measure: string;
	time: number;
	value: number;
}

const bad = (message: string) => new SimError(400, 'BadRequest', message);

function list(req: SimRequest, name: string): string[] {
	const raw = req.query.get(name);
	if (raw === null || !raw.trim()) throw bad(`Parameter '${name}' is mandatory`);
	return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

function span(raw: string, name: string, pattern: RegExp, example: string): number {
	const m = pattern.exec(raw);
	if (!m) throw bad(`Parameter '${name}' '${raw}' is not valid, e.g. ${example}`);
	return Number(m[1]) * UNIT_MS[m[2]];
}

function count(req: SimRequest, name: string, fallback: number): number {
	const raw = req.query.get(name);
	if (raw === null) return fallback;
	if (!/^\d+$/.test(raw)) throw bad(`Parameter '${name}' must be a non-negative integer, got '${raw}'`);
	return Number(raw);
}

const SEEDED_HM = [
	{ serviceType: 'SAP_S4HANA', serviceName: 'S/4HANA Cloud PRD', serviceId: '7a1c0000-0000-4000-8000-000000000001' },
	{ serviceType: 'SAP_S4HANA', serviceName: 'S/4HANA Cloud QAS', serviceId: '7a1c0000-0000-4000-8000-000000000004' },
	{ serviceType: 'SAP_BTP_ABAP', serviceName: 'BTP ABAP DEV', serviceId: '7a1c0000-0000-4000-8000-000000000005' },
];

/** Seeded health-monitoring samples: each service's CPU and memory every 5 minutes over the last 7 days. */
function seededHm(now: number, from: number): Sample[] {
	const out: Sample[] = [];
	const start = Math.max(from, now - 7 * UNIT_MS.D);
	const first = Math.ceil(start / (5 * MINUTE)) * 5 * MINUTE;
	SEEDED_HM.forEach((service, s) => {
		for (const [m, metricName] of ['CPU Usage', 'Memory Usage'].entries()) {
			const dims = { ...service, metricId: `${service.serviceId.slice(0, 30)}${s}${m}`, metricName, metricLabel: metricName };
			for (let t = first; t <= now; t += 5 * MINUTE) {
				const value = 20 + ((t / (5 * MINUTE) + s * 7 + m * 3) % 50);
				out.push({ dims, measure: 'value', time: t, value });
				out.push({ dims, measure: 'okStatus', time: t, value: value < 60 ? 1 : 0 });
			}
		}
	});
	return out;
}

type Json = Record<string, unknown>;
const attrsOf = (o: unknown): Record<string, unknown> => {
	const out: Record<string, unknown> = {};
	const list = (o as { attributes?: unknown })?.attributes;
	if (Array.isArray(list)) for (const kv of list as Array<{ key: string; value: Json }>) out[kv.key] = Object.values(kv.value ?? {})[0];
	return out;
};

/** What was pushed through POST /metrics, as health-monitoring samples (measure `value`). */
function pushedHm(sim: SimContext): Sample[] {
	const out: Sample[] = [];
	for (const batch of sim.state.calmMonitoring.metrics) {
		for (const rm of (batch.body.resourceMetrics as Json[]) ?? []) {
			const resource = attrsOf(rm.resource);
			const serviceName = String(resource['service.name'] ?? 'unknown_service');
			for (const sm of (rm.scopeMetrics as Json[]) ?? []) {
				for (const metric of (sm.metrics as Json[]) ?? []) {
					const data = (metric.gauge ?? metric.sum) as Json | undefined;
					if (!data) continue;
					for (const dp of (data.dataPoints as Json[]) ?? []) {
						const value = typeof dp.asDouble === 'number' ? dp.asDouble : Number(dp.asInt);
						const time = Number(BigInt(String(dp.timeUnixNano)) / 1_000_000n);
						const name = String(metric.name);
						const dims = {
							serviceType: String(resource['service.type'] ?? 'OTEL'),
							serviceName,
							serviceId: String(resource['service.instance.id'] ?? serviceName),
							metricId: name,
							metricName: name,
							metricLabel: name,
						};
						out.push({ dims, measure: 'value', time, value });
					}
				}
			}
		}
	}
	return out;
}

interface Series {
	measure: string;
	dims: Record<string, string>;
	points: Map<number, number[]>;
}

export function metricsOutboundRoutes(router: Router): void {
	router.get(METRICS_OUTBOUND_PATH, function readRawDataMetrics(req, sim) {
		requireScope(req, sim, METRICS_READ);
		const providerName = req.query.get('provider');
		if (!providerName) throw bad(`Parameter 'provider' is mandatory`);
		const provider = METRIC_PROVIDERS[providerName];
		if (!provider) throw bad(`Unknown provider '${providerName}'; known: ${Object.keys(METRIC_PROVIDERS).join(', ')}`);
		const version = req.query.get('version');
		if (version !== null && version !== 'V1') throw bad(`Unknown version '${version}' of provider '${providerName}'; known: V1`);
		const measures = list(req, 'metrics').map((entry) => {
			const m = /^measure:(.+)$/.exec(entry);
			if (!m) throw bad(`Parameter 'metrics' entry '${entry}' must look like measure:<name>`);
			if (!provider.measures.includes(m[1])) throw bad(`Unknown measure '${m[1]}' of provider '${providerName}'; known: ${provider.measures.join(', ')}`);
			return m[1];
		});
		const dimensions = list(req, 'dimensions');
		for (const d of dimensions) if (!provider.dimensions.includes(d)) throw bad(`Unknown dimension '${d}' of provider '${providerName}'; known: ${provider.dimensions.join(', ')}`);
		const format = req.query.get('format') ?? 'protobuf-json';
		if (!['text', 'protobuf-binary', 'protobuf-json'].includes(format)) throw bad(`Unknown format '${format}'; known: text, protobuf-binary, protobuf-json`);
		if (format !== 'protobuf-json') throw new SimError(501, 'NotImplemented', `The simulator answers format=protobuf-json only (SAP also offers ${format})`);
		const onLimit = req.query.get('onLimit');
		if (onLimit !== null && onLimit !== 'TRUNCATE') throw new SimError(501, 'NotImplemented', `The simulator knows onLimit=TRUNCATE only (SAP's requests send it), got '${onLimit}'`);
		const periodMs = span(req.query.get('period') ?? 'L1H', 'period', /^[LC](\d{1,4})(Mi|H|D|W|M)$/, 'L1H, L24H, C24H, L7D');
		const stepMs = span(req.query.get('resolution') ?? '5Mi', 'resolution', /^(\d{1,4})(Mi|H|D|W|M)$/, '5Mi, 1H, 1D');
		if (stepMs === 0 || stepMs > periodMs) throw bad('Parameter resolution must be at least one unit and not longer than the period');
		const offset = count(req, 'offset', 0);
		const limit = Math.min(count(req, 'limit', METRICS_DEFAULT_LIMIT), METRICS_MAX_LIMIT);
		const prefix = req.query.get('prefix') ?? providerName;

		const now = sim.now();
		const from = now - periodMs;
		let samples = providerName === 'hm' ? [...seededHm(now, from), ...pushedHm(sim)] : [];
		samples = samples.filter((s) => s.time > from && s.time <= now && measures.includes(s.measure));
		for (const [name, value] of req.query.entries()) {
			// a filter on something that is not a dimension of the provider is dropped silently (inferred, as Analytics)
			if (!CONTROL.has(name) && provider.dimensions.includes(name)) samples = samples.filter((s) => s.dims[name] === value);
		}

		// one series per measure × combination of the requested dimensions; one point per resolution step (averaged)
		const series = new Map<string, Series>();
		for (const s of samples) {
			const dims = Object.fromEntries(dimensions.map((d) => [d, s.dims[d] ?? '']));
			const key = JSON.stringify([s.measure, dims]);
			let one = series.get(key);
			if (!one) series.set(key, (one = { measure: s.measure, dims, points: new Map() }));
			const bucket = Math.floor(s.time / stepMs) * stepMs;
			one.points.set(bucket, [...(one.points.get(bucket) ?? []), s.value]);
		}
		const page = [...series.values()].slice(offset, offset + limit);
		const kv = (o: Record<string, string>) => Object.entries(o).map(([key, v]) => ({ key, value: { stringValue: v } }));
		return {
			status: 200,
			body: {
				resourceMetrics: page.map((s) => ({
					resource: { attributes: kv({ provider: providerName }) },
					scopeMetrics: [
						{
							scope: { name: 'calm-metrics' },
							metrics: [
								{
									name: `${prefix}_${s.measure}`,
									gauge: {
										dataPoints: [...s.points.entries()]
											.sort(([a], [b]) => a - b)
											.map(([t, values]) => ({ timeUnixNano: `${t}000000`, asDouble: values.reduce((a, b) => a + b, 0) / values.length, attributes: kv(s.dims) })),
									},
								},
							],
						},
					],
				})),
			},
		};
	});
}
