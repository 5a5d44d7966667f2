/**
 * SAP Cloud ALM Test Management (CALM_TM, OData v4) under `/api/calm-testmanagement/v1`: manual test
 * cases with their activities and the activities' actions.
 *
 * Sources: SAP-samples/cloud-alm-api-examples jupyternotebooks/calm-tm-manual-test-cases-api-v1.ipynb
 * (POST /ManualTestCases with nested `toActivities` → `toActions` and `toReferences` answers 201 with
 * the nested `uuid`s; PATCH/DELETE /ManualTestCases/{uuid} and /Activities/{uuid} send `If-Match`
 * with the entity's `modifiedAt`, "the latest ETag"; a PATCH cannot change nested entities, they are
 * ignored; deleting needs calm-api.testcases.delete, force deletion calm-api.testcases.force-delete;
 * GET /ManualTestCases/{uuid}/toActivities). consetto/calmcp docs/API_VERSIONS.md (CALM_TM 1.0.5,
 * `/calm-testmanagement/v1`), src/tools/registry.ts (entity sets ManualTestCases, Activities,
 * Actions, AutomatedTestCases). SAP "What's New for SAP Cloud ALM APIs", Q3 2026, Test Cases API:
 * attribute `status` renamed to `isPrepared`, `priority` renamed to `priorityCode`.
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md): the ETag is the entity's
 * `modifiedAt`; it is sent as `@odata.etag` W/"<modifiedAt>" and as the `ETag` header, and If-Match
 * accepts either form (SAP's sample sends the bare `modifiedAt`). A stale If-Match answers 412; none
 * answers 428 Precondition Required (what SAP's OData v4 stack, CAP, answers for an entity with an
 * ETag; SAP's guide does not say). The old names `status`/`priority` in a body answer 400 naming the
 * new name. `$expand=toActivities` (and `toActivities($expand=toActions)`) on a single test case.
 * Server-driven paging, `$filter`, `$top`/`$skip`/`$count` as the other OData services (calmOData.ts),
 * but annotated `@nextLink`/`@count` (OData 4.01, as SAP's specs declare them).
 *
 * Automated test cases: the entity set `AutomatedTestCases` of the same service (consetto/calmcp
 * src/tools/registry.ts lists and reads it, read-only). No public source writes one or reports a
 * result: SAP's test automation integration is a pull model in which Cloud ALM calls the test tool's
 * registered endpoint to start runs and fetch results (SAP Learning "Planning and Executing Testing":
 * Tricentis via test automation APIs; praman.dev "Cloud ALM Integration": "You cannot push test
 * results to Cloud ALM"), so the simulator answers GET only. Its fields: SAP's Q3 2026 "What's New"
 * names `isPrepared`, `priorityCode`, `datavariantId`, `datavariantName`, `displayId` for the Automated
 * Test Cases entity; the rest are the manual test case's (simulator's choice: the entity type is not
 * published). Seven are seeded in the seeded project, each with an `@odata.etag`.
 */
import { randomUUID } from 'node:crypto';
import { SimError, isoNow, type Router, type SimRequest } from '../http';
import type { SimContext } from '../state';
import { minimalAnnotations, odataCollection } from './calmOData';
import { badRequest as bad, jsonObjectBody as bodyOf, requireScope, worldStore } from './calmService';

const BASE = '/api/calm-testmanagement/v1';
export const TESTCASES_READ = 'calm-api.testcases.read';
export const TESTCASES_WRITE = 'calm-api.testcases.write';
export const TESTCASES_DELETE = 'calm-api.testcases.delete';

/** Q3 2026 renames (SAP "What's New for SAP Cloud ALM APIs", Test Cases API): old name → new name. */
export const RENAMED_TEST_CASE_ATTRIBUTES: Record<string, string> = { status: 'isPrepared', priority: 'priorityCode' };

export interface SimAction {
	uuid: string;
	parent_ID: string;
	title: string;
	description: string | null;
	expectedResult: string | null;
	sequence: number;
	modifiedAt: string;
}

export interface SimActivity {
	uuid: string;
	parent_ID: string;
	title: string;
	description: string | null;
	sequence: number;
	modifiedAt: string;
	actions: SimAction[];
}

export interface SimTestCase {
	uuid: string;
	displayId: string;
	title: string;
	projectId: string;
	scopeId: string | null;
	isPrepared: boolean;
	priorityCode: number;
	createdAt: string;
	modifiedAt: string;
	activities: SimActivity[];
}

interface TestWorld {
	testCases: SimTestCase[];
	next: number;
}

/** The test cases of a world: empty at first, gone with the world at the next reset. */
export const testManagement = worldStore<TestWorld>(() => ({ testCases: [], next: 1 }));

export type SimAutomatedTestCase = Omit<SimTestCase, 'activities'> & { datavariantId: string | null; datavariantName: string | null };


export const SEEDED_TEST_PROJECT = '3c6a9d00-0000-4000-8000-0000000000f1';

/** The seeded automated test cases of a world (read-only: no public API writes them). */
export const automatedTestCases = worldStore<SimAutomatedTestCase[]>(() =>
	Array.from({ length: 7 }, (_, n) => {
		const at = new Date(Date.UTC(2026, 0, 5 + n, 9)).toISOString();
		return {
			uuid: `a7c0ffee-0000-4000-8000-00000000000${n + 1}`,
			displayId: `ATC-${n + 1}`,
			title: ['Create sales order', 'Post goods issue', 'Create billing document', 'Run MRP', 'Release purchase order', 'Post vendor invoice', 'Close period'][n],
			projectId: SEEDED_TEST_PROJECT,
			scopeId: null,
			isPrepared: n % 3 !== 2,
			priorityCode: n % 2 ? 20 : 30,
			datavariantId: n < 2 ? `DV-${n + 1}` : null,
			datavariantName: n < 2 ? `Company code ${1010 + n * 10}` : null,
			createdAt: at,
			modifiedAt: at,
		};
	}),
);

const FIELDS_OF_TEST_CASES = ['uuid', 'displayId', 'title', 'projectId', 'scopeId', 'isPrepared', 'priorityCode', 'createdAt', 'modifiedAt'];
const FIELDS = new Set(FIELDS_OF_TEST_CASES);
const AUTOMATED_FIELDS = new Set([...FIELDS_OF_TEST_CASES, 'datavariantId', 'datavariantName']);
const WRITABLE = new Set(['title', 'scopeId', 'isPrepared', 'priorityCode']);

const etagOf = (modifiedAt: string) => `W/"${modifiedAt}"`;

/** A monotonic `modifiedAt`: two changes within one millisecond still get different ETags. */
function stamp(sim: SimContext, previous?: string): string {
	const now = isoNow(sim);
	if (previous && Date.parse(now) <= Date.parse(previous)) return new Date(Date.parse(previous) + 1).toISOString();
	return now;
}

function checkFields(b: Record<string, unknown>, target: Partial<SimTestCase>): void {
	for (const [k, v] of Object.entries(b)) {
		if (k.startsWith('@') || k === 'toActivities' || k === 'toReferences' || k === 'projectId') continue;
		const renamed = RENAMED_TEST_CASE_ATTRIBUTES[k];
		if (renamed) throw bad(`Property '${k}' does not exist in type ManualTestCases; it was renamed to '${renamed}'`);
		if (!FIELDS.has(k)) throw bad(`Property '${k}' does not exist in type ManualTestCases`);
		if (!WRITABLE.has(k)) throw bad(`Property '${k}' cannot be changed`);
		if (k === 'isPrepared' && typeof v !== 'boolean') throw bad(`Property 'isPrepared' must be a boolean`);
		if (k === 'priorityCode' && typeof v !== 'number') throw bad(`Property 'priorityCode' must be a number`);
		if ((k === 'title' || k === 'scopeId') && typeof v !== 'string') throw bad(`Property '${k}' must be a string`);
		(target as Record<string, unknown>)[k] = v;
	}
}

function str(o: Record<string, unknown>, k: string, required: boolean): string | null {
	const v = o[k];
	if (v === undefined || v === null) {
		if (required) throw bad(`Property '${k}' is required`);
		return null;
	}
	if (typeof v !== 'string' || (required && !v.trim())) throw bad(`Property '${k}' must be a non-empty string`);
	return v;
}

function list(o: Record<string, unknown>, k: string): Record<string, unknown>[] {
	const v = o[k];
	if (v === undefined) return [];
	if (!Array.isArray(v) || v.some((x) => !x || typeof x !== 'object')) throw bad(`Property '${k}' must be a list of objects`);
	return v as Record<string, unknown>[];
}

const actionBody = (a: SimAction) => ({ '@odata.etag': etagOf(a.modifiedAt), ...a });
const activityBody = (a: SimActivity, withActions: boolean) => {
	const { actions, ...rest } = a;
	return { '@odata.etag': etagOf(a.modifiedAt), ...rest, ...(withActions ? { toActions: actions.map(actionBody) } : {}) };
};
const testCaseRow = (t: SimTestCase) => {
	const row: Record<string, unknown> = { '@odata.etag': etagOf(t.modifiedAt), ...t };
	delete row.activities;
	return row;
};

/** `$expand` of a single test case: none, `toActivities`, or `toActivities($expand=toActions)`. */
function expandOf(req: SimRequest): { activities: boolean; actions: boolean } {
	const raw = req.query.get('$expand');
	if (raw === null) return { activities: false, actions: false };
	const compact = raw.replace(/\s+/g, '');
	if (compact === 'toActivities') return { activities: true, actions: false };
	if (compact === 'toActivities($expand=toActions)') return { activities: true, actions: true };
	throw bad(`Invalid $expand '${raw}': navigation properties are toActivities and toActivities($expand=toActions)`);
}

function find(sim: SimContext, uuid: string): SimTestCase {
	const t = testManagement(sim).testCases.find((x) => x.uuid === uuid);
	if (!t) throw new SimError(404, '404', `ManualTestCases with key ${uuid} not found`);
	return t;
}

/** If-Match against the current `modifiedAt`: none → 428, another → 412. Bare value or W/"…" both match. */
function checkIfMatch(req: SimRequest, modifiedAt: string): void {
	const raw = req.headers['if-match'];
	const sent = Array.isArray(raw) ? raw[0] : raw;
	if (!sent) throw new SimError(428, '428', 'Precondition required: send If-Match with the ETag (modifiedAt) of the test case');
	const value = sent.trim();
	if (value === '*' || value === modifiedAt || value === etagOf(modifiedAt) || value === `"${modifiedAt}"`) return;
	throw new SimError(412, '412', 'Precondition failed: the test case was changed since the ETag in If-Match was read');
}

export function testManagementRoutes(router: Router): void {
	router.get(`${BASE}/ManualTestCases`, function listManualTestCases(req, sim) {
		requireScope(req, sim, TESTCASES_READ);
		const rows = testManagement(sim).testCases.map(testCaseRow);
		return { status: 200, body: minimalAnnotations(odataCollection(req, rows, FIELDS, sim.urls.cloudAlm, '$metadata#ManualTestCases')) };
	});

	router.get(`${BASE}/AutomatedTestCases`, function listAutomatedTestCases(req, sim) {
		requireScope(req, sim, TESTCASES_READ);
		const rows = automatedTestCases(sim).map((t) => ({ '@odata.etag': etagOf(t.modifiedAt), ...t }));
		return { status: 200, body: minimalAnnotations(odataCollection(req, rows, AUTOMATED_FIELDS, sim.urls.cloudAlm, '$metadata#AutomatedTestCases')) };
	});

	router.get(`${BASE}/AutomatedTestCases/:uuid`, function getAutomatedTestCase(req, sim) {
		requireScope(req, sim, TESTCASES_READ);
		const t = automatedTestCases(sim).find((x) => x.uuid === req.params.uuid);
		if (!t) throw new SimError(404, '404', `AutomatedTestCases with key ${req.params.uuid} not found`);
		return { status: 200, headers: { etag: etagOf(t.modifiedAt) }, body: { '@odata.context': '$metadata#AutomatedTestCases/$entity', '@odata.etag': etagOf(t.modifiedAt), ...t } };
	});

	router.post(`${BASE}/ManualTestCases`, function createManualTestCase(req, sim) {
		requireScope(req, sim, TESTCASES_WRITE);
		const b = bodyOf(req);
		const projectId = str(b, 'projectId', true)!;
		if (!sim.state.calm.projects.some((p) => p.id === projectId)) throw bad(`Project ${projectId} does not exist`);
		str(b, 'title', true);
		const world = testManagement(sim);
		const now = stamp(sim);
		const testCase: SimTestCase = {
			uuid: randomUUID(),
			displayId: `TC-${world.next++}`,
			title: '',
			projectId,
			scopeId: null,
			isPrepared: false,
			priorityCode: 30,
			createdAt: now,
			modifiedAt: now,
			activities: [],
		};
		checkFields(b, testCase);
		testCase.activities = list(b, 'toActivities').map((a, i) => {
			const activityId = randomUUID();
			return {
				uuid: activityId,
				parent_ID: testCase.uuid,
				title: str(a, 'title', true)!,
				description: str(a, 'description', false),
				sequence: typeof a.sequence === 'number' ? a.sequence : i + 1,
				modifiedAt: now,
				actions: list(a, 'toActions').map((x, j) => ({
					uuid: randomUUID(),
					parent_ID: activityId,
					title: str(x, 'title', true)!,
					description: str(x, 'description', false),
					expectedResult: str(x, 'expectedResult', false),
					sequence: typeof x.sequence === 'number' ? x.sequence : j + 1,
					modifiedAt: now,
				})),
			};
		});
		world.testCases.push(testCase);
		return {
			status: 201,
			headers: { etag: etagOf(testCase.modifiedAt) },
			body: { '@odata.context': '$metadata#ManualTestCases/$entity', ...testCaseRow(testCase), toActivities: testCase.activities.map((a) => activityBody(a, true)) },
		};
	});

	router.get(`${BASE}/ManualTestCases/:uuid`, function getManualTestCase(req, sim) {
		requireScope(req, sim, TESTCASES_READ);
		const expand = expandOf(req);
		const t = find(sim, req.params.uuid);
		const body: Record<string, unknown> = { '@odata.context': '$metadata#ManualTestCases/$entity', ...testCaseRow(t) };
		if (expand.activities) body.toActivities = t.activities.map((a) => activityBody(a, expand.actions));
		return { status: 200, headers: { etag: etagOf(t.modifiedAt) }, body };
	});

	router.get(`${BASE}/ManualTestCases/:uuid/toActivities`, function listTestCaseActivities(req, sim) {
		requireScope(req, sim, TESTCASES_READ);
		const t = find(sim, req.params.uuid);
		return { status: 200, body: { '@odata.context': '$metadata#Activities', value: t.activities.map((a) => activityBody(a, false)) } };
	});

	router.patch(`${BASE}/ManualTestCases/:uuid`, function updateManualTestCase(req, sim) {
		requireScope(req, sim, TESTCASES_WRITE);
		const t = find(sim, req.params.uuid);
		checkIfMatch(req, t.modifiedAt);
		const b = bodyOf(req);
		const changes: Partial<SimTestCase> = {};
		// nested entities in a PATCH are ignored (SAP's sample: "Deep Updates are Not Allowed")
		checkFields(b, changes);
		if (b.projectId !== undefined && b.projectId !== t.projectId) throw bad(`Property 'projectId' cannot be changed`);
		Object.assign(t, changes, { modifiedAt: stamp(sim, t.modifiedAt) });
		return { status: 200, headers: { etag: etagOf(t.modifiedAt) }, body: { '@odata.context': '$metadata#ManualTestCases/$entity', ...testCaseRow(t) } };
	});

	router.delete(`${BASE}/ManualTestCases/:uuid`, function deleteManualTestCase(req, sim) {
		requireScope(req, sim, TESTCASES_DELETE);
		const t = find(sim, req.params.uuid);
		checkIfMatch(req, t.modifiedAt);
		const world = testManagement(sim);
		world.testCases = world.testCases.filter((x) => x.uuid !== t.uuid);
		return { status: 204 };
	});
}
