import type { INodeProperties } from 'n8n-workflow';
import * as sendLogs from './sendLogs.operation';
import * as sendMetrics from './sendMetrics.operation';

export { sendLogs, sendMetrics };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['monitoring'] } },
		// SAP's raw-data inbound APIs (OpenTelemetry). Event situations: SAP names an Event Situations
		// API (scope calm-api.event-situations.write) but publishes no path we could verify, so none.
		options: [
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
	...sendLogs.description,
	...sendMetrics.description,
];
