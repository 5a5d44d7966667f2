/**
 * SAP Cloud ALM raw-data inbound APIs of the simulator over real HTTP: OTLP/JSON metrics and logs
 * are accepted (200 `{}`) and kept in state.calmMonitoring; a 403 names calm-api.hm.write /
 * calm-api.exm.write; what is not an OTLP export request is 400 naming the JSON path; not JSON is 415.
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const METRICS = '/calm-metrics/v1/metrics';
const LOGS = '/calm-logs/v1/logs';

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'n8n' } }] };
const gauge = (dataPoint: Record<string, unknown>) => ({
	resourceMetrics: [{ resource, scopeMetrics: [{ scope: { name: 't' }, metrics: [{ name: 'queue.length', unit: '1', gauge: { dataPoints: [dataPoint] } }] }] }],
});
const log = (record: Record<string, unknown>) => ({ resourceLogs: [{ resource, scopeLogs: [{ logRecords: [record] }] }] });
const NOW = '1764500000000000000';

describe('Raw-data inbound metrics and logs (calm-metrics, calm-logs)', () => {
	it('403 names the RAW Inbound Data scope of each', async () => {
		const calm = await connect();
		const m = await calm.post(METRICS, gauge({ timeUnixNano: NOW, asInt: '3' }));
		expect([m.status, m.data.error.message]).toEqual([403, 'Missing scope calm-api.hm.write']);
		const l = await calm.post(LOGS, log({ timeUnixNano: NOW, body: { stringValue: 'x' } }));
		expect([l.status, l.data.error.message]).toEqual([403, 'Missing scope calm-api.exm.write']);
		expect(sim.context.state.calmMonitoring).toEqual({ metrics: [], logs: [] });
	});

	it('accepts OTLP/JSON and keeps what arrived, in order', async () => {
		const calm = await connect(['calm-api.hm.write', 'calm-api.exm.write']);
		const m = await calm.post(METRICS, gauge({ timeUnixNano: NOW, asDouble: 2.5, attributes: [{ key: 'queue', value: { stringValue: 'orders' } }] }));
		expect([m.status, m.data]).toEqual([200, {}]);
		const l = await calm.post(LOGS, log({ timeUnixNano: NOW, severityNumber: 17, severityText: 'ERROR', body: { stringValue: 'boom' } }));
		expect([l.status, l.data]).toEqual([200, {}]);
		// what arrived is readable through the control API, as tests and the demo read state
		const { calmMonitoring } = (await httpClient(sim.urls.control).get('/__sim/state')).data as { calmMonitoring: typeof sim.context.state.calmMonitoring };
		expect(calmMonitoring.metrics).toHaveLength(1);
		expect(calmMonitoring.logs.map((b) => (b.body as ReturnType<typeof log>).resourceLogs[0].scopeLogs[0].logRecords[0].body)).toEqual([{ stringValue: 'boom' }]);
	});

	it('refuses what is not an OTLP export request, naming the JSON path', async () => {
		const calm = await connect(['calm-api.hm.write', 'calm-api.exm.write']);
		const cases: Array<[string, unknown, string]> = [
			[METRICS, {}, '$.resourceMetrics: must be a non-empty array'],
			[METRICS, gauge({ asInt: '1' }), '$.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].timeUnixNano'],
			[METRICS, gauge({ timeUnixNano: NOW }), 'needs a numeric asDouble or asInt'],
			[METRICS, gauge({ timeUnixNano: NOW, asInt: '1', attributes: [{ key: 'k', value: 'v' }] }), 'dataPoints[0].attributes[0].value'],
			[LOGS, log({ timeUnixNano: NOW }), '$.resourceLogs[0].scopeLogs[0].logRecords[0].body'],
			[LOGS, log({ timeUnixNano: NOW, body: { stringValue: 'x' }, severityNumber: 30 }), 'severityNumber'],
		];
		for (const [path, body, message] of cases) {
			const res = await calm.post(path, body);
			expect({ path, status: res.status }).toEqual({ path, status: 400 });
			expect(res.data.error.message).toContain(message);
		}
		const text = await calm.post(LOGS, 'hello', { headers: { 'content-type': 'text/plain' } });
		expect(text.status).toBe(415);
		expect(sim.context.state.calmMonitoring).toEqual({ metrics: [], logs: [] });
	});
});
