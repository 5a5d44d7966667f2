import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asText, NOT_TEXT_FIX, notTextMessage } from '../../shared/text';

/**
 * Checks that run before any call, so a bad parameter never costs a token or a request and the
 * error names the field to fix, and the step it belongs to (`INPUT_STEP`).
 */

/** The step of every refusal before any call (issue 11, item 8: every error names its step). */
export const INPUT_STEP = 'Check input';

/** A refusal before any call: the message names the field, `fix` says what to do. */
export function refuse(ctx: IExecuteFunctions, message: string, i: number, fix?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex: i, description: `Step: ${INPUT_STEP}${fix ? `\n${fix}` : ''}` });
}

/**
 * A text parameter as text (issue 12 weakness 9): numbers and booleans from an expression become
 * their text, absent values "", objects and lists are refused naming the field. Trimmed.
 */
export function textOf(this: IExecuteFunctions, value: unknown, label: string, i: number): string {
	const text = asText(value);
	if (!text.ok) throw refuse(this, notTextMessage(label, text.got), i, `Field: ${label}. ${NOT_TEXT_FIX}`);
	return text.text.trim();
}

/**
 * The text properties of `raw` that `limits` lists (label and SAP's longest), trimmed, empty ones left out; one longer
 * than SAP takes is refused naming the field and its limit. Absent keys are skipped, so Update passes only what changes.
 */
export function boundedTexts<K extends string>(
	this: IExecuteFunctions,
	raw: IDataObject,
	limits: Record<K, { label: string; max: number }>,
	i: number,
): Partial<Record<K, string>> {
	const out: Partial<Record<K, string>> = {};
	for (const key of Object.keys(limits) as K[]) {
		if (raw[key] === undefined) continue;
		const { label, max } = limits[key];
		const text = textOf.call(this, raw[key], label, i);
		if (text.length > max) {
			throw refuse(this, `${label} is ${text.length} characters long; SAP Cloud ALM takes at most ${max}`, i, `Field: ${label}. Shorten it to ${max} characters or fewer.`);
		}
		if (text) out[key] = text;
	}
	return out;
}

/** The Project ID and Filter options of an OData Get Many, each checked to be text. */
export function projectAndFilter(this: IExecuteFunctions, options: IDataObject, i: number): { projectId: string; filter: string } {
	return { projectId: textOf.call(this, options.projectId, 'Project ID', i), filter: textOf.call(this, options.filter, 'Filter', i) };
}

/** An ID checked by `segment`: one percent-encoded path segment the client may put in a path. */
export type IdSegment = string & { readonly __idSegment: true };

/** One path segment (an ID): no slashes or dot-segments that would move the request elsewhere. */
export function segment(this: IExecuteFunctions, value: unknown, label: string, i: number): IdSegment {
	const text = textOf.call(this, value, label, i);
	if (!text) throw refuse(this, `${label} is empty`, i);
	if (/[/\\?#]/.test(text) || text === '.' || text === '..') {
		throw refuse(this, `${label} "${text}" is not an ID (it contains /, \\, ? or #)`, i);
	}
	return encodeURIComponent(text) as IdSegment;
}

/**
 * An ID parameter as one path segment. `extractValue` reads a resource locator's value (version 2)
 * and leaves a plain string (a version 1 workflow, or a string parameter) as it is.
 */
export function requireSegment(this: IExecuteFunctions, name: string, label: string, i: number): IdSegment {
	return segment.call(this, this.getNodeParameter(name, i, '', { extractValue: true }), label, i);
}

export function requireText(this: IExecuteFunctions, name: string, label: string, i: number): string {
	const text = textOf.call(this, this.getNodeParameter(name, i, ''), label, i);
	if (!text) throw refuse(this, `${label} is empty`, i);
	return text;
}

/** `YYYY-MM-DD` from an n8n dateTime value (ISO string, date string or Luxon-ish object). */
export function isoDate(this: IExecuteFunctions, value: unknown, label: string, i: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text =
		value instanceof Date ? value.toISOString() : typeof (value as { toISO?: unknown }).toISO === 'function' ? String((value as { toISO: () => string }).toISO()) : textOf.call(this, value, label, i);
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
	const parsed = new Date(text);
	if (Number.isNaN(parsed.getTime())) {
		throw refuse(this, `${label} "${text}" is not a date (use YYYY-MM-DD)`, i);
	}
	// keep the calendar day as written: a date-time with an offset is read in its own zone
	const m = /^(\d{4}-\d{2}-\d{2})T/.exec(text);
	return m ? m[1] : parsed.toISOString().slice(0, 10);
}

/** A Custom API Call body: JSON text or an object from an expression; objects and arrays only. */
export function parseJsonBody(this: IExecuteFunctions, value: unknown, i: number): unknown {
	let parsed = value;
	if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw refuse(this, `Body (JSON) is not valid JSON: ${(error as Error).message}`, i);
		}
	}
	if (parsed === null || typeof parsed !== 'object') {
		throw refuse(this, 'Body (JSON) must be a JSON object or array', i);
	}
	return parsed;
}

/** Task fields from a collection, trimmed, with empty strings dropped and dates as YYYY-MM-DD. */
export function taskBody(this: IExecuteFunctions, fields: IDataObject, i: number): IDataObject {
	const body: IDataObject = {};
	for (const [key, raw] of Object.entries(fields)) {
		if (raw === undefined || raw === null) continue;
		if (key === 'dueDate') {
			const date = isoDate.call(this, raw, 'Due Date', i);
			if (date) body.dueDate = date;
			continue;
		}
		if (typeof raw === 'string') {
			const text = raw.trim();
			if (text) body[key] = text;
			continue;
		}
		body[key] = raw;
	}
	return body;
}

/** Feature fields from a collection, with empty strings dropped. */
export function featureBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, raw] of Object.entries(fields)) {
		if (raw === undefined || raw === null) continue;
		if (typeof raw === 'string') {
			if (raw.trim()) body[key] = raw.trim();
			continue;
		}
		body[key] = raw;
	}
	return body;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID parameter (it goes into an OData `$filter` as a Guid literal), or undefined when empty. */
export function optionalUuid(this: IExecuteFunctions, value: unknown, label: string, i: number): string | undefined {
	const text = textOf.call(this, value, label, i);
	if (!text) return undefined;
	if (!UUID.test(text)) {
		throw refuse(this, `${label} "${text}" is not a UUID`, i, `Field: ${label}. Give the uuid as Get Many returns it, e.g. 6f1a0c00-0000-4000-8000-000000000001.`);
	}
	return text.toLowerCase();
}

/** OData `$filter` parts joined by "and"; a user's own expression is parenthesised when joined. */
export function andFilters(parts: Array<string | undefined>, userFilter?: string): string | undefined {
	const all = parts.filter((p): p is string => !!p);
	if (userFilter) all.push(all.length ? `(${userFilter})` : userFilter);
	return all.length ? all.join(' and ') : undefined;
}

/** An OData string literal: `'it''s'`. */
export const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function listLimit(this: IExecuteFunctions, i: number): { returnAll: boolean; limit: number } {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? 0 : Math.floor(this.getNodeParameter('limit', i, 50) as number);
	if (!returnAll && !(limit >= 1)) {
		throw refuse(this, 'Limit must be at least 1', i);
	}
	return { returnAll, limit };
}
