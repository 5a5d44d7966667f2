/**
 * SAP Cloud ALM Status Events (CALM_BSM): the one place their path and query are built. The
 * CloudAlmClient exposes it as `session.calm.statusEvents`.
 *
 * SAP's "API Guide for SAP Cloud ALM" → Status Events API: `GET /bsm-service/v1/events` (REST, a
 * pull API; scope calm-api.bsm.read). Filters and `limit`/`offset` paging as consetto/calmcp
 * src/tools/registry.ts (bsm_events) sends them.
 */
import type { IDataObject } from 'n8n-workflow';
import { restList, type ListLimit } from './paging';
import type { CloudAlmSession } from './session';

const EVENTS = '/bsm-service/v1/events';

/** Filters of the status events list; times are ISO 8601 instants. */
export interface StatusEventQuery {
	type?: string;
	serviceName?: string;
	serviceType?: string;
	eventType?: string;
	startTime?: string;
	endTime?: string;
}

export class StatusEventsClient {
	constructor(private readonly session: CloudAlmSession) {}

	async list(query: StatusEventQuery, limit: ListLimit): Promise<IDataObject[]> {
		const qs: IDataObject = {};
		for (const key of ['type', 'serviceName', 'serviceType', 'eventType', 'startTime', 'endTime'] as const) {
			if (query[key]) qs[key] = query[key];
		}
		return await restList(this.session, EVENTS, qs, limit);
	}
}
