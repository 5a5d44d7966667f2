/**
 * SAP Cloud ALM Analytics: the one place its paths, bodies and OData queries are built. The
 * CloudAlmClient exposes it as `session.calm.analytics`, so it shares the session's token gate and
 * API URL like every other Cloud ALM call.
 *
 * REST (CALM_ANALYTICS) as SAP's own clients call it: `GET /analytics/providers`, `POST
 * /analytics/providers/filters` {providerName, providerVersion} (SAP/alm-plug-in-for-grafana
 * src/DataSource.ts; SAP-samples/cloud-alm-api-examples postmancollections/analytics).
 * OData (CALM_ANALYTICS_ODATA): one entity set per provider under `/odata/v4/analytics`, with
 * `period`/`resolution` inside `$filter` (consetto/calmcp docs/API_VERSIONS.md,
 * src/tools/analyticsFilter.ts). How it aggregates, and what it ignores: analyticsProviders.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { odataList, restListUnpaged, type ListLimit } from './paging';
import { calmRequest } from './request';
import type { CloudAlmSession } from './session';

const ANALYTICS = '/calm-analytics/v1';
const PROVIDERS = `${ANALYTICS}/analytics/providers`;
const ODATA = `${ANALYTICS}/odata/v4/analytics`;

/** What Get Data asks of a provider's entity set. */
export interface AnalyticsQuery {
	/** OData entity set of the provider, e.g. Tasks */
	provider: string;
	/** `and`-ed clauses already written as OData (field eq literal) */
	filters: string[];
	/** `$select`: dimensions to group by, then measures; empty = every field of every data point */
	select: string[];
	period?: string;
	resolution?: string;
}

/** `period eq 'L4W' and resolution eq 'W'` are control properties inside `$filter` (calmcp analyticsFilter.ts). */
function filterOf(query: AnalyticsQuery): string | undefined {
	const clauses = [...query.filters];
	if (query.period) clauses.push(`period eq ${literal(query.period)}`);
	if (query.resolution) clauses.push(`resolution eq ${literal(query.resolution)}`);
	return clauses.length ? clauses.join(' and ') : undefined;
}

/** An OData literal: whole numbers and true/false as they are, everything else a quoted string. */
export function literal(value: string): string {
	if (/^-?\d+$/.test(value) || value === 'true' || value === 'false') return value;
	return `'${value.replace(/'/g, "''")}'`;
}

export class AnalyticsClient {
	constructor(private readonly session: CloudAlmSession) {}

	/** The data providers (REST; one GET, no paging documented). */
	async listProviders(limit: ListLimit): Promise<IDataObject[]> {
		return await restListUnpaged(this.session, PROVIDERS, {}, limit);
	}

	/** A provider's filters, dimensions and measures as SAP sends them (REST `providers/filters`). */
	async providerFilters(providerName: string): Promise<IDataObject[]> {
		const body = await calmRequest(this.session, {
			method: 'POST',
			path: `${PROVIDERS}/filters`,
			body: { providerName, providerVersion: 'v1' },
		});
		if (!Array.isArray(body)) {
			throw new NodeOperationError(this.session.node, `SAP Cloud ALM answered POST ${PROVIDERS}/filters with something that is not a list`);
		}
		return body as IDataObject[];
	}

	/** Rows of a provider's entity set, following `@odata.nextLink`. `$orderby` is never sent: the service ignores it. */
	async data(query: AnalyticsQuery, limit: ListLimit): Promise<IDataObject[]> {
		const qs: IDataObject = {};
		const filter = filterOf(query);
		if (filter) qs.$filter = filter;
		if (query.select.length) qs.$select = query.select.join(',');
		return await odataList(this.session, `${ODATA}/${encodeURIComponent(query.provider)}`, qs, limit);
	}

	/** How many rows the query has (`$count=true`, `$top=0`: no row is transferred). */
	async count(query: AnalyticsQuery): Promise<number> {
		const qs: IDataObject = { $count: 'true', $top: 0 };
		const filter = filterOf(query);
		if (filter) qs.$filter = filter;
		if (query.select.length) qs.$select = query.select.join(',');
		const path = `${ODATA}/${encodeURIComponent(query.provider)}`;
		const body = (await calmRequest(this.session, { method: 'GET', path, qs })) as IDataObject | undefined;
		const total = body?.['@odata.count'];
		if (typeof total !== 'number' && !(typeof total === 'string' && /^\d+$/.test(total))) {
			throw new NodeOperationError(this.session.node, `SAP Cloud ALM answered GET ${path} with $count=true but without @odata.count`);
		}
		return Number(total);
	}
}
