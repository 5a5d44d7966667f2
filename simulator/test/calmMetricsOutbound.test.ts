/**
 * SAP Cloud ALM raw-data OUTBOUND metrics API of the simulator over real HTTP, with the parameters
 * of SAP's own "Raw Data - Metrics" requests (SAP-samples/cloud-alm-api-examples postmancollections/
 * analytics): 403 names calm-api.metrics.read; provider, metrics and dimensions are mandatory;
 * unknown provider, measure or dimension are 400; series page by limit/offset; a dimension filters;
 * what was pushed through POST /metrics reads back.
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const METRICS = '/calm-metrics/v1/metrics';

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

/** SAP's "Outbound - ALM Health Monitoring" request */
const HM = {
	version: 'V1',
	period: 'L1H',
	provider: 'hm',
	dimensions: 'serviceType,serviceName,serviceId,metricName,metricLabel',
	prefix: 'hm',
	resolution: '5Mi',
	metrics: 'measure:value,measure:okStatus',
	shift: '1',
	format: 'protobuf-json',
	preserveTimeStamp: 'true',
	limit: '10',
	offset: '0',
	onLimit: 'TRUNCATE',
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const attrs = (list: Array<{ key: string; value: Json }>) => Object.fromEntries(list.map((a) => [a.key, a.value.stringValue]));

describe('Raw-data outbound metrics (GET calm-metrics)', () => {
	it('403 names calm-api.metrics.read (hm.write, which Send Metrics needs, does not read)', async () => {
		const calm = await connect(['calm-api.hm.write']);
		const r = await calm.get(METRICS, { params: HM });
		expect([r.status, r.data.error.message]).toEqual([403, 'Missing scope calm-api.metrics.read']);
	});

	it("answers SAP's Health Monitoring request: one resourceMetrics per series, points every 5 minutes, attributes = dimensions", async () => {
		const calm = await connect(['calm-api.metrics.read']);
		const r = await calm.get(METRICS, { params: HM });
		expect(r.status).toBe(200);
		// 3 seeded services × 2 metrics × 2 measures = 12 series; limit 10
		expect(r.data.resourceMetrics).toHaveLength(10);
		const metric = r.data.resourceMetrics[0].scopeMetrics[0].metrics[0];
		expect(metric.name).toBe('hm_value');
		expect(metric.gauge.dataPoints.length).toBeGreaterThanOrEqual(11);
		expect(Object.keys(attrs(metric.gauge.dataPoints[0].attributes))).toEqual(HM.dimensions.split(','));
		const rest = await calm.get(METRICS, { params: { ...HM, offset: '10' } });
		expect(rest.data.resourceMetrics).toHaveLength(2);
	});

	it('a dimension parameter filters; fewer dimensions average the series they merge', async () => {
		const calm = await connect(['calm-api.metrics.read']);
		const one = await calm.get(METRICS, { params: { ...HM, serviceName: 'BTP ABAP DEV', metrics: 'measure:value' } });
		expect(one.data.resourceMetrics.map((rm: Json) => attrs(rm.scopeMetrics[0].metrics[0].gauge.dataPoints[0].attributes).metricName)).toEqual(['CPU Usage', 'Memory Usage']);
		const merged = await calm.get(METRICS, { params: { ...HM, dimensions: 'serviceType', metrics: 'measure:value' } });
		expect(merged.data.resourceMetrics.map((rm: Json) => attrs(rm.scopeMetrics[0].metrics[0].gauge.dataPoints[0].attributes))).toEqual([
			{ serviceType: 'SAP_S4HANA' },
			{ serviceType: 'SAP_BTP_ABAP' },
		]);
		// not a dimension of hm: dropped silently, as Analytics drops unknown filters
		expect((await calm.get(METRICS, { params: { ...HM, nosuch: 'x' } })).data.resourceMetrics).toHaveLength(10);
	});

	it('reads back what POST /metrics pushed (service.name → serviceName, metric name → metricName, measure value)', async () => {
		const calm = await connect(['calm-api.metrics.read', 'calm-api.hm.write']);
		const at = sim.context.now() - 60_000;
		const body = {
			resourceMetrics: [
				{
					resource: { attributes: [{ key: 'service.name', value: { stringValue: 'n8n-prod' } }] },
					scopeMetrics: [{ metrics: [{ name: 'n8n.workflow.failures', gauge: { dataPoints: [{ timeUnixNano: `${at}000000`, asInt: '4' }] } }] }],
				},
			],
		};
		expect((await calm.post(METRICS, body)).status).toBe(200);
		const r = await calm.get(METRICS, { params: { ...HM, metrics: 'measure:value', serviceName: 'n8n-prod' } });
		expect(r.data.resourceMetrics).toHaveLength(1);
		const [point] = r.data.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints;
		expect(point.asDouble).toBe(4);
		expect(attrs(point.attributes)).toMatchObject({ serviceName: 'n8n-prod', metricName: 'n8n.workflow.failures', serviceType: 'OTEL' });
	});

	it('refuses what SAP says is mandatory, unknown providers, measures, dimensions and bad windows (400 naming it)', async () => {
		const calm = await connect(['calm-api.metrics.read']);
		const cases: Array<[Record<string, string>, RegExp]> = [
			[{ ...HM, provider: '' }, /'provider' is mandatory/],
			[{ ...HM, provider: 'nosuch' }, /Unknown provider 'nosuch'/],
			[{ ...HM, metrics: '' }, /'metrics' is mandatory/],
			[{ ...HM, metrics: 'value' }, /measure:<name>/],
			[{ ...HM, metrics: 'measure:nosuch' }, /Unknown measure 'nosuch'/],
			[{ ...HM, dimensions: '' }, /'dimensions' is mandatory/],
			[{ ...HM, dimensions: 'serviceName,nosuch' }, /Unknown dimension 'nosuch'/],
			[{ ...HM, period: 'yesterday' }, /period/],
			[{ ...HM, resolution: '1D' }, /resolution/],
			[{ ...HM, limit: '-1' }, /limit/],
		];
		for (const [params, message] of cases) {
			const r = await calm.get(METRICS, { params });
			expect({ params, status: r.status, message: r.data.error.message }).toEqual({ params, status: 400, message: expect.stringMatching(message) });
		}
		const text = await calm.get(METRICS, { params: { ...HM, format: 'text' } });
		expect(text.status).toBe(501);
	});
});
