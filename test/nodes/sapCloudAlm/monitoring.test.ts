/**
 * SAP Cloud ALM node → Monitoring → Send Metrics / Send Logs over real HTTP against the simulator:
 * the OTLP/JSON payload arrives as SAP's raw-data inbound APIs expect it (checked in the simulator's
 * state), raw OTLP JSON passes through, a 403 names the scope to add, bad input is refused before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { useSimulator } from '../../../simulator/testkit';
import { loadExample } from '../../../scripts/demo/examples';
import { CredentialStore, runWorkflow, type WorkflowJson } from '../../runner';
import { NODE_TYPE, runCalm } from './harness';

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
		expect(CLOUD_ALM_SCOPES.map((s) => s.scope)).toEqual(expect.arrayContaining(['calm-api.hm.write', 'calm-api.exm.write']));
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

	it('a 403 names the authority to add', async () => {
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
