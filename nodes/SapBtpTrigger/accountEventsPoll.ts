/**
 * What a poll of the SAP BTP Trigger emits, and the watermark it keeps in n8n's static data.
 *
 * A poll reads ONE window of account events by their record time (`creationTime`), from the end of
 * the last window minus an overlap up to the start of this poll, reads every page of it, and emits
 * the events it has not emitted before, oldest first. The watermark (`since`) is this poll's start;
 * the ids already emitted within the overlap are kept (`seen`), so:
 * - nothing is repeated: an event read again in the overlap (equal timestamps, a page that shifted,
 *   an inclusive bound, a restart between polls) is skipped by its id;
 * - nothing is lost: an event whose record is written late (SAP: `creationTime` after `actionTime`),
 *   or whose clock is behind n8n's, is still inside the next window as long as it is less than
 *   OVERLAP_MS late; a window not read to its end (the poll's time budget) is read again next time;
 * - the first poll does not flood: it only remembers what is already there and emits nothing.
 * n8n stores static data after a poll (n8n-core 2.41 stages it and commits it with the execution
 * the poll started, or at once when the poll emits nothing), so a restart resumes from here.
 */
import type { IDataObject } from 'n8n-workflow';
import type { AccountEvent, EventsClient } from '../SapBtp/api/events';

/** How late an event may be written (or how far SAP's clock may lag n8n's) and still be read. */
export const OVERLAP_MS = 10 * 60 * 1000;
/** Manual runs ("Fetch Test Event") look this far back for the newest event. */
export const MANUAL_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

export interface WatermarkState {
	/** epoch ms: the start of the last window read to its end (the next window starts OVERLAP_MS before it) */
	since?: number;
	/** ids emitted (or present at the first poll) whose time is inside the next window's overlap → their time */
	seen?: Record<string, number>;
	/** the event types the watermark is for; another selection starts over without flooding */
	eventTypes?: string;
}

/**
 * The time an id is remembered by: the record time the window is filtered on; without one, the
 * poll's time, which is never earlier than the record's, so the id is kept at least as long as SAP
 * can return it again.
 */
const timeOf = (e: AccountEvent, pollTime: number) => e.creationTime ?? pollTime;

function byTimeThenId(a: AccountEvent, b: AccountEvent): number {
	const t = (a.creationTime ?? a.actionTime ?? 0) - (b.creationTime ?? b.actionTime ?? 0);
	if (t !== 0) return t;
	const na = Number(a.id);
	const nb = Number(b.id);
	return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.id.localeCompare(b.id);
}

export interface PollInput {
	client: EventsClient;
	state: WatermarkState;
	eventTypes: string[];
	now: number;
	/** epoch ms after which no further page is read (n8n's poll budget) */
	stopBefore?: number;
}

/** One poll: the new events, oldest first; `state` is updated in place (it is n8n's static data). */
export async function pollAccountEvents({ client, state, eventTypes, now, stopBefore }: PollInput): Promise<AccountEvent[]> {
	const selection = [...eventTypes].sort().join(',');
	const first = state.since === undefined || state.eventTypes !== selection;
	const from = (first ? now : state.since!) - OVERLAP_MS;
	const read = await client.readWindow({ eventTypes, fromCreationTime: from, toCreationTime: now }, stopBefore);
	const seen = first ? {} : { ...(state.seen ?? {}) };
	const fresh: AccountEvent[] = [];
	for (const event of read.events) {
		if (seen[event.id] !== undefined) continue;
		seen[event.id] = timeOf(event, now);
		// the first poll only learns what exists (no flood); a page read twice gives an id twice
		if (!first && !fresh.some((e) => e.id === event.id)) fresh.push(event);
	}
	// a window read to its end moves the watermark; an unfinished one is read again (its ids are kept)
	const since = read.complete || first ? now : state.since!;
	const keepFrom = since - OVERLAP_MS;
	state.since = since;
	state.eventTypes = selection;
	state.seen = Object.fromEntries(Object.entries(seen).filter(([, t]) => t >= keepFrom));
	return fresh.sort(byTimeThenId);
}

/** A manual run ("Fetch Test Event"): the newest matching event of the last 30 days; the watermark is untouched. */
export async function newestAccountEvent(client: EventsClient, eventTypes: string[], now: number, stopBefore?: number): Promise<AccountEvent | undefined> {
	const read = await client.readWindow({ eventTypes, fromCreationTime: now - MANUAL_LOOKBACK_MS, toCreationTime: now }, stopBefore);
	return read.events.sort(byTimeThenId).pop();
}

export interface EntitlementChange {
	subaccountGuid: string;
	serviceName?: string;
	servicePlanName?: string;
	servicePlanUniqueIdentifier?: string;
	amount?: number;
	change: 'increased' | 'decreased';
}

/** `details.servicePlanAssignments` of `SubaccountEntitlements_Update`: a JSON string in SAP's example, an object tolerated. */
export function entitlementChanges(details: IDataObject): EntitlementChange[] {
	let plans: unknown = details.servicePlanAssignments;
	if (typeof plans === 'string') {
		try {
			plans = JSON.parse(plans);
		} catch {
			return [];
		}
	}
	if (!plans || typeof plans !== 'object') return [];
	const changes: EntitlementChange[] = [];
	for (const plan of Object.values(plans as Record<string, IDataObject>)) {
		if (!plan || typeof plan !== 'object') continue;
		for (const change of ['increased', 'decreased'] as const) {
			const bySubaccount = plan[change];
			if (!bySubaccount || typeof bySubaccount !== 'object') continue;
			for (const [subaccountGuid, value] of Object.entries(bySubaccount as Record<string, IDataObject>)) {
				changes.push({
					subaccountGuid,
					serviceName: plan.serviceName as string | undefined,
					servicePlanName: plan.servicePlanName as string | undefined,
					servicePlanUniqueIdentifier: plan.servicePlanUniqueIdentifier as string | undefined,
					amount: typeof value?.amount === 'number' ? value.amount : undefined,
					change,
				});
			}
		}
	}
	return changes;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * One output item per event: SAP's fields (times as ISO dates), plus what a workflow needs next:
 * `subaccountGuid` when the event is about one subaccount (Subaccount_*), and for entitlement
 * events `subaccounts` (one entry per plan and subaccount) and `subaccountGuids`.
 */
export function eventOutput(event: AccountEvent): IDataObject {
	const out: IDataObject = {
		id: event.id,
		eventType: event.eventType,
		entityType: event.entityType,
		entityId: event.entityId,
		actionTime: iso(event.actionTime),
		creationTime: iso(event.creationTime),
		eventOrigin: event.eventOrigin,
		globalAccountGUID: event.globalAccountGUID,
		details: event.details,
	};
	if (event.entityType === 'Subaccount') {
		out.subaccountGuid = event.entityId;
		if (typeof event.details.displayName === 'string') out.subaccountName = event.details.displayName;
		if (typeof event.details.subdomain === 'string') out.subdomain = event.details.subdomain;
	}
	if (event.eventType.endsWith('Entitlements_Update')) {
		const changes = entitlementChanges(event.details);
		if (changes.length) {
			out.subaccounts = changes as unknown as IDataObject[];
			out.subaccountGuids = [...new Set(changes.map((c) => c.subaccountGuid))];
		}
	}
	return out;
}
