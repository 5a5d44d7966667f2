/**
 * SAP Cloud ALM Process Hierarchy (CALM_PH, OData v4) and Process Scopes (CALM_PM, REST with OData
 * options): the one place their paths, queries and bodies are built. The CloudAlmClient exposes them
 * as `session.calm.processHierarchy` and `session.calm.processScopes`.
 *
 * Process Hierarchy: `/calm-processhierarchy/v1/HierarchyNodes`, keyed `/HierarchyNodes/{uuid}`;
 * POST/PATCH {title, description, parentNodeUUID, sequence, toExternalReferences}; DELETE; `$count`
 * answers `@count`; `$expand=toExternalReferences` (SAP-samples/cloud-alm-api-examples
 * jupyternotebooks/calm-pm-process-hierarchy.ipynb). Paging: `@odata.nextLink`/`@nextLink` (odataList).
 * A node's level is in no SAP source, so a subtree is read level by level through `parentNodeUUID`.
 *
 * Process Scopes: `/calm-processmanagement/v1/scopes` (?projectId), `/scopes/{id}`, `/solutionProcesses`
 * (?projectId&scopeId), `PATCH /solutionProcesses/scopeAssignments` {value: [...]} in bulks of 50 as SAP's
 * ScopingAPI sample recommends (SAP API Guide "Process Scopes API"; SAP-samples PmApiTest.ipynb,
 * applications/ScopingAPI/index.js). Paging: `$top`/`$skip` with `$count=true` (skipTopList).
 *
 * Scopes: calm-api.processhierarchy.read (write scope unverified, see scopes.ts);
 * calm-api.processmanagement.read / .write / .delete (SAP-samples applications/ScopingAPI/readme.MD).
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { odataList, skipTopList, type ListLimit } from './paging';
import { calmRequest } from './request';
import type { CloudAlmSession } from './session';
import { andFilters, odataString, type IdSegment } from './validation';

const NODES = '/calm-processhierarchy/v1/HierarchyNodes';
const SCOPES = '/calm-processmanagement/v1/scopes';
const SOLUTION_PROCESSES = '/calm-processmanagement/v1/solutionProcesses';
const SCOPE_ASSIGNMENTS = `${SOLUTION_PROCESSES}/scopeAssignments`;

/** Scope assignments per PATCH: SAP's ScopingAPI sample ("Recommended bulk size for optimal performance"). */
export const SCOPE_ASSIGNMENT_BULK = 50;
/** Parents per `$filter` of a subtree level, so the URL stays short. */
const PARENTS_PER_QUERY = 20;

/** Options of the hierarchy nodes list. */
export interface HierarchyNodeQuery {
	/** only the children of this node (a UUID) */
	parentId?: string;
	/** only root nodes (no parent) */
	rootsOnly?: boolean;
	titleContains?: string;
	/** an OData `$filter` expression of the user's, ANDed with the others */
	filter?: string;
	externalReferences?: boolean;
}

export class ProcessHierarchyClient {
	constructor(private readonly session: CloudAlmSession) {}

	async list(query: HierarchyNodeQuery, limit: ListLimit): Promise<IDataObject[]> {
		const $filter = andFilters(
			[
				// the node's key type: CAP's UUID (Edm.Guid), so the parent is a Guid literal, unquoted
				query.parentId ? `parentNodeUUID eq ${query.parentId}` : undefined,
				query.rootsOnly ? 'parentNodeUUID eq null' : undefined,
				query.titleContains ? `contains(title,${odataString(query.titleContains)})` : undefined,
			],
			query.filter,
		);
		const qs: IDataObject = {};
		if ($filter) qs.$filter = $filter;
		if (query.externalReferences) qs.$expand = 'toExternalReferences';
		return await odataList(this.session, NODES, qs, limit);
	}

	async get(uuid: IdSegment, externalReferences = false): Promise<IDataObject> {
		const qs: IDataObject = externalReferences ? { $expand: 'toExternalReferences' } : {};
		return (await calmRequest(this.session, { method: 'GET', path: `${NODES}/${uuid}`, qs })) as IDataObject;
	}

	/**
	 * The node and everything below it down to `maxDepth` levels, in outline order (each parent before its
	 * children, siblings by `sequence`), each with `depth` (0 = the node) and `path` (the titles from the node).
	 */
	async subtree(uuid: IdSegment, maxDepth: number): Promise<IDataObject[]> {
		const root = await this.get(uuid);
		const children = new Map<string, IDataObject[]>();
		let level = [root];
		for (let depth = 1; depth <= maxDepth && level.length; depth++) {
			const next: IDataObject[] = [];
			for (let n = 0; n < level.length; n += PARENTS_PER_QUERY) {
				const parents = level.slice(n, n + PARENTS_PER_QUERY).map((p) => `parentNodeUUID eq ${String(p.uuid)}`);
				const found = await odataList(this.session, NODES, { $filter: parents.join(' or ') }, { returnAll: true, limit: 0 });
				for (const child of found) {
					const parent = String(child.parentNodeUUID);
					children.set(parent, [...(children.get(parent) ?? []), child]);
					next.push(child);
				}
			}
			level = next;
		}
		const out: IDataObject[] = [];
		const visit = (node: IDataObject, depth: number, path: string[]) => {
			const here = [...path, String(node.title ?? '')];
			out.push({ ...node, depth, path: here.join(' > ') });
			const kids = [...(children.get(String(node.uuid)) ?? [])].sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0));
			for (const kid of kids) visit(kid, depth + 1, here);
		};
		visit(root, 0, []);
		return out;
	}

	async create(body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'POST', path: NODES, body })) as IDataObject;
	}

	async update(uuid: IdSegment, body: IDataObject): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'PATCH', path: `${NODES}/${uuid}`, body })) as IDataObject;
	}

	async delete(uuid: IdSegment): Promise<void> {
		await calmRequest(this.session, { method: 'DELETE', path: `${NODES}/${uuid}` });
	}
}

/** A scope's solution process to put in or out of scope (its ids as Get Many Solution Processes returns them). */
export interface ScopingChange {
	solutionProcessVersionId: string;
	isScoped: boolean;
}

export class ProcessScopesClient {
	constructor(private readonly session: CloudAlmSession) {}

	async list(projectId: string | undefined, limit: ListLimit): Promise<IDataObject[]> {
		return await skipTopList(this.session, SCOPES, projectId ? { projectId } : {}, limit);
	}

	async get(id: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${SCOPES}/${id}` })) as IDataObject;
	}

	/**
	 * A scope of this name in the project, adopted (`created: false`) so a re-run does not make a second
	 * one; otherwise a new scope (`created: true`).
	 */
	async create(body: { projectId: string; name: string; description?: string }): Promise<IDataObject> {
		const existing = (await this.list(body.projectId, { returnAll: true, limit: 0 })).find((s) => s.name === body.name);
		if (existing) return { ...existing, created: false };
		const made = (await calmRequest(this.session, { method: 'POST', path: SCOPES, body: body as unknown as IDataObject })) as IDataObject;
		return { ...made, created: true };
	}

	async update(id: IdSegment, body: IDataObject): Promise<IDataObject> {
		// SAP's PmApiTest notebook sends the scope PATCH as JSON merge patch
		return (await calmRequest(this.session, {
			method: 'PATCH',
			path: `${SCOPES}/${id}`,
			body,
			headers: { 'Content-Type': 'application/merge-patch+json' },
		})) as IDataObject;
	}

	async delete(id: IdSegment): Promise<void> {
		await calmRequest(this.session, { method: 'DELETE', path: `${SCOPES}/${id}` });
	}

	/** The solution processes of a scope: the scope's project is read from the scope (SAP's samples send both). */
	async solutionProcesses(scopeId: IdSegment, scopedOnly: boolean, limit: ListLimit): Promise<IDataObject[]> {
		const scope = await this.get(scopeId);
		const qs = { projectId: String(scope.projectId ?? ''), scopeId: decodeURIComponent(scopeId) };
		return await skipTopList(this.session, SOLUTION_PROCESSES, qs, limit, scopedOnly ? (p) => p.isScoped === true : undefined);
	}

	/**
	 * Puts solution processes of a scope in or out of scope. Every id is looked up among the scope's
	 * solution processes first (its scenario version goes into the assignment), so an unknown id is
	 * refused before anything changes. PATCHes in bulks of SCOPE_ASSIGNMENT_BULK.
	 */
	async setScoping(scopeId: IdSegment, changes: ScopingChange[]): Promise<IDataObject[]> {
		const known = new Map((await this.solutionProcesses(scopeId, false, { returnAll: true, limit: 0 })).map((p) => [String(p.solutionProcessVersionId), p]));
		const unknown = changes.filter((c) => !known.has(c.solutionProcessVersionId)).map((c) => c.solutionProcessVersionId);
		if (unknown.length) {
			throw new NodeOperationError(
				this.session.node,
				`Solution Process Version IDs: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a solution process of scope ${decodeURIComponent(scopeId)}; nothing was changed`,
				{ description: 'Take the ids from the solutionProcessVersionId of Process Scope → Get Many Solution Processes for this scope.' },
			);
		}
		const value = changes.map((c) => ({
			scopeId: decodeURIComponent(scopeId),
			solutionScenarioVersionId: known.get(c.solutionProcessVersionId)!.solutionScenarioVersionId,
			solutionProcessVersionId: c.solutionProcessVersionId,
			isScoped: c.isScoped,
		}));
		const out: IDataObject[] = [];
		for (let n = 0; n < value.length; n += SCOPE_ASSIGNMENT_BULK) {
			const body = { value: value.slice(n, n + SCOPE_ASSIGNMENT_BULK) } as unknown as IDataObject;
			const answer = (await calmRequest(this.session, { method: 'PATCH', path: SCOPE_ASSIGNMENTS, body, headers: { 'Content-Type': 'application/merge-patch+json' } })) as IDataObject;
			out.push(...(Array.isArray(answer?.value) ? (answer.value as IDataObject[]) : []));
		}
		return out;
	}
}
