/**
 * SAP Cloud ALM cross-library (library elements), four OData v4 services:
 * `/api/calm-crosslibraryapplications/v1/Applications` (CALM_XLIB_APP 1.0.2),
 * `/api/calm-crosslibrarydevelopments/v1/Developments` (CALM_XLIB_DEV 1.0.2),
 * `/api/calm-crosslibraryconfigurations/v1/Configurations` (CALM_XLIB_CON 1.0.1),
 * `/api/calm-crosslibraryinterfaces/v1/Interfaces` (CALM_XLIB_INT 1.0.1).
 * Each: list, read by uuid, create (POST), update (PATCH), delete (DELETE).
 *
 * Sources (docs/sap-behaviour.md, "Cross-library"): consetto/calmcp docs/API_VERSIONS.md and
 * src/tools/registry.ts (services, entity sets, read by uuid), its tests (an application is
 * `{title, applicationTypeCode, intent}`); SAP "API Guide for SAP Cloud ALM" → Interface Library API
 * (help.sap.com b00ccd92b02a4ecbb11303606d9d2055) and → Application Library API (help.sap.com
 * 9be8d8166e9e423e82c60bfabc89468e): `GET/POST /Interfaces|/Applications`, `GET/PATCH/DELETE
 * …/{uuid}`, PATCH raises an error when the element "has been Marked for Deletion" by a user in the
 * Cloud ALM UI, and the scopes `calm-api.library.read` / `.write` / `.delete` "at library level".
 * No SAP page was found for the Configuration and Development Library APIs: they are modelled like
 * the two found (inferred). calmcp names the read scope `calm-api.lib.read`: which spelling a tenant
 * checks is profile switch `calmLibraryScope` (`library`, SAP's pages, default; `lib`, calmcp's),
 * and the write and delete scopes follow the same switch (`calm-api.lib.write` / `.delete`:
 * inferred, calmcp is read-only and names no write scope).
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md, certainty "inferred"): two
 * or three seeded elements per library with `uuid`, `title`, `description`, a type code per
 * library, `isMarkedForDeletion` (the last of each library is marked, as a UI user would),
 * `createdAt`/`modifiedAt`; create requires a non-empty `title`; unknown properties answer 400 and
 * read-only ones (`uuid`, `isMarkedForDeletion`, timestamps) 400 "cannot be changed"; PATCH on a
 * marked element answers 400 (or 409: switch calmLibraryMarkedForDeletionStatus) in the OData error shape; DELETE answers 204 (OData v4 convention) and
 * also removes a marked element; `$filter`, `$top`/`$skip`, server-driven paging as the other OData
 * services (calmOData.ts).
 */
import { randomUUID } from 'node:crypto';
import { SimError, isoNow, type Router } from '../http';
import type { SimContext } from '../state';
import { odataCollection } from './calmOData';
import { badRequest as bad, jsonObjectBody as bodyOf, requireScope, worldStore } from './calmService';

/** The four libraries: service path, entity set, the element's type code field. */
export const LIBRARIES = {
	application: { service: 'calm-crosslibraryapplications', entitySet: 'Applications', typeField: 'applicationTypeCode' },
	development: { service: 'calm-crosslibrarydevelopments', entitySet: 'Developments', typeField: 'developmentTypeCode' },
	configuration: { service: 'calm-crosslibraryconfigurations', entitySet: 'Configurations', typeField: 'configurationTypeCode' },
	interface: { service: 'calm-crosslibraryinterfaces', entitySet: 'Interfaces', typeField: 'interfaceTypeCode' },
} as const;

export type LibraryKind = keyof typeof LIBRARIES;
export type LibraryElement = Record<string, string | boolean | null>;

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
		out[kind] = SEED[kind].map(([title, code], k, all) => ({
			uuid: `6c3f0000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
			title,
			description: `${title} (seeded)`,
			[LIBRARIES[kind].typeField]: code,
			// SAP's Library API pages: a UI user can mark an element for deletion, after which PATCH fails; the last of each library is
			isMarkedForDeletion: k === all.length - 1,
			createdAt: '2026-01-15T09:00:00.000Z',
			modifiedAt: '2026-01-15T09:00:00.000Z',
		}));
	}
	return out;
});

const scopeOf = (sim: SimContext, access: 'read' | 'write' | 'delete') => `calm-api.${sim.profile.calmLibraryScope === 'lib' ? 'lib' : 'library'}.${access}`;
/** The read scope the tenant checks (switch calmLibraryScope). */
export const libraryReadScope = (sim: SimContext) => scopeOf(sim, 'read');
/** SAP's Library API pages: calm-api.library.write; under calmcp's spelling calm-api.lib.write (inferred). */
export const libraryWriteScope = (sim: SimContext) => scopeOf(sim, 'write');
/** SAP's Library API pages: calm-api.library.delete; under calmcp's spelling calm-api.lib.delete (inferred). */
export const libraryDeleteScope = (sim: SimContext) => scopeOf(sim, 'delete');

/** What a user may set: title, description, the library's type code (inferred: the read fields that are not server-managed). */
function apply(entitySet: string, typeField: string, b: Record<string, unknown>, target: LibraryElement): void {
	for (const [k, v] of Object.entries(b)) {
		if (k.startsWith('@')) continue;
		if (!['uuid', 'title', 'description', typeField, 'isMarkedForDeletion', 'createdAt', 'modifiedAt'].includes(k)) throw bad(`Property '${k}' does not exist in type ${entitySet}`);
		if (!['title', 'description', typeField].includes(k)) throw bad(`Property '${k}' cannot be changed`);
		if (v !== null && typeof v !== 'string') throw bad(`Property '${k}' must be a string`);
		if (k === 'title' && (typeof v !== 'string' || !v.trim())) throw bad(`Property 'title' must be a non-empty string`);
		target[k] = v;
	}
}

export function libraryRoutes(router: Router): void {
	for (const kind of Object.keys(LIBRARIES) as LibraryKind[]) {
		const { service, entitySet, typeField } = LIBRARIES[kind];
		const base = `/api/${service}/v1/${entitySet}`;
		const fields = new Set(['uuid', 'title', 'description', typeField, 'isMarkedForDeletion', 'createdAt', 'modifiedAt']);
		const find = (sim: SimContext, uuid: string): LibraryElement => {
			const element = libraryStore(sim)[kind].find((e) => e.uuid === uuid);
			if (!element) throw new SimError(404, '404', `${entitySet} with key ${uuid} not found`);
			return element;
		};
		const entity = (element: LibraryElement) => ({ '@odata.context': `$metadata#${entitySet}/$entity`, ...element });

		router.get(base, function listLibraryElements(req, sim) {
			requireScope(req, sim, libraryReadScope(sim));
			return { status: 200, body: odataCollection(req, libraryStore(sim)[kind], fields, sim.urls.cloudAlm, `$metadata#${entitySet}`) };
		});
		router.get(`${base}/:uuid`, function getLibraryElement(req, sim) {
			requireScope(req, sim, libraryReadScope(sim));
			return { status: 200, body: entity(find(sim, req.params.uuid)) };
		});
		// SAP's Interface / Application Library API pages: "POST /Interfaces Create a Interface element"
		router.post(base, function createLibraryElement(req, sim) {
			requireScope(req, sim, libraryWriteScope(sim));
			const b = bodyOf(req);
			// inferred: an element without a title cannot be shown in the library (every read source has one)
			if (typeof b.title !== 'string' || !b.title.trim()) throw bad(`Property 'title' is required`);
			const now = isoNow(sim);
			const element: LibraryElement = { uuid: randomUUID(), title: '', description: null, [typeField]: null, isMarkedForDeletion: false, createdAt: now, modifiedAt: now };
			apply(entitySet, typeField, b, element);
			libraryStore(sim)[kind].push(element);
			return { status: 201, body: entity(element) };
		});
		// SAP's pages: "PATCH … Update …: an error is raised if the Interface has been 'Marked for Deletion' by an End-user from the Calm UI"
		router.patch(`${base}/:uuid`, function updateLibraryElement(req, sim) {
			requireScope(req, sim, libraryWriteScope(sim));
			const element = find(sim, req.params.uuid);
			const b = bodyOf(req);
			// the status (switch calmLibraryMarkedForDeletionStatus: 400 or 409) and this text are inferred (SAP says only that
			// "an error is raised"); the OData error shape is every Cloud ALM service's
			if (element.isMarkedForDeletion) {
				const status = sim.profile.calmLibraryMarkedForDeletionStatus;
				throw new SimError(status, String(status), `${entitySet} ${element.uuid as string} is marked for deletion in SAP Cloud ALM and cannot be changed`);
			}
			const changes: LibraryElement = {};
			apply(entitySet, typeField, b, changes);
			Object.assign(element, changes, { modifiedAt: isoNow(sim) });
			return { status: 200, body: entity(element) };
		});
		// SAP's pages: "DELETE /Interfaces/{uuid} Delete an Interface element"; scope calm-api.library.delete; 204 by OData v4 convention
		router.delete(`${base}/:uuid`, function deleteLibraryElement(req, sim) {
			requireScope(req, sim, libraryDeleteScope(sim));
			const element = find(sim, req.params.uuid);
			const store = libraryStore(sim);
			store[kind] = store[kind].filter((e) => e !== element);
			return { status: 204 };
		});
	}
}
