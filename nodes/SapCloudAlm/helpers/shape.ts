/**
 * Output shaping after reading. A task carries about 67 attributes, mostly null, and the Tasks API
 * has no `$select` (consetto/calmcp src/tools/shape.ts: "every field of every record (67 per task,
 * ~40 of them null in practice)"), so Simplify and Fields pick from what SAP sent; Count keeps only
 * a tally (calmcp src/tools/aggregate.ts: a group-by over REST lists has to be counted by the client).
 */
import type { IDataObject } from 'n8n-workflow';

/**
 * The task attributes Simplify keeps (then drops the null ones): identity, what it is, where it
 * stands, who has it, when it is due, where it is planned, when it changed. Names as the Tasks API
 * sends them (SAP-samples/cloud-alm-api-examples calm-project-task-api.ipynb; `displayId`,
 * `timeboxId` from consetto/calmcp).
 */
export const TASK_SIMPLE_FIELDS = [
	'id',
	'displayId',
	'projectId',
	'title',
	'type',
	'status',
	'subStatus',
	'priorityId',
	'assigneeId',
	'assigneeName',
	'dueDate',
	'timeboxId',
	'timeboxName',
	'parentId',
	'externalId',
	'lastChangedTimestamp',
] as const;

/** The fields of `item` named in `fields`, in that order, without the null or absent ones. */
export function simplify(item: IDataObject, fields: readonly string[]): IDataObject {
	const out: IDataObject = {};
	for (const f of fields) if (item[f] !== null && item[f] !== undefined) out[f] = item[f];
	return out;
}

/** A field name as the node accepts it in Fields and Group By: letters, digits, `_`. */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The names of a comma-separated list, trimmed, empty entries dropped. */
export const fieldNames = (text: string): string[] =>
	text
		.split(',')
		.map((n) => n.trim())
		.filter(Boolean);

/** Field names of `items` that appear on none of them (a misspelt name would otherwise give empty items). */
export function unknownFields(items: IDataObject[], names: string[]): { unknown: string[]; available: string[] } {
	const available = new Set<string>();
	for (const item of items) for (const k of Object.keys(item)) available.add(k);
	return { unknown: names.filter((n) => !available.has(n)), available: [...available].sort() };
}

/** `item` cut to `names` (absent ones left out, nulls kept: the user asked for them by name). */
export function pick(item: IDataObject, names: string[]): IDataObject {
	const out: IDataObject = {};
	for (const n of names) if (n in item) out[n] = item[n];
	return out;
}

/** Bucket of a row whose group-by field is null, absent or empty. */
export const NO_VALUE = '(none)';

export interface GroupTally {
	total: number;
	groupBy: string[];
	/** one entry per combination of values: the values by field name, and `count`; largest first */
	groups: IDataObject[];
}

const bucket = (v: unknown) => (v === null || v === undefined || v === '' ? NO_VALUE : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A tally fed page by page, so a count never holds the rows it counted. */
export function createTally(groupBy: string[]): { add(rows: IDataObject[]): void; result(): GroupTally } {
	const counts = new Map<string, { values: string[]; count: number }>();
	let total = 0;
	return {
		add(rows) {
			total += rows.length;
			if (!groupBy.length) return;
			for (const row of rows) {
				const values = groupBy.map((f) => bucket(row[f]));
				const key = JSON.stringify(values);
				const entry = counts.get(key) ?? { values, count: 0 };
				entry.count++;
				counts.set(key, entry);
			}
		},
		result() {
			const groups = [...counts.values()]
				.sort((a, b) => b.count - a.count || a.values.join('\u0000').localeCompare(b.values.join('\u0000')))
				.map(({ values, count }) => ({ ...Object.fromEntries(groupBy.map((f, n) => [f, values[n]])), count }));
			return { total, groupBy, groups };
		},
	};
}
