/**
 * SAP Cloud ALM Process Scopes (CALM_PM) under `/api/calm-processmanagement/v1`: a REST API that
 * takes the OData system options `$top`/`$skip`/`$count` and answers `{ value: [...] }`. Scopes of a
 * project (list, count, read, create, update, delete) and the solution processes of a scope (list,
 * count, set their scoping).
 *
 * Sources: SAP API Guide for SAP Cloud ALM, "Process Scopes API" (GET/POST /scopes, GET /scopes/$count,
 * GET/PATCH/DELETE /scopes/{id}, GET /solutionProcesses, …). SAP-samples/cloud-alm-api-examples
 * jupyternotebooks/PmApiTest.ipynb (GET /scopes?projectId=…; `/scopes?$skip=2&$top=3&$count=true`;
 * GET /scopes/$count answers the number as text; POST /scopes {projectId, name, description} → 201
 * with `id`; PATCH /scopes/{id} {name, description} as application/merge-patch+json → 200 with the
 * scope; GET /solutionProcesses?projectId=…&scopeId=…&$top=10; PATCH /solutionProcesses/scopeAssignments
 * {value: [{scopeId, solutionScenarioVersionId, solutionProcessVersionId, isScoped}]} → 200 {value};
 * DELETE /scopes/{id} → 204) and applications/ScopingAPI (index.js: solution processes carry
 * solutionProcessVersionName, statusName, countries, isScoped; `/solutionProcesses/$count?projectId&scopeId`
 * then pages of `$top`/`$skip`; a scoping without status sets a newly scoped process to 'DESIGN' and keeps
 * the others'; readme.MD: calm-api.processmanagement.read / .write / .delete).
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md): `$top` is capped at 100 and a
 * list without `$top` answers its first 100 (no next-page link: clients page with `$skip`); `$count=true`
 * adds `@count`; `$filter`, `$select`, `$expand`, `$search` and unknown parameters answer 400;
 * `/solutionProcesses` needs both projectId and scopeId (SAP's samples always send both) and the scope
 * must belong to the project; a second scope of the same name in a project answers 409; unknown
 * projectId on GET /scopes answers an empty list. Solution scenario versions are seeded, not served.
 */
import { randomUUID } from 'node:crypto';
import { SimError, type Router, type SimRequest } from '../http';
import type { SimContext } from '../state';
import { badRequest as bad, jsonObjectBody, requireScope, worldStore } from './calmService';

const BASE = '/api/calm-processmanagement/v1';
export const PROCESS_MANAGEMENT_READ = 'calm-api.processmanagement.read';
export const PROCESS_MANAGEMENT_WRITE = 'calm-api.processmanagement.write';
export const PROCESS_MANAGEMENT_DELETE = 'calm-api.processmanagement.delete';
/** The most rows one answer holds (a simulator choice; SAP's sample pages by 50). */
export const PROCESS_MANAGEMENT_MAX_TOP = 100;

export interface SimScope {
	id: string;
	projectId: string;
	name: string;
	description: string | null;
}

interface SolutionProcessVersion {
	solutionProcessVersionId: string;
	solutionProcessVersionName: string;
	solutionScenarioVersionId: string;
	countries: string[];
}

interface ScopeAssignment {
	isScoped: boolean;
	statusId: string;
}

interface ProcessManagementWorld {
	scopes: SimScope[];
	/** solution scenario version ids assigned to a scope */
	scenarios: Map<string, string[]>;
	/** `<scopeId>|<solutionProcessVersionId>` → its scoping */
	assignments: Map<string, ScopeAssignment>;
}

const SEEDED_PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';
export const SEEDED_SCOPE_IDS = { wave1: '7a2b0d00-0000-4000-8000-000000000001', wave2: '7a2b0d00-0000-4000-8000-000000000002' } as const;

/** The content catalogue: three solution scenario versions with 60, 50 and 20 solution process versions. */
const SCENARIOS: Array<{ id: string; name: string; processes: number }> = [
	{ id: '8b3c0e00-0000-4000-8000-000000000001', name: 'Lead to Cash 2508', processes: 60 },
	{ id: '8b3c0e00-0000-4000-8000-000000000002', name: 'Source to Pay 2508', processes: 50 },
	{ id: '8b3c0e00-0000-4000-8000-000000000003', name: 'Record to Report 2508', processes: 20 },
];
const CATALOGUE: SolutionProcessVersion[] = SCENARIOS.flatMap((sc, s) =>
	Array.from({ length: sc.processes }, (_, p) => ({
		solutionProcessVersionId: `9c4d0f00-0000-4000-8000-${String((s + 1) * 1000 + p + 1).padStart(12, '0')}`,
		solutionProcessVersionName: `${sc.name.replace(/ \d+$/, '')} process ${p + 1}`,
		solutionScenarioVersionId: sc.id,
		countries: p % 2 ? ['DE'] : ['DE', 'US'],
	})),
);

const STATUS_NAMES: Record<string, string> = { DESIGN: 'Design', DONE: 'Done', IN_PROGRESS: 'In Progress' };

/** The scopes of a world: two seeded scopes of the seeded project; Wave 1 holds all 130 processes, every third one scoped. */
export const processManagement = worldStore<ProcessManagementWorld>(() => {
	const assignments = new Map<string, ScopeAssignment>();
	CATALOGUE.forEach((p, n) => {
		if (n % 3 === 0) assignments.set(`${SEEDED_SCOPE_IDS.wave1}|${p.solutionProcessVersionId}`, { isScoped: true, statusId: 'DESIGN' });
	});
	return {
		scopes: [
			{ id: SEEDED_SCOPE_IDS.wave1, projectId: SEEDED_PROJECT, name: 'Wave 1', description: 'Seeded scope with every seeded solution scenario' },
			{ id: SEEDED_SCOPE_IDS.wave2, projectId: SEEDED_PROJECT, name: 'Wave 2', description: null },
		],
		scenarios: new Map([
			[SEEDED_SCOPE_IDS.wave1, SCENARIOS.map((s) => s.id)],
			[SEEDED_SCOPE_IDS.wave2, [SCENARIOS[2].id]],
		]),
		assignments,
	};
});

const SCOPE_FIELDS = ['id', 'projectId', 'name', 'description'];

/**
 * The list answer: `$top` (capped), `$skip`, `$count`, `$orderby` (one field) over `rows`; any other `$`
 * option or parameter not in `params` answers 400.
 */
function page(req: SimRequest, rows: Array<Record<string, unknown>>, params: string[], fields: string[]): Record<string, unknown> {
	for (const key of req.query.keys()) {
		if (key.startsWith('$') ? !['$top', '$skip', '$count', '$orderby'].includes(key) : !params.includes(key)) {
			throw bad(`The query parameter ${key} is not supported`);
		}
	}
	const int = (name: string) => {
		const raw = req.query.get(name);
		if (raw === null) return undefined;
		if (!/^\d+$/.test(raw)) throw bad(`${name} must be a non-negative integer, got '${raw}'`);
		return Number(raw);
	};
	const count = req.query.get('$count');
	if (count !== null && count !== 'true' && count !== 'false') throw bad('$count must be true or false');
	let sorted = rows;
	const orderby = req.query.get('$orderby');
	if (orderby !== null) {
		const m = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/.exec(orderby);
		if (!m || !fields.includes(m[1])) throw bad(`Invalid $orderby '${orderby}': give one of ${fields.join(', ')}, optionally followed by asc or desc`);
		const dir = m[2] === 'desc' ? -1 : 1;
		sorted = [...rows].sort((a, b) => dir * String(a[m[1]] ?? '').localeCompare(String(b[m[1]] ?? '')));
	}
	const skip = int('$skip') ?? 0;
	const top = Math.min(int('$top') ?? PROCESS_MANAGEMENT_MAX_TOP, PROCESS_MANAGEMENT_MAX_TOP);
	const body: Record<string, unknown> = {};
	if (count === 'true') body['@count'] = rows.length;
	body.value = sorted.slice(skip, skip + top);
	return body;
}

function findScope(sim: SimContext, id: string): SimScope {
	const s = processManagement(sim).scopes.find((x) => x.id === id);
	if (!s) throw new SimError(404, '404', `Scope ${id} not found`);
	return s;
}

function scopeProps(b: Record<string, unknown>, target: Partial<SimScope>): void {
	for (const [k, v] of Object.entries(b)) {
		if (k === 'projectId') continue;
		if (!SCOPE_FIELDS.includes(k)) throw bad(`Property '${k}' does not exist in type Scope`);
		if (k === 'id') throw bad(`Property 'id' cannot be changed`);
		if (k === 'name' && (typeof v !== 'string' || !v.trim())) throw bad(`Property 'name' must be a non-empty string`);
		if (k === 'description' && v !== null && typeof v !== 'string') throw bad(`Property 'description' must be a string`);
		(target as Record<string, unknown>)[k] = v;
	}
}

function uniqueName(sim: SimContext, projectId: string, name: string, self?: string): void {
	if (processManagement(sim).scopes.some((s) => s.projectId === projectId && s.name === name && s.id !== self)) {
		throw new SimError(409, '409', `A scope named '${name}' already exists in project ${projectId}`);
	}
}

/** The solution processes of a scope: every process version of its assigned scenarios, with its scoping. */
function solutionProcesses(req: SimRequest, sim: SimContext): Array<Record<string, unknown>> {
	const projectId = req.query.get('projectId');
	const scopeId = req.query.get('scopeId');
	if (!projectId) throw bad('The query parameter projectId is required');
	if (!scopeId) throw bad('The query parameter scopeId is required');
	const scope = processManagement(sim).scopes.find((s) => s.id === scopeId);
	if (!scope || scope.projectId !== projectId) throw bad(`Scope ${scopeId} does not exist in project ${projectId}`);
	const world = processManagement(sim);
	const scenarios = world.scenarios.get(scopeId) ?? [];
	return CATALOGUE.filter((p) => scenarios.includes(p.solutionScenarioVersionId)).map((p) => {
		const a = world.assignments.get(`${scopeId}|${p.solutionProcessVersionId}`);
		const statusId = a?.statusId ?? null;
		return { scopeId, ...p, countries: [...p.countries], isScoped: a?.isScoped ?? false, statusId, statusName: statusId ? (STATUS_NAMES[statusId] ?? statusId) : null };
	});
}

export function processManagementRoutes(router: Router): void {
	router.get(`${BASE}/scopes`, function listScopes(req, sim) {
		requireScope(req, sim, PROCESS_MANAGEMENT_READ);
		const projectId = req.query.get('projectId');
		const rows = processManagement(sim).scopes.filter((s) => projectId === null || s.projectId === projectId);
		return { status: 200, body: page(req, rows.map((s) => ({ ...s })), ['projectId'], SCOPE_FIELDS) };
	});

	router.post(`${BASE}/scopes`, function createScope(req, sim) {
		requireScope(req, sim, PROCESS_MANAGEMENT_WRITE);
		const b = jsonObjectBody(req);
		if (typeof b.projectId !== 'string' || !sim.state.calm.projects.some((p) => p.id === b.projectId)) throw bad(`Project ${String(b.projectId)} does not exist`);
		if (typeof b.name !== 'string' || !b.name.trim()) throw bad(`Property 'name' is required`);
		const scope: SimScope = { id: randomUUID(), projectId: b.projectId, name: '', description: null };
		scopeProps(b, scope);
		uniqueName(sim, scope.projectId, scope.name);
		processManagement(sim).scopes.push(scope);
		return { status: 201, body: { ...scope } };
	});

	// `/scopes/$count` is served here too: as a path segment it is the key position of /scopes/{id}
	router.get(`${BASE}/scopes/:id`, function getScope(req, sim) {
		requireScope(req, sim, PROCESS_MANAGEMENT_READ);
		if (req.params.id === '$count') {
			const projectId = req.query.get('projectId');
			return { status: 200, body: String(processManagement(sim).scopes.filter((s) => projectId === null || s.projectId === projectId).length) };
		}
		return { status: 200, body: { ...findScope(sim, req.params.id) } };
	});

	router.patch(`${BASE}/scopes/:id`, function updateScope(req, sim) {
		requireScope(req, sim, PROCESS_MANAGEMENT_WRITE);
		const scope = findScope(sim, req.params.id);
		const b = jsonObjectBody(req);
		if (b.projectId !== undefined && b.projectId !== scope.projectId) throw bad(`Property 'projectId' cannot be changed`);
		const changes: Partial<SimScope> = {};
		scopeProps(b, changes);
		if (changes.name !== undefined) uniqueName(sim, scope.projectId, changes.name, scope.id);
		Object.assign(scope, changes);
		return { status: 200, body: { ...scope } };
	});

	router.delete(`${BASE}/scopes/:id`, function deleteScope(req, sim) {
		requireScope(req, sim, PROCESS_MANAGEMENT_DELETE);
		const scope = findScope(sim, req.params.id);
		const world = processManagement(sim);
		world.scopes = world.scopes.filter((s) => s !== scope);
		world.scenarios.delete(scope.id);
		return { status: 204 };
	});

	router.get(`${BASE}/solutionProcesses`, function listSolutionProcesses(req, sim) {
		requireScope(req, sim, PROCESS_MANAGEMENT_READ);
		const fields = ['solutionProcessVersionName', 'solutionProcessVersionId', 'solutionScenarioVersionId', 'statusId'];
		return { status: 200, body: page(req, solutionProcesses(req, sim), ['projectId', 'scopeId'], fields) };
	});

	// as `/scopes/$count`: the count route shares the key position of a solution process
	router.get(`${BASE}/solutionProcesses/:id`, function countSolutionProcesses(req, sim) {
		requireScope(req, sim, PROCESS_MANAGEMENT_READ);
		if (req.params.id !== '$count') throw new SimError(404, '404', `Resource /solutionProcesses/${req.params.id} not found`);
		return { status: 200, body: String(solutionProcesses(req, sim).length) };
	});

	router.patch(`${BASE}/solutionProcesses/scopeAssignments`, function setScopeAssignments(req, sim) {
		requireScope(req, sim, PROCESS_MANAGEMENT_WRITE);
		const b = jsonObjectBody(req);
		if (!Array.isArray(b.value) || !b.value.length) throw bad(`Property 'value' must be a non-empty list of scope assignments`);
		const world = processManagement(sim);
		const checked = b.value.map((x: unknown, n: number) => {
			const a = (x ?? {}) as Record<string, unknown>;
			const extra = Object.keys(a).find((k) => !['scopeId', 'solutionScenarioVersionId', 'solutionProcessVersionId', 'isScoped', 'statusId'].includes(k));
			if (extra) throw bad(`value[${n}]: property '${extra}' does not exist in type ScopeAssignment`);
			const scopeId = String(a.scopeId ?? '');
			if (!world.scopes.some((s) => s.id === scopeId)) throw bad(`value[${n}]: scope ${scopeId} does not exist`);
			const process = CATALOGUE.find((p) => p.solutionProcessVersionId === a.solutionProcessVersionId && p.solutionScenarioVersionId === a.solutionScenarioVersionId);
			if (!process || !(world.scenarios.get(scopeId) ?? []).includes(process.solutionScenarioVersionId)) {
				throw bad(`value[${n}]: solution process version ${String(a.solutionProcessVersionId)} of scenario ${String(a.solutionScenarioVersionId)} is not in scope ${scopeId}`);
			}
			if (typeof a.isScoped !== 'boolean') throw bad(`value[${n}]: property 'isScoped' must be a boolean`);
			if (a.statusId !== undefined && (typeof a.statusId !== 'string' || !STATUS_NAMES[a.statusId])) {
				throw bad(`value[${n}]: statusId must be one of ${Object.keys(STATUS_NAMES).join(', ')}`);
			}
			return { scopeId, process, isScoped: a.isScoped, statusId: a.statusId as string | undefined };
		});
		const out = checked.map(({ scopeId, process, isScoped, statusId }) => {
			const key = `${scopeId}|${process.solutionProcessVersionId}`;
			const before = world.assignments.get(key);
			// SAP's ScopingAPI sample: without a status a newly scoped process starts in DESIGN, the others keep theirs
			const next = { isScoped, statusId: statusId ?? before?.statusId ?? 'DESIGN' };
			world.assignments.set(key, next);
			return { scopeId, solutionScenarioVersionId: process.solutionScenarioVersionId, solutionProcessVersionId: process.solutionProcessVersionId, ...next };
		});
		return { status: 200, body: { value: out } };
	});
}
