/**
 * The OData v4 system query options the simulated Cloud ALM OData services understand, as
 * third-party clients use them (consetto/calmcp, consetto/sap-cloud-alm-odata-mcp): `$filter` (eq
 * ne gt ge lt le, and, or, not, parentheses, contains/startswith/endswith), `$select`, `$orderby`
 * (one field, asc|desc), `$top`, `$skip`, `$count=true` and server-driven paging with
 * `@odata.nextLink` + `$skiptoken`.
 */
import { SimError, type SimRequest } from '../http';

/** Page size when the client sends no `$top` (server-driven paging). Small so paging is exercised. */
export const ODATA_SERVER_PAGE_SIZE = 5;

type Literal = string | number | boolean | null;
type Entity = Record<string, unknown>;
type Test = (e: Entity) => boolean;
type Token = { kind: 'word' | 'string' | 'open' | 'close' | 'comma'; text: string };

const bad = (message: string) => new SimError(400, '400', message);

function tokenize(text: string): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (/\s/.test(c)) i++;
		else if (c === '(' || c === ')' || c === ',') {
			out.push({ kind: c === '(' ? 'open' : c === ')' ? 'close' : 'comma', text: c });
			i++;
		} else if (c === "'") {
			let s = '';
			i++;
			for (;;) {
				if (i >= text.length) throw bad(`Invalid $filter: unterminated string literal`);
				if (text[i] === "'" && text[i + 1] === "'") {
					s += "'";
					i += 2;
				} else if (text[i] === "'") {
					i++;
					break;
				} else s += text[i++];
			}
			out.push({ kind: 'string', text: s });
		} else {
			const m = /^[^\s(),']+/.exec(text.slice(i))!;
			out.push({ kind: 'word', text: m[0] });
			i += m[0].length;
		}
	}
	return out;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

function compare(a: unknown, b: Literal): number | undefined {
	if (a === null || a === undefined || b === null) return undefined;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	// date-times compare as instants: '…00.000Z' and '…00Z' are the same moment
	if (typeof a === 'string' && typeof b === 'string' && DATE_TIME.test(a) && DATE_TIME.test(b) && a.includes('T') && b.includes('T')) {
		return Date.parse(a) - Date.parse(b);
	}
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Recursive-descent parser producing a predicate over entities. */
class FilterParser {
	private i = 0;
	constructor(
		private tokens: Token[],
		private fields: Set<string>,
	) {}

	parse(): Test {
		const t = this.or();
		if (this.i < this.tokens.length) throw bad(`Invalid $filter: unexpected '${this.tokens[this.i].text}'`);
		return t;
	}

	private peekWord(w: string) {
		const t = this.tokens[this.i];
		return t?.kind === 'word' && t.text === w;
	}

	private expect(kind: Token['kind']) {
		const t = this.tokens[this.i++];
		if (t?.kind !== kind) throw bad(`Invalid $filter: expected '${kind}' but found '${t?.text ?? 'end'}'`);
		return t;
	}

	private or(): Test {
		let left = this.and();
		while (this.peekWord('or')) {
			this.i++;
			const l = left;
			const r = this.and();
			left = (e) => l(e) || r(e);
		}
		return left;
	}

	private and(): Test {
		let left = this.unary();
		while (this.peekWord('and')) {
			this.i++;
			const l = left;
			const r = this.unary();
			left = (e) => l(e) && r(e);
		}
		return left;
	}

	private unary(): Test {
		if (this.peekWord('not')) {
			this.i++;
			const inner = this.unary();
			return (e) => !inner(e);
		}
		const t = this.tokens[this.i];
		if (t?.kind === 'open') {
			this.i++;
			const inner = this.or();
			this.expect('close');
			return inner;
		}
		if (t?.kind === 'word' && ['contains', 'startswith', 'endswith'].includes(t.text)) return this.func(t.text);
		return this.comparison();
	}

	private field(): string {
		const t = this.expect('word');
		if (!this.fields.has(t.text)) throw bad(`Invalid $filter: property '${t.text}' does not exist`);
		return t.text;
	}

	private literal(): Literal {
		const t = this.tokens[this.i++];
		if (!t) throw bad('Invalid $filter: a value is missing');
		if (t.kind === 'string') return t.text;
		if (t.kind !== 'word') throw bad(`Invalid $filter: '${t.text}' is not a value`);
		if (t.text === 'true' || t.text === 'false') return t.text === 'true';
		if (t.text === 'null') return null;
		if (/^[+-]?\d+(\.\d+)?$/.test(t.text)) return Number(t.text);
		if (GUID.test(t.text) || DATE_TIME.test(t.text)) return t.text;
		throw bad(`Invalid $filter: '${t.text}' is not a value (strings need single quotes)`);
	}

	private func(name: string): Test {
		this.i++;
		this.expect('open');
		const f = this.field();
		this.expect('comma');
		const v = this.literal();
		this.expect('close');
		if (typeof v !== 'string') throw bad(`Invalid $filter: ${name} needs a string value`);
		return (e) => {
			const s = e[f] === undefined || e[f] === null ? '' : String(e[f]);
			if (name === 'contains') return s.toLowerCase().includes(v.toLowerCase());
			return name === 'startswith' ? s.startsWith(v) : s.endsWith(v);
		};
	}

	private comparison(): Test {
		const f = this.field();
		const op = this.expect('word').text;
		const v = this.literal();
		const c = (e: Entity) => compare(e[f], v);
		switch (op) {
			case 'eq':
				return (e) => (v === null ? e[f] === null || e[f] === undefined : c(e) === 0);
			case 'ne':
				return (e) => (v === null ? e[f] !== null && e[f] !== undefined : c(e) !== 0);
			case 'gt':
				return (e) => (c(e) ?? 0) > 0;
			case 'ge':
				return (e) => (c(e) ?? -1) >= 0;
			case 'lt':
				return (e) => (c(e) ?? 0) < 0;
			case 'le':
				return (e) => (c(e) ?? 1) <= 0;
			default:
				throw bad(`Invalid $filter: unsupported operator '${op}'`);
		}
	}
}

function nonNegativeInt(req: SimRequest, name: string): number | undefined {
	const raw = req.query.get(name);
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw)) throw bad(`${name} must be a non-negative integer, got '${raw}'`);
	return Number(raw);
}

/**
 * Applies the query options to a collection and builds the OData response body. `baseUrl` is the
 * service origin; `context` the `@odata.context` value.
 */
export function odataCollection(
	req: SimRequest,
	entities: Entity[],
	fields: Set<string>,
	baseUrl: string,
	context: string,
): Record<string, unknown> {
	for (const key of req.query.keys()) {
		if (key.startsWith('$') && !['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$skiptoken', '$format'].includes(key)) {
			throw bad(`The query option ${key} is not supported`);
		}
	}
	let rows = entities;
	const filter = req.query.get('$filter');
	if (filter !== null) {
		const test = new FilterParser(tokenize(filter), fields).parse();
		rows = rows.filter(test);
	}
	const orderby = req.query.get('$orderby');
	if (orderby !== null) {
		const m = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/.exec(orderby);
		if (!m || !fields.has(m[1])) throw bad(`Invalid $orderby '${orderby}': give one property, optionally followed by asc or desc`);
		const dir = m[2] === 'desc' ? -1 : 1;
		rows = [...rows].sort((a, b) => dir * (compare(a[m[1]], b[m[1]] as Literal) ?? 0));
	}
	const count = req.query.get('$count');
	if (count !== null && count !== 'true' && count !== 'false') throw bad(`$count must be true or false`);

	const skipToken = req.query.get('$skiptoken');
	if (skipToken !== null && !/^\d+$/.test(skipToken)) throw bad(`Invalid $skiptoken '${skipToken}'`);
	const skip = (nonNegativeInt(req, '$skip') ?? 0) + Number(skipToken ?? 0);
	const top = nonNegativeInt(req, '$top');
	const pageSize = top ?? ODATA_SERVER_PAGE_SIZE;
	const page = rows.slice(skip, skip + pageSize);

	const select = req.query.get('$select');
	let shaped = page;
	if (select !== null) {
		const wanted = select.split(',').map((s) => s.trim());
		const unknown = wanted.find((w) => !fields.has(w));
		if (unknown !== undefined) throw bad(`Invalid $select: property '${unknown}' does not exist`);
		shaped = page.map((e) => Object.fromEntries(wanted.map((w) => [w, e[w] ?? null])));
	}

	const body: Record<string, unknown> = { '@odata.context': context };
	if (count === 'true') body['@odata.count'] = rows.length;
	body.value = shaped;
	if (top === undefined && skip + pageSize < rows.length) {
		const next = new URLSearchParams(req.query);
		next.delete('$skip');
		next.set('$skiptoken', String(skip + pageSize));
		body['@odata.nextLink'] = `${baseUrl}${req.path}?${next.toString()}`;
	}
	return body;
}

/**
 * SAP's Cloud ALM OpenAPI specs declare the OData 4.01 minimal annotations `@count`/`@nextLink`, not
 * `@odata.count`/`@odata.nextLink` (consetto/calmcp src/calm/odata.ts); which one the service sends is
 * not verified, so Test Management and Process Hierarchy send the 4.01 form (this function) and the other simulated
 * OData services the 4.0 one.
 */
export function minimalAnnotations(body: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(body)) out[k === '@odata.nextLink' ? '@nextLink' : k === '@odata.count' ? '@count' : k] = v;
	return out;
}
