import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { PAGE_SIZE } from './constants';
import { apiBaseUrl, calmRequest } from './request';
import { pathInsideBase } from './paths';

export interface ListLimit {
	returnAll: boolean;
	/** ignored when returnAll */
	limit: number;
}

/** The items of a list answer: a bare array (REST) or an OData `{ value: [...] }`. */
function itemsOf(this: IExecuteFunctions, body: unknown, path: string): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object' && Array.isArray((body as IDataObject).value)) {
		return (body as IDataObject).value as IDataObject[];
	}
	throw new NodeOperationError(this.getNode(), `SAP Cloud ALM answered GET ${path} with something that is not a list`);
}

const identity = (item: IDataObject | undefined) => (item ? JSON.stringify(item.id ?? item.uuid ?? item) : '');

/**
 * REST lists without documented paging (projects, timeboxes, comments, references): one GET, cut
 * to Limit. Paging parameters the API does not document are not sent (contract §5.4/§5.5).
 */
export async function restListUnpaged(
	this: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	{ returnAll, limit }: ListLimit,
): Promise<IDataObject[]> {
	const body = await calmRequest.call(this, { method: 'GET', path, qs });
	const items = itemsOf.call(this, body, path);
	return returnAll ? items : items.slice(0, limit);
}

/**
 * REST lists with documented paging (tasks): `offset`/`limit` pages. A Limit asks for exactly what
 * is still missing, so no page beyond it is fetched. Whether every REST list honours
 * `offset`/`limit` is unknown (contract §7), so a server that ignores them is detected (a page
 * longer than asked for, or a page that starts where the previous one did) and not looped over.
 */
export async function restList(
	this: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	{ returnAll, limit }: ListLimit,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const pageStarts = new Set<string>();
	let offset = 0;
	for (;;) {
		const want = returnAll ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - out.length);
		const body = await calmRequest.call(this, { method: 'GET', path, qs: { ...qs, offset, limit: want } });
		const page = itemsOf.call(this, body, path);
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
 * OData lists (features): Return All sends no `$top` and follows `@odata.nextLink` (server-driven
 * paging); a Limit sends `$top` = what is still missing and stops as soon as it has enough. A
 * nextLink is followed only on the Cloud ALM host and under `endpoints.Api`: the token goes with it.
 */
export async function odataList(
	this: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	{ returnAll, limit, skip = 0 }: ListLimit & { skip?: number },
): Promise<IDataObject[]> {
	const apiBase = await apiBaseUrl.call(this);
	const out: IDataObject[] = [];
	const followed = new Set<string>();
	let requestPath = path;
	let requestQs: IDataObject = { ...qs };
	if (skip > 0) requestQs.$skip = skip;
	if (!returnAll) requestQs.$top = limit;
	for (;;) {
		const body = (await calmRequest.call(this, { method: 'GET', path: requestPath, qs: requestQs })) as IDataObject;
		out.push(...itemsOf.call(this, body, requestPath));
		if (!returnAll && out.length >= limit) break;
		const nextLink = body && typeof body === 'object' ? body['@odata.nextLink'] : undefined;
		if (typeof nextLink !== 'string' || !nextLink) break;
		const currentUrl = `${apiBase.replace(/\/+$/, '')}${requestPath}`;
		const next = pathInsideBase(nextLink, apiBase, currentUrl);
		if (next === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`SAP Cloud ALM sent a next-page link outside endpoints.Api (${nextLink}); it was not followed so the token stays on the Cloud ALM host`,
			);
		}
		if (followed.has(next)) break;
		followed.add(next);
		requestPath = next;
		// the nextLink carries the server's own $skip/$top/$filter
		requestQs = {};
	}
	return returnAll ? out : out.slice(0, limit);
}
