/**
 * SAP Cloud ALM raw-data INBOUND APIs (CALM_METRICS and the logs API): an external tool pushes
 * OpenTelemetry signals into Cloud ALM monitoring, `POST /api/calm-metrics/v1/metrics` and
 * `POST /api/calm-logs/v1/logs`.
 *
 * Sources: SAP Community, "SAP ALM API & Integration: SAP Cloud ALM Raw Data Metrics API"
 * (ba-p/13559270: `/calm-metrics/v1/metrics` GET and POST, the inbound API "ingests new metrics …
 * with the OpenTelemetry" format) and its companion "Open Telemetry support with the SAP Cloud ALM
 * raw data API" (ba-p/13559221: the raw data API implements OTLP); help.sap.com API Guide for SAP
 * Cloud ALM → "Raw Data Inbound Metrics API", "Raw Data Inbound Logs API" (ASAPIO's Cloud ALM
 * connectivity docs use both: one JSON of OTLP key-value pairs per call; exceptions sent as logs
 * appear in Exception Monitoring); SAP's API Scopes table (a111fd3cdaef4f36801eb43fff23ef20):
 * calm-api.hm.write, calm-api.exm.write, calm-api.integration-monitoring.write and calm-api.bsm.write
 * are "RAW Inbound Data". The body shape is OTLP/JSON (opentelemetry-proto ExportMetricsServiceRequest,
 * ExportLogsServiceRequest; OTLP/HTTP spec: success answers 200 with an Export…ServiceResponse, `{}`).
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md, certainty "inferred"):
 * metrics need calm-api.hm.write (Health Monitoring is where pushed metrics appear), logs need
 * calm-api.exm.write (Exception Monitoring); a body that is not an OTLP export request, a metric
 * without a name or data points, a data point without `timeUnixNano` or a numeric value, a log
 * record without `timeUnixNano` or `body`, a severityNumber outside 1–24 and attributes that are
 * not OTLP KeyValues are 400 naming the JSON path. What arrives is kept, in order, in
 * `state.calmMonitoring` (GET /__sim/state) so tests can check it.
 */
import { SimError, parseJsonBody, type Router, type SimRequest } from '../http';
import type { SimContext } from '../state';
import { authenticate, hasScope } from '../tokens';

export const METRICS_PATH = '/api/calm-metrics/v1/metrics';
export const LOGS_PATH = '/api/calm-logs/v1/logs';
export const HM_WRITE = 'calm-api.hm.write';
export const EXM_WRITE = 'calm-api.exm.write';

/** One accepted push: when it arrived and the OTLP body as sent. */
export interface IngestedBatch {
	receivedAt: string;
	body: Record<string, unknown>;
}

export interface CalmMonitoringState {
	metrics: IngestedBatch[];
	logs: IngestedBatch[];
}

type Json = Record<string, unknown>;

const bad = (path: string, message: string) => new SimError(400, 'BadRequest', `${path}: ${message}`);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function nonEmptyArray(parent: Json, key: string, path: string): Json[] {
	const v = parent[key];
	if (!Array.isArray(v) || v.length === 0) throw bad(`${path}.${key}`, 'must be a non-empty array');
	v.forEach((x, n) => {
		if (!isObject(x)) throw bad(`${path}.${key}[${n}]`, 'must be an object');
	});
	return v as Json[];
}

/** OTLP time: nanoseconds since the epoch, a string of digits in OTLP/JSON (a number is accepted too). */
function requireTime(o: Json, path: string) {
	const t = o.timeUnixNano;
	if (!((typeof t === 'string' && /^\d{1,20}$/.test(t)) || (typeof t === 'number' && Number.isInteger(t) && t >= 0))) {
		throw bad(`${path}.timeUnixNano`, 'is required: nanoseconds since the epoch, as a string of digits');
	}
}

const ANY_VALUE_KEYS = ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'];

function checkAttributes(owner: Json, path: string) {
	if (owner.attributes === undefined) return;
	if (!Array.isArray(owner.attributes)) throw bad(`${path}.attributes`, 'must be an array of {key, value}');
	owner.attributes.forEach((kv, n) => {
		const p = `${path}.attributes[${n}]`;
		if (!isObject(kv) || typeof kv.key !== 'string' || !kv.key) throw bad(p, 'needs a non-empty key');
		if (!isObject(kv.value) || !ANY_VALUE_KEYS.some((k) => k in (kv.value as Json))) {
			throw bad(`${p}.value`, `must be an OTLP AnyValue (${ANY_VALUE_KEYS.join(', ')})`);
		}
	});
}

function checkResource(r: Json, path: string) {
	if (r.resource === undefined) return;
	if (!isObject(r.resource)) throw bad(`${path}.resource`, 'must be an object');
	checkAttributes(r.resource, `${path}.resource`);
}

const DATA_KINDS = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'];

export function validateMetrics(body: Json): number {
	let count = 0;
	nonEmptyArray(body, 'resourceMetrics', '$').forEach((rm, a) => {
		const rp = `$.resourceMetrics[${a}]`;
		checkResource(rm, rp);
		nonEmptyArray(rm, 'scopeMetrics', rp).forEach((sm, b) => {
			const sp = `${rp}.scopeMetrics[${b}]`;
			nonEmptyArray(sm, 'metrics', sp).forEach((m, c) => {
				const mp = `${sp}.metrics[${c}]`;
				if (typeof m.name !== 'string' || !m.name.trim()) throw bad(`${mp}.name`, 'is required');
				const kinds = DATA_KINDS.filter((k) => k in m);
				if (kinds.length !== 1) throw bad(mp, `needs exactly one of ${DATA_KINDS.join(', ')}`);
				const data = m[kinds[0]];
				if (!isObject(data)) throw bad(`${mp}.${kinds[0]}`, 'must be an object');
				nonEmptyArray(data, 'dataPoints', `${mp}.${kinds[0]}`).forEach((dp, d) => {
					const dpp = `${mp}.${kinds[0]}.dataPoints[${d}]`;
					requireTime(dp, dpp);
					checkAttributes(dp, dpp);
					if (kinds[0] === 'gauge' || kinds[0] === 'sum') {
						const numeric = typeof dp.asDouble === 'number' || (typeof dp.asInt === 'string' && /^-?\d+$/.test(dp.asInt)) || Number.isInteger(dp.asInt);
						if (!numeric) throw bad(dpp, 'needs a numeric asDouble or asInt');
					}
					count++;
				});
			});
		});
	});
	return count;
}

export function validateLogs(body: Json): number {
	let count = 0;
	nonEmptyArray(body, 'resourceLogs', '$').forEach((rl, a) => {
		const rp = `$.resourceLogs[${a}]`;
		checkResource(rl, rp);
		nonEmptyArray(rl, 'scopeLogs', rp).forEach((sl, b) => {
			const sp = `${rp}.scopeLogs[${b}]`;
			nonEmptyArray(sl, 'logRecords', sp).forEach((lr, c) => {
				const lp = `${sp}.logRecords[${c}]`;
				requireTime(lr, lp);
				if (!isObject(lr.body) || !ANY_VALUE_KEYS.some((k) => k in (lr.body as Json))) throw bad(`${lp}.body`, 'is required: an OTLP AnyValue, e.g. {"stringValue": "…"}');
				const sev = lr.severityNumber;
				if (sev !== undefined && !(Number.isInteger(sev) && (sev as number) >= 1 && (sev as number) <= 24)) {
					throw bad(`${lp}.severityNumber`, 'must be an integer from 1 (TRACE) to 24 (FATAL4)');
				}
				checkAttributes(lr, lp);
				count++;
			});
		});
	});
	return count;
}

function requireScope(req: SimRequest, sim: SimContext, scope: string) {
	const token = authenticate(req, sim, []);
	if (!hasScope(token, scope)) throw new SimError(403, '403', `Missing scope ${scope}`);
}

function jsonBody(req: SimRequest): Json {
	const type = (req.headers['content-type'] ?? '').toString().toLowerCase();
	// OTLP/HTTP also allows application/x-protobuf; the simulator only understands JSON
	if (!type.startsWith('application/json')) throw new SimError(415, 'UnsupportedMediaType', 'Send OTLP/JSON with Content-Type: application/json');
	const body = parseJsonBody<unknown>(req);
	if (!isObject(body)) throw bad('$', 'must be a JSON object (an OTLP export request)');
	return body;
}

export function monitoringRoutes(router: Router): void {
	router.post(METRICS_PATH, function ingestRawDataMetrics(req, sim) {
		requireScope(req, sim, HM_WRITE);
		const body = jsonBody(req);
		validateMetrics(body);
		sim.state.calmMonitoring.metrics.push({ receivedAt: new Date(sim.now()).toISOString(), body });
		return { status: 200, body: {} };
	});

	router.post(LOGS_PATH, function ingestRawDataLogs(req, sim) {
		requireScope(req, sim, EXM_WRITE);
		const body = jsonBody(req);
		validateLogs(body);
		sim.state.calmMonitoring.logs.push({ receivedAt: new Date(sim.now()).toISOString(), body });
		return { status: 200, body: {} };
	});
}
