/**
 * SAP Cloud ALM Documents (CALM_SD, OData v4): the one place their paths and queries are built. The
 * CloudAlmClient exposes it as `session.calm.documents`.
 *
 * `/calm-documents/v1/Documents` (consetto/calmcp docs/API_VERSIONS.md CALM_SD 1.0.4,
 * src/tools/registry.ts; POST with title, projectId, HTML content, documentTypeCode and nested
 * toURLReferences as calmcp's tests send it). DELETE /Documents/{uuid} without If-Match
 * (fr0ster/mcp-calm-client src/core/document/delete.ts). Scopes calm-api.documents.read / .write /
 * .delete (SAP's API Scopes table). Paging: `$top`/`$skip`, and the service's `@odata.nextLink` (paging.ts odataList).
 */
import type { IDataObject } from 'n8n-workflow';
import { odataList, type ListLimit } from './paging';
import { calmRequest } from './request';
import type { CloudAlmSession } from './session';
import { andFilters, odataString, type IdSegment } from './validation';

const DOCUMENTS = '/calm-documents/v1/Documents';

/** Options of the documents list (OData system query options). */
export interface DocumentQuery {
	projectId?: string;
	/** an OData `$filter` expression of the user's, ANDed with the project */
	filter?: string;
	skip?: number;
}

export class DocumentsClient {
	constructor(private readonly session: CloudAlmSession) {}

	async list(query: DocumentQuery, limit: ListLimit): Promise<IDataObject[]> {
		const $filter = andFilters([query.projectId ? `projectId eq ${odataString(query.projectId)}` : undefined], query.filter);
		const qs: IDataObject = $filter ? { $filter } : {};
		return await odataList(this.session, DOCUMENTS, qs, { ...limit, skip: query.skip ?? 0 });
	}

	async get(uuid: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${DOCUMENTS}/${uuid}` })) as IDataObject;
	}

	async create(body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: DOCUMENTS, body })) as IDataObject;
	}

	async update(uuid: IdSegment, body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'PATCH', path: `${DOCUMENTS}/${uuid}`, body })) as IDataObject;
	}

	/** No If-Match: no public source sends one for documents (unlike test cases). */
	async delete(uuid: IdSegment): Promise<void> {
		await calmRequest(this.session, { method: 'DELETE', path: `${DOCUMENTS}/${uuid}` });
	}
}
