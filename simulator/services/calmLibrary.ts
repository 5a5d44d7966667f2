/**
 * SAP Cloud ALM cross-library (library elements), four OData v4 services, read here:
 * `/api/calm-crosslibraryapplications/v1/Applications` (CALM_XLIB_APP 1.0.2),
 * `/api/calm-crosslibrarydevelopments/v1/Developments` (CALM_XLIB_DEV 1.0.2),
 * `/api/calm-crosslibraryconfigurations/v1/Configurations` (CALM_XLIB_CON 1.0.1),
 * `/api/calm-crosslibraryinterfaces/v1/Interfaces` (CALM_XLIB_INT 1.0.1).
 *
 * Sources (docs/sap-behaviour.md, "Cross-library"): consetto/calmcp docs/API_VERSIONS.md and
 * src/tools/registry.ts (services, entity sets, read by uuid), its tests (an application is
 * `{title, applicationTypeCode, intent}`); SAP "API Guide for SAP Cloud ALM" → Interface Library API
 * (help.sap.com b00ccd92b02a4ecbb11303606d9d2055): `GET /Interfaces`, `GET /Interfaces/{uuid}`, and
 * the scopes `calm-api.library.read` / `.write` / `.delete` "at library level". calmcp names the read
 * scope `calm-api.lib.read`: which one a tenant checks is profile switch `calmLibraryScope`
 * (`library`, SAP's page, default; `lib`, calmcp's). Writes are documented by SAP but not simulated
 * (the node offers none yet).
 *
 * Simulator choices: two or three seeded elements per library with `uuid`, `title`, `description`,
 * a type code per library, `createdAt`/`modifiedAt`; `$filter`, `$top`/`$skip`, server-driven
 * paging as the other OData services (calmOData.ts).
 */
import { SimError, type Router } from '../http';
import type { SimContext } from '../state';
import { odataCollection } from './calmOData';
import { requireScope, worldStore } from './calmService';

/** The four libraries: service path, entity set, the element's type code field. */
export const LIBRARIES = {
	application: { service: 'calm-crosslibraryapplications', entitySet: 'Applications', typeField: 'applicationTypeCode' },
	development: { service: 'calm-crosslibrarydevelopments', entitySet: 'Developments', typeField: 'developmentTypeCode' },
	configuration: { service: 'calm-crosslibraryconfigurations', entitySet: 'Configurations', typeField: 'configurationTypeCode' },
	interface: { service: 'calm-crosslibraryinterfaces', entitySet: 'Interfaces', typeField: 'interfaceTypeCode' },
} as const;

export type LibraryKind = keyof typeof LIBRARIES;
export type LibraryElement = Record<string, string>;

const SEED: Record<LibraryKind, Array<[string, string]>> = {
	application: [['Manage Payments', 'FIORI_ACTION'], ['Post Journal Entries', 'FIORI_ACTION'], ['Sales Order Monitor', 'WEB_DYNPRO']],
	development: [['Z_PRICING_BADI', 'ENHANCEMENT'], ['Z_ORDER_REPORT', 'REPORT']],
	configuration: [['Define Company Codes', 'CUSTOMIZING'], ['Maintain Tax Codes', 'CUSTOMIZING']],
	interface: [['Order to Invoice (S4H → CPI)', 'ODATA'], ['Bank Statement Inbound', 'IDOC']],
};

export const libraryStore = worldStore<Record<LibraryKind, LibraryElement[]>>(() => {
	const out = {} as Record<LibraryKind, LibraryElement[]>;
	let n = 0;
	for (const kind of Object.keys(LIBRARIES) as LibraryKind[]) {
		out[kind] = SEED[kind].map(([title, code]) => ({
			uuid: `6c3f0000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
			title,
			description: `${title} (seeded)`,
			[LIBRARIES[kind].typeField]: code,
			createdAt: '2026-01-15T09:00:00.000Z',
			modifiedAt: '2026-01-15T09:00:00.000Z',
		}));
	}
	return out;
});

/** The read scope the tenant checks (switch calmLibraryScope). */
export const libraryReadScope = (sim: SimContext) => (sim.profile.calmLibraryScope === 'lib' ? 'calm-api.lib.read' : 'calm-api.library.read');

export function libraryRoutes(router: Router): void {
	for (const kind of Object.keys(LIBRARIES) as LibraryKind[]) {
		const { service, entitySet, typeField } = LIBRARIES[kind];
		const base = `/api/${service}/v1/${entitySet}`;
		const fields = new Set(['uuid', 'title', 'description', typeField, 'createdAt', 'modifiedAt']);
		router.get(base, function listLibraryElements(req, sim) {
			requireScope(req, sim, libraryReadScope(sim));
			return { status: 200, body: odataCollection(req, libraryStore(sim)[kind], fields, sim.urls.cloudAlm, `$metadata#${entitySet}`) };
		});
		router.get(`${base}/:uuid`, function getLibraryElement(req, sim) {
			requireScope(req, sim, libraryReadScope(sim));
			const element = libraryStore(sim)[kind].find((e) => e.uuid === req.params.uuid);
			if (!element) throw new SimError(404, '404', `${entitySet} with key ${req.params.uuid} not found`);
			return { status: 200, body: { '@odata.context': `$metadata#${entitySet}/$entity`, ...element } };
		});
	}
}
