/**
 * The "From List" modes of the resource locators (n8n calls these in its LoadOptionsContext while
 * the user types or scrolls). None of the Cloud ALM lists documents a search by name, so every
 * picker filters here, case-insensitively, on the title or name, and on the exact ID or display ID.
 * An API error surfaces instead of an empty list (an empty list must mean "nothing matches").
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { CloudAlmSession } from '../helpers/session';

/** Items asked for per request while scrolling a picker. */
export const PICKER_PAGE_SIZE = 100;

/**
 * Requests one search may make before it answers with what it found and a token to go on. n8n's
 * dropdown asks for more only when the user scrolls to the end of a non-empty list, so a search
 * keeps reading pages until something matches or this many requests are spent.
 */
export const PICKER_REQUESTS_PER_SEARCH = 10;

const itemsOf = (body: unknown): IDataObject[] =>
	(Array.isArray(body) ? body : Array.isArray((body as IDataObject)?.value) ? (body as IDataObject).value : []) as IDataObject[];

function matcher(filter: string | undefined): (text: unknown, ...ids: unknown[]) => boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return (text, ...ids) =>
		!needle ||
		String(text ?? '').toLowerCase().includes(needle) ||
		ids.some((id) => id !== undefined && id !== null && String(id).toLowerCase() === needle);
}

async function projects(session: CloudAlmSession): Promise<IDataObject[]> {
	const body = await session.calm.projectsAnswer();
	return itemsOf(body).sort((a, b) => String(a.name ?? a.id).localeCompare(String(b.name ?? b.id)));
}

/** Projects by name (the projects list is not paged). */
export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const matches = matcher(filter);
	return {
		results: (await projects(new CloudAlmSession(this)))
			.filter((p) => matches(p.name, p.id))
			.map((p) => ({ name: String(p.name ?? p.id), value: String(p.id) })),
	};
}

/** Where a task search goes on: the project (its place in the sorted list) and the offset in its tasks. */
interface TaskCursor {
	project: number;
	offset: number;
}

function taskCursor(token: string | undefined): TaskCursor {
	const m = /^(\d+):(\d+)$/.exec(token ?? '');
	return m ? { project: Number(m[1]), offset: Number(m[2]) } : { project: 0, offset: 0 };
}

/**
 * Tasks of every project the binding can read, project by project (the tasks API lists one
 * project at a time), in `offset`/`limit` pages within a project. With several projects, each
 * name says which project the task belongs to.
 */
export async function searchTasks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const matches = matcher(filter);
	const session = new CloudAlmSession(this);
	const all = await projects(session);
	const cursor = taskCursor(paginationToken);
	const results: INodeListSearchItems[] = [];
	for (let requests = 0; cursor.project < all.length && requests < PICKER_REQUESTS_PER_SEARCH; requests++) {
		const project = all[cursor.project];
		const body = await session.calm.tasksPage(String(project.id), cursor.offset, PICKER_PAGE_SIZE);
		const page = itemsOf(body);
		for (const task of page) {
			if (!matches(task.title, task.id, task.displayId)) continue;
			const title = String(task.title || task.id);
			results.push({
				name: all.length > 1 ? `${title} (${String(project.name ?? project.id)})` : title,
				value: String(task.id),
			});
		}
		// a full page may have more after it; a shorter one is the project's last, and a longer one
		// means the server ignored the paging and sent them all
		if (page.length === PICKER_PAGE_SIZE) cursor.offset += PICKER_PAGE_SIZE;
		else Object.assign(cursor, { project: cursor.project + 1, offset: 0 });
		if (results.length) break;
	}
	return {
		results,
		paginationToken: cursor.project < all.length ? `${cursor.project}:${cursor.offset}` : undefined,
	};
}

/** Features of all projects by title or display ID (e.g. 6-123), in `$top`/`$skip` pages. */
export async function searchFeatures(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const matches = matcher(filter);
	let skip = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
	let more = true;
	const results: INodeListSearchItems[] = [];
	const session = new CloudAlmSession(this);
	for (let requests = 0; more && requests < PICKER_REQUESTS_PER_SEARCH; requests++) {
		const body = (await session.calm.featuresPage(skip, PICKER_PAGE_SIZE)) as IDataObject;
		const page = itemsOf(body);
		for (const feature of page) {
			if (!matches(feature.title, feature.uuid, feature.displayId)) continue;
			const title = String(feature.title || feature.uuid);
			results.push({ name: feature.displayId ? `${title} (${String(feature.displayId)})` : title, value: String(feature.uuid) });
		}
		// a full page, or a server that pages on its own (a next link), may have more after it
		more = page.length > 0 && (page.length >= PICKER_PAGE_SIZE || typeof body?.['@odata.nextLink'] === 'string');
		skip += page.length;
		if (results.length) break;
	}
	return { results, paginationToken: more ? String(skip) : undefined };
}

/**
 * Landscape objects by name, SID, system number or lmsId, in `offset`/`limit` pages. The list's
 * `name` filter matches whole names only, so the search filters here, like the other pickers.
 */
export async function searchLandscapeObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const matches = matcher(filter);
	let offset = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
	let more = true;
	const results: INodeListSearchItems[] = [];
	const session = new CloudAlmSession(this);
	for (let requests = 0; more && requests < PICKER_REQUESTS_PER_SEARCH; requests++) {
		const page = itemsOf(await session.calm.landscape.page(offset, PICKER_PAGE_SIZE));
		for (const object of page) {
			if (!matches(`${String(object.name ?? '')} ${String(object.description ?? '')}`, object.lmsId, object.systemNumber)) continue;
			const name = String(object.name || object.lmsId);
			results.push({ name: object.objectType ? `${name} (${String(object.objectType)})` : name, value: String(object.lmsId) });
		}
		// a full page may have more after it; a longer one means the server ignored the paging and sent them all
		more = page.length === PICKER_PAGE_SIZE;
		offset += page.length;
		if (results.length) break;
	}
	return { results, paginationToken: more ? String(offset) : undefined };
}

/**
 * Custom processes (Process Authoring `solutionProcesses`) or their business processes by name, external ID or
 * ID, in `$top`/`$skip` pages (the API documents no search by name).
 */
async function searchProcessAuthoring(
	ctx: ILoadOptionsFunctions,
	what: 'customProcesses' | 'businessProcesses',
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const matches = matcher(filter);
	let skip = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 0;
	let more = true;
	const results: INodeListSearchItems[] = [];
	const session = new CloudAlmSession(ctx);
	for (let requests = 0; more && requests < PICKER_REQUESTS_PER_SEARCH; requests++) {
		const page = itemsOf(await session.calm.processAuthoring.page(what, skip, PICKER_PAGE_SIZE));
		for (const p of page) {
			if (!matches(p.name, p.id, p.externalId)) continue;
			const name = String(p.name || p.id);
			const status = what === 'customProcesses' && p.status ? ` (${String(p.status)})` : '';
			results.push({ name: `${name}${status}`, value: String(p.id) });
		}
		more = page.length === PICKER_PAGE_SIZE;
		skip += page.length;
		if (results.length) break;
	}
	return { results, paginationToken: more ? String(skip) : undefined };
}

/** Custom processes by name, external ID or ID (status shown: a published process and its draft share a name). */
export async function searchCustomProcesses(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchProcessAuthoring(this, 'customProcesses', filter, paginationToken);
}

/** Business processes of Process Authoring by name or ID. */
export async function searchBusinessProcesses(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await searchProcessAuthoring(this, 'businessProcesses', filter, paginationToken);
}
