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
import { SERVICE } from './constants';
import { AnalyticsClient } from './analyticsClient';
import { MonitoringClient } from './monitoringClient';
import { DocumentsClient } from './documentsClient';
import { odataList, restList, restListUnpaged, type ListLimit } from './paging';
import { StatusEventsClient } from './statusEventsClient';
import { TestManagementClient } from './testManagementClient';
import { toApiPath } from './paths';
import { calmRequest, type CalmRequest } from './request';
import type { CloudAlmSession } from './session';
import { odataString, type IdSegment } from './validation';

/** Filters of the tasks list (Tasks API: GET /tasks). */
export interface TaskQuery {
	projectId: IdSegment;
	type?: string;
	status?: string;
	subStatus?: string;
	assigneeId?: string;
	/** `lastChangedDate=<operator>:<YYYY-MM-DD>`, operator `gt` (after) or `lt` (before) */
	lastChanged?: { operator: string; date: string };
}

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
	async listTasks(query: TaskQuery, limit: ListLimit): Promise<IDataObject[]> {
		const { lastChanged, ...filters } = query;
		const qs: IDataObject = {};
		for (const key of ['projectId', 'type', 'status', 'subStatus', 'assigneeId'] as const) {
			if (filters[key]) qs[key] = filters[key];
		}
		if (lastChanged) qs.lastChangedDate = `${lastChanged.operator}:${lastChanged.date}`;
		return await restList(this.session, TASKS, qs, limit);
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

	// ------------------------------------------------------------------------------------ features
	async listFeatures(query: FeatureQuery, limit: ListLimit): Promise<IDataObject[]> {
		const filters: string[] = [];
		if (query.projectId) filters.push(`projectId eq ${odataString(query.projectId)}`);
		if (query.filter) filters.push(filters.length ? `(${query.filter})` : query.filter);
		const qs: IDataObject = {};
		if (filters.length) qs.$filter = filters.join(' and ');
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

	// ---------------------------------------------------------------------------------- monitoring
	private monitoringClient?: MonitoringClient;

	/** Raw-data inbound metrics and logs (OpenTelemetry): monitoringClient.ts. */
	get monitoring(): MonitoringClient {
		return (this.monitoringClient ??= new MonitoringClient(this.session));
	}

	// ----------------------------------------------------------------------------------- documents
	private documentsClient?: DocumentsClient;

	/** Documents (OData v4): documentsClient.ts. */
	get documents(): DocumentsClient {
		return (this.documentsClient ??= new DocumentsClient(this.session));
	}
}
