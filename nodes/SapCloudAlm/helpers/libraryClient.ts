/**
 * SAP Cloud ALM cross-library services (CALM_XLIB_APP/DEV/CON/INT, OData v4): the one place their
 * paths and queries are built. The CloudAlmClient exposes it as `session.calm.library`.
 *
 * One service per library, each with its entity set (consetto/calmcp docs/API_VERSIONS.md,
 * src/tools/registry.ts; SAP "API Guide for SAP Cloud ALM" → Interface Library API for
 * `GET /Interfaces` and `GET /Interfaces/{uuid}`). Read scope `calm-api.library.read` per SAP's page,
 * `calm-api.lib.read` per calmcp (a 403 names the one SAP's answer names). Paging: `$top` for a
 * Limit and the service's next link (paging.ts odataList).
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
}
