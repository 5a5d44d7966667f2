/**
 * What changed in a Cloud ALM project since the last poll, with the watermark kept in n8n's static
 * data (issue 14). The rules, and why:
 *
 * - Read from a window before the watermark, not from the watermark: SAP publishes neither the
 *   precision of its change timestamps nor whether `gt:` keeps a change made exactly at the bound,
 *   and a change may become readable a moment after the time it carries. Every id changed within
 *   the window is remembered with the timestamp it was emitted at, so a change is emitted once
 *   whatever the server's precision, its `gt:` or two changes sharing one timestamp.
 * - A read that found a change is read again until a pass finds nothing new: the tasks list has no
 *   documented order, and a task changed while the pages are read may move and push another one
 *   past the page boundary. Features are read oldest change first, where this happens always.
 * - The first poll emits nothing: it records where the project stands (its newest change and the
 *   ids within the window) so activating a trigger on a busy project does not flood the workflow.
 * - The new state is returned, never written here: the caller stores it only once every project's
 *   read succeeded, so a failed read is repeated whole at the next poll.
 */
import { NodeApiError, type IDataObject } from 'n8n-workflow';
import type { CloudAlmSession } from '../SapCloudAlm/helpers/session';
import type { IdSegment } from '../SapCloudAlm/helpers/validation';

/** How far before the watermark each poll reads again (see above). */
export const CHANGE_WINDOW_MS = 60_000;

/** Reads of one poll for one project at most: the first and up to three to settle a moving list. */
export const MAX_PASSES = 4;

export type WatchedResource = 'task' | 'feature';

/** What the trigger keeps per resource and project in the node's static data (JSON). */
export interface WatchState {
	/** the newest change seen (epoch ms), null while the project had none */
	watermark: number | null;
	/** id → the change time (epoch ms) it was last emitted or recorded at, for changes within the window before the watermark */
	seen: Record<string, number>;
}

export type ChangeType = 'new' | 'changed';

export interface Change {
	item: IDataObject;
	changeType: ChangeType;
	/** the change time as SAP sent it */
	changedAt: string;
}

interface Watched {
	/** "task", "feature": the word error messages use */
	noun: string;
	/** the fields holding the id, the change time and the creation time (first one present wins) */
	idField: string;
	changedFields: string[];
	createdFields: string[];
	read(session: CloudAlmSession, projectId: IdSegment, since: string | undefined): Promise<IDataObject[]>;
}

/** Sessions (one per poll) whose tasks list refused `lastChangedTimestamp`: they read by day instead. */
const byDay = new WeakSet<CloudAlmSession>();

/**
 * Tasks changed after `since`: by `lastChangedTimestamp` (documented by third parties only), or,
 * when the tasks list refuses it with a 400, by SAP's own day filter `lastChangedDate` from the day
 * before (the time zone of SAP's days is not documented). A list that ignores the parameter, or the
 * day filter, returns more than asked; `pollChanges` drops what it already emitted.
 */
async function readTasks(session: CloudAlmSession, projectId: IdSegment, since: string | undefined): Promise<IDataObject[]> {
	if (!since) return await session.calm.tasksChangedSince(projectId, undefined);
	const day = () => new Date(Date.parse(since) - 86_400_000).toISOString().slice(0, 10);
	if (byDay.has(session)) return await session.calm.tasksChangedOnOrAfterDay(projectId, day());
	const refused = (error: unknown) => error instanceof NodeApiError && String(error.httpCode) === '400';
	const byTimestamp = await session.calm.tasksChangedSince(projectId, since).catch((error: unknown) => {
		if (refused(error)) return undefined;
		throw error;
	});
	if (byTimestamp) return byTimestamp;
	byDay.add(session);
	return await session.calm.tasksChangedOnOrAfterDay(projectId, day());
}

export const WATCHED: Record<WatchedResource, Watched> = {
	task: {
		noun: 'task',
		idField: 'id',
		// SAP's tasks carry lastChangedTimestamp and createdTimestamp; lastChangedDate is the older name
		changedFields: ['lastChangedTimestamp', 'lastChangedDate'],
		createdFields: ['createdTimestamp', 'createdAt'],
		read: readTasks,
	},
	feature: {
		noun: 'feature',
		idField: 'uuid',
		changedFields: ['modifiedAt'],
		createdFields: ['createdAt'],
		read: async (session, projectId, since) => await session.calm.featuresChangedSince(decodeURIComponent(projectId), since),
	},
};

const first = (item: IDataObject, fields: string[]): string | undefined => {
	for (const f of fields) {
		const v = item[f];
		if (typeof v === 'string' && v) return v;
	}
	return undefined;
};

/** An ISO date-time as epoch ms; a date without time or anything else is not a change time. */
function instant(value: string | undefined): number | undefined {
	if (!value || !/T\d{2}:\d{2}/.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

export class MissingChangeTimeError extends Error {}

interface Read {
	item: IDataObject;
	id: string;
	at: number;
	changedAt: string;
}

function readOf(watched: Watched, item: IDataObject): Read {
	const id = item[watched.idField];
	const changedAt = first(item, watched.changedFields);
	const at = instant(changedAt);
	if (typeof id !== 'string' || !id || at === undefined || !changedAt) {
		throw new MissingChangeTimeError(
			`SAP Cloud ALM sent a ${watched.noun} without ${typeof id !== 'string' || !id ? watched.idField : `a change time (${watched.changedFields.join(' or ')})`}; the trigger cannot tell what changed`,
		);
	}
	return { item, id, at, changedAt };
}

/**
 * The newest read of each id over every pass, oldest change first. Another pass follows only a pass
 * that found a change not seen before: with nothing new, nothing moved while the pages were read.
 */
async function readChanges(
	session: CloudAlmSession,
	watched: Watched,
	projectId: IdSegment,
	since: string | undefined,
	passes: number,
	seen: Record<string, number> = {},
): Promise<Read[]> {
	// a server that ignores or widens the filter sends older changes too: they are not news
	const sinceMs = since === undefined ? undefined : Date.parse(since);
	const latest = new Map<string, Read>();
	for (let pass = 0; pass < passes; pass++) {
		let added = false;
		const items = await watched.read(session, projectId, since);
		for (const item of items) {
			const read = readOf(watched, item);
			const known = latest.get(read.id);
			if (!known || read.at > known.at) {
				latest.set(read.id, read);
				const news = (sinceMs === undefined || read.at >= sinceMs) && (seen[read.id] === undefined || read.at > seen[read.id]);
				if (news) added = true;
			}
		}
		if (!added) break;
	}
	return [...latest.values()].sort((a, b) => a.at - b.at);
}

function nextState(previous: WatchState | undefined, reads: Read[]): WatchState {
	let watermark = previous?.watermark ?? null;
	for (const r of reads) if (watermark === null || r.at > watermark) watermark = r.at;
	const seen: Record<string, number> = {};
	if (watermark !== null) {
		const from = watermark - CHANGE_WINDOW_MS;
		for (const [id, at] of Object.entries(previous?.seen ?? {})) if (at >= from) seen[id] = at;
		for (const r of reads) if (r.at >= from && (seen[r.id] === undefined || r.at > seen[r.id])) seen[r.id] = r.at;
	}
	return { watermark, seen };
}

/**
 * One poll of one project: the changes to emit (oldest first) and the state to store once the
 * whole poll succeeded. Without a previous state it records where the project stands and emits nothing.
 */
export async function pollChanges(
	session: CloudAlmSession,
	resource: WatchedResource,
	projectId: IdSegment,
	previous: WatchState | undefined,
): Promise<{ changes: Change[]; state: WatchState }> {
	const watched = WATCHED[resource];
	if (!previous) {
		// first poll: one pass over what exists, nothing emitted
		const reads = await readChanges(session, watched, projectId, undefined, 1);
		return { changes: [], state: nextState(undefined, reads) };
	}
	const fromMs = previous.watermark === null ? undefined : previous.watermark - CHANGE_WINDOW_MS;
	const since = fromMs === undefined ? undefined : new Date(fromMs).toISOString();
	const reads = await readChanges(session, watched, projectId, since, MAX_PASSES, previous.seen);
	const changes: Change[] = [];
	for (const r of reads) {
		// older than the window (a server that cuts the bound to seconds sends some): not in `seen`, not new
		if (fromMs !== undefined && r.at < fromMs) continue;
		const before = previous.seen[r.id];
		if (before !== undefined && r.at <= before) continue;
		const created = instant(first(r.item, watched.createdFields));
		const isNew = before === undefined && (fromMs === undefined || (created !== undefined && created >= fromMs));
		changes.push({ item: r.item, changeType: isNew ? 'new' : 'changed', changedAt: r.changedAt });
	}
	return { changes, state: nextState(previous, reads.filter((r) => fromMs === undefined || r.at >= fromMs)) };
}

/** The project's most recent change, for "Fetch Test Event" (nothing is stored). */
export async function latestChange(session: CloudAlmSession, resource: WatchedResource, projectId: IdSegment): Promise<Change | undefined> {
	const watched = WATCHED[resource];
	let items: IDataObject[];
	if (resource === 'feature') {
		const latest = await session.calm.latestFeature(decodeURIComponent(projectId));
		items = latest ? [latest] : [];
	} else {
		items = await watched.read(session, projectId, undefined);
	}
	// equal change times (whole-second timestamps make them common): the one later in the list, which in
	// creation order and in change order alike is the one made last
	let newest: Read | undefined;
	for (const read of items.map((item) => readOf(watched, item))) if (!newest || read.at >= newest.at) newest = read;
	if (!newest) return undefined;
	const created = instant(first(newest.item, watched.createdFields));
	return { item: newest.item, changeType: created === newest.at ? 'new' : 'changed', changedAt: newest.changedAt };
}
