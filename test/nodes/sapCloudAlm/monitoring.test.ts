/**
 * SAP Cloud ALM node → Monitoring → Send Metrics / Send Logs / Get Metrics over real HTTP against the
 * simulator: the OTLP/JSON payload arrives as SAP's raw-data inbound APIs expect it (checked in the
 * simulator's state), raw OTLP JSON passes through, Get Metrics reads series back (seeded and pushed)
 * across offset/limit pages with filters, a 403 names the scope to add, bad input is refused before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { useSimulator } from '../../../simulator/testkit';
import { loadExample } from '../../../scripts/demo/examples';
import { CredentialStore, runWorkflow, type WorkflowJson } from '../../runner';
import { NODE_TYPE, queryOf, runCalm } from './harness';

const sim = useSimulator();
const v2 = { typeVersion: 2 };

function grant(...scopes: string[]) {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...scopes.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const attrs = (list: Array<{ key: string; value: Json }>) => Object.fromEntries(list.map((a) => [a.key, a.value]));

describe('SAP Cloud ALM node: Monitoring', () => {
	it("the SAP BTP node's Enable offers both scopes", () => {
		expect(CLOUD_ALM_SCOPES.map((s) => s.scope)).toEqual(expect.arrayContaining(['calm-api.hm.write', 'calm-api.exm.write', 'calm-api.metrics.read']));
	});

	it('Send Metrics: one OTLP gauge data point with its attributes, service.name and time', async () => {
		grant('calm-api.hm.write');
		const run = await runCalm(
			sim,
			{
				resource: 'monitoring',
				operation: 'sendMetrics',
				serviceName: 'n8n-prod',
				metricName: 'n8n.workflow.failures',
				value: 3,
				attributes: { attribute: [{ key: 'workflow.name', value: 'Order sync' }] },
				resourceAttributes: { attribute: [{ key: 'host.name', value: 'n8n-1' }] },
				options: { kind: 'sum', unit: '1', timestamp: '2026-03-01T08:00:00Z' },
			},
			v2,
		);
		expect(run.status).toBe('success');
		expect(run.calls.map((c) => [c.method, c.path, c.status])).toEqual([['POST', '/api/calm-metrics/v1/metrics', 200]]);
		expect(run.out).toEqual([{ sent: true, metric: 'n8n.workflow.failures', value: 3, timestamp: '2026-03-01T08:00:00.000Z' }]);
		const [batch] = sim.context.state.calmMonitoring.metrics;
		const rm = (batch.body as Json).resourceMetrics[0];
		expect(attrs(rm.resource.attributes)).toEqual({ 'service.name': { stringValue: 'n8n-prod' }, 'host.name': { stringValue: 'n8n-1' } });
		const metric = rm.scopeMetrics[0].metrics[0];
		expect(metric).toMatchObject({ name: 'n8n.workflow.failures', unit: '1', sum: { aggregationTemporality: 2, isMonotonic: true } });
		expect(metric.sum.dataPoints).toEqual([
			{ timeUnixNano: String(Date.parse('2026-03-01T08:00:00Z')) + '000000', asInt: '3', attributes: [{ key: 'workflow.name', value: { stringValue: 'Order sync' } }] },
		]);
	});

	it('Send Logs: one OTLP log record, severity ERROR (17), the message as body, time now by default', async () => {
		grant('calm-api.exm.write');
		const before = Date.now();
		const run = await runCalm(
			sim,
			{ resource: 'monitoring', operation: 'sendLogs', serviceName: 'n8n', message: 'Workflow "Order sync" failed', attributes: { attribute: [{ key: 'execution.id', value: '42' }] } },
			v2,
		);
		expect(run.status).toBe('success');
		expect(run.out[0]).toMatchObject({ sent: true, severity: 'ERROR', message: 'Workflow "Order sync" failed' });
		const record = (sim.context.state.calmMonitoring.logs[0].body as Json).resourceLogs[0].scopeLogs[0].logRecords[0];
		expect(record).toMatchObject({ severityNumber: 17, severityText: 'ERROR', body: { stringValue: 'Workflow "Order sync" failed' } });
		expect(attrs(record.attributes)).toEqual({ 'execution.id': { stringValue: '42' } });
		const ms = Number(BigInt(record.timeUnixNano) / 1_000_000n);
		expect(ms).toBeGreaterThanOrEqual(before);
		expect(ms).toBeLessThanOrEqual(Date.now());
	});

	it('OpenTelemetry JSON goes to SAP as it is', async () => {
		grant('calm-api.exm.write');
		const otlp = { resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: '1764500000000000000', body: { stringValue: 'raw' } }] }] }] };
		const run = await runCalm(sim, { resource: 'monitoring', operation: 'sendLogs', input: 'json', otlpJson: JSON.stringify(otlp) }, v2);
		expect(run.status).toBe('success');
		expect(sim.context.state.calmMonitoring.logs.map((b) => b.body)).toEqual([otlp]);
	});

	it('Get Metrics reads back what Send Metrics pushed: one item per series, its dimensions and points', async () => {
		grant('calm-api.hm.write', 'calm-api.metrics.read');
		const at = new Date(sim.context.now() - 120_000).toISOString();
		const sent = await runCalm(sim, { resource: 'monitoring', operation: 'sendMetrics', serviceName: 'n8n-prod', metricName: 'n8n.workflow.failures', value: 2.5, options: { timestamp: at } }, v2);
		expect(sent.error).toBeUndefined();
		const run = await runCalm(
			sim,
			{
				resource: 'monitoring',
				operation: 'getMetrics',
				provider: 'hm',
				measures: 'value',
				dimensions: 'serviceName, metricName',
				returnAll: true,
				options: { period: 'L1H', resolution: '5Mi', filters: { filter: [{ dimension: 'serviceName', value: 'n8n-prod' }] } },
			},
			v2,
		);
		expect(run.error).toBeUndefined();
		expect(run.calls.map((c) => queryOf(c.path))).toEqual([
			{
				version: 'V1',
				provider: 'hm',
				prefix: 'hm',
				metrics: 'measure:value',
				dimensions: 'serviceName,metricName',
				format: 'protobuf-json',
				onLimit: 'TRUNCATE',
				period: 'L1H',
				resolution: '5Mi',
				serviceName: 'n8n-prod',
				offset: '0',
				limit: '100',
			},
		]);
		expect(run.out).toEqual([
			{
				metric: 'hm_value',
				kind: 'gauge',
				dimensions: { serviceName: 'n8n-prod', metricName: 'n8n.workflow.failures' },
				resource: { provider: 'hm' },
				dataPoints: [{ time: new Date(Math.floor(Date.parse(at) / 300_000) * 300_000).toISOString(), value: 2.5 }],
			},
		]);
	});

	it('Get Metrics pages by offset/limit across pages; Limit asks for only what it needs', async () => {
		grant('calm-api.metrics.read');
		const base = { resource: 'monitoring', operation: 'getMetrics', provider: 'hm', measures: 'measure:value, okStatus', dimensions: 'serviceName,metricName' };
		// 3 seeded services × 2 metrics × 2 measures = 12 series; pages of 100 would be one call, so page with Limit
		const all = await runCalm(sim, { ...base, returnAll: true }, v2);
		expect(all.out).toHaveLength(12);
		expect(new Set(all.out.map((s) => s.metric))).toEqual(new Set(['hm_value', 'hm_okStatus']));
		const five = await runCalm(sim, { ...base, returnAll: false, limit: 5 }, v2);
		expect(five.out).toHaveLength(5);
		expect(five.calls.map((c) => [queryOf(c.path).offset, queryOf(c.path).limit])).toEqual([['0', '5']]);
		const one = await runCalm(sim, { ...base, measures: 'value', returnAll: false, limit: 2, options: { filters: { filter: [{ dimension: 'serviceType', value: 'SAP_BTP_ABAP' }] } } }, v2);
		expect(one.out.map((s) => (s.dimensions as Json).metricName)).toEqual(['CPU Usage', 'Memory Usage']);
		expect(one.out.every((s) => (s.dimensions as Json).serviceName === 'BTP ABAP DEV')).toBe(true);
	});

	it('Get Metrics Return All pages by offset until a short page (110 pushed series: pages of 100 and 10)', async () => {
		grant('calm-api.hm.write', 'calm-api.metrics.read');
		const t = `${sim.context.now() - 60_000}000000`;
		const otlp = {
			resourceMetrics: [
				{
					resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bulk' } }] },
					scopeMetrics: [{ metrics: Array.from({ length: 110 }, (_, n) => ({ name: `m${n}`, gauge: { dataPoints: [{ timeUnixNano: t, asInt: String(n) }] } })) }],
				},
			],
		};
		expect((await runCalm(sim, { resource: 'monitoring', operation: 'sendMetrics', input: 'json', otlpJson: JSON.stringify(otlp) }, v2)).error).toBeUndefined();
		const run = await runCalm(
			sim,
			{ resource: 'monitoring', operation: 'getMetrics', provider: 'hm', measures: 'value', dimensions: 'metricName', returnAll: true, options: { filters: { filter: [{ dimension: 'serviceName', value: 'bulk' }] } } },
			v2,
		);
		expect(run.calls.map((c) => [queryOf(c.path).offset, queryOf(c.path).limit])).toEqual([
			['0', '100'],
			['100', '100'],
		]);
		expect(run.out).toHaveLength(110);
		expect(new Set(run.out.map((s) => (s.dimensions as Json).metricName)).size).toBe(110);
	});

	it('a 403 names the authority to add', async () => {
		const read = await runCalm(sim, { resource: 'monitoring', operation: 'getMetrics', provider: 'hm', measures: 'value', dimensions: 'serviceName', returnAll: true }, v2);
		expect(read.error?.httpCode).toBe('403');
		expect(read.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.metrics.read"');
		const metrics = await runCalm(sim, { resource: 'monitoring', operation: 'sendMetrics', serviceName: 'n8n', metricName: 'm', value: 1 }, v2);
		expect(metrics.error?.httpCode).toBe('403');
		expect(metrics.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.hm.write"');
		const logs = await runCalm(sim, { resource: 'monitoring', operation: 'sendLogs', serviceName: 'n8n', message: 'x' }, v2);
		expect(logs.error?.httpCode).toBe('403');
		expect(logs.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.exm.write"');
	});

	it('bad input is named before any call', async () => {
		grant('calm-api.hm.write', 'calm-api.exm.write');
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ operation: 'sendMetrics', serviceName: 'n8n', metricName: '={{ " " }}', value: 1 }, 'Metric Name is empty'],
			[{ operation: 'sendMetrics', serviceName: 'n8n', metricName: 'm', value: 'lots' }, 'Value "lots" is not a number'],
			[{ operation: 'sendMetrics', serviceName: 'n8n', metricName: 'm', value: 1, options: { timestamp: 'yesterday' } }, 'Timestamp "yesterday" is not a date and time'],
			[{ operation: 'sendLogs', serviceName: ' ', message: 'x' }, 'Service Name is empty'],
			[{ operation: 'sendLogs', serviceName: 'n8n', message: 'x', attributes: { attribute: [{ key: '', value: 'v' }] } }, 'Attributes: attribute 1 has no key'],
			[{ operation: 'sendLogs', input: 'json', otlpJson: '{"resourceLogs": []}' }, 'OpenTelemetry JSON needs a non-empty "resourceLogs" array'],
			[{ operation: 'sendMetrics', input: 'json', otlpJson: '{nope' }, 'OpenTelemetry JSON is not valid JSON'],
			[{ operation: 'getMetrics', provider: 'hm', measures: ' , ', dimensions: 'serviceName' }, 'Measures is empty: name at least one, e.g. value'],
			[{ operation: 'getMetrics', provider: 'hm', measures: 'value', dimensions: 'service name' }, 'Dimensions: "service name" is not a name'],
			[{ operation: 'getMetrics', provider: 'hm', measures: 'value', dimensions: 'serviceName', options: { period: 'yesterday' } }, 'Period "yesterday" is not valid: use e.g. L1H'],
			[{ operation: 'getMetrics', provider: 'hm', measures: 'value', dimensions: 'serviceName', options: { resolution: '5 minutes' } }, 'Resolution "5 minutes" is not valid'],
			[{ operation: 'getMetrics', provider: 'hm', measures: 'value', dimensions: 'serviceName', options: { filters: { filter: [{ dimension: 'limit', value: '5' }] } } }, 'Filters: "limit" is a parameter of the metrics API'],
		];
		for (const [params, message] of cases) {
			const run = await runCalm(sim, { resource: 'monitoring', ...params }, v2);
			expect({ params, error: run.error?.message }).toEqual({ params, error: expect.stringContaining(message) });
			expect(run.calls).toEqual([]);
		}
		expect(sim.context.state.calmMonitoring).toEqual({ metrics: [], logs: [] });
	});

	it('the example report-failed-executions runs: what n8n\'s Error Trigger emits arrives as one ERROR log record, no stack', async () => {
		grant('calm-api.exm.write');
		const example = loadExample('reportFailures');
		// the runner has no Error Trigger: a manual trigger under its name, pinned with what n8n's Error
		// Trigger emits (n8n docs, "Error Trigger node": execution {id, url, error, lastNodeExecuted, mode}, workflow {id, name})
		const failure = {
			execution: {
				id: '231',
				url: 'https://n8n.example.com/workflow/wf1/executions/231',
				retryOf: null,
				error: { message: 'The service was not able to process your request', stack: 'NodeApiError: at secret/path.ts:1' },
				lastNodeExecuted: 'Create Task',
				mode: 'trigger',
			},
			workflow: { id: 'wf1', name: 'Order sync' },
		};
		const workflow = {
			...example,
			nodes: example.nodes.map((n) => (n.type === 'n8n-nodes-base.errorTrigger' ? { ...n, type: 'n8n-nodes-base.manualTrigger' } : n)),
			pinData: { 'Error Trigger': [{ json: failure }] },
		} as unknown as WorkflowJson;
		expect(example.nodes.filter((n) => n.type === NODE_TYPE).map((n) => n.parameters.operation)).toEqual(['sendLogs']);
		const run = await runWorkflow(workflow, {
			credentials: { sapCloudAlmApi: { inputMode: 'json', serviceKey: JSON.stringify(sim.keys.cloudAlm) } },
			store: new CredentialStore(),
		});
		expect(run.error).toBeUndefined();
		const [batch] = sim.context.state.calmMonitoring.logs;
		const record = (batch.body as Json).resourceLogs[0].scopeLogs[0].logRecords[0];
		expect(record.body).toEqual({ stringValue: 'Workflow "Order sync" failed: The service was not able to process your request' });
		expect(record.severityText).toBe('ERROR');
		expect(attrs(record.attributes)).toEqual({
			'n8n.workflow.id': { stringValue: 'wf1' },
			'n8n.workflow.name': { stringValue: 'Order sync' },
			'n8n.execution.id': { stringValue: '231' },
			'n8n.execution.url': { stringValue: 'https://n8n.example.com/workflow/wf1/executions/231' },
			'n8n.execution.mode': { stringValue: 'trigger' },
			'n8n.node.name': { stringValue: 'Create Task' },
		});
		expect(JSON.stringify(batch.body)).not.toContain('stack');
		expect(JSON.stringify(batch.body)).not.toContain('secret/path');
	});
});
