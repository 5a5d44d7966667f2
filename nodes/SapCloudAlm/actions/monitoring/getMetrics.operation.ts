import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import { METRICS_QUERY_PARAMETERS } from '../../helpers/monitoringClient';
import { limitField, listOptionsCollection, returnAllField, sortedFields } from '../common.descriptions';
import { refuse } from './fields';

/** The providers of SAP's "Raw Data - Metrics" requests (SAP-samples/cloud-alm-api-examples postmancollections/analytics). */
const PROVIDERS: Array<[string, string, string]> = [
	['hm', 'Health Monitoring', 'value, usage, okStatus, warningStatus, criticalStatus'],
	['rum', 'Real User Monitoring', 'okStatus, requests, users, responseTime'],
	['jam', 'Job and Automation Monitoring', 'executions, runTime'],
	['exm', 'Exception Monitoring', 'counter'],
	['bsm', 'Business Service Management (Status Events)', 'counter, duration'],
	['sum', 'Synthetic User Monitoring', 'available, notAvailable, executions, responseTime, …'],
	['cpi', 'Integration Monitoring: Cloud Integration', 'Count'],
	['aif', 'Integration Monitoring: Application Interface Framework', 'Count'],
	['idoc', 'Integration Monitoring: IDocs', 'Count'],
	['ws', 'Integration Monitoring: Web Services', 'Count'],
	['sf', 'Integration Monitoring: SuccessFactors', 'Count'],
	['c4c', 'Integration Monitoring: Cloud for Customer', 'Count'],
	['concur', 'Integration Monitoring: Concur', 'Count'],
	['fg', 'Integration Monitoring: Fieldglass', 'Count'],
	['mdi', 'Integration Monitoring: Master Data Integration', 'Count'],
	['mobsrv', 'Integration Monitoring: Mobile Services', 'Count'],
	['aribacig', 'Integration Monitoring: Ariba Cloud Integration', 'Count'],
	['aribanet', 'Integration Monitoring: Ariba Network', 'Count'],
	['aribaproc', 'Integration Monitoring: Ariba Procurement', 'Count'],
	['aribasrc', 'Integration Monitoring: Ariba Sourcing', 'Count'],
];

const properties: INodeProperties[] = [
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		options: [...PROVIDERS].sort((a, b) => a[1].localeCompare(b[1])).map(([value, name, measures]) => ({ name, value, description: `Measures: ${measures}` })),
		default: 'hm',
		description: 'The monitoring use case to read, as SAP names its data provider',
	},
	{
		displayName: 'Measures',
		name: 'measures',
		type: 'string',
		required: true,
		default: 'value',
		placeholder: 'e.g. value, usage',
		description: "Comma-separated measures of the provider (each is sent prefixed with measure:), e.g. Health Monitoring's value",
	},
	{
		displayName: 'Dimensions',
		name: 'dimensions',
		type: 'string',
		required: true,
		default: 'serviceName,metricName',
		placeholder: 'e.g. serviceType, serviceName, metricName',
		description: 'Comma-separated dimensions to break the series down by; each output item is one series',
	},
	returnAllField,
	{ ...limitField, description: 'Max number of time series to return' },
	listOptionsCollection(sortedFields([
		{
			displayName: 'Period',
			name: 'period',
			type: 'string',
			default: '',
			placeholder: 'e.g. L1H, L24H, C24H, L7D',
			description: 'The time window back from now: L (last) or C (current) with a number and Mi, H, D, W or M. SAP picks a default when empty.',
		},
		{
			displayName: 'Resolution',
			name: 'resolution',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5Mi, 1H, 1D',
			description: 'The time between two data points of a series: a number with Mi, H, D, W or M',
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Filter',
			default: {},
			description: 'Only series whose dimension has this value, e.g. serviceType = SAP_S4HANA',
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{ displayName: 'Dimension', name: 'dimension', type: 'string', default: '', placeholder: 'e.g. serviceType' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. SAP_S4HANA' },
					],
				},
			],
		},
	])),
];

export const description = updateDisplayOptions({ show: { resource: ['monitoring'], operation: ['getMetrics'] } }, properties);

const NAME = /^[A-Za-z][A-Za-z0-9_.]*$/;

function names(this: IExecuteFunctions, parameter: string, label: string, example: string, i: number, strip?: RegExp): string[] {
	const text = textOf.call(this, this.getNodeParameter(parameter, i, ''), label, i);
	const list = text
		.split(',')
		.map((s) => s.trim().replace(strip ?? /^$/, ''))
		.filter(Boolean);
	if (!list.length) throw refuse(this, `${label} is empty: name at least one, e.g. ${example}`, i, label);
	const wrong = list.find((n) => !NAME.test(n));
	if (wrong) throw refuse(this, `${label}: "${wrong}" is not a name (letters, digits, _ and .), e.g. ${example}`, i, label);
	return list;
}

function timeSpan(this: IExecuteFunctions, value: unknown, label: string, pattern: RegExp, example: string, i: number): string | undefined {
	const text = textOf.call(this, value, label, i);
	if (!text) return undefined;
	if (!pattern.test(text)) throw refuse(this, `${label} "${text}" is not valid: use e.g. ${example}`, i, `Options > ${label}`);
	return text;
}

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const provider = textOf.call(this, this.getNodeParameter('provider', i, 'hm'), 'Provider', i);
	if (!NAME.test(provider)) throw refuse(this, `Provider "${provider}" is not a provider name, e.g. hm`, i, 'Provider');
	const measures = names.call(this, 'measures', 'Measures', 'value, usage', i, /^measure:/);
	const dimensions = names.call(this, 'dimensions', 'Dimensions', 'serviceName, metricName', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const filters: Record<string, string> = {};
	for (const f of ((options.filters as IDataObject | undefined)?.filter as IDataObject[] | undefined) ?? []) {
		const dimension = textOf.call(this, f.dimension, 'Filters > Dimension', i);
		if (!NAME.test(dimension)) throw refuse(this, `Filters: dimension "${dimension}" is not a dimension name, e.g. serviceType`, i, 'Options > Filters > Dimension');
		if (METRICS_QUERY_PARAMETERS.includes(dimension)) {
			throw refuse(this, `Filters: "${dimension}" is a parameter of the metrics API, not a dimension; set it with its own field`, i, 'Options > Filters > Dimension');
		}
		filters[dimension] = textOf.call(this, f.value, 'Filters > Value', i);
	}
	return await session.calm.monitoring.getMetrics(
		{
			provider,
			measures,
			dimensions,
			period: timeSpan.call(this, options.period, 'Period', /^[LC]\d{1,4}(Mi|H|D|W|M)$/, 'L1H, L24H, C24H or L7D', i),
			resolution: timeSpan.call(this, options.resolution, 'Resolution', /^\d{1,4}(Mi|H|D|W|M)$/, '5Mi, 1H or 1D', i),
			filters,
		},
		listLimit.call(this, i),
	);
}
