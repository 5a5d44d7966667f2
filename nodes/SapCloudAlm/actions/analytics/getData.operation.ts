import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import { literal, type AnalyticsQuery } from '../../helpers/analyticsClient';
import { ignoredFilterFields, PROVIDER_FIELDS, PROVIDER_OPTIONS } from '../../helpers/analyticsProviders';
import { INPUT_STEP } from '../../helpers/validation';
import { limitField, listOptionsCollection, returnAllField, sortedFields } from '../common.descriptions';
import { fieldList, providerName, simplifyField } from './fields';

/** The window a count pins so one record is one data point: today, one daily bucket (consetto/calmcp analyticsFilter.ts). */
export const COUNT_PERIOD = 'C1D';
export const COUNT_RESOLUTION = 'D';

const notCounting = { count: [false] };

const properties: INodeProperties[] = [
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		options: PROVIDER_OPTIONS,
		default: 'Tasks',
		description:
			'The provider to read. These are the names of the analytics query service, which differ from the names Get Many Providers lists (Tasks there is DP_TASKS); the field names are the same.',
	},
	{
		displayName: 'Count',
		name: 'count',
		type: 'boolean',
		default: false,
		description:
			"Whether to answer how many records there are (per group with Group By) from the provider's count measure, instead of listing data points. A data point is not a record: a task with two tags is two data points.",
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'string',
		default: '',
		placeholder: 'e.g. typeID,status',
		description: 'Dimensions to group by, separated by commas: one row per combination of their values, measures added up',
	},
	{
		displayName: 'Measures',
		name: 'measures',
		type: 'string',
		default: '',
		placeholder: 'e.g. counter',
		description: 'Measures to add up per group, separated by commas',
		displayOptions: { show: notCounting },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		placeholder: 'Add Filter',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Only data points whose field has this value; several filters must all match',
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'e.g. typeID', description: 'A field the provider can be filtered by (Get Provider lists them)' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. CALMUS' },
				],
			},
		],
	},
	{ ...returnAllField, displayOptions: { show: notCounting } },
	{ ...limitField, displayOptions: { show: { ...notCounting, returnAll: [false] } } },
	simplifyField('fields that have a value'),
	listOptionsCollection(sortedFields([
		{
			displayName: 'Count Measure',
			name: 'countMeasure',
			type: 'string',
			default: '',
			placeholder: 'e.g. counter',
			description: 'The measure that holds the number of records of a group. Needed to count by group on a provider the node does not know.',
		},
		{
			displayName: 'Identity Field',
			name: 'identityField',
			type: 'string',
			default: '',
			placeholder: 'e.g. taskGUID',
			description: 'The field that identifies one record. Needed to count without groups on a provider the node does not know.',
		},
		{
			displayName: 'Order By',
			name: 'orderBy',
			type: 'string',
			default: '',
			placeholder: 'e.g. counter desc',
			description: 'SAP Cloud ALM ignores any order for analytics: the node does not send it and warns. Sort with the Sort node instead.',
		},
		{
			displayName: 'Period',
			name: 'period',
			type: 'string',
			default: '',
			placeholder: 'e.g. L4W',
			description: `The time window, e.g. L4W for the last four weeks or C1D for today. A count uses ${COUNT_PERIOD} unless set.`,
		},
		{
			displayName: 'Resolution',
			name: 'resolution',
			type: 'options',
			options: [
				{ name: 'Day', value: 'D' },
				{ name: 'Hour', value: 'H' },
				{ name: 'Month', value: 'M' },
				{ name: 'Week', value: 'W' },
				{ name: 'Year', value: 'Y' },
			],
			default: 'D',
			description: 'The size of one time bucket: each record is a data point in every bucket of the period',
		},
	])),
];

export const description = updateDisplayOptions({ show: { resource: ['analytics'], operation: ['getData'] } }, properties);

/** Each warning once per execution, however many items ask the same. */
const warned = new WeakMap<CloudAlmSession, Set<string>>();
function warn(ctx: IExecuteFunctions, session: CloudAlmSession, message: string) {
	const seen = warned.get(session) ?? new Set<string>();
	warned.set(session, seen);
	if (seen.has(message)) return;
	seen.add(message);
	ctx.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
}

function refuse(ctx: IExecuteFunctions, message: string, i: number, fix: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description: `Step: ${INPUT_STEP}\n${fix}` });
}

function filtersOf(this: IExecuteFunctions, i: number): Array<{ field: string; value: string }> {
	const raw = (this.getNodeParameter('filters', i, {}) as { filter?: IDataObject[] }).filter ?? [];
	return raw.map((f, n) => {
		const [field] = fieldList.call(this, f.field, `Filters > Field ${n + 1}`, i);
		if (!field) throw refuse(this, `Filter ${n + 1} has no field`, i, 'Field: Filters > Field. Give a field the provider can be filtered by, e.g. typeID.');
		return { field, value: textOf.call(this, f.value, `Filters > Value ${n + 1}`, i) };
	});
}

/** Without empty fields and OData annotations: an analytics row carries every dimension, mostly null. */
function simplified(row: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(row).filter(([k, v]) => !k.startsWith('@odata') && v !== null && v !== undefined && v !== ''));
}

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const provider = providerName.call(this, 'provider', 'Provider', i);
	const counting = this.getNodeParameter('count', i, false) as boolean;
	const groupBy = fieldList.call(this, this.getNodeParameter('groupBy', i, ''), 'Group By', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const filters = filtersOf.call(this, i);
	const known = PROVIDER_FIELDS[provider];

	if (textOf.call(this, options.orderBy, 'Order By', i)) {
		warn(this, session, 'SAP Cloud ALM Analytics ignores any order ($orderby), so Order By was not sent and the rows are in the service\'s own order. Sort them with the Sort node.');
	}
	const ignored = ignoredFilterFields(provider, filters.map((f) => f.field));
	if (ignored.length) {
		const list = ignored.map(({ field, instead }) => (instead ? `${field} (use ${instead})` : field)).join(', ');
		warn(
			this,
			session,
			`SAP Cloud ALM Analytics cannot filter ${provider} by ${list}: it drops such a filter without an error and answers as if it were not there, so these results are NOT filtered by it. Group By the field instead, or filter by a field Get Provider lists as a filter.`,
		);
	}

	const period = textOf.call(this, options.period, 'Period', i) || (counting ? COUNT_PERIOD : undefined);
	const resolution = (options.resolution as string | undefined) || (counting ? COUNT_RESOLUTION : undefined);
	const base: AnalyticsQuery = {
		provider,
		filters: filters.map((f) => `${f.field} eq ${literal(f.value)}`),
		select: [],
		period,
		resolution,
	};
	const simplify = this.getNodeParameter('simplify', i, true) as boolean;

	if (counting) {
		const window = { period, resolution };
		if (groupBy.length) {
			// one pre-aggregated row per group, the count measure already added up by the service
			const measure = textOf.call(this, options.countMeasure, 'Count Measure', i) || known?.countMeasure;
			if (!measure) throw refuse(this, `The node does not know the count measure of ${provider}`, i, 'Field: Options > Count Measure. Get Provider lists its measures.');
			const rows = await session.calm.analytics.data({ ...base, select: [...groupBy, measure] }, { returnAll: true, limit: 0 });
			return rows
				.map((row) => ({ ...Object.fromEntries(groupBy.map((d) => [d, row[d] ?? null])), count: Number(row[measure] ?? 0), ...(simplify ? {} : window) }))
				.sort((a, b) => b.count - a.count);
		}
		// distinct records: $count over the identity alone (rows of several dimensions would count data points)
		const identity = textOf.call(this, options.identityField, 'Identity Field', i) || known?.identity;
		if (!identity) throw refuse(this, `The node does not know the identity field of ${provider}`, i, 'Field: Options > Identity Field. Or count with Group By and a Count Measure.');
		const count = await session.calm.analytics.count({ ...base, select: [identity] });
		if (filters.length && !ignored.length) {
			// a filter the service dropped leaves the count unfiltered: compare with the same window
			// without the filters (consetto/calmcp counting.ts filterWarning); equal is a doubt, not proof
			const unfiltered = await session.calm.analytics.count({ ...base, filters: [], select: [identity] });
			if (unfiltered === count) {
				warn(
					this,
					session,
					`SAP Cloud ALM Analytics counted ${count} ${provider} records with your filters and ${unfiltered} without them: the service may have dropped a filter (it does so without an error). Check with Group By on the filtered field, which needs no filter.`,
				);
			}
		}
		return [{ provider, count, ...(simplify ? {} : window) }];
	}

	const measures = fieldList.call(this, this.getNodeParameter('measures', i, ''), 'Measures', i);
	const rows = await session.calm.analytics.data({ ...base, select: [...groupBy, ...measures] }, listLimit.call(this, i));
	return simplify ? rows.map(simplified) : rows;
}
