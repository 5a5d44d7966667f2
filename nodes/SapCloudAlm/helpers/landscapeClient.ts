/**
 * SAP Cloud ALM Landscape Management (CALM_LMS, REST): the one place its paths and queries are
 * built. The CloudAlmClient exposes it as `session.calm.landscape`.
 *
 * `GET /calm-landscape/v1/landscapeObjects` with the filters `lmsId`, `name`, `objectType`, `role`,
 * `serviceType`, `systemNumber`, `source`, `externalId`, `deploymentModel` and `limit`/`offset`
 * paging, a bare JSON array (consetto/calmcp src/tools/registry.ts landscape_objects; a third-party
 * BTP Cloud ALM MCP server's src/types/sap-types.ts LandscapeQueryParams). One object is read with
 * `?lmsId=` (no path key is published); its properties with `GET /properties?lmsId=` (same server,
 * which found them refused with 403 for business services). Scope calm-api.landscape.read
 * (SAP-docs/cloud-alm-setup-admin-guide "Integrate SAP LeanIX").
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { restList, type ListLimit } from './paging';
import { calmRequest } from './request';
import type { CloudAlmSession } from './session';

const BASE = '/calm-landscape/v1';
const OBJECTS = `${BASE}/landscapeObjects`;

/** SAP's filters of the list, each matching the object's field of the same name. */
export const LANDSCAPE_FILTERS = ['name', 'objectType', 'role', 'serviceType', 'systemNumber', 'source', 'externalId', 'deploymentModel'] as const;

export type LandscapeQuery = Partial<Record<(typeof LANDSCAPE_FILTERS)[number], string>>;

export class LandscapeClient {
	constructor(private readonly session: CloudAlmSession) {}

	/** Landscape objects by SAP's filters, in `offset`/`limit` pages (a server that ignores them is detected). */
	async list(query: LandscapeQuery, limit: ListLimit): Promise<IDataObject[]> {
		const qs: IDataObject = {};
		for (const key of LANDSCAPE_FILTERS) if (query[key]) qs[key] = query[key];
		return await restList(this.session, OBJECTS, qs, limit);
	}

	/** One page as SAP answers it, for the picker. */
	async page(offset: number, limit: number): Promise<unknown> {
		return await calmRequest(this.session, { method: 'GET', path: OBJECTS, qs: { offset, limit } });
	}

	/**
	 * One object by its lmsId. The list is asked with `lmsId`, and the answer is searched for that
	 * lmsId, so a server that ignored the filter cannot hand back another object.
	 */
	async get(lmsId: string): Promise<IDataObject> {
		const body = await calmRequest(this.session, { method: 'GET', path: OBJECTS, qs: { lmsId } });
		const found = (Array.isArray(body) ? (body as IDataObject[]) : []).find((o) => o?.lmsId === lmsId);
		if (!found) {
			throw new NodeOperationError(this.session.node, `SAP Cloud ALM has no landscape object with lmsId "${lmsId}"`, {
				description: 'Landscape Object ID takes the lmsId that Get Many returns (pick the object From List to be sure).',
			});
		}
		return found;
	}

	/**
	 * The properties of a system or cloud service: the object is read first, because SAP refuses
	 * properties of a business service with a 403 that would read as a missing scope.
	 */
	async properties(lmsId: string): Promise<IDataObject> {
		const object = await this.get(lmsId);
		if (object.objectType === 'BusinessService') {
			throw new NodeOperationError(this.session.node, `"${String(object.name)}" is a business service: SAP Cloud ALM keeps no properties for business services`, {
				description: 'Get Properties works for technical systems and cloud services; use Get for a business service.',
			});
		}
		const properties = await calmRequest(this.session, { method: 'GET', path: `${BASE}/properties`, qs: { lmsId } });
		return { lmsId, name: object.name, objectType: object.objectType, properties: (properties ?? null) as IDataObject };
	}
}
