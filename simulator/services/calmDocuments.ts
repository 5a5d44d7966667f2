/**
 * SAP Cloud ALM Documents (CALM_SD, OData v4) under `/api/calm-documents/v1`: the `Documents` entity
 * set (list, read, create, update, delete).
 *
 * Sources: consetto/calmcp docs/API_VERSIONS.md (CALM_SD 1.0.4, `/calm-documents/v1`),
 * src/tools/registry.ts (entity sets Documents, DocumentTypes, DocumentStatus, DocumentSources,
 * DocumentPriorities, DocumentApprovalStates), its tests (POST /Documents with title, projectId,
 * content as HTML, documentTypeCode, nested toURLReferences answers 201 with uuid and displayId);
 * SAP's API Scopes table (calm-api.documents.read / .write / .delete); DELETE /Documents/{uuid}
 * without If-Match (fr0ster/mcp-calm-client src/core/document/delete.ts, the only public client that
 * deletes documents, answers 204 by OData v4 convention). `$filter`, `$top`/`$skip`, `$count`,
 * server-driven paging with `@odata.nextLink` as the other OData services (calmOData.ts).
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md): the fields beyond those
 * calmcp sends (statusCode, createdAt, modifiedAt); `documentTypeCode` defaults to 'SD'; PATCH needs
 * no If-Match (none of the sources sends one); unknown properties answer 400.
 */
import { randomUUID } from 'node:crypto';
import { SimError, isoNow, type Router } from '../http';
import type { SimContext } from '../state';
import { odataCollection } from './calmOData';
import { badRequest as bad, jsonObjectBody as bodyOf, requireScope, worldStore } from './calmService';

const BASE = '/api/calm-documents/v1';
export const DOCUMENTS_READ = 'calm-api.documents.read';
export const DOCUMENTS_WRITE = 'calm-api.documents.write';
export const DOCUMENTS_DELETE = 'calm-api.documents.delete';

export interface SimDocument {
	uuid: string;
	displayId: string;
	title: string;
	projectId: string;
	content: string | null;
	documentTypeCode: string;
	statusCode: string;
	createdAt: string;
	modifiedAt: string;
	urlReferences: Array<{ name: string; url: string }>;
}

interface DocumentWorld {
	documents: SimDocument[];
	next: number;
}

/** The documents of a world: empty at first, gone with the world at the next reset. */
export const documentStore = worldStore<DocumentWorld>(() => ({ documents: [], next: 1 }));

const FIELDS = new Set(['uuid', 'displayId', 'title', 'projectId', 'content', 'documentTypeCode', 'statusCode', 'createdAt', 'modifiedAt']);
const WRITABLE = new Set(['title', 'content', 'documentTypeCode', 'statusCode']);

function apply(b: Record<string, unknown>, target: Partial<SimDocument>): void {
	for (const [k, v] of Object.entries(b)) {
		if (k.startsWith('@') || k === 'projectId' || k === 'toURLReferences') continue;
		if (!FIELDS.has(k)) throw bad(`Property '${k}' does not exist in type Documents`);
		if (!WRITABLE.has(k)) throw bad(`Property '${k}' cannot be changed`);
		if (typeof v !== 'string' || (k === 'title' && !v.trim())) throw bad(`Property '${k}' must be a ${k === 'title' ? 'non-empty ' : ''}string`);
		(target as Record<string, unknown>)[k] = v;
	}
}

const row = (d: SimDocument) => {
	const r: Record<string, unknown> = { ...d };
	delete r.urlReferences;
	return r;
};

function find(sim: SimContext, uuid: string): SimDocument {
	const d = documentStore(sim).documents.find((x) => x.uuid === uuid);
	if (!d) throw new SimError(404, '404', `Documents with key ${uuid} not found`);
	return d;
}

export function documentRoutes(router: Router): void {
	router.get(`${BASE}/Documents`, function listDocuments(req, sim) {
		requireScope(req, sim, DOCUMENTS_READ);
		return { status: 200, body: odataCollection(req, documentStore(sim).documents.map(row), FIELDS, sim.urls.cloudAlm, '$metadata#Documents') };
	});

	router.post(`${BASE}/Documents`, function createDocument(req, sim) {
		requireScope(req, sim, DOCUMENTS_WRITE);
		const b = bodyOf(req);
		const projectId = b.projectId;
		if (typeof projectId !== 'string' || !sim.state.calm.projects.some((p) => p.id === projectId)) throw bad(`Project ${String(projectId)} does not exist`);
		if (typeof b.title !== 'string' || !b.title.trim()) throw bad(`Property 'title' is required`);
		const refs = b.toURLReferences ?? [];
		if (!Array.isArray(refs) || refs.some((r) => !r || typeof r.name !== 'string' || typeof r.url !== 'string')) {
			throw bad(`Property 'toURLReferences' must be a list of {name, url}`);
		}
		const world = documentStore(sim);
		const now = isoNow(sim);
		const doc: SimDocument = {
			uuid: randomUUID(),
			displayId: `12-${world.next++}`,
			title: '',
			projectId,
			content: null,
			documentTypeCode: 'SD',
			statusCode: 'OPEN',
			createdAt: now,
			modifiedAt: now,
			urlReferences: refs as SimDocument['urlReferences'],
		};
		apply(b, doc);
		world.documents.push(doc);
		return { status: 201, body: { '@odata.context': '$metadata#Documents/$entity', ...row(doc), toURLReferences: doc.urlReferences } };
	});

	router.get(`${BASE}/Documents/:uuid`, function getDocument(req, sim) {
		requireScope(req, sim, DOCUMENTS_READ);
		return { status: 200, body: { '@odata.context': '$metadata#Documents/$entity', ...row(find(sim, req.params.uuid)) } };
	});

	router.patch(`${BASE}/Documents/:uuid`, function updateDocument(req, sim) {
		requireScope(req, sim, DOCUMENTS_WRITE);
		const doc = find(sim, req.params.uuid);
		const b = bodyOf(req);
		if (b.projectId !== undefined && b.projectId !== doc.projectId) throw bad(`Property 'projectId' cannot be changed`);
		const changes: Partial<SimDocument> = {};
		apply(b, changes);
		Object.assign(doc, changes, { modifiedAt: isoNow(sim) });
		return { status: 200, body: { '@odata.context': '$metadata#Documents/$entity', ...row(doc) } };
	});

	router.delete(`${BASE}/Documents/:uuid`, function deleteDocument(req, sim) {
		requireScope(req, sim, DOCUMENTS_DELETE);
		const doc = find(sim, req.params.uuid);
		const world = documentStore(sim);
		world.documents = world.documents.filter((d) => d !== doc);
		return { status: 204 };
	});
}
