/**
 * Cloud ALM's changed-since reads, as pollers use them (issue 14).
 *
 * Tasks (REST, CALM_TKM): every task carries `createdTimestamp` and `lastChangedTimestamp`
 * (SAP-samples/cloud-alm-api-examples jupyternotebooks/calm-copy-template-project.ipynb removes both
 * from a read task before posting it again), and `GET /tasks` filters them with
 * `lastChangedTimestamp=<op>:<ISO 8601>`, op `gt`, `eq` or `lt` (consetto/calmcp src/tools/schemas.ts
 * "use this for incremental 'what changed since' queries", src/tools/registry.ts, tests/unit/
 * registry.test.ts `lastChangedTimestamp=gt:2026-08-01T00:00:00Z`), beside the day-precision
 * `lastChangedDate=<op>:<YYYY-MM-DD>` of SAP's own notebook (calm-project-task-2022-02-updates.ipynb).
 * `ge` and `le` are accepted as `lastChangedDate` accepts them; nobody documents them.
 *
 * Features (OData v4, CALM_CDM_ODATA): `createdAt`/`modifiedAt` (fr0ster/mcp-calm-client
 * src/core/feature/types.ts; test cases use `modifiedAt` as their ETag, SAP's
 * calm-tm-manual-test-cases-api-v1.ipynb), filtered with OData's `$filter=modifiedAt gt <date-time>`
 * and sorted with `$orderby=modifiedAt asc` (consetto/calmcp src/calm/odata.ts) — `calmOData.ts`.
 *
 * Unknown, so switches (simulator/profile.ts): the timestamps' precision (`calmTimestampPrecision`),
 * whether `gt:` leaves out a task changed exactly then (`calmChangedSinceGt`), the tasks list's
 * order (`calmTaskListOrder`), and whether SAP has `lastChangedTimestamp` at all or ignores or
 * refuses it (`calmLastChangedTimestampFilter`). OData's `gt` is exclusive by the OData v4 spec.
 */
import { SimError } from '../http';
import type { Profile } from '../profile';
import type { CalmTask } from '../state';

const bad = (message: string) => new SimError(400, '400', message);

/** A stored ISO timestamp as Cloud ALM shows it: milliseconds, or cut to whole seconds. */
export function calmTimestamp(iso: string, profile: Profile): string {
	if (profile.calmTimestampPrecision !== 's') return iso;
	return iso.replace(/\.\d+(?=Z|[+-]\d{2}:\d{2}$)/, '');
}

const OPERATORS = ['gt', 'ge', 'eq', 'lt', 'le'] as const;

/** `lastChangedTimestamp=gt:2026-08-01T00:00:00Z` — compared as instants at the profile's precision. */
export function lastChangedTimestampFilter(raw: string, profile: Profile): (t: CalmTask) => boolean {
	// only third parties document this parameter: a server without it may ignore or refuse it
	if (profile.calmLastChangedTimestampFilter === 'ignored') return () => true;
	if (profile.calmLastChangedTimestampFilter === 'rejected') throw bad(`Unknown query parameter lastChangedTimestamp`);
	const m = /^(\w+):(.+)$/.exec(raw);
	const op = m?.[1] as (typeof OPERATORS)[number] | undefined;
	const at = m ? Date.parse(m[2]) : NaN;
	if (!m || !op || !OPERATORS.includes(op) || !/T\d{2}:\d{2}/.test(m[2]) || Number.isNaN(at)) {
		throw bad(`lastChangedTimestamp must look like <op>:<ISO 8601 timestamp>, op one of gt, eq, lt (e.g. gt:2026-08-01T00:00:00Z)`);
	}
	const bound = Date.parse(calmTimestamp(new Date(at).toISOString(), profile));
	const effective = op === 'gt' && profile.calmChangedSinceGt === 'inclusive' ? 'ge' : op;
	return (t) => {
		const c = Date.parse(calmTimestamp(t.lastChangedDate, profile)) - bound;
		return { gt: c > 0, ge: c >= 0, eq: c === 0, lt: c < 0, le: c <= 0 }[effective];
	};
}

/** The tasks list in the profile's order (creation order, or oldest change first). */
export function orderTasks(rows: CalmTask[], profile: Profile): CalmTask[] {
	if (profile.calmTaskListOrder !== 'lastChanged') return rows;
	return [...rows].sort((a, b) => Date.parse(a.lastChangedDate) - Date.parse(b.lastChangedDate));
}
