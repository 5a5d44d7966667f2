/**
 * CIS Events service client (account events): THE place its paths and queries are built. Transport
 * only: it reads one window of events, page by page, and returns them typed; what is new is the
 * trigger's business (nodes/SapBtpTrigger/accountEventsPoll.ts).
 *
 * SAP's API (SAP-docs/btp-cloud-platform docs/50-administration-and-ops/Get_Events_0fd393a.md; SAP's
 * OpenAPI "APIEventsService" as generated into SAP Cloud SDK clients, `EventsApi.getBusinessEvents`):
 * `GET <events_service_url>/cloud-management/v1/events` with `eventType`, `fromCreationTime`,
 * `toCreationTime` (epoch ms), `pageNum`, `pageSize` (max 150); the answer `{total, totalPages,
 * pageNum, morePages, events}`. What SAP leaves open, and how this copes:
 * - the first page number: the first request names no page; the next ones ask for the answered
 *   `pageNum` + 1 while `morePages` (right for 0- and 1-based paging);
 * - the order without `sortOrder` (whose accepted fields are not documented): never asked for; the
 *   caller sorts;
 * - `actionTime`/`creationTime` as numbers, numeric strings or date-time strings: all read.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { callApi } from '../../shared/transport';
import type { BtpSession } from './session';

const EVENTS_PATH = '/cloud-management/v1/events';
/** "The number of events to retrieve per page (max = 150)" */
export const EVENTS_PAGE_SIZE = 150;

export interface AccountEvent {
	id: string;
	eventType: string;
	entityType: string;
	entityId: string;
	eventOrigin?: string;
	globalAccountGUID?: string;
	/** epoch ms; undefined when SAP sent no readable time */
	actionTime?: number;
	creationTime?: number;
	details: IDataObject;
}

export interface EventWindow {
	eventTypes: string[];
	/** epoch ms, inclusive bounds on the record's creation time */
	fromCreationTime: number;
	toCreationTime: number;
}

export interface EventWindowRead {
	events: AccountEvent[];
	/** false when `stopBefore` came before the last page */
	complete: boolean;
	pages: number;
}

/** Epoch ms from a number, a numeric string or a date-time string (all three are in SAP's docs). */
export function eventTime(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim()) {
		const text = value.trim();
		if (/^\d+$/.test(text)) return Number(text);
		const parsed = Date.parse(text);
		if (Number.isFinite(parsed)) return parsed;
	}
	return undefined;
}

function toEvent(raw: IDataObject): AccountEvent {
	return {
		id: String(raw.id),
		eventType: String(raw.eventType ?? ''),
		entityType: String(raw.entityType ?? ''),
		entityId: String(raw.entityId ?? ''),
		eventOrigin: raw.eventOrigin === undefined ? undefined : String(raw.eventOrigin),
		globalAccountGUID: raw.globalAccountGUID === undefined ? undefined : String(raw.globalAccountGUID),
		actionTime: eventTime(raw.actionTime),
		creationTime: eventTime(raw.creationTime),
		details: raw.details && typeof raw.details === 'object' ? (raw.details as IDataObject) : {},
	};
}

export class EventsClient {
	constructor(private readonly session: BtpSession) {}

	private async baseUrl(): Promise<string> {
		const key = await this.session.cisKey();
		if (!key.eventsUrl) {
			throw new NodeOperationError(this.session.node, 'The SAP BTP Cloud Management API credential has no Events service URL', {
				description:
					'Field: endpoints.events_service_url. Paste the whole cis "central" key again (its endpoints include events_service_url), or enter Events Service URL in the credential.',
			});
		}
		return key.eventsUrl;
	}

	/** The URL of one page: array parameters repeated (`eventType=a&eventType=b`, OpenAPI's default form). */
	private pageUrl(base: string, window: EventWindow, pageNum?: number): string {
		const query = new URLSearchParams();
		for (const type of window.eventTypes) query.append('eventType', type);
		query.set('fromCreationTime', String(Math.max(0, Math.floor(window.fromCreationTime))));
		query.set('toCreationTime', String(Math.floor(window.toCreationTime)));
		query.set('pageSize', String(EVENTS_PAGE_SIZE));
		if (pageNum !== undefined) query.set('pageNum', String(pageNum));
		return `${base}${EVENTS_PATH}?${query.toString()}`;
	}

	/** Every event of the window, page by page, until SAP says there are no more (or `stopBefore`, epoch ms). */
	async readWindow(window: EventWindow, stopBefore = Number.POSITIVE_INFINITY): Promise<EventWindowRead> {
		const base = await this.baseUrl();
		const events: AccountEvent[] = [];
		let pageNum: number | undefined;
		for (let pages = 1; ; pages++) {
			const answer = await callApi<IDataObject>(this.session.ctx, this.session.transport, this.session.cisAuth, {
				service: 'events',
				step: 'Read account events',
				method: 'GET',
				url: this.pageUrl(base, window, pageNum),
				budgetKey: 'events:GET /cloud-management/v1/events',
			});
			const body = answer.body ?? {};
			const page = Array.isArray(body.events) ? (body.events as IDataObject[]) : [];
			events.push(...page.map(toEvent));
			const answered = typeof body.pageNum === 'number' ? body.pageNum : (pageNum ?? 0);
			if (body.morePages !== true || page.length === 0) return { events, complete: true, pages };
			if (Date.now() >= stopBefore) return { events, complete: false, pages };
			pageNum = answered + 1;
		}
	}
}
