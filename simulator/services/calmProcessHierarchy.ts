/**
 * SAP Cloud ALM Process Hierarchy (CALM_PH, OData v4) under `/api/calm-processhierarchy/v1`: the
 * `HierarchyNodes` entity set (list, read, create, update, delete) with the nested
 * `toExternalReferences`.
 *
 * Sources: SAP-samples/cloud-alm-api-examples jupyternotebooks/calm-pm-process-hierarchy.ipynb
 * (POST /HierarchyNodes with title, description and, for a child, `parentNodeUUID`, and nested
 * `toExternalReferences` [{name, externalReferenceId, url}], answers 201 with `uuid`;
 * GET /HierarchyNodes?$count=true reads `@count`; PATCH /HierarchyNodes/{uuid} changes title,
 * sequence, `parentNodeUUID` (moves the node) and replaces `toExternalReferences`, answering 200 with
 * the node; DELETE /HierarchyNodes/{uuid} of a root node answers 204 and deletes "the hierarchy";
 * `$expand=toExternalReferences`). consetto/calmcp docs/API_VERSIONS.md (CALM_PH 1.2.0,
 * `/calm-processhierarchy/v1`), src/tools/registry.ts (entity set HierarchyNodes, keyed by uuid),
 * src/calm/scopes.ts (GET needs calm-api.processhierarchy.read). SAP "What's New for SAP Cloud ALM
 * APIs", Q3 2026: attribute `ownerId` added to the hierarchy node.
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md): writes need
 * calm-api.processhierarchy.write (no source names the write scope; SAP's sample uses an all-scopes
 * client); deleting a node deletes its descendants; a new node goes after its last sibling unless
 * `sequence` is given; a move below itself or its own descendant answers 400; the lambda operators
 * (`toExternalReferences/any(...)`, as SAP's sample filters) are not modelled and answer 400 like any
 * unknown property. Paging, `$filter`, `$top`/`$skip`, `$orderby`, `$select` as the other OData
 * services (calmOData.ts), annotated `@nextLink`/`@count` (SAP's sample reads `@count`).
 */
import { randomUUID } from 'node:crypto';
import { SimError, isoNow, type Router, type SimRequest } from '../http';
import type { SimContext } from '../state';
import { minimalAnnotations, odataCollection } from './calmOData';
import { badRequest as bad, jsonObjectBody, requireScope, worldStore } from './calmService';

const BASE = '/api/calm-processhierarchy/v1';
export const PROCESS_HIERARCHY_READ = 'calm-api.processhierarchy.read';
export const PROCESS_HIERARCHY_WRITE = 'calm-api.processhierarchy.write';

export interface SimExternalReference {
	name: string;
	externalReferenceId: string;
	url: string;
}

export interface SimHierarchyNode {
	uuid: string;
	title: string;
	description: string | null;
	parentNodeUUID: string | null;
	sequence: number;
	ownerId: string | null;
	createdAt: string;
	modifiedAt: string;
	externalReferences: SimExternalReference[];
}

const FIELDS = new Set(['uuid', 'title', 'description', 'parentNodeUUID', 'sequence', 'ownerId', 'createdAt', 'modifiedAt']);
const WRITABLE = new Set(['title', 'description', 'parentNodeUUID', 'sequence']);
const SEEDED_AT = '2025-01-15T08:00:00.000Z';

/** The seeded process hierarchy: four roots, their processes and some of their steps (17 nodes). */
const SEED: Array<[title: string, children?: Array<[title: string, children?: string[]]>]> = [
	['Lead to Cash', [['Sell from Stock', ['Create Sales Order', 'Deliver Goods', 'Invoice Customer']], ['Order to Cash with Credit Check']]],
	['Source to Pay', [['Procure Direct Materials', ['Create Purchase Requisition', 'Convert to Purchase Order']], ['Process Supplier Invoice']]],
	['Design to Operate', [['Make to Stock'], ['Plan Production']]],
	['Record to Report', [['Period-End Closing'], ['Accounts Payable']]],
];

export const seededNodeId = (n: number) => `6f1a0c00-0000-4000-8000-${String(n).padStart(12, '0')}`;

function seededHierarchy(): SimHierarchyNode[] {
	const nodes: SimHierarchyNode[] = [];
	const add = (title: string, parent: string | null, sequence: number) => {
		const node: SimHierarchyNode = {
			uuid: seededNodeId(nodes.length + 1),
			title,
			description: null,
			parentNodeUUID: parent,
			sequence,
			ownerId: 'alice@example.com',
			createdAt: SEEDED_AT,
			modifiedAt: SEEDED_AT,
			externalReferences: [],
		};
		nodes.push(node);
		return node.uuid;
	};
	SEED.forEach(([root, processes = []], r) => {
		const rootId = add(root, null, r + 1);
		processes.forEach(([process, steps = []], p) => {
			const processId = add(process, rootId, p + 1);
			steps.forEach((step, s) => add(step, processId, s + 1));
		});
	});
	return nodes;
}

/** The hierarchy of a world: the seeded tree at first, back to it at the next reset. */
export const processHierarchy = worldStore(() => ({ nodes: seededHierarchy() }));

const row = (n: SimHierarchyNode, expand: boolean) => {
	const r: Record<string, unknown> = { ...n };
	delete r.externalReferences;
	if (expand) r.toExternalReferences = n.externalReferences.map((x) => ({ ...x }));
	return r;
};

/** `$expand`: none or `toExternalReferences` (the navigation property SAP's sample expands). */
function expandOf(req: SimRequest): boolean {
	const raw = req.query.get('$expand');
	if (raw === null) return false;
	if (raw.trim() === 'toExternalReferences') return true;
	throw bad(`Invalid $expand '${raw}': the navigation property of HierarchyNodes is toExternalReferences`);
}

/** The request without `$expand` (handled here), for the shared OData options. */
function withoutExpand(req: SimRequest): SimRequest {
	const query = new URLSearchParams(req.query);
	query.delete('$expand');
	return { ...req, query };
}

function find(sim: SimContext, uuid: string): SimHierarchyNode {
	const n = processHierarchy(sim).nodes.find((x) => x.uuid === uuid);
	if (!n) throw new SimError(404, '404', `HierarchyNodes with key ${uuid} not found`);
	return n;
}

function externalReferences(v: unknown): SimExternalReference[] {
	if (!Array.isArray(v)) throw bad(`Property 'toExternalReferences' must be a list of {name, externalReferenceId, url}`);
	return v.map((x) => {
		const o = (x ?? {}) as Record<string, unknown>;
		const extra = Object.keys(o).find((k) => !['name', 'externalReferenceId', 'url'].includes(k));
		if (extra) throw bad(`Property '${extra}' does not exist in type ExternalReferences`);
		if (typeof o.name !== 'string' || typeof o.externalReferenceId !== 'string' || typeof o.url !== 'string') {
			throw bad(`Property 'toExternalReferences' must be a list of {name, externalReferenceId, url}`);
		}
		return { name: o.name, externalReferenceId: o.externalReferenceId, url: o.url };
	});
}

/** Checks the body's properties and copies the writable ones onto `target`. */
function apply(sim: SimContext, b: Record<string, unknown>, target: Partial<SimHierarchyNode>, self?: SimHierarchyNode): void {
	for (const [k, v] of Object.entries(b)) {
		if (k.startsWith('@')) continue;
		if (k === 'toExternalReferences') {
			target.externalReferences = externalReferences(v);
			continue;
		}
		if (!FIELDS.has(k)) throw bad(`Property '${k}' does not exist in type HierarchyNodes`);
		if (!WRITABLE.has(k)) throw bad(`Property '${k}' cannot be changed`);
		if (k === 'title' && (typeof v !== 'string' || !v.trim())) throw bad(`Property 'title' must be a non-empty string`);
		if (k === 'description' && v !== null && typeof v !== 'string') throw bad(`Property 'description' must be a string`);
		if (k === 'sequence' && (typeof v !== 'number' || !Number.isInteger(v) || v < 1)) throw bad(`Property 'sequence' must be a positive integer`);
		if (k === 'parentNodeUUID' && v !== null) {
			if (typeof v !== 'string') throw bad(`Property 'parentNodeUUID' must be a string`);
			const parent = processHierarchy(sim).nodes.find((x) => x.uuid === v);
			if (!parent) throw bad(`Parent node ${v} does not exist`);
			if (self && isInSubtree(sim, parent, self.uuid)) throw bad(`Node ${self.uuid} cannot move below itself or its own descendant ${v}`);
		}
		(target as Record<string, unknown>)[k] = v;
	}
}

/** Whether `node` is `rootId` or below it. */
function isInSubtree(sim: SimContext, node: SimHierarchyNode, rootId: string): boolean {
	const nodes = processHierarchy(sim).nodes;
	for (let n: SimHierarchyNode | undefined = node; n; n = nodes.find((x) => x.uuid === n!.parentNodeUUID)) {
		if (n.uuid === rootId) return true;
	}
	return false;
}

const nextSequence = (sim: SimContext, parent: string | null) =>
	1 + Math.max(0, ...processHierarchy(sim).nodes.filter((n) => n.parentNodeUUID === parent).map((n) => n.sequence));

const entity = (n: SimHierarchyNode, expand = true) => ({ '@odata.context': '$metadata#HierarchyNodes/$entity', ...row(n, expand) });

export function processHierarchyRoutes(router: Router): void {
	router.get(`${BASE}/HierarchyNodes`, function listHierarchyNodes(req, sim) {
		requireScope(req, sim, PROCESS_HIERARCHY_READ);
		const expand = expandOf(req);
		const rows = processHierarchy(sim).nodes.map((n) => row(n, false));
		const body = minimalAnnotations(odataCollection(withoutExpand(req), rows, FIELDS, sim.urls.cloudAlm, '$metadata#HierarchyNodes'));
		if (expand) {
			const nodes = processHierarchy(sim).nodes;
			body.value = (body.value as Array<Record<string, unknown>>).map((r) => {
				const n = nodes.find((x) => x.uuid === r.uuid);
				return n ? { ...r, toExternalReferences: n.externalReferences.map((x) => ({ ...x })) } : r;
			});
		}
		return { status: 200, body };
	});

	router.post(`${BASE}/HierarchyNodes`, function createHierarchyNode(req, sim) {
		requireScope(req, sim, PROCESS_HIERARCHY_WRITE);
		const b = jsonObjectBody(req);
		if (typeof b.title !== 'string' || !b.title.trim()) throw bad(`Property 'title' is required`);
		const now = isoNow(sim);
		const node: SimHierarchyNode = {
			uuid: randomUUID(),
			title: '',
			description: null,
			parentNodeUUID: null,
			sequence: 0,
			ownerId: null,
			createdAt: now,
			modifiedAt: now,
			externalReferences: [],
		};
		apply(sim, b, node);
		if (!node.sequence) node.sequence = nextSequence(sim, node.parentNodeUUID);
		processHierarchy(sim).nodes.push(node);
		return { status: 201, body: entity(node) };
	});

	router.get(`${BASE}/HierarchyNodes/:uuid`, function getHierarchyNode(req, sim) {
		requireScope(req, sim, PROCESS_HIERARCHY_READ);
		const expand = expandOf(req);
		for (const key of req.query.keys()) {
			if (key.startsWith('$') && key !== '$expand') throw bad(`The query option ${key} is not supported`);
		}
		return { status: 200, body: entity(find(sim, req.params.uuid), expand) };
	});

	router.patch(`${BASE}/HierarchyNodes/:uuid`, function updateHierarchyNode(req, sim) {
		requireScope(req, sim, PROCESS_HIERARCHY_WRITE);
		const node = find(sim, req.params.uuid);
		const changes: Partial<SimHierarchyNode> = {};
		apply(sim, jsonObjectBody(req), changes, node);
		Object.assign(node, changes, { modifiedAt: isoNow(sim) });
		return { status: 200, body: entity(node) };
	});

	router.delete(`${BASE}/HierarchyNodes/:uuid`, function deleteHierarchyNode(req, sim) {
		requireScope(req, sim, PROCESS_HIERARCHY_WRITE);
		const node = find(sim, req.params.uuid);
		const world = processHierarchy(sim);
		world.nodes = world.nodes.filter((n) => !isInSubtree(sim, n, node.uuid));
		return { status: 204 };
	});
}
