/**
 * Tasks API (CALM_TKM) process assignments of tasks, under /api/calm-tasks/v1:
 *
 *   GET    /tasks/solutionProcessAssignments?projectId=…[&taskId=…][&solutionProcessId=…][&offset&limit]
 *   POST   /tasks/solutionProcessAssignments      body: JSON array of assignments
 *   DELETE /tasks/solutionProcessAssignments      (shape not published: profile switch)
 *   GET    /tasks/{id}/hierarchyNodeAssignments
 *
 * Sources: SAP-samples/cloud-alm-api-examples jupyternotebooks/calm-copy-template-project.ipynb
 * ("Solution Process Assignments … released 2023-04-19": GET with `projectId`, rows carrying
 * `taskId`, `scopeId`, `solutionScenarioVersionId`, `solutionProcessId`; POST of an array of
 * `{taskId, scopeId, solutionScenarioVersionId, solutionProcessId}`); consetto/calmcp
 * src/tools/registry.ts (third party: `projectId` required, `taskId`, `solutionProcessId`,
 * `offset`/`limit`; `/tasks/{id}/hierarchyNodeAssignments`).
 *
 * Choices where nothing is published (docs/sap-behaviour.md): POST answers 201 with the created
 * rows or 204 (`calmProcessAssignmentCreateAnswer`); an assignment that exists already is a 400;
 * DELETE reads the array body or the query (`calmProcessAssignmentDelete`) and answers 204, 404
 * when nothing matched; the hierarchy-node list is a bare array of `{taskId, hierarchyNodeId}`.
 */
import { SimError, parseJsonBody, type Router, type SimRequest } from '../http';
import type { CalmSolutionProcessAssignment, SimContext } from '../state';

const TASKS = '/api/calm-tasks/v1';
const FIELDS = ['taskId', 'scopeId', 'solutionScenarioVersionId', 'solutionProcessId'] as const;

const bad = (message: string) => new SimError(400, '400', message);

function intParam(req: SimRequest, name: string, fallback: number): number {
	const raw = req.query.get(name);
	if (raw === null || raw === '') return fallback;
	if (!/^\d+$/.test(raw)) throw bad(`${name} must be a non-negative integer`);
	return Number(raw);
}

/** One assignment from a body entry or the query: every field a non-empty string. */
function assignmentOf(source: (field: string) => unknown, where: string): CalmSolutionProcessAssignment {
	const out: Record<string, string> = {};
	for (const field of FIELDS) {
		const v = source(field);
		if (typeof v !== 'string' || !v.trim()) throw bad(`Field '${field}' is required${where}`);
		out[field] = v;
	}
	return out as unknown as CalmSolutionProcessAssignment;
}

function arrayBody(req: SimRequest): CalmSolutionProcessAssignment[] {
	const b = parseJsonBody(req);
	if (!Array.isArray(b) || !b.length) throw bad('The request body must be a non-empty JSON array of assignments');
	return b.map((entry, n) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw bad(`Entry ${n} must be a JSON object`);
		return assignmentOf((f) => (entry as Record<string, unknown>)[f], ` in entry ${n}`);
	});
}

const same = (a: CalmSolutionProcessAssignment, b: CalmSolutionProcessAssignment) => FIELDS.every((f) => a[f] === b[f]);

export function taskAssignmentRoutes(
	router: Router,
	requireScope: (req: SimRequest, sim: SimContext, scope: string) => unknown,
	findProject: (sim: SimContext, id: string) => unknown,
	findTask: (sim: SimContext, id: string) => { id: string; projectId: string },
): void {
	router.get(`${TASKS}/tasks/solutionProcessAssignments`, function listSolutionProcessAssignments(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.read');
		const projectId = req.query.get('projectId');
		if (!projectId) throw bad('Query parameter projectId is required');
		findProject(sim, projectId);
		const taskId = req.query.get('taskId');
		const processId = req.query.get('solutionProcessId');
		const inProject = new Set(sim.state.calm.tasks.filter((t) => t.projectId === projectId).map((t) => t.id));
		const rows = sim.state.calm.solutionProcessAssignments.filter(
			(a) => inProject.has(a.taskId) && (!taskId || a.taskId === taskId) && (!processId || a.solutionProcessId === processId),
		);
		const offset = intParam(req, 'offset', 0);
		const limit = Math.min(intParam(req, 'limit', 100), 1000);
		return { status: 200, body: rows.slice(offset, offset + limit).map((a) => ({ ...a, projectId })) };
	});

	router.post(`${TASKS}/tasks/solutionProcessAssignments`, function addSolutionProcessAssignments(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.write');
		const wanted = arrayBody(req);
		for (const a of wanted) {
			if (!sim.state.calm.tasks.some((t) => t.id === a.taskId)) throw bad(`Task ${a.taskId} does not exist`);
			if (sim.state.calm.solutionProcessAssignments.some((x) => same(x, a))) {
				throw bad(`Task ${a.taskId} is already assigned to solution process ${a.solutionProcessId} in scope ${a.scopeId}`);
			}
		}
		sim.state.calm.solutionProcessAssignments.push(...wanted.map((a) => ({ ...a })));
		if (sim.profile.calmProcessAssignmentCreateAnswer === 'empty') return { status: 204 };
		return { status: 201, body: wanted };
	});

	router.delete(`${TASKS}/tasks/solutionProcessAssignments`, function removeSolutionProcessAssignments(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.write');
		const wanted =
			sim.profile.calmProcessAssignmentDelete === 'query'
				? [assignmentOf((f) => req.query.get(f) ?? undefined, ' as a query parameter')]
				: arrayBody(req);
		const calm = sim.state.calm;
		const before = calm.solutionProcessAssignments.length;
		calm.solutionProcessAssignments = calm.solutionProcessAssignments.filter((x) => !wanted.some((a) => same(x, a)));
		if (calm.solutionProcessAssignments.length === before) throw new SimError(404, '404', 'No such solution process assignment');
		return { status: 204 };
	});

	router.get(`${TASKS}/tasks/:id/hierarchyNodeAssignments`, function listHierarchyNodeAssignments(req, sim) {
		requireScope(req, sim, 'calm-api.tasks.read');
		const task = findTask(sim, req.params.id);
		return { status: 200, body: sim.state.calm.hierarchyNodeAssignments.filter((a) => a.taskId === task.id) };
	});
}
