/**
 * The one place the SAP Cloud ALM node builds a path or a query: operations and list searches call
 * these methods with checked values and never see a URL (as n8n's Google Sheets v2 operations call
 * their GoogleSheet object). Bound to the execution's session, so every call shares its token gate,
 * its API URL and its "scope confirmed missing" flag. HTTP itself happens in the shared transport
 * (`calmRequest`), paging in `paging.ts`.
 *
 * Paths and parameters: SAP Business Accelerator Hub, SAP Cloud ALM APIs — Projects
 * (calm-projects/v1), Tasks (calm-tasks/v1), Features (calm-features/v1, OData v4).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { SERVICE } from './constants';
import { AnalyticsClient } from './analyticsClient';
import { MonitoringClient } from './monitoringClient';
import { DocumentsClient } from './documentsClient';
import { LandscapeClient } from './landscapeClient';
import { LibraryClient } from './libraryClient';
import { ProcessAuthoringClient } from './processAuthoringClient';
import { ProcessHierarchyClient, ProcessScopesClient } from './processClient';
import { odataList, restList, restListUnpaged, restScan, type ListLimit, type ScanResult } from './paging';
import { createTally, type GroupTally } from './shape';
import { StatusEventsClient } from './statusEventsClient';
import { TestManagementClient } from './testManagementClient';
import { TestPlansClient } from './testPlansClient';
import { toApiPath } from './paths';
import { calmRequest, type CalmRequest } from './request';
import type { CloudAlmSession } from './session';
import { andFilters, odataString, type IdSegment } from './validation';

/** Filters of the tasks list (Tasks API: GET /tasks). */
export interface TaskQuery {
	projectId: IdSegment;
	type?: string;
	status?: string;
	subStatus?: string;
	assigneeId?: string;
	/** `tags=<tag>` (consetto/calmcp: repeated `tags` keys; one tag, so "any" and "all" agree) */
	tag?: string;
	/** `lastChangedDate=<operator>:<YYYY-MM-DD>`, operator `gt` (after) or `lt` (before) */
	lastChanged?: { operator: string; date: string };
}

/**
 * Task filters the Tasks API has no parameter for (consetto/calmcp src/tools/shape.ts: "offers no
 * timebox filter"; no source names a priority parameter): applied by the node after reading, so a
 * list with them reads every page until Limit tasks match.
 */
export interface TaskRowFilter {
	timeboxId?: string;
	priorityId?: number;
}

/** A task's assignment to a solution process of a scope (SAP's notebook calm-copy-template-project.ipynb). */
export interface SolutionProcessAssignment {
	taskId: string;
	scopeId: string;
	solutionScenarioVersionId: string;
	solutionProcessId: string;
}

/** What Count answers: the total and the groups, and whether every page was read. */
export interface TaskCount extends GroupTally, ScanResult {}

/** Options of the features list (Features API: GET /Features, OData system query options). */
export interface FeatureQuery {
	projectId?: string;
	/** an OData `$filter` expression of the user's, ANDed with the project */
	filter?: string;
	orderby?: string;
	select?: string;
	skip?: number;
}

const PROJECTS = `${SERVICE.projects}/projects`;
const TASKS = `${SERVICE.tasks}/tasks`;
const FEATURES = `${SERVICE.features}/Features`;

export class CloudAlmClient {
	constructor(private readonly session: CloudAlmSession) {}

	/** Any call under endpoints.Api (Custom API Call); `path` comes from `apiPath`. */
	async request(req: CalmRequest): Promise<unknown> {
		return await calmRequest(this.session, req);
	}

	/** A user's path or URL as a path under endpoints.Api; throws UnsafePathError when it would leave it. */
	async apiPath(input: string): Promise<string> {
		return toApiPath(input, await this.session.apiBase());
	}

	// ------------------------------------------------------------------------------------ projects
	async listProjects(limit: ListLimit): Promise<IDataObject[]> {
		return await restListUnpaged(this.session, PROJECTS, {}, limit);
	}

	/** The projects answer as SAP sent it (a picker reads what it can). */
	async projectsAnswer(): Promise<unknown> {
		return await calmRequest(this.session, { method: 'GET', path: PROJECTS });
	}

	async getProject(id: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${PROJECTS}/${id}` })) as IDataObject;
	}

	async createProject(body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: PROJECTS, body })) as IDataObject;
	}

	async listTimeboxes(projectId: IdSegment, limit: ListLimit): Promise<IDataObject[]> {
		return await restListUnpaged(this.session, `${PROJECTS}/${projectId}/timeboxes`, {}, limit);
	}

	async createTimebox(projectId: IdSegment, body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: `${PROJECTS}/${projectId}/timeboxes`, body })) as IDataObject;
	}

	// --------------------------------------------------------------------------------------- tasks
	private taskListQs(query: TaskQuery): IDataObject {
		const { lastChanged, tag, ...filters } = query;
		const qs: IDataObject = {};
		for (const key of ['projectId', 'type', 'status', 'subStatus', 'assigneeId'] as const) {
			if (filters[key]) qs[key] = filters[key];
		}
		if (tag) qs.tags = tag;
		if (lastChanged) qs.lastChangedDate = `${lastChanged.operator}:${lastChanged.date}`;
		return qs;
	}

	/**
	 * A task row's test for the filters SAP has none for. The timebox is read from the row's
	 * `timeboxId` (consetto/calmcp); a row without it (SAP's 2021 notebook shows the timebox only on a
	 * single read, by name and dates) is read singly and compared by `timeboxId`, else by the
	 * timebox's name (from the project's timeboxes, scope calm-api.projects.read). `checkTimebox`
	 * tells an unknown timebox from an empty one when nothing matched, so a mistyped ID is not
	 * answered with "no tasks".
	 */
	private rowFilter(projectId: IdSegment, after: TaskRowFilter): { keep: (row: IDataObject) => Promise<boolean>; checkTimebox: () => Promise<void> } {
		let timeboxName: Promise<string> | undefined;
		const nameOf = async (): Promise<string> => {
			const boxes = await this.listTimeboxes(projectId, { returnAll: true, limit: 0 });
			const box = boxes.find((b) => b.id === after.timeboxId);
			if (!box) {
				throw new NodeOperationError(this.session.node, `Timebox ID "${after.timeboxId}" is not a timebox of project ${decodeURIComponent(projectId)}`, {
					description: 'Field: Filters → Timebox ID. Project → Get Many Timeboxes lists the project\'s timeboxes with their IDs.',
				});
			}
			return String(box.name);
		};
		const keep = async (row: IDataObject) => {
			if (after.priorityId !== undefined && Number(row.priorityId) !== after.priorityId) return false;
			if (after.timeboxId === undefined) return true;
			if ('timeboxId' in row) return row.timeboxId === after.timeboxId;
			const detail = await this.getTask(encodeURIComponent(String(row.id)) as IdSegment);
			if ('timeboxId' in detail) return detail.timeboxId === after.timeboxId;
			return detail.timeboxName === (await (timeboxName ??= nameOf()));
		};
		const checkTimebox = async () => {
			if (after.timeboxId !== undefined) await (timeboxName ??= nameOf());
		};
		return { keep, checkTimebox };
	}

	async listTasks(query: TaskQuery, limit: ListLimit, after: TaskRowFilter = {}): Promise<IDataObject[]> {
		const qs = this.taskListQs(query);
		if (after.timeboxId === undefined && after.priorityId === undefined) return await restList(this.session, TASKS, qs, limit);
		const { keep, checkTimebox } = this.rowFilter(query.projectId, after);
		const out: IDataObject[] = [];
		await restScan(this.session, TASKS, qs, async (page) => {
			for (const row of page) {
				if (await keep(row)) out.push(row);
				if (!limit.returnAll && out.length >= limit.limit) return false;
			}
			return true;
		});
		if (!out.length) await checkTimebox();
		return out;
	}

	/**
	 * How many tasks match, in total and per group: every page is read and only the counts are kept
	 * (the Tasks API returns no count, consetto/calmcp src/tools/counting.ts "countRest").
	 */
	async countTasks(query: TaskQuery, groupBy: string[], after: TaskRowFilter = {}): Promise<TaskCount> {
		const { keep, checkTimebox } = this.rowFilter(query.projectId, after);
		const tally = createTally(groupBy);
		const scan = await restScan(this.session, TASKS, this.taskListQs(query), async (page) => {
			const kept: IDataObject[] = [];
			for (const row of page) if (await keep(row)) kept.push(row);
			tally.add(kept);
			return true;
		});
		const result = tally.result();
		if (!result.total) await checkTimebox();
		return { ...result, ...scan };
	}

	/** One page of a project's tasks as SAP sent it (a picker reads what it can). */
	async tasksPage(projectId: string, offset: number, limit: number): Promise<unknown> {
		return await calmRequest(this.session, { method: 'GET', path: TASKS, qs: { projectId, offset, limit } });
	}

	/**
	 * Every task of a project changed after `since` (an ISO timestamp; all tasks without it), every
	 * page: Tasks API `lastChangedTimestamp=gt:<ISO 8601>` (consetto/calmcp, "incremental what
	 * changed since"). The order of the pages is not documented.
	 */
	async tasksChangedSince(projectId: IdSegment, since: string | undefined): Promise<IDataObject[]> {
		const qs: IDataObject = { projectId };
		if (since) qs.lastChangedTimestamp = `gt:${since}`;
		return await restList(this.session, TASKS, qs, { returnAll: true, limit: 0 });
	}

	/**
	 * Every task of a project changed on or after the calendar day `onOrAfter` (YYYY-MM-DD), every
	 * page: the day filter of SAP's own sample (`lastChangedDate=gt:<day>`, calm-project-task-2022-02-updates.ipynb),
	 * asked with the day before.
	 */
	async tasksChangedOnOrAfterDay(projectId: IdSegment, onOrAfter: string): Promise<IDataObject[]> {
		const dayBefore = new Date(Date.parse(`${onOrAfter}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
		return await restList(this.session, TASKS, { projectId, lastChangedDate: `gt:${dayBefore}` }, { returnAll: true, limit: 0 });
	}

	async getTask(id: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${TASKS}/${id}` })) as IDataObject;
	}

	async createTask(body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: TASKS, body })) as IDataObject;
	}

	async updateTask(id: IdSegment, body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'PATCH', path: `${TASKS}/${id}`, body })) as IDataObject;
	}

	async deleteTask(id: IdSegment): Promise<void> {
		await calmRequest(this.session, { method: 'DELETE', path: `${TASKS}/${id}` });
	}

	async listComments(taskId: IdSegment, limit: ListLimit): Promise<IDataObject[]> {
		return await restListUnpaged(this.session, `${TASKS}/${taskId}/comments`, {}, limit);
	}

	async addComment(taskId: IdSegment, body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: `${TASKS}/${taskId}/comments`, body })) as IDataObject;
	}

	async listReferences(taskId: IdSegment, limit: ListLimit): Promise<IDataObject[]> {
		return await restListUnpaged(this.session, `${TASKS}/${taskId}/references`, {}, limit);
	}

	async addReference(taskId: IdSegment, body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: `${TASKS}/${taskId}/references`, body })) as IDataObject;
	}

	/**
	 * A project's solution process assignments, optionally of one task or one process: GET
	 * `/tasks/solutionProcessAssignments?projectId=` (SAP's notebook calm-copy-template-project.ipynb;
	 * `taskId`, `solutionProcessId`, `offset`/`limit` from consetto/calmcp).
	 */
	async listSolutionProcessAssignments(
		filter: { projectId: string; taskId?: string; solutionProcessId?: string },
		limit: ListLimit,
	): Promise<IDataObject[]> {
		const qs: IDataObject = { projectId: filter.projectId };
		if (filter.taskId) qs.taskId = filter.taskId;
		if (filter.solutionProcessId) qs.solutionProcessId = filter.solutionProcessId;
		return await restList(this.session, `${TASKS}/solutionProcessAssignments`, qs, limit);
	}

	/** POST of a one-entry array, as SAP's notebook sends it; SAP's answer (unknown shape), if any. */
	async addSolutionProcessAssignment(assignment: SolutionProcessAssignment): Promise<unknown> {
		return await calmRequest(this.session, { method: 'POST', path: `${TASKS}/solutionProcessAssignments`, body: [assignment] });
	}

	/**
	 * DELETE on the collection. No source shows the removal: the assignment goes both as a one-entry
	 * array body (the POST's shape) and as query parameters, so either reading finds it.
	 */
	async removeSolutionProcessAssignment(assignment: SolutionProcessAssignment): Promise<void> {
		await calmRequest(this.session, {
			method: 'DELETE',
			path: `${TASKS}/solutionProcessAssignments`,
			qs: { ...assignment },
			body: [assignment],
		});
	}

	/** GET `/tasks/{id}/hierarchyNodeAssignments` (consetto/calmcp; paging not documented). */
	async listHierarchyNodeAssignments(taskId: IdSegment, limit: ListLimit): Promise<IDataObject[]> {
		return await restListUnpaged(this.session, `${TASKS}/${taskId}/hierarchyNodeAssignments`, {}, limit);
	}

	// ------------------------------------------------------------------------------------ features
	async listFeatures(query: FeatureQuery, limit: ListLimit): Promise<IDataObject[]> {
		const $filter = andFilters([query.projectId ? `projectId eq ${odataString(query.projectId)}` : undefined], query.filter);
		const qs: IDataObject = $filter ? { $filter } : {};
		if (query.orderby) qs.$orderby = query.orderby;
		if (query.select) qs.$select = query.select;
		return await odataList(this.session, FEATURES, qs, { ...limit, skip: query.skip ?? 0 });
	}

	/**
	 * Every feature of a project modified after `since` (all without it), oldest change first,
	 * following `@odata.nextLink`: Features OData `$filter=modifiedAt gt <date-time>`,
	 * `$orderby=modifiedAt asc`.
	 */
	async featuresChangedSince(projectId: string, since: string | undefined): Promise<IDataObject[]> {
		const filter = [`projectId eq ${odataString(projectId)}`];
		if (since) filter.push(`modifiedAt gt ${since}`);
		return await odataList(this.session, FEATURES, { $filter: filter.join(' and '), $orderby: 'modifiedAt asc' }, { returnAll: true, limit: 0 });
	}

	/** The project's most recently modified feature, if any (`$orderby=modifiedAt desc`, `$top=1`). */
	async latestFeature(projectId: string): Promise<IDataObject | undefined> {
		const [latest] = await odataList(
			this.session,
			FEATURES,
			{ $filter: `projectId eq ${odataString(projectId)}`, $orderby: 'modifiedAt desc' },
			{ returnAll: false, limit: 1 },
		);
		return latest;
	}

	/** One page of features (UUID, display ID, title) as SAP sent it (a picker reads what it can). */
	async featuresPage(skip: number, top: number): Promise<unknown> {
		return await calmRequest(this.session, {
			method: 'GET',
			path: FEATURES,
			qs: { $select: 'uuid,displayId,title', $top: top, $skip: skip },
		});
	}

	async getFeature(uuid: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${FEATURES}/${uuid}` })) as IDataObject;
	}

	async createFeature(body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: FEATURES, body })) as IDataObject;
	}

	async updateFeature(uuid: IdSegment, body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'PATCH', path: `${FEATURES}/${uuid}`, body })) as IDataObject;
	}

	// ----------------------------------------------------------------------------------- analytics
	private analyticsClient?: AnalyticsClient;

	/** Analytics (REST providers, the OData service): its paths and queries live in analyticsClient.ts. */
	get analytics(): AnalyticsClient {
		return (this.analyticsClient ??= new AnalyticsClient(this.session));
	}

	// ------------------------------------------------------------------------------- status events
	private statusEventsClient?: StatusEventsClient;

	/** Status events (business service management): statusEventsClient.ts. */
	get statusEvents(): StatusEventsClient {
		return (this.statusEventsClient ??= new StatusEventsClient(this.session));
	}

	// ----------------------------------------------------------------------------- test management
	private testManagementClient?: TestManagementClient;

	/** Test Management (manual test cases, activities, actions; If-Match on update and delete): testManagementClient.ts. */
	get testManagement(): TestManagementClient {
		return (this.testManagementClient ??= new TestManagementClient(this.session));
	}

	private testPlansClient?: TestPlansClient;

	/** Test Plans (beta, read only): testPlansClient.ts. */
	get testPlans(): TestPlansClient {
		return (this.testPlansClient ??= new TestPlansClient(this.session));
	}

	// ---------------------------------------------------------------------------------- monitoring
	private monitoringClient?: MonitoringClient;

	/** Raw-data metrics and logs (OpenTelemetry; inbound and outbound metrics): monitoringClient.ts. */
	get monitoring(): MonitoringClient {
		return (this.monitoringClient ??= new MonitoringClient(this.session));
	}

	// ------------------------------------------------------------- process hierarchy and scopes
	private processHierarchyClient?: ProcessHierarchyClient;
	private processScopesClient?: ProcessScopesClient;

	/** Process Hierarchy (OData v4, hierarchy nodes): processClient.ts. */
	get processHierarchy(): ProcessHierarchyClient {
		return (this.processHierarchyClient ??= new ProcessHierarchyClient(this.session));
	}

	/** Process Scopes (scopes of a project, their solution processes): processClient.ts. */
	get processScopes(): ProcessScopesClient {
		return (this.processScopesClient ??= new ProcessScopesClient(this.session));
	}

	private processAuthoringClient?: ProcessAuthoringClient;

	/** Process Authoring (custom processes, their business processes): processAuthoringClient.ts. */
	get processAuthoring(): ProcessAuthoringClient {
		return (this.processAuthoringClient ??= new ProcessAuthoringClient(this.session));
	}

	// ----------------------------------------------------------------------------------- documents
	private documentsClient?: DocumentsClient;

	/** Documents (OData v4): documentsClient.ts. */
	get documents(): DocumentsClient {
		return (this.documentsClient ??= new DocumentsClient(this.session));
	}

	// ----------------------------------------------------------------------------------- landscape
	private landscapeClient?: LandscapeClient;

	/** Landscape objects (REST, read-only): landscapeClient.ts. */
	get landscape(): LandscapeClient {
		return (this.landscapeClient ??= new LandscapeClient(this.session));
	}

	// ------------------------------------------------------------------------------- cross-library
	private libraryClient?: LibraryClient;

	/** Cross-library elements (four OData v4 services): libraryClient.ts. */
	get library(): LibraryClient {
		return (this.libraryClient ??= new LibraryClient(this.session));
	}
}
