/**
 * SAP Cloud ALM API on its own origin; `endpoints.Api` of a binding = origin + `/api`.
 *
 *   /api/calm-projects/v1  REST   projects, timeboxes                  calm-api.projects.read|write
 *   /api/calm-tasks/v1     REST   tasks, comments, references          calm-api.tasks.read|write
 *   /api/calm-features/v1  OData  Features                             calm-api.features.read|write
 *
 * Every error (REST and OData, 401/403/404/405 too) uses the OData body
 * `{"error":{"code":"<status>","message":"..."}}`; a 403 names the missing scope.
 *
 * Changed-since reads (tasks' `lastChangedTimestamp=gt:`, features' `modifiedAt`): calmChangedSince.ts.
 *
 * Choices where SAP publishes nothing: task lists default to `limit=100` and cap it at 1000;
 * `GET /tasks?projectId=<unknown>` answers 404; Features PATCH answers 200 with the entity.
 */
import { randomUUID } from 'node:crypto';
import { Router, SimError, isoNow, parseJsonBody, type ServiceModule, type SimRequest } from '../http';
import { authenticate, hasScope } from '../tokens';
import type { CalmFeature, CalmProject, CalmTask, SimContext } from '../state';
import type { Profile } from '../profile';
import { calmTimestamp, lastChangedTimestampFilter, orderTasks } from './calmChangedSince';
import { analyticsRoutes } from './calmAnalytics';
import { landscapeRoutes } from './calmLandscape';
import { libraryRoutes } from './calmLibrary';
import { statusEventRoutes } from './calmStatusEvents';
import { testManagementRoutes } from './calmTestManagement';
import { testPlanRoutes } from './calmTestPlans';
import { monitoringRoutes } from './calmMonitoring';
import { metricsOutboundRoutes } from './calmMetricsOutbound';
import { documentRoutes } from './calmDocuments';
import { processAuthoringRoutes } from './calmProcessAuthoring';
import { processHierarchyRoutes } from './calmProcessHierarchy';
import { processManagementRoutes } from './calmProcessManagement';
import { emitTaskChange } from './calmOutbound';
import { odataCollection } from './calmOData';
import { taskAssignmentRoutes } from './calmTaskAssignments';

const PROJECTS = '/api/calm-projects/v1';
const TASKS = '/api/calm-tasks/v1';
const FEATURES = '/api/calm-features/v1';

export const TASK_LIST_DEFAULT_LIMIT = 100;
export const TASK_LIST_MAX_LIMIT = 1000;

/** Task types and the status a new task of that type starts in. */
const TASK_TYPES: Record<string, string> = {
	CALMTASK: 'CIPTKOPEN',
	CALMUS: 'CIPUSOPEN',
	CALMST: 'CIPTKOPEN',
	CALMREQU: 'CIPREQUOPEN',
	CALMTMPL: 'CIPTKOPEN',
	CALMDEF: 'CIPDFCTOPEN',
	CALMQGATE: 'CIPTKOPEN',
	CALMCHKLI: 'CIPTKOPEN',
	CALMRISK: 'CIPTKOPEN',
};
const PRIORITIES = [10, 20, 30, 40];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const bad = (message: string) => new SimError(400, '400', message);
const notFound = (message: string) => new SimError(404, '404', message);

/** Valid token + the one scope the route needs (403 names it, so users know which authority to add). */
function requireScope(req: SimRequest, sim: SimContext, scope: string) {
	const token = authenticate(req, sim, []);
	if (!hasScope(token, scope)) throw new SimError(403, '403', `Missing scope ${scope}`);
	return token;
}

function body(req: SimRequest): Record<string, unknown> {
	const b = parseJsonBody(req);
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw bad('The request body must be a JSON object');
	return b;
}

function requiredString(b: Record<string, unknown>, field: string): string {
	const v = b[field];
	if (typeof v !== 'string' || !v.trim()) throw bad(`Field '${field}' is required`);
	return v;
}

function optionalDate(b: Record<string, unknown>, field: string): string | undefined {
	const v = b[field];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(v))) {
		throw bad(`Field '${field}' must be a date in the format YYYY-MM-DD`);
	}
	return v;
}

// ------------------------------------------------------------------------------------ projects
function findProject(sim: SimContext, id: string): CalmProject {
	const p = sim.state.calm.projects.find((x) => x.id === id);
	if (!p) throw notFound(`Project ${id} not found`);
	return p;
}

const projectBody = (p: CalmProject) => ({
	id: p.id,
	name: p.name,
	status: p.status,
	description: p.description ?? null,
	createdAt: p.createdAt,
});

function projectRoutes(router: Router) {
	router.get(`${PROJECTS}/projects`, function listProjects(req, sim) {
		requireScope(req, sim, 'calm-api.projects.read');
		return { status: 200, body: sim.state.calm.projects.map((p) => ({ id: p.id, name: p.name, status: p.status })) };
	});
	router.get(`${PROJECTS}/projects/:id`, function getProject(req, sim) {
		requireScope(req, sim, 'calm-api.projects.read');
		return { status: 200, body: projectBody(findProject(sim, req.params.id)) };
	});
	router.post(`${PROJECTS}/projects`, function createProject(req, sim) {
		requireScope(req, sim, 'calm-api.projects.write');
		const b = body(req);
		const project: CalmProject = {
			id: randomUUID(),
			name: requiredString(b, 'name'),
			status: 'O',
			description: typeof b.description === 'string' ? b.description : undefined,
			createdAt: isoNow(sim),
			timeboxes: [],
		};
		sim.state.calm.projects.push(project);
		return { status: 201, body: projectBody(project) };
	});
	router.get(`${PROJECTS}/projects/:id/timeboxes`, function listTimeboxes(req, sim) {
		requireScope(req, sim, 'calm-api.projects.read');
		return { status: 200, body: findProject(sim, req.params.id).timeboxes };
	});
	router.post(`${PROJECTS}/projects/:id/timeboxes`, function createTimebox(req, sim) {
		requireScope(req, sim, 'calm-api.projects.write');
		const project = findProject(sim, req.params.id);
		const b = body(req);
		if (![0, 1, 2].includes(b.type as number)) throw bad(`Field 'type' must be 0 (milestone), 1 (phase) or 2 (sprint)`);
		const name = requiredString(b, 'name');
		const startDate = optionalDate(b, 'startDate');
		const endDate = optionalDate(b, 'endDate');
		if (!startDate || !endDate) throw bad(`Fields 'startDate' and 'endDate' are required`);
		if (endDate < startDate) throw bad(`'endDate' must not be before 'startDate'`);
		if (b.closed !== undefined && typeof b.closed !== 'boolean') throw bad(`Field 'closed' must be a boolean`);
		const timebox = { id: randomUUID(), projectId: project.id, type: b.type as number, name, startDate, endDate, closed: b.closed === true };
		project.timeboxes.push(timebox);
		return { status: 201, body: timebox };
	});
}

// ------------------------------------------------------------------------------------ tasks
/**
 * A task's timebox as the answer shows it (profile `calmTaskTimeboxFields`): `list` puts id, name and
 * dates on list rows and single reads (consetto/calmcp filters list rows by `timeboxId`);
 * `detailNameOnly` puts name and dates on single reads only, without the id (SAP-samples/cloud-alm-
 * api-examples calm-project-task-api.ipynb, 2021).
 */
function timeboxFields(t: CalmTask, sim: SimContext, single: boolean): Record<string, unknown> {
	const mode = sim.profile.calmTaskTimeboxFields;
	if (mode === 'detailNameOnly' && !single) return {};
	const box = t.timeboxId ? sim.state.calm.projects.find((p) => p.id === t.projectId)?.timeboxes.find((b) => b.id === t.timeboxId) : undefined;
	const named = { timeboxName: box?.name ?? null, timeboxStartDate: box?.startDate ?? null, timeboxEndDate: box?.endDate ?? null };
	return mode === 'detailNameOnly' ? named : { timeboxId: t.timeboxId ?? null, ...named };
}

const taskSummary = (t: CalmTask, profile: Profile) => ({
	id: t.id,
	projectId: t.projectId,
	title: t.title,
	type: t.type,
	status: t.status,
	subStatus: t.subStatus ?? null,
	externalId: t.externalId ?? null,
	dueDate: t.dueDate ?? null,
	priorityId: t.priorityId ?? null,
	assigneeId: t.assigneeId ?? null,
	assigneeName: t.assigneeName ?? null,
	lastChangedDate: t.lastChangedDate,
	createdTimestamp: calmTimestamp(t.createdAt, profile),
	lastChangedTimestamp: calmTimestamp(t.lastChangedDate, profile),
});

const taskFull = (t: CalmTask, profile: Profile) => ({
	...taskSummary(t, profile),
	description: t.description ?? null,
	parentId: t.parentId ?? null,
	storyPoints: t.storyPoints ?? null,
	obsolete: t.obsolete ?? false,
	createdAt: t.createdAt,
});

/** A single task as GET, POST and PATCH answer it. */
const taskAnswer = (t: CalmTask, sim: SimContext) => ({ ...taskFull(t, sim.profile), ...timeboxFields(t, sim, true) });

function findTask(sim: SimContext, id: string): CalmTask {
	const t = sim.state.calm.tasks.find((x) => x.id === id);
	if (!t) throw notFound(`Task ${id} not found`);
	return t;
}

/** `lastChangedDate=gt:2022-02-01` — a date compares by calendar day, a date-time by instant. */
function lastChangedFilter(raw: string): (t: CalmTask) => boolean {
	const m = /^(gt|ge|lt|le|eq):(.+)$/.exec(raw);
	if (!m || Number.isNaN(Date.parse(m[2]))) {
		throw bad(`lastChangedDate must look like <op>:<date>, op one of gt, ge, lt, le, eq (e.g. gt:2022-02-01)`);
	}
	const [, op, value] = m;
	const dayOnly = DATE.test(value);
	return (t) => {
		const a = dayOnly ? t.lastChangedDate.slice(0, 10) : Date.parse(t.lastChangedDate);
		const b = dayOnly ? value : Date.parse(value);
		const c = a < b ? -1 : a > b ? 1 : 0;
		return { gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0, eq: c === 0 }[op as 'gt']!;
	};
}

function intParam(req: SimRequest, name: string, fallback: number): number {
	const raw = req.query.get(name);
	if (raw === null || raw === '') return fallback;
	if (!/^\d+$/.test(raw)) throw bad(`${name} must be a non-negative integer`);
	return Number(raw);
}

/** Validates the writable fields of a task body into `target`. */
function applyTaskFields(sim: SimContext, b: Record<string, unknown>, target: Partial<CalmTask>) {
	for (const f of ['title', 'description', 'status', 'subStatus', 'assigneeId', 'assigneeName', 'externalId'] as const) {
		if (b[f] === undefined) continue;
		if (typeof b[f] !== 'string') throw bad(`Field '${f}' must be a string`);
		target[f] = b[f] as string;
	}
	if (b.title !== undefined && !String(b.title).trim()) throw bad(`Field 'title' must not be empty`);
	if (b.dueDate !== undefined) target.dueDate = optionalDate(b, 'dueDate');
	if (b.priorityId !== undefined) {
		if (!PRIORITIES.includes(b.priorityId as number)) throw bad(`Field 'priorityId' must be one of ${PRIORITIES.join(', ')}`);
		target.priorityId = b.priorityId as number;
	}
	if (b.storyPoints !== undefined) {
		if (typeof b.storyPoints !== 'number' || b.storyPoints < 0) throw bad(`Field 'storyPoints' must be a non-negative number`);
		target.storyPoints = b.storyPoints;
	}
	if (b.obsolete !== undefined) {
		if (typeof b.obsolete !== 'boolean') throw bad(`Field 'obsolete' must be a boolean`);
		target.obsolete = b.obsolete;
	}
	if (b.parentId !== undefined && b.parentId !== null) {
		if (typeof b.parentId !== 'string' || !sim.state.calm.tasks.some((t) => t.id === b.parentId)) {
			throw bad(`Parent task ${String(b.parentId)} does not exist`);
		}
		target.parentId = b.parentId;
	}
}

function taskRoutes(router: Router) {
	// before `/tasks/:id`, which would otherwise take `solutionProcessAssignments` for a task ID
	taskAssignmentRoutes(router, requireScope, findProject, findTask);

	router.get(`${TASKS}/tasks`, function listTasks(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.read');
		const projectId = req.query.get('projectId');
		if (!projectId) throw bad('Query parameter projectId is required');
		findProject(sim, projectId);
		const filters: Array<(t: CalmTask) => boolean> = [(t) => t.projectId === projectId];
		for (const f of ['type', 'status', 'subStatus', 'assigneeId'] as const) {
			const v = req.query.get(f);
			if (v) {
				const allowed = v.split(',').map((s) => s.trim());
				filters.push((t) => allowed.includes(String(t[f] ?? '')));
			}
		}
		// `tags=a&tags=b` (repeated keys, consetto/calmcp src/calm/odata.ts buildQueryString): a task with any of them
		const tags = req.query.getAll('tags').filter(Boolean);
		if (tags.length) filters.push((t) => (t.tags ?? []).some((tag) => tags.includes(tag)));
		const changed = req.query.get('lastChangedDate');
		if (changed) filters.push(lastChangedFilter(changed));
		const changedSince = req.query.get('lastChangedTimestamp');
		if (changedSince) filters.push(lastChangedTimestampFilter(changedSince, sim.profile));
		const offset = intParam(req, 'offset', 0);
		const limit = Math.min(intParam(req, 'limit', TASK_LIST_DEFAULT_LIMIT), TASK_LIST_MAX_LIMIT);
		const rows = orderTasks(sim.state.calm.tasks.filter((t) => filters.every((f) => f(t))), sim.profile);
		// no documented timebox or priority parameter: `timeboxId=`/`priorityId=` are ignored like any unknown parameter
		return { status: 200, body: rows.slice(offset, offset + limit).map((t) => ({ ...taskSummary(t, sim.profile), ...timeboxFields(t, sim, false) })) };
	});

	router.get(`${TASKS}/tasks/:id`, function getTask(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.read');
		return { status: 200, body: taskAnswer(findTask(sim, req.params.id), sim) };
	});

	router.post(`${TASKS}/tasks`, function createTask(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.write');
		const b = body(req);
		const projectId = requiredString(b, 'projectId');
		if (!sim.state.calm.projects.some((p) => p.id === projectId)) throw bad(`Project ${projectId} does not exist`);
		requiredString(b, 'title');
		const type = requiredString(b, 'type');
		if (!(type in TASK_TYPES)) throw bad(`Field 'type' must be one of ${Object.keys(TASK_TYPES).join(', ')}`);
		if (type === 'CALMST' && !b.parentId) throw bad(`Field 'parentId' is required for sub-tasks (type CALMST)`);
		const now = isoNow(sim);
		const task: CalmTask = { id: randomUUID(), projectId, title: '', type, status: TASK_TYPES[type], lastChangedDate: now, createdAt: now };
		applyTaskFields(sim, b, task);
		sim.state.calm.tasks.push(task);
		emitTaskChange(sim, 'CREATED', task, taskFull(task, sim.profile));
		return { status: 201, body: taskAnswer(task, sim) };
	});

	router.patch(`${TASKS}/tasks/:id`, function updateTask(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.write');
		const task = findTask(sim, req.params.id);
		const b = body(req);
		for (const f of ['id', 'projectId', 'type'] as const) {
			if (b[f] !== undefined && b[f] !== task[f]) throw bad(`Field '${f}' cannot be changed`);
		}
		const changes: Partial<CalmTask> = {};
		applyTaskFields(sim, b, changes);
		Object.assign(task, changes, { lastChangedDate: isoNow(sim) });
		emitTaskChange(sim, 'UPDATED', task, taskFull(task, sim.profile));
		return { status: 200, body: taskAnswer(task, sim) };
	});

	router.delete(`${TASKS}/tasks/:id`, function deleteTask(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.write');
		const task = findTask(sim, req.params.id);
		const calm = sim.state.calm;
		calm.tasks = calm.tasks.filter((t) => t.id !== task.id);
		calm.comments = calm.comments.filter((c) => c.taskId !== task.id);
		calm.references = calm.references.filter((r) => r.taskId !== task.id);
		calm.solutionProcessAssignments = calm.solutionProcessAssignments.filter((a) => a.taskId !== task.id);
		calm.hierarchyNodeAssignments = calm.hierarchyNodeAssignments.filter((a) => a.taskId !== task.id);
		emitTaskChange(sim, 'DELETED', task, taskFull(task, sim.profile));
		return { status: 204 };
	});

	router.get(`${TASKS}/tasks/:id/comments`, function listComments(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.read');
		const task = findTask(sim, req.params.id);
		return { status: 200, body: sim.state.calm.comments.filter((c) => c.taskId === task.id) };
	});
	router.post(`${TASKS}/tasks/:id/comments`, function addComment(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.write');
		const task = findTask(sim, req.params.id);
		const comment = { id: randomUUID(), taskId: task.id, text: requiredString(body(req), 'text'), createdAt: isoNow(sim) };
		sim.state.calm.comments.push(comment);
		return { status: 201, body: comment };
	});

	router.get(`${TASKS}/tasks/:id/references`, function listReferences(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.read');
		const task = findTask(sim, req.params.id);
		return { status: 200, body: sim.state.calm.references.filter((r) => r.taskId === task.id) };
	});
	router.post(`${TASKS}/tasks/:id/references`, function addReference(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.write');
		const task = findTask(sim, req.params.id);
		const b = body(req);
		const name = requiredString(b, 'name');
		const url = requiredString(b, 'url');
		if (!/^https?:\/\/\S+$/.test(url)) throw bad(`Field 'url' must be an http(s) URL`);
		const reference = { id: randomUUID(), taskId: task.id, name, url };
		sim.state.calm.references.push(reference);
		return { status: 201, body: reference };
	});
}

// ------------------------------------------------------------------------------------ features (OData v4)
const FEATURE_FIELDS = new Set([
	'uuid',
	'displayId',
	'title',
	'description',
	'projectId',
	'statusCode',
	'priorityCode',
	'releaseId',
	'scopeId',
	'responsibleId',
	'type',
	'createdAt',
	'modifiedAt',
]);
const FEATURE_WRITABLE = ['title', 'description', 'statusCode', 'priorityCode', 'releaseId', 'scopeId', 'responsibleId', 'type'] as const;

const featureBody = (f: CalmFeature, profile: Profile) => ({
	uuid: f.uuid,
	displayId: f.displayId,
	title: f.title,
	description: f.description ?? null,
	projectId: f.projectId,
	statusCode: f.statusCode,
	priorityCode: f.priorityCode,
	releaseId: f.releaseId ?? null,
	scopeId: f.scopeId ?? null,
	responsibleId: f.responsibleId ?? null,
	type: f.type,
	createdAt: calmTimestamp(f.createdAt, profile),
	modifiedAt: calmTimestamp(f.modifiedAt, profile),
});

/** Key from `Features(<uuid>)`, `Features('<uuid>')`, `Features(uuid=<uuid>)` or `Features/<uuid>`. */
function featureKey(segment: string): string | undefined {
	const m = /^Features\((?:uuid=)?'?([^')]+)'?\)$/.exec(segment);
	return m?.[1];
}

function findFeature(sim: SimContext, key: string | undefined, raw: string): CalmFeature {
	const f = key ? sim.state.calm.features.find((x) => x.uuid === key) : undefined;
	if (!f) throw notFound(key ? `Feature with key ${key} not found` : `Resource ${raw} not found`);
	return f;
}

function applyFeatureFields(b: Record<string, unknown>, target: Partial<CalmFeature>) {
	for (const f of FEATURE_WRITABLE) {
		if (b[f] === undefined) continue;
		if (f === 'priorityCode') {
			if (typeof b[f] !== 'number') throw bad(`Property 'priorityCode' must be a number`);
			target.priorityCode = b[f] as number;
		} else {
			if (typeof b[f] !== 'string') throw bad(`Property '${f}' must be a string`);
			target[f] = b[f] as string;
		}
	}
	for (const k of Object.keys(b)) {
		if (k.startsWith('@')) continue;
		if (!FEATURE_FIELDS.has(k)) throw bad(`Property '${k}' does not exist in type Feature`);
	}
}

function featureRoutes(router: Router) {
	const entity = (f: CalmFeature, profile: Profile) => ({ '@odata.context': '$metadata#Features/$entity', ...featureBody(f, profile) });

	router.get(`${FEATURES}/Features`, function listFeatures(req, sim) {
		requireScope(req, sim, 'calm-api.features.read');
		return {
			status: 200,
			body: odataCollection(req, sim.state.calm.features.map((f) => featureBody(f, sim.profile)), FEATURE_FIELDS, sim.urls.cloudAlm, '$metadata#Features'),
		};
	});

	router.post(`${FEATURES}/Features`, function createFeature(req, sim) {
		requireScope(req, sim, 'calm-api.features.write');
		const b = body(req);
		const projectId = requiredString(b, 'projectId');
		if (!sim.state.calm.projects.some((p) => p.id === projectId)) throw bad(`Project ${projectId} does not exist`);
		requiredString(b, 'title');
		const now = isoNow(sim);
		const feature: CalmFeature = {
			uuid: randomUUID(),
			displayId: `6-${sim.state.calm.nextFeatureNumber++}`,
			title: '',
			projectId,
			statusCode: 'CIPFEATOPEN',
			priorityCode: 30,
			type: 'STANDARD',
			createdAt: now,
			modifiedAt: now,
		};
		applyFeatureFields(b, feature);
		sim.state.calm.features.push(feature);
		return { status: 201, body: entity(feature, sim.profile) };
	});

	const getOne = (key: (req: SimRequest) => string | undefined) => function getFeature(req: SimRequest, sim: SimContext) {
		requireScope(req, sim, 'calm-api.features.read');
		return { status: 200, body: entity(findFeature(sim, key(req), req.path), sim.profile) };
	};
	const patchOne = (key: (req: SimRequest) => string | undefined) => function updateFeature(req: SimRequest, sim: SimContext) {
		requireScope(req, sim, 'calm-api.features.write');
		const feature = findFeature(sim, key(req), req.path);
		const b = body(req);
		for (const f of ['uuid', 'displayId', 'projectId', 'createdAt', 'modifiedAt'] as const) {
			if (b[f] !== undefined && b[f] !== feature[f]) throw bad(`Property '${f}' cannot be changed`);
		}
		const changes: Partial<CalmFeature> = {};
		applyFeatureFields(b, changes);
		Object.assign(feature, changes, { modifiedAt: isoNow(sim) });
		return { status: 200, body: entity(feature, sim.profile) };
	};
	const deleteOne = (key: (req: SimRequest) => string | undefined) => function deleteFeature(req: SimRequest, sim: SimContext) {
		requireScope(req, sim, 'calm-api.features.write');
		const feature = findFeature(sim, key(req), req.path);
		sim.state.calm.features = sim.state.calm.features.filter((f) => f.uuid !== feature.uuid);
		return { status: 204 };
	};
	const bySlash = (req: SimRequest) => req.params.uuid;
	const byParens = (req: SimRequest) => featureKey(req.params.segment);

	router.get(`${FEATURES}/Features/:uuid`, getOne(bySlash));
	router.patch(`${FEATURES}/Features/:uuid`, patchOne(bySlash));
	router.delete(`${FEATURES}/Features/:uuid`, deleteOne(bySlash));
	router.get(`${FEATURES}/:segment`, getOne(byParens));
	router.patch(`${FEATURES}/:segment`, patchOne(byParens));
	router.delete(`${FEATURES}/:segment`, deleteOne(byParens));
}

export function createCloudAlmService(): ServiceModule {
	const router = new Router();
	projectRoutes(router);
	taskRoutes(router);
	featureRoutes(router);
	analyticsRoutes(router);
	statusEventRoutes(router);
	landscapeRoutes(router);
	libraryRoutes(router);
	testManagementRoutes(router);
	testPlanRoutes(router);
	monitoringRoutes(router);
	metricsOutboundRoutes(router);
	documentRoutes(router);
	processHierarchyRoutes(router);
	processManagementRoutes(router);
	processAuthoringRoutes(router);
	return {
		name: 'cloudAlm',
		router,
		// a service whose code is a word (Process Authoring's ETAG_NOT_MATCHING) passes it as extra.serviceCode
		errorBody: (err) => ({ error: { code: typeof err.extra.serviceCode === 'string' ? err.extra.serviceCode : String(err.status), message: err.message } }),
		rateLimited: (_req, sim) =>
			new SimError(429, '429', 'Rate limit exceeded; retry after the time in the Retry-After header', {
				'retry-after': String(sim.profile.retryAfterSeconds),
			}),
	};
}
