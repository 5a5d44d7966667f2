/**
 * SAP Cloud ALM Landscape Management (CALM_LMS 1.0.0) under `/api/calm-landscape/v1`: the landscape
 * objects Cloud ALM knows (technical systems, cloud services, business services), read-only.
 *
 * Sources (docs/sap-behaviour.md, "SAP Cloud ALM Landscape"):
 * - path and artifact: consetto/calmcp docs/API_VERSIONS.md (CALM_LMS 1.0.0, `/calm-landscape/v1`),
 *   src/config.ts; the list `GET /landscapeObjects`: calmcp src/tools/registry.ts (landscape_objects)
 *   and a third-party BTP Cloud ALM MCP server (src/services/sap-client.ts, getLandscapeInfo).
 * - query parameters `name`, `systemNumber`, `objectType`, `source`, `lmsId`, `serviceType`, `role`,
 *   `externalId`, `deploymentModel`, `limit`, `offset`: that MCP server's src/types/sap-types.ts
 *   (LandscapeQueryParams); calmcp lists the same minus `systemNumber`/`lmsId`.
 * - one object is read with `?lmsId=<id>&limit=1`, not by a path key (the same MCP server,
 *   getLandscapeObjectById): no `GET /landscapeObjects/{id}` is published, so none is simulated.
 * - `GET /properties?lmsId=<id>`: the same MCP server (getLandscapeProperties), which saw a 403 for
 *   objects of type BusinessService and refuses those before calling; the shape of the answer is not
 *   published.
 * - object types BusinessService, CloudService, TechnicalSystem: the same server's TypeEnum.
 * - scope `calm-api.landscape.read`: SAP-docs/cloud-alm-setup-admin-guide "Integrate SAP LeanIX"
 *   (authorities `calm-api.landscape.read` + `calm-api.subscriptions.read` for landscape discovery).
 * - the answer is a bare JSON array: both clients parse it with Array.isArray.
 *
 * Simulator choices where SAP publishes nothing: filters match exactly; default `limit` 100, at most
 * 1000; a negative or non-integer `limit`/`offset` is 400; whether `limit`/`offset` are honoured is
 * profile switch `calmLandscapePaging` (`honoured` default, `ignored` sends every match); unknown
 * parameters are ignored; the field values (roles, deployment models, sources, property names) are
 * modelled on Cloud ALM's Landscape Management app, not on a published schema.
 */
import { SimError, type Router, type SimRequest } from '../http';
import type { SimContext } from '../state';
import { authenticate, hasScope } from '../tokens';
import { worldStore } from './calmService';

const BASE = '/api/calm-landscape/v1';
export const LANDSCAPE_READ = 'calm-api.landscape.read';
export const LANDSCAPE_DEFAULT_LIMIT = 100;
export const LANDSCAPE_MAX_LIMIT = 1000;

/** The filters SAP's list takes (LandscapeQueryParams), each matching the field of the same name. */
export const LANDSCAPE_FILTERS = ['lmsId', 'name', 'objectType', 'role', 'serviceType', 'systemNumber', 'source', 'externalId', 'deploymentModel'] as const;

export interface LandscapeObject {
	lmsId: string;
	name: string;
	description: string;
	objectType: 'BusinessService' | 'CloudService' | 'TechnicalSystem';
	role: string;
	serviceType: string;
	systemNumber: string;
	source: string;
	externalId: string;
	deploymentModel: string;
	/** the simulator's own: what GET /properties answers; never in the list */
	properties: { name: string; value: string }[];
}

/** The seeded landscape of a world: made on first use, gone with the world at the next reset. */
export const landscapeObjects = worldStore<LandscapeObject[]>(() => seedLandscape());

const lmsId = (n: number) => `9b2e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * Managed systems as SAP registers them: an ABAP system by its SID (three characters, e.g. S4H) and
 * installation number, a cloud service by its tenant. The cloud services carry the `serviceID`s of
 * the seeded status events (services/calmStatusEvents.ts), so events relate to landscape objects.
 */
function seedLandscape(): LandscapeObject[] {
	const abap = (n: number, sid: string, role: string, description: string): LandscapeObject => ({
		lmsId: lmsId(n),
		name: sid,
		description,
		objectType: 'TechnicalSystem',
		role,
		serviceType: 'ABAP',
		systemNumber: `00002${String(70000 + n).padStart(5, '0')}`,
		source: 'SAP Cloud ALM',
		externalId: `${sid}~ABAP`,
		deploymentModel: 'On-Premise',
		properties: [
			{ name: 'SID', value: sid },
			{ name: 'Installation Number', value: `00002${String(70000 + n).padStart(5, '0')}` },
			{ name: 'Database', value: 'SAP HANA 2.0' },
		],
	});
	const cloud = (id: string, name: string, serviceType: string, role: string, tenant: string): LandscapeObject => ({
		lmsId: id,
		name,
		description: `${name} tenant ${tenant}`,
		objectType: 'CloudService',
		role,
		serviceType,
		systemNumber: '',
		source: 'SAP for Me',
		externalId: tenant,
		deploymentModel: 'Public Cloud',
		properties: [
			{ name: 'Tenant ID', value: tenant },
			{ name: 'Data Center', value: 'eu10' },
		],
	});
	return [
		abap(1, 'S4H', 'Production', 'SAP S/4HANA production'),
		abap(2, 'S4Q', 'Test', 'SAP S/4HANA quality'),
		abap(3, 'S4D', 'Development', 'SAP S/4HANA development'),
		abap(4, 'BWP', 'Production', 'SAP BW/4HANA production'),
		abap(5, 'BWD', 'Development', 'SAP BW/4HANA development'),
		abap(6, 'ECP', 'Production', 'SAP ERP 6.0 production'),
		abap(7, 'SMP', 'Production', 'SAP Solution Manager'),
		cloud('7a1c0000-0000-4000-8000-000000000001', 'S/4HANA Cloud PRD', 'SAP_S4HANA', 'Production', 'my300001'),
		cloud('7a1c0000-0000-4000-8000-000000000002', 'SuccessFactors PRD', 'SAP_SUCCESSFACTORS', 'Production', 'sfprod01'),
		cloud(lmsId(10), 'S/4HANA Cloud QAS', 'SAP_S4HANA', 'Test', 'my300002'),
		cloud(lmsId(11), 'Integration Suite', 'SAP_INTEGRATION_SUITE', 'Production', 'is-prod-eu10'),
		{
			lmsId: '7a1c0000-0000-4000-8000-000000000003',
			name: 'Order to Cash',
			description: 'Business service over S/4HANA Cloud PRD and S4H',
			objectType: 'BusinessService',
			role: 'Production',
			serviceType: 'BUSINESS_SERVICE',
			systemNumber: '',
			source: 'SAP Cloud ALM',
			externalId: '',
			deploymentModel: 'Hybrid',
			properties: [],
		},
	];
}

const bad = (message: string) => new SimError(400, '400', message);

function count(req: SimRequest, name: string): number | undefined {
	const raw = req.query.get(name);
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw)) throw bad(`${name} must be a non-negative integer, got '${raw}'`);
	return Number(raw);
}

function requireRead(req: SimRequest, sim: SimContext): void {
	const token = authenticate(req, sim, []);
	if (!hasScope(token, LANDSCAPE_READ)) throw new SimError(403, '403', `Missing scope ${LANDSCAPE_READ}`);
}

/** An object as the list answers it (the simulator's properties stay out). */
function listed(object: LandscapeObject): Omit<LandscapeObject, 'properties'> {
	const copy: Partial<LandscapeObject> = { ...object };
	delete copy.properties;
	return copy as Omit<LandscapeObject, 'properties'>;
}

export function landscapeRoutes(router: Router): void {
	router.get(`${BASE}/landscapeObjects`, function listLandscapeObjects(req, sim) {
		requireRead(req, sim);
		const offset = count(req, 'offset') ?? 0;
		const limit = Math.min(count(req, 'limit') ?? LANDSCAPE_DEFAULT_LIMIT, LANDSCAPE_MAX_LIMIT);
		let list = landscapeObjects(sim);
		for (const field of LANDSCAPE_FILTERS) {
			const want = req.query.get(field);
			if (want) list = list.filter((o) => o[field] === want);
		}
		const page = sim.profile.calmLandscapePaging === 'ignored' ? list : list.slice(offset, offset + limit);
		return { status: 200, body: page.map(listed) };
	});

	router.get(`${BASE}/properties`, function getLandscapeProperties(req, sim) {
		requireRead(req, sim);
		const id = req.query.get('lmsId');
		if (!id) throw bad('lmsId is required');
		const object = landscapeObjects(sim).find((o) => o.lmsId === id);
		if (!object) throw new SimError(404, '404', `No landscape object with lmsId '${id}'`);
		// the third-party client saw 403 here for business services; the text is ours
		if (object.objectType === 'BusinessService') {
			throw new SimError(403, '403', `Properties are not available for landscape objects of type BusinessService`);
		}
		return { status: 200, body: object.properties.map((p) => ({ ...p })) };
	});
}
