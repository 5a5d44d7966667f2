/**
 * SAP Cloud ALM cross-library services (CALM_XLIB_APP/DEV/CON/INT, OData v4): the one place their
 * paths and queries are built. The CloudAlmClient exposes it as `session.calm.library`.
 *
 * One service per library, each with its entity set (consetto/calmcp docs/API_VERSIONS.md,
 * src/tools/registry.ts; SAP "API Guide for SAP Cloud ALM" → Interface Library API (help.sap.com
 * b00ccd92b02a4ecbb11303606d9d2055) and → Application Library API (9be8d8166e9e423e82c60bfabc89468e):
 * `GET`/`POST /Interfaces`, `GET`/`PATCH`/`DELETE /Interfaces/{uuid}`; no page was found for the
 * Configuration and Development libraries, modelled alike). Scopes `calm-api.library.read` / `.write`
 * / `.delete` per SAP's pages, `calm-api.lib.read` per calmcp (a 403 names the one SAP's answer
 * names, scopes.ts). Paging: `$top` for a Limit and the service's next link (paging.ts odataList).
 *
 * Writes: the body's type code goes in the library's own property (`applicationTypeCode` per
 * calmcp's tests; the other three names are inferred alike). PATCH on an element a UI user "Marked
 * for Deletion" is refused by SAP: the node relays SAP's answer (NodeApiError), it does not guess.
 */
import type { IDataObject } from 'n8n-workflow';
import { odataList, type ListLimit } from './paging';
import { calmRequest } from './request';
import type { CloudAlmSession } from './session';
import type { IdSegment } from './validation';

/** Library → its service's entity set path. */
export const LIBRARY_PATHS = {
	application: '/calm-crosslibraryapplications/v1/Applications',
	configuration: '/calm-crosslibraryconfigurations/v1/Configurations',
	development: '/calm-crosslibrarydevelopments/v1/Developments',
	interface: '/calm-crosslibraryinterfaces/v1/Interfaces',
} as const;

export type Library = keyof typeof LIBRARY_PATHS;

/** Library → the property of its type code (calmcp's tests: `applicationTypeCode`; the others inferred alike). */
export const LIBRARY_TYPE_FIELDS: Record<Library, string> = {
	application: 'applicationTypeCode',
	configuration: 'configurationTypeCode',
	development: 'developmentTypeCode',
	interface: 'interfaceTypeCode',
};

/** What a user writes to an element; empty values are left out of the body. */
export interface LibraryElementFields {
	title?: string;
	description?: string;
	typeCode?: string;
}

export const isLibrary = (value: unknown): value is Library => typeof value === 'string' && Object.prototype.hasOwnProperty.call(LIBRARY_PATHS, value);

export class LibraryClient {
	constructor(private readonly session: CloudAlmSession) {}

	/** Elements of one library; `filter` is the user's OData `$filter`. */
	async list(library: Library, filter: string, limit: ListLimit): Promise<IDataObject[]> {
		return await odataList(this.session, LIBRARY_PATHS[library], filter ? { $filter: filter } : {}, limit);
	}

	async get(library: Library, uuid: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${LIBRARY_PATHS[library]}/${uuid}` })) as IDataObject;
	}

	/** The OData body of a create or update: the type code under the library's own property. */
	body(library: Library, fields: LibraryElementFields): IDataObject {
		const body: IDataObject = {};
		if (fields.title) body.title = fields.title;
		if (fields.description) body.description = fields.description;
		if (fields.typeCode) body[LIBRARY_TYPE_FIELDS[library]] = fields.typeCode;
		return body;
	}

	/** `POST /<EntitySet>` (scope calm-api.library.write): a new element every call (no natural key to adopt by). */
	async create(library: Library, fields: LibraryElementFields): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: LIBRARY_PATHS[library], body: this.body(library, fields) })) as IDataObject;
	}

	/** `PATCH /<EntitySet>/{uuid}` (scope calm-api.library.write); SAP refuses it for an element marked for deletion. */
	async update(library: Library, uuid: IdSegment, fields: LibraryElementFields): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'PATCH', path: `${LIBRARY_PATHS[library]}/${uuid}`, body: this.body(library, fields) })) as IDataObject;
	}

	/** `DELETE /<EntitySet>/{uuid}` (scope calm-api.library.delete). */
	async delete(library: Library, uuid: IdSegment): Promise<void> {
		await calmRequest(this.session, { method: 'DELETE', path: `${LIBRARY_PATHS[library]}/${uuid}` });
	}
}
