import type { INodeProperties } from 'n8n-workflow';
import * as getMetrics from './getMetrics.operation';
import * as sendLogs from './sendLogs.operation';
import * as sendMetrics from './sendMetrics.operation';

export { getMetrics, sendLogs, sendMetrics };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['monitoring'] } },
		// SAP's raw-data APIs (OpenTelemetry): inbound metrics and logs, outbound metrics. Event situations: SAP names an Event Situations
		// API (scope calm-api.event-situations.write) but publishes no path we could verify, so none.
		options: [
			{
				name: 'Get Metrics',
				value: 'getMetrics',
				action: 'Get metrics from monitoring',
				description:
					'Read time series of a monitoring provider (e.g. Health Monitoring, including what Send Metrics pushed), one item per series (scope calm-api.metrics.read)',
			},
			{
				name: 'Send Logs',
				value: 'sendLogs',
				action: 'Send logs to monitoring',
				description: 'Push a log record (OpenTelemetry) into Cloud ALM exception monitoring (scope calm-api.exm.write)',
			},
			{
				name: 'Send Metrics',
				value: 'sendMetrics',
				action: 'Send metrics to monitoring',
				description: 'Push a metric data point (OpenTelemetry) into Cloud ALM health monitoring (scope calm-api.hm.write)',
			},
		],
		default: 'sendLogs',
	},
	...getMetrics.description,
	...sendLogs.description,
	...sendMetrics.description,
];
