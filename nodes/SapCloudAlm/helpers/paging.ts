import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { PAGE_SIZE } from './constants';
import { calmRequest } from './request';
import { pathInsideBase } from './paths';
import type { CloudAlmSession } from './session';

export interface ListLimit {
	returnAll: boolean;
	/** ignored when returnAll */
	limit: number;
}

/** The items of a list answer: a bare array (REST) or an OData `{ value: [...] }`. */
function itemsOf(session: CloudAlmSession, body: unknown, path: string): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object' && Array.isArray((body as IDataObject).value)) {
		return (body as IDataObject).value as IDataObject[];
	}
	throw new NodeOperationError(session.node, `SAP Cloud ALM answered GET ${path} with something that is not a list`);
}

const identity = (item: IDataObject | undefined) => (item ? JSON.stringify(item.id ?? item.uuid ?? item) : '');

/**
 * The most pages one list follows (issue 12 weakness 7: a server that always sends a new
 * `@odata.nextLink` must not be followed forever). 1,000 pages are 100,000 tasks at PAGE_SIZE.
 */
export const MAX_PAGES = 1000;

/**
 * Tells the user in the output pane why a list stopped early (n8n's execution hints, as n8n's
 * own nodes use for partial results); the items fetched so far are still returned.
 */
function pagingHint(session: CloudAlmSession, message: string): void {
	// lists run in an execution; a list search's context has no output pane to hint in
	if ('addExecutionHints' in session.ctx) session.ctx.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
}

const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;

const capHint = (path: string, count: number) =>
	`SAP Cloud ALM: GET ${path.split('?')[0]} stopped after ${MAX_PAGES} pages (${items(count)}), the most the node follows; the list may be longer. Narrow it with a filter or use Limit.`;

/** A URL's identity for "seen before": origin, path and the query parameters in sorted order. */
function pageKey(base: string, path: string, qs: IDataObject): string {
	const url = new URL(`${base}${path}`);
	for (const [k, v] of Object.entries(qs)) url.searchParams.append(k, String(v));
	url.searchParams.sort();
	url.hash = '';
	return url.toString();
}

/**
 * REST lists without documented paging (projects, timeboxes, comments, references): one GET, cut
 * to Limit. Paging parameters the API does not document are not sent (SAP-samples/cloud-alm-api-
 * examples calm-project-task-2022-02-updates.ipynb documents `offset`/`limit` for tasks only).
 */
export async function restListUnpaged(
	session: CloudAlmSession,
	path: string,
	qs: IDataObject,
	{ returnAll, limit }: ListLimit,
): Promise<IDataObject[]> {
	const body = await calmRequest(session, { method: 'GET', path, qs });
	const items = itemsOf(session, body, path);
	return returnAll ? items : items.slice(0, limit);
}

/**
 * REST lists with documented paging (tasks): `offset`/`limit` pages. A Limit asks for exactly what
 * is still missing, so no page beyond it is fetched. Whether every REST list honours
 * `offset`/`limit` is unknown (no SAP source says), so a server that ignores them is detected (a page
 * longer than asked for, or a page that starts where the previous one did) and not looped over.
 */
export async function restList(
	session: CloudAlmSession,
	path: string,
	qs: IDataObject,
	{ returnAll, limit }: ListLimit,
	/** the items of one answer, when it is not a bare array or `{ value }` (raw-data metrics: OTLP series) */
	read: (body: unknown) => IDataObject[] = (body) => itemsOf(session, body, path),
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const pageStarts = new Set<string>();
	let offset = 0;
	for (let pages = 0; ; pages++) {
		if (pages === MAX_PAGES) {
			pagingHint(session, capHint(path, out.length));
			break;
		}
		const want = returnAll ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - out.length);
		const body = await calmRequest(session, { method: 'GET', path, qs: { ...qs, offset, limit: want } });
		const page = read(body);
		if (page.length > want) {
			// the server ignored the paging parameters and sent everything
			out.push(...page);
			break;
		}
		const start = identity(page[0]);
		if (page.length && pageStarts.has(start)) break;
		pageStarts.add(start);
		out.push(...page);
		if (page.length < want) break;
		if (!returnAll && out.length >= limit) break;
		offset += page.length;
	}
	return returnAll ? out : out.slice(0, limit);
}

/**
 * OData lists (features): Return All sends no `$top` and follows `@odata.nextLink` or `@nextLink` (server-driven
 * paging); a Limit sends `$top` = what is still missing and stops as soon as it has enough. A
 * nextLink is followed only on the Cloud ALM host and under `endpoints.Api`: the token goes with it.
 */
export async function odataList(
	session: CloudAlmSession,
	path: string,
	qs: IDataObject,
	{ returnAll, limit, skip = 0 }: ListLimit & { skip?: number },
): Promise<IDataObject[]> {
	const apiBase = await session.apiBase();
	const out: IDataObject[] = [];
	const seen = new Set<string>();
	const firstItems = new Set<string>();
	let requestPath = path;
	let requestQs: IDataObject = { ...qs };
	if (skip > 0) requestQs.$skip = skip;
	if (!returnAll) requestQs.$top = limit;
	for (let pages = 0; ; pages++) {
		if (pages === MAX_PAGES) {
			pagingHint(session, capHint(path, out.length));
			break;
		}
		seen.add(pageKey(apiBase, requestPath, requestQs));
		const body = (await calmRequest(session, { method: 'GET', path: requestPath, qs: requestQs })) as IDataObject;
		const page = itemsOf(session, body, requestPath);
		// OData 4.0 `@odata.nextLink`, or the 4.01 minimal form `@nextLink` that SAP's Cloud ALM OpenAPI specs declare (consetto/calmcp src/calm/odata.ts)
		const nextLink = body && typeof body === 'object' ? (body['@odata.nextLink'] ?? body['@nextLink']) : undefined;
		const more = typeof nextLink === 'string' && nextLink !== '';
		if (page.length && firstItems.has(identity(page[0]))) {
			// a new link to a page already output (same first item): not output twice
			pagingHint(session, `SAP Cloud ALM sent the same page again under another next-page link (GET ${path.split('?')[0]}); the node stopped there with ${items(out.length)}.`);
			break;
		}
		if (page.length) firstItems.add(identity(page[0]));
		out.push(...page);
		if (!returnAll && out.length >= limit) break;
		if (!more) break;
		if (!page.length) {
			// OData: a next page exists only after a non-empty one; an empty page with a link is a loop
			pagingHint(session, `SAP Cloud ALM sent an empty page with a next-page link (GET ${path.split('?')[0]}); the node stopped there with ${items(out.length)}.`);
			break;
		}
		const currentUrl = `${apiBase.replace(/\/+$/, '')}${requestPath}`;
		const next = pathInsideBase(nextLink, apiBase, currentUrl);
		if (next === undefined) {
			throw new NodeOperationError(
				session.node,
				`SAP Cloud ALM sent a next-page link outside endpoints.Api (${nextLink}); it was not followed so the token stays on the Cloud ALM host`,
			);
		}
		// the nextLink carries the server's own $skip/$top/$filter
		if (seen.has(pageKey(apiBase, next, {}))) {
			pagingHint(session, `SAP Cloud ALM sent a next-page link to a page it already sent (GET ${path.split('?')[0]}); the node did not fetch it again and returns ${items(out.length)}.`);
			break;
		}
		requestPath = next;
		requestQs = {};
	}
	return returnAll ? out : out.slice(0, limit);
}

/** How a scan of every page ended. */
export interface ScanResult {
	/** pages read */
	pages: number;
	/** false when the page cap stopped the scan before the list ended */
	complete: boolean;
}

/**
 * Every page of a REST list with documented `offset`/`limit` paging, handed to `onPage` one page
 * at a time and not kept: for reads that filter or count after reading (the Tasks API has no
 * timebox or priority parameter and no count, consetto/calmcp src/tools/paging.ts), where a Limit
 * counts what the node keeps, not what SAP sends. `onPage` answers false to stop early. Same
 * safeguards as `restList`: a server that ignores the paging parameters, a page that starts where
 * the previous one did, and the MAX_PAGES cap (with its hint).
 */
export async function restScan(
	session: CloudAlmSession,
	path: string,
	qs: IDataObject,
	onPage: (page: IDataObject[]) => boolean | Promise<boolean>,
): Promise<ScanResult> {
	const pageStarts = new Set<string>();
	let offset = 0;
	let seen = 0;
	for (let pages = 0; ; pages++) {
		if (pages === MAX_PAGES) {
			pagingHint(session, capHint(path, seen));
			return { pages, complete: false };
		}
		const body = await calmRequest(session, { method: 'GET', path, qs: { ...qs, offset, limit: PAGE_SIZE } });
		const page = itemsOf(session, body, path);
		const start = identity(page[0]);
		if (page.length && page.length <= PAGE_SIZE && pageStarts.has(start)) return { pages: pages + 1, complete: true };
		pageStarts.add(start);
		seen += page.length;
		const more = await onPage(page);
		// longer than asked for: the server ignored the paging parameters and sent everything
		if (!more || page.length !== PAGE_SIZE) return { pages: pages + 1, complete: more || page.length !== PAGE_SIZE };
		offset += page.length;
	}
}

/** The total of a list answer that was asked `$count=true`: `@count` (OData 4.01) or `@odata.count`. */
function countOf(body: unknown): number | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const raw = (body as IDataObject)['@count'] ?? (body as IDataObject)['@odata.count'];
	const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() ? Number(raw) : NaN;
	return Number.isFinite(n) ? n : undefined;
}

/**
 * REST lists that take the OData options `$top`/`$skip`/`$count` but send no next-page link (Process
 * Scopes: SAP-samples/cloud-alm-api-examples applications/ScopingAPI/index.js counts first, then
 * pages by `$top`/`$skip`). The first page asks `$count=true`: with a total the node pages until it
 * has them all, so a server that sends fewer than `$top` per page is still read to the end; without
 * one, a short page ends the list. `keep` filters the items (a Limit counts kept items only).
 */
export async function skipTopList(
	session: CloudAlmSession,
	path: string,
	qs: IDataObject,
	{ returnAll, limit }: ListLimit,
	keep?: (item: IDataObject) => boolean,
	/** false for services that count only with `/$count` (Process Authoring): pages end when one comes back short */
	askCount = true,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const pageStarts = new Set<string>();
	let total: number | undefined;
	let skip = 0;
	for (let pages = 0; ; pages++) {
		if (pages === MAX_PAGES) {
			pagingHint(session, capHint(path, out.length));
			break;
		}
		// filtered pages keep fewer than they hold: ask full pages then
		const want = returnAll || keep ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - out.length);
		const pageQs: IDataObject = { ...qs, $top: want, $skip: skip };
		if (pages === 0 && askCount) pageQs.$count = 'true';
		const body = await calmRequest(session, { method: 'GET', path, qs: pageQs });
		const page = itemsOf(session, body, path);
		if (pages === 0) total = countOf(body);
		if (!page.length) break;
		const start = identity(page[0]);
		// a server that ignores $skip sends the first page again: not output twice
		if (pageStarts.has(start)) break;
		pageStarts.add(start);
		out.push(...(keep ? page.filter(keep) : page));
		skip += page.length;
		if (!returnAll && out.length >= limit) break;
		if (total !== undefined ? skip >= total : page.length < want) break;
	}
	return returnAll ? out : out.slice(0, limit);
}
