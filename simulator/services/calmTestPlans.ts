/**
 * SAP Cloud ALM Test Plans (CALM_TM_PLAN 1.0.x, BETA, OData v4) under
 * `/api/calm-testmanagement-testplans/v1`: the `TestPlans` entity set, read only.
 *
 * Sources: consetto/calmcp docs/API_VERSIONS.md (CALM_TM_PLAN, "Test Plans (BETA)",
 * `/calm-testmanagement-testplans/v1`), src/tools/registry.ts (entity sets TestPlans,
 * TestCaseAssignments, TagAssignments; list and read by uuid); SAP's API Scopes table
 * (calm-api.testplans.read; no write scope is listed, so no write is simulated).
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md): the fields (uuid,
 * displayId, title, projectId, statusCode, startDate, endDate, createdAt, modifiedAt); six plans
 * seeded in the seeded project; `$filter`, `$top`/`$skip`/`$count`, server page 5 with `@nextLink`
 * (OData 4.01, as Test Management); TestCaseAssignments and TagAssignments are not simulated (their
 * shapes are not published; Custom API Call reaches them).
 */
import { SimError, type Router } from '../http';
import { minimalAnnotations, odataCollection } from './calmOData';
import { requireScope, worldStore } from './calmService';
import { SEEDED_TEST_PROJECT } from './calmTestManagement';

const BASE = '/api/calm-testmanagement-testplans/v1';
export const TESTPLANS_READ = 'calm-api.testplans.read';

export interface SimTestPlan {
	uuid: string;
	displayId: string;
	title: string;
	projectId: string;
	statusCode: string;
	startDate: string;
	endDate: string;
	createdAt: string;
	modifiedAt: string;
}

const FIELDS = new Set(['uuid', 'displayId', 'title', 'projectId', 'statusCode', 'startDate', 'endDate', 'createdAt', 'modifiedAt']);

/** The seeded test plans of a world. */
export const testPlans = worldStore<SimTestPlan[]>(() =>
	['Unit test', 'String test', 'Integration test 1', 'Integration test 2', 'User acceptance test', 'Regression test'].map((title, n) => {
		const start = new Date(Date.UTC(2026, n, 1)).toISOString().slice(0, 10);
		const end = new Date(Date.UTC(2026, n, 28)).toISOString().slice(0, 10);
		const at = `${start}T08:00:00.000Z`;
		return {
			uuid: `7e57b1a0-0000-4000-8000-00000000000${n + 1}`,
			displayId: `TP-${n + 1}`,
			title,
			projectId: SEEDED_TEST_PROJECT,
			statusCode: n < 2 ? 'COMPLETED' : n < 4 ? 'IN_PROGRESS' : 'NOT_STARTED',
			startDate: start,
			endDate: end,
			createdAt: at,
			modifiedAt: at,
		};
	}),
);

export function testPlanRoutes(router: Router): void {
	router.get(`${BASE}/TestPlans`, function listTestPlans(req, sim) {
		requireScope(req, sim, TESTPLANS_READ);
		return { status: 200, body: minimalAnnotations(odataCollection(req, testPlans(sim).map((p) => ({ ...p })), FIELDS, sim.urls.cloudAlm, '$metadata#TestPlans')) };
	});

	router.get(`${BASE}/TestPlans/:uuid`, function getTestPlan(req, sim) {
		requireScope(req, sim, TESTPLANS_READ);
		const plan = testPlans(sim).find((p) => p.uuid === req.params.uuid);
		if (!plan) throw new SimError(404, '404', `TestPlans with key ${req.params.uuid} not found`);
		return { status: 200, body: { '@odata.context': '$metadata#TestPlans/$entity', ...plan } };
	});
}
