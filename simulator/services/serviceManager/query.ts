/**
 * Service Manager list mechanics: the `fieldQuery`/`labelQuery` language (SAP-docs/btp-service-manager
 * filtering-parameters-and-operators-3331c6e.md; Peripli pkg/query/operators.go) and
 * token paging with `num_items`, `token` and a `Link: <…>; rel="next"` header (Peripli api/api.go,
 * base_controller.go).
 *
 * Grammar (the subset SAP clients use, plus the comparison operators of the reference impl):
 *   query     := predicate ('and' predicate)*
 *   predicate := path op value            path = a field, `a/b` walks into JSON objects
 *   op        := eq | ne | en | gt | ge | lt | le | contains | in | notin
 *   value     := literal | '(' literal (',' literal)* ')'     (lists only for in/notin)
 *   literal   := 'text' (quote doubled to escape) | true | false | integer | ISO date-time
 */
import { SimError, type SimRequest, type SimResponse } from '../../http';

type Literal = string | number | boolean;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const OPERATORS = ['eq', 'ne', 'en', 'gt', 'ge', 'lt', 'le', 'contains', 'in', 'notin'] as const;
type Operator = (typeof OPERATORS)[number];
const LABEL_OPERATORS: Operator[] = ['eq', 'ne', 'in', 'notin'];

export interface Predicate {
	path: string[];
	op: Operator;
	values: Literal[];
}

type Token = { kind: 'word' | 'string' | 'open' | 'close' | 'comma'; text: string };

function tokenize(query: string, code: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < query.length) {
		const c = query[i];
		if (/\s/.test(c)) {
			i++;
		} else if (c === '(' || c === ')' || c === ',') {
			tokens.push({ kind: c === '(' ? 'open' : c === ')' ? 'close' : 'comma', text: c });
			i++;
		} else if (c === "'") {
			let text = '';
			i++;
			for (;;) {
				if (i >= query.length) throw new SimError(400, code, `unterminated string literal in query: ${query}`);
				if (query[i] === "'") {
					if (query[i + 1] === "'") {
						text += "'";
						i += 2;
						continue;
					}
					i++;
					break;
				}
				text += query[i++];
			}
			tokens.push({ kind: 'string', text });
		} else {
			const m = /^[^\s(),']+/.exec(query.slice(i))!;
			tokens.push({ kind: 'word', text: m[0] });
			i += m[0].length;
		}
	}
	return tokens;
}

function literal(token: Token | undefined, code: string): Literal {
	if (!token) throw new SimError(400, code, 'missing value at the end of the query');
	if (token.kind === 'string') return token.text;
	if (token.kind !== 'word') throw new SimError(400, code, `unexpected '${token.text}' where a value was expected`);
	if (token.text === 'true' || token.text === 'false') return token.text === 'true';
	if (/^[+-]?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
	if (ISO_DATE_TIME.test(token.text)) return token.text;
	throw new SimError(400, code, `invalid literal ${token.text}: strings must be in single quotes`);
}

/**
 * Parses a query; `allowedFields` (first path segment) catches typos such as `catalogName` that
 * would otherwise silently match nothing. Label queries pass `undefined` (any key is allowed).
 */
function parse(query: string, kind: 'field' | 'label', allowedFields?: Set<string>): Predicate[] {
	const code = kind === 'field' ? 'InvalidFieldQuery' : 'InvalidLabelQuery';
	if (!query.trim()) throw new SimError(400, code, `${kind}Query must not be empty`);
	const tokens = tokenize(query, code);
	const predicates: Predicate[] = [];
	let i = 0;
	while (i < tokens.length) {
		if (predicates.length) {
			const and = tokens[i++];
			if (and.kind !== 'word' || and.text !== 'and') {
				throw new SimError(400, code, `expected 'and' between predicates, found '${and.text}'`);
			}
		}
		const field = tokens[i++];
		if (!field || field.kind !== 'word') throw new SimError(400, code, `expected a ${kind} name in query: ${query}`);
		const path = field.text.split('/');
		if (allowedFields && !allowedFields.has(path[0])) {
			throw new SimError(400, code, `unsupported field query key: ${path[0]}`);
		}
		const opToken = tokens[i++];
		const op = opToken?.text as Operator;
		if (!opToken || opToken.kind !== 'word' || !OPERATORS.includes(op)) {
			throw new SimError(400, code, `unsupported operator '${opToken?.text ?? ''}' for ${field.text}`);
		}
		if (kind === 'label' && !LABEL_OPERATORS.includes(op)) {
			throw new SimError(400, code, `operator ${op} is not supported for labels (use ${LABEL_OPERATORS.join(', ')})`);
		}
		const values: Literal[] = [];
		if (op === 'in' || op === 'notin') {
			if (tokens[i++]?.kind !== 'open') throw new SimError(400, code, `${op} expects a list like ('a', 'b')`);
			for (;;) {
				values.push(literal(tokens[i++], code));
				const sep = tokens[i++];
				if (sep?.kind === 'close') break;
				if (sep?.kind !== 'comma') throw new SimError(400, code, `${op} list is not closed with ')'`);
			}
		} else {
			values.push(literal(tokens[i++], code));
		}
		predicates.push({ path, op, values });
	}
	return predicates;
}

export const parseFieldQuery = (q: string, allowed: Set<string>) => parse(q, 'field', allowed);
export const parseLabelQuery = (q: string) => parse(q, 'label');

const same = (a: unknown, b: Literal) => a === b || (a !== null && a !== undefined && String(a) === String(b));

function compare(a: unknown, b: Literal): number | undefined {
	if (a === null || a === undefined) return undefined;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	// date-times compare as instants: '…00.000Z' and '…00Z' are the same moment
	if (typeof a === 'string' && typeof b === 'string' && ISO_DATE_TIME.test(a) && ISO_DATE_TIME.test(b)) {
		return Date.parse(a) - Date.parse(b);
	}
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function test(value: unknown, p: Predicate): boolean {
	const [first] = p.values;
	const c = () => compare(value, first);
	switch (p.op) {
		case 'eq':
			return same(value, first);
		case 'ne':
			return !same(value, first);
		case 'en':
			return value === null || value === undefined || same(value, first);
		case 'gt':
			return (c() ?? 0) > 0;
		case 'ge':
			return (c() ?? -1) >= 0;
		case 'lt':
			return (c() ?? 0) < 0;
		case 'le':
			return (c() ?? 1) <= 0;
		case 'contains':
			return typeof value === 'string' && value.includes(String(first));
		case 'in':
			return p.values.some((v) => same(value, v));
		case 'notin':
			return !p.values.some((v) => same(value, v));
	}
}

function resolve(obj: unknown, path: string[]): unknown {
	let cur = obj;
	for (const seg of path) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as Record<string, unknown>)[seg];
	}
	return cur;
}

export const matchesFields = (obj: object, predicates: Predicate[]) =>
	predicates.every((p) => test(resolve(obj, p.path), p));

/** A label matches when any of its values satisfies eq/in; ne/notin need all values to. */
export function matchesLabels(labels: Record<string, string[]> | undefined, predicates: Predicate[]) {
	return predicates.every((p) => {
		const values = labels?.[p.path.join('/')] ?? [];
		if (p.op === 'ne' || p.op === 'notin') return values.every((v) => test(v, p));
		return values.some((v) => test(v, p));
	});
}

/**
 * Applies `fieldQuery` and `labelQuery` of a request to rendered items. `fields` (default: the
 * rendered item) is what field queries see: SM filters on stored columns, so a column the JSON
 * omits when empty (`data_center`, `omitempty` in SAP's operator types) still matches `eq ''`.
 */
export function filterItems<T extends object>(
	req: SimRequest,
	items: Array<{ seq: number; item: T; labels?: Record<string, string[]>; fields?: object }>,
	allowedFields: Set<string>,
) {
	const fq = req.query.get('fieldQuery');
	const lq = req.query.get('labelQuery');
	const fields = fq !== null ? parseFieldQuery(fq, allowedFields) : [];
	const labels = lq !== null ? parseLabelQuery(lq) : [];
	return items.filter((e) => matchesFields(e.fields ?? e.item, fields) && matchesLabels(e.labels, labels));
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Page of a list, in creation order; `baseUrl` is the service origin used for the `Link` header. */
export function pageResponse<T>(req: SimRequest, items: Array<{ seq: number; item: T }>, baseUrl: string): SimResponse {
	const rawMax = req.query.get('max_items');
	let max = DEFAULT_PAGE_SIZE;
	if (rawMax !== null) {
		if (!/^-?\d+$/.test(rawMax)) throw new SimError(400, 'InvalidMaxItems', `max_items must be an integer, got ${rawMax}`);
		max = Number(rawMax);
		if (max < 0) throw new SimError(400, 'InvalidMaxItems', 'max_items cannot be negative');
		max = Math.min(max, MAX_PAGE_SIZE);
	}
	const sorted = [...items].sort((a, b) => a.seq - b.seq);
	if (max === 0) return { status: 200, body: { num_items: sorted.length } };

	let remaining = sorted;
	const token = req.query.get('token');
	if (token !== null) {
		const decoded = Buffer.from(token, 'base64').toString('utf8');
		if (!/^\d+$/.test(decoded) || Buffer.from(decoded).toString('base64') !== token) {
			throw new SimError(400, 'TokenInvalid', 'Invalid token provided.');
		}
		remaining = sorted.filter((e) => e.seq > Number(decoded));
	}
	const page = remaining.slice(0, max);
	const body: { token?: string; num_items: number; items: T[] } = {
		num_items: sorted.length,
		items: page.map((e) => e.item),
	};
	const headers: Record<string, string> = {};
	if (remaining.length > max) {
		body.token = Buffer.from(String(page[page.length - 1].seq)).toString('base64');
		const next = new URLSearchParams(req.query);
		next.set('token', body.token);
		headers.link = `<${baseUrl}${req.path}?${next.toString()}>; rel="next"`;
	}
	return { status: 200, headers, body: { token: body.token, num_items: body.num_items, items: body.items } };
}
