/**
 * SAP Cloud ALM Analytics (CALM_ANALYTICS, CALM_ANALYTICS_ODATA) under `/api/calm-analytics/v1`:
 *
 *   GET  /analytics/providers           REST   the data providers               SAP/alm-plug-in-for-grafana
 *   POST /analytics/providers/filters   REST   a provider's dimensions,          src/DataSource.ts (dpListPath,
 *                                              measures and filter values        dpFiltersPath, dpDataPath under
 *   POST /analytics/providers/data      REST   aggregated rows ("table")         routePath '/analytics'); bodies as
 *                                                                                SAP-samples/cloud-alm-api-examples
 *                                                                                postmancollections/analytics sends them
 *   GET  /odata/v4/analytics/<Provider> OData  one entity set per provider      consetto/calmcp src/tools/calmAnalytics.ts,
 *                                                                                counting.ts, analyticsFilter.ts, constants.ts
 *
 * How the service aggregates (consetto/calmcp src/tools/counting.ts, constants.ts, verified there on
 * a tenant): a row is a DATA POINT, not a record. A record yields one row per combination of its
 * dimension values (a task with two tags is two rows) and per time bucket (`period`/`resolution`,
 * control properties inside `$filter`: `period eq 'L4W' and resolution eq 'W'` is four buckets;
 * without them one bucket). `$select` of dimensions plus a measure answers one pre-aggregated row
 * per distinct combination; `$select` of dimensions alone answers the distinct combinations (so
 * `$select=<identity>&$count=true` counts records); no dimension selected does not collapse.
 * `$orderby` is accepted and IGNORED (calmcp af21e54 "stop advertising $orderby, which the service
 * ignores"). A `$filter` clause on a field the provider does not honour is DROPPED without an error,
 * and the rest is answered as if it were not there (calmcp constants.ts: Tasks honours `typeID`, not
 * the `type` its spec marks filterable). The REST data call drops unknown filter keys the same way
 * (inferred: same service).
 *
 * Scopes: `calm-api.analytics.read` plus the provider's own read scope (Redpeaks wiki, sap_cloud_alm
 * monitors: "analytics.read + the provider's own scope, e.g. defects.read, hm.read"); each 403
 * names the scope that is missing. Listing the providers needs analytics.read only (inferred).
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md): two providers fed from the
 * simulated tasks (Tasks = DP_TASKS, Defects = DP_DEFECTS; SAP documents no mapping between REST
 * provider names and OData entity sets, the pairing is ours); a task's tags are the `#words` of its
 * title (Cloud ALM tags are set in its UI, the Tasks API shows none); REST answers `format: "table"`
 * only; OData `$filter` takes `and`-ed `eq` clauses only (400 otherwise).
 */
import { SimError, parseJsonBody, type Router, type SimRequest } from '../http';
import type { SimContext } from '../state';
import { authenticate, hasScope } from '../tokens';
import { ODATA_SERVER_PAGE_SIZE } from './calmOData';

const BASE = '/api/calm-analytics/v1';
export const ANALYTICS_READ = 'calm-api.analytics.read';

type Value = string | number | boolean | null;
/** One record as the provider sees it; an array is a multi-valued dimension (one row per value). */
type Fact = Record<string, Value | Value[]>;
type Row = Record<string, Value>;

interface Provider {
	/** REST provider name (`providerName`) */
	name: string;
	/** OData entity set */
	entitySet: string;
	description: string;
	/** the provider's own scope, needed beside analytics.read */
	scope: string;
	identity: string;
	countMeasure: string;
	/** dimensions a filter is applied on (calmcp constants.ts `filterable`, as the service honours them) */
	filterable: string[];
	/** every dimension (filterable or not) */
	dimensions: string[];
	measures: string[];
	facts(sim: SimContext): Fact[];
}

const tagsOf = (title: string) => [...title.matchAll(/#([\w-]+)/g)].map((m) => m[1]);
const projectName = (sim: SimContext, id: string) => sim.state.calm.projects.find((p) => p.id === id)?.name ?? null;

/** Field catalogues: a subset of consetto/calmcp src/tools/constants.ts ANALYTICS_PROVIDER_FIELDS (Tasks, Defects). */
export const PROVIDERS: Provider[] = [
	{
		name: 'DP_TASKS',
		entitySet: 'Tasks',
		description: 'ALM Tasks',
		scope: 'calm-api.tasks.read',
		identity: 'taskGUID',
		countMeasure: 'counter',
		// `type` is marked filterable by the spec but NOT honoured; `typeID` is (calmcp constants.ts notes)
		filterable: ['project', 'status', 'typeID', 'priority', 'processor'],
		dimensions: ['project', 'projectName', 'taskGUID', 'name', 'type', 'typeID', 'status', 'priority', 'processor', 'tag'],
		measures: ['counter', 'storyPoint'],
		facts: (sim) =>
			sim.state.calm.tasks.map((t) => ({
				project: t.projectId,
				projectName: projectName(sim, t.projectId),
				taskGUID: t.id,
				name: t.title,
				type: t.type,
				typeID: t.type,
				status: t.status,
				priority: t.priorityId ?? null,
				processor: t.assigneeId ?? null,
				tag: tagsOf(t.title),
				counter: 1,
				storyPoint: t.storyPoints ?? 0,
			})),
	},
	{
		name: 'DP_DEFECTS',
		entitySet: 'Defects',
		description: 'ALM Defects',
		scope: 'calm-api.defects.read',
		identity: 'GUID',
		countMeasure: 'counter',
		filterable: ['project', 'name', 'defectStatus', 'priority'],
		dimensions: ['project', 'projectName', 'GUID', 'name', 'defectStatus', 'priority', 'assignee', 'tag'],
		measures: ['counter'],
		facts: (sim) =>
			sim.state.calm.tasks
				.filter((t) => t.type === 'CALMDEF')
				.map((t) => ({
					project: t.projectId,
					projectName: projectName(sim, t.projectId),
					GUID: t.id,
					name: t.title,
					defectStatus: t.status,
					priority: t.priorityId ?? null,
					assignee: t.assigneeId ?? null,
					tag: tagsOf(t.title),
					counter: 1,
				})),
	},
];

/** Control properties inside `$filter` (calmcp src/tools/analyticsFilter.ts); never dropped. */
const CONTROLS = ['period', 'resolution', 'timeZone', 'firstWeekDay', 'timestampFormat'];

const bad = (message: string) => new SimError(400, '400', message);

/** analytics.read, then the provider's own scope: the 403 names the first one missing. */
function requireScopes(req: SimRequest, sim: SimContext, provider?: Provider) {
	const token = authenticate(req, sim, []);
	for (const scope of [ANALYTICS_READ, ...(provider ? [provider.scope] : [])]) {
		if (!hasScope(token, scope)) throw new SimError(403, '403', `Missing scope ${scope}`);
	}
}

function providerNamed(name: unknown, by: 'name' | 'entitySet'): Provider {
	const p = PROVIDERS.find((x) => x[by] === name);
	if (!p) throw new SimError(by === 'name' ? 400 : 404, by === 'name' ? '400' : '404', `Unknown provider '${String(name)}'`);
	return p;
}

/** `L<n><D|W|M>` with the same resolution: n buckets; anything else (C1D, no period): one bucket. */
function buckets(period: string | undefined, resolution: string | undefined, now: number): string[] {
	const m = period ? /^L(\d{1,3})([DWM])$/.exec(period) : null;
	const n = m && m[2] === resolution ? Number(m[1]) : 1;
	const days = { D: 1, W: 7, M: 30 }[(m?.[2] ?? 'D') as 'D' | 'W' | 'M'];
	return Array.from({ length: n }, (_, i) => new Date(now - (n - 1 - i) * days * 86_400_000).toISOString().slice(0, 10));
}

/** Every data point of the facts: one per combination of multi-valued dimension values, per bucket. */
function dataPoints(facts: Fact[], dims: string[], dates: string[]): Row[] {
	const out: Row[] = [];
	for (const date of dates) {
		for (const fact of facts) {
			let combos: Row[] = [{ ...(fact as Row), date }];
			for (const d of dims) {
				const v = fact[d];
				if (!Array.isArray(v)) continue;
				const values = v.length ? v : [null];
				combos = combos.flatMap((c) => values.map((x) => ({ ...c, [d]: x })));
			}
			out.push(...combos);
		}
	}
	return out;
}

/** One row per distinct combination of `dims`, measures summed (the service's server-side aggregation). */
function aggregate(points: Row[], dims: string[], measures: string[]): Row[] {
	const groups = new Map<string, Row>();
	for (const p of points) {
		const key = JSON.stringify(dims.map((d) => p[d] ?? null));
		const g: Row = groups.get(key) ?? Object.fromEntries([...dims.map((d) => [d, p[d] ?? null]), ...measures.map((m) => [m, 0])]);
		groups.set(key, g);
		for (const m of measures) g[m] = Number(g[m]) + Number(p[m] ?? 0);
	}
	return [...groups.values()];
}

const matches = (fact: Fact, field: string, values: Value[]) => {
	const v = fact[field];
	const have = Array.isArray(v) ? v : [v];
	return have.some((x) => values.some((w) => String(w) === String(x)));
};

// ------------------------------------------------------------------------------------------ REST
function restRoutes(router: Router) {
	router.get(`${BASE}/analytics/providers`, function listAnalyticsProviders(req, sim) {
		requireScopes(req, sim);
		// DPResponse of SAP/alm-plug-in-for-grafana src/types.ts
		return {
			status: 200,
			body: PROVIDERS.map((p) => ({ name: p.name, description: p.description, service: 'calm', domain: 'implementation', version: ['v1'], plan: 'standard', calmMarket: '' })),
		};
	});

	router.post(`${BASE}/analytics/providers/filters`, function analyticsProviderFilters(req, sim) {
		const b = jsonObject(req);
		const provider = providerNamed(b.providerName, 'name');
		requireScopes(req, sim, provider);
		const facts = provider.facts(sim);
		const distinct = (field: string) =>
			[...new Set(facts.flatMap((f) => (Array.isArray(f[field]) ? (f[field] as Value[]) : [f[field] as Value])).filter((v) => v !== null).map(String))].map((v) => ({ key: v, label: v }));
		// DPFilterResponse of SAP/alm-plug-in-for-grafana src/types.ts: attributes filter, dimensions group, measures count
		const entry = (key: string, type: 'attribute' | 'dimension' | 'measure') => ({
			key,
			name: key,
			description: key,
			values: type === 'attribute' ? distinct(key) : [],
			isAttribute: type === 'attribute',
			isMultiple: type === 'attribute',
			triggerRefresh: false,
			group: '',
			type,
		});
		return {
			status: 200,
			body: [
				...provider.filterable.map((k) => entry(k, 'attribute')),
				...provider.dimensions.map((k) => entry(k, 'dimension')),
				...provider.measures.map((k) => entry(k, 'measure')),
			],
		};
	});

	router.post(`${BASE}/analytics/providers/data`, function analyticsProviderData(req, sim) {
		const b = jsonObject(req);
		if (b.format !== 'table') throw bad(`format '${String(b.format)}' is not simulated; send "table"`);
		const offset = count(b.offset, 'offset') ?? 0;
		const limit = count(b.limit, 'limit');
		if (!Array.isArray(b.queries) || !b.queries.length) throw bad('queries must be a non-empty array');
		const answers = b.queries.map((q: Record<string, unknown>) => {
			const provider = providerNamed(q?.provider, 'name');
			requireScopes(req, sim, provider);
			const columns = (q.columns ?? {}) as { dimensions?: unknown; metrics?: unknown };
			const dims = stringList(columns.dimensions ?? [], 'columns.dimensions');
			const metrics = Array.isArray(columns.metrics) ? (columns.metrics as Array<{ measure?: unknown }>) : [];
			const measures = metrics.map((m) => String(m?.measure ?? ''));
			for (const d of dims) if (!provider.dimensions.includes(d)) throw bad(`Unknown dimension '${d}' of provider ${provider.name}`);
			for (const m of measures) if (!provider.measures.includes(m)) throw bad(`Unknown measure '${m}' of provider ${provider.name}`);
			let facts = provider.facts(sim);
			for (const f of Array.isArray(q.filters) ? (q.filters as Array<{ key?: unknown; values?: unknown }>) : []) {
				// keys are matched without case (SAP's own collection sends "Project" and "project"); unknown keys are dropped
				const field = provider.filterable.find((k) => k.toLowerCase() === String(f?.key ?? '').toLowerCase());
				const values = Array.isArray(f?.values) ? (f.values as Value[]) : [];
				if (field && values.length) facts = facts.filter((fact) => matches(fact, field, values));
			}
			const rows = aggregate(dataPoints(facts, dims, ['snapshot']), dims, measures);
			const page = rows.slice(offset, limit === undefined ? undefined : offset + limit);
			return {
				columns: [...dims.map((d) => ({ text: d, type: 'string' })), ...measures.map((m) => ({ text: m, type: 'number' }))],
				rows: page.map((r) => [...dims, ...measures].map((c) => r[c] ?? null)),
			};
		});
		return { status: 200, body: answers };
	});
}

function jsonObject(req: SimRequest): Record<string, unknown> {
	const b = parseJsonBody<unknown>(req);
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw bad('The request body must be a JSON object');
	return b as Record<string, unknown>;
}

/** SAP's collection sends `"offset": "0"`, `"limit": "10"` as strings; numbers are taken too. */
function count(v: unknown, name: string): number | undefined {
	if (v === undefined || v === null) return undefined;
	if (!/^\d+$/.test(String(v))) throw bad(`${name} must be a non-negative integer`);
	return Number(v);
}

function stringList(v: unknown, name: string): string[] {
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw bad(`${name} must be an array of names`);
	return v as string[];
}

// ----------------------------------------------------------------------------------------- OData
/** `a eq 'x' and b eq 3` → clauses; anything else (or, not, functions, other operators) is a 400 here. */
function parseFilter(text: string): Array<{ field: string; value: Value }> {
	const parts = text.split(/\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)/i);
	return parts.map((part) => {
		const m = /^\s*(\w+)\s+eq\s+(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|(true|false|null))\s*$/.exec(part);
		if (!m) throw bad(`Invalid $filter clause '${part.trim()}': the simulator takes <field> eq <value> clauses joined by and`);
		const value: Value = m[2] !== undefined ? m[2].replace(/''/g, "'") : m[3] !== undefined ? Number(m[3]) : m[4] === 'null' ? null : m[4] === 'true';
		return { field: m[1], value };
	});
}

function odataRoutes(router: Router) {
	router.get(`${BASE}/odata/v4/analytics/:entitySet`, function queryAnalyticsProvider(req, sim) {
		const provider = providerNamed(req.params.entitySet, 'entitySet');
		requireScopes(req, sim, provider);
		for (const key of req.query.keys()) {
			if (key.startsWith('$') && !['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$skiptoken'].includes(key)) throw bad(`The query option ${key} is not supported`);
		}
		const controls: Record<string, string> = {};
		let facts = provider.facts(sim);
		const filter = req.query.get('$filter');
		for (const clause of filter ? parseFilter(filter) : []) {
			if (CONTROLS.includes(clause.field)) controls[clause.field] = String(clause.value);
			// a clause on a field the provider does not honour is dropped, silently (calmcp counting.ts filterWarning)
			else if (provider.filterable.includes(clause.field)) facts = facts.filter((f) => matches(f, clause.field, [clause.value]));
		}
		// $orderby is accepted and ignored: rows stay in the service's own order
		const all = [...provider.dimensions, ...provider.measures, 'date'];
		const selected = req.query.get('$select')?.split(',').map((s) => s.trim()).filter(Boolean);
		for (const s of selected ?? []) if (!all.includes(s)) throw bad(`Invalid $select: property '${s}' does not exist`);
		const dims = (selected ?? []).filter((s) => !provider.measures.includes(s));
		const measures = (selected ?? []).filter((s) => provider.measures.includes(s));
		const points = dataPoints(facts, selected ? dims : provider.dimensions, buckets(controls.period, controls.resolution, sim.now()));
		const rows = selected && dims.length ? aggregate(points, dims, measures) : points.map((p) => (selected ? Object.fromEntries(selected.map((s) => [s, p[s] ?? null])) : p));

		const top = nonNegative(req, '$top');
		const skipToken = nonNegative(req, '$skiptoken') ?? 0;
		const skip = (nonNegative(req, '$skip') ?? 0) + skipToken;
		const pageSize = top ?? ODATA_SERVER_PAGE_SIZE;
		const body: Record<string, unknown> = { '@odata.context': `$metadata#${provider.entitySet}` };
		const countOption = req.query.get('$count');
		if (countOption !== null && countOption !== 'true' && countOption !== 'false') throw bad('$count must be true or false');
		if (countOption === 'true') body['@odata.count'] = rows.length;
		body.value = rows.slice(skip, skip + pageSize);
		if (top === undefined && skip + pageSize < rows.length) {
			const next = new URLSearchParams(req.query);
			next.delete('$skip');
			next.set('$skiptoken', String(skip + pageSize));
			body['@odata.nextLink'] = `${sim.urls.cloudAlm}${req.path}?${next.toString()}`;
		}
		return { status: 200, body };
	});
}

function nonNegative(req: SimRequest, name: string): number | undefined {
	const raw = req.query.get(name);
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw)) throw bad(`${name} must be a non-negative integer, got '${raw}'`);
	return Number(raw);
}

/** Registers the Analytics routes on the Cloud ALM router (same origin, same error body). */
export function analyticsRoutes(router: Router): void {
	restRoutes(router);
	odataRoutes(router);
}
