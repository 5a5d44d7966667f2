/**
 * SAP Cloud ALM Process Authoring (CALM_PMGE, "Custom Processes", REST with `$top`/`$skip`): the one place
 * its paths, queries and bodies are built. The CloudAlmClient exposes it as `session.calm.processAuthoring`.
 *
 * `/calm-processauthoring/v1/solutionProcesses` (?externalId) are the custom processes, `/solutionProcesses/{id}`
 * one of them; POST {name, description, countries, externalId, businessProcess: {id}}; PATCH changes only
 * what it is given; a single GET answers an `etag` header that PATCH, DELETE, `POST /publishSolutionProcess/{id}`
 * and `POST /createDraftSolutionProcess/{id}` send as If-Match (412 when stale); `/businessProcesses` the
 * business processes a custom process belongs to (SAP-samples/cloud-alm-api-examples
 * jupyternotebooks/calm-process-authoring-api-v1.ipynb). A published (ACTIVE) process is changed through a
 * draft: createDraftSolutionProcess, then PATCH the draft (applications/CustomProcessUpload/modules/CalmAdapter.js
 * `_patchSolutionProcess`). Paging: `$top`/`$skip` pages of 100, no `$count=true` (the sample counts with `/$count`).
 *
 * Business processes (`/businessProcesses`, `/businessProcesses/{id}`): GET, POST {name, description} (name
 * "unique, mandatory", maxLength 500; description 5000), PATCH and DELETE with the single GET's etag as If-Match
 * (412 ETAG_NOT_MATCHING / PRECONDITION_FAILED when stale), DELETE → 204 (the same notebook, "Manage Business Process").
 *
 * Scopes: calm-api.processauthoring.read / .write (applications/CustomProcessUpload/README.md); no source names a
 * .delete scope, so DELETE is taken to need .write (docs/sap-behaviour.md).
 */
import { NodeOperationError, type IDataObject, type NodeApiError } from 'n8n-workflow';
import { skipTopList, type ListLimit } from './paging';
import { calmExchange, calmRequest } from './request';
import type { CloudAlmSession } from './session';
import type { IdSegment } from './validation';

const BASE = '/calm-processauthoring/v1';
const PROCESSES = `${BASE}/solutionProcesses`;
const BUSINESS_PROCESSES = `${BASE}/businessProcesses`;
const PUBLISH = `${BASE}/publishSolutionProcess`;
const CREATE_DRAFT = `${BASE}/createDraftSolutionProcess`;

/** Get Many's filters: External ID is SAP's query parameter; the others are applied to the pages read. */
export interface CustomProcessQuery {
	externalId?: string;
	businessProcessId?: string;
	status?: string;
}

/** A business process to create or the changes to one (the notebook's BusinessProcessCreate / BusinessProcessUpdate). */
export interface BusinessProcessInput {
	name?: string;
	description?: string;
}

/** A custom process to create (the notebook's SolutionProcessCreate). */
export interface CustomProcessInput {
	name: string;
	businessProcessId: string;
	description?: string;
	countries?: string;
	externalId?: string;
}

export class ProcessAuthoringClient {
	constructor(private readonly session: CloudAlmSession) {}

	async list(query: CustomProcessQuery, limit: ListLimit): Promise<IDataObject[]> {
		const keep =
			query.businessProcessId || query.status
				? (p: IDataObject) =>
						(!query.businessProcessId || (p.businessProcess as IDataObject | undefined)?.id === query.businessProcessId) &&
						(!query.status || p.status === query.status)
				: undefined;
		return await skipTopList(this.session, PROCESSES, query.externalId ? { externalId: query.externalId } : {}, limit, keep, false);
	}

	async get(id: IdSegment): Promise<IDataObject> {
		return (await calmRequest(this.session, { method: 'GET', path: `${PROCESSES}/${id}` })) as IDataObject;
	}

	/** One `$top`/`$skip` page of custom processes or business processes, for the pickers. */
	async page(what: 'customProcesses' | 'businessProcesses', skip: number, top: number): Promise<unknown> {
		const path = what === 'customProcesses' ? PROCESSES : BUSINESS_PROCESSES;
		return await calmRequest(this.session, { method: 'GET', path, qs: { $top: top, $skip: skip } });
	}

	/**
	 * Business processes in `$top`/`$skip` pages; `nameContains` (case-insensitive) is applied to the pages read, as
	 * no source shows a filter parameter on `/businessProcesses`.
	 */
	async listBusinessProcesses(limit: ListLimit, nameContains?: string): Promise<IDataObject[]> {
		const needle = nameContains?.toLowerCase();
		const keep = needle ? (bp: IDataObject) => String(bp.name ?? '').toLowerCase().includes(needle) : undefined;
		return await skipTopList(this.session, BUSINESS_PROCESSES, {}, limit, keep, false);
	}

	/** The business process with its current `etag` (SAP answers it as a header; Update and Delete take it as ETag). */
	async getBusinessProcess(id: IdSegment): Promise<IDataObject> {
		const answer = await calmExchange(this.session, { method: 'GET', path: `${BUSINESS_PROCESSES}/${id}` });
		return { ...(answer.body as IDataObject), ...(answer.headers.etag ? { etag: answer.headers.etag } : {}) };
	}

	/**
	 * Re-runs adopt: SAP's notebook calls a business process's name "unique, mandatory", so the one of the same name
	 * is returned (`created: false`) instead of a POST. SAP's answer to a second name is not published; should the
	 * POST still be refused (one made meanwhile), the business process of that name is looked up again and adopted.
	 */
	async createBusinessProcess(input: BusinessProcessInput & { name: string }): Promise<IDataObject> {
		const byName = async () => (await this.listBusinessProcesses({ returnAll: true, limit: 0 })).find((bp) => bp.name === input.name);
		const existing = await byName();
		if (existing) return { ...existing, created: false };
		const body: IDataObject = { name: input.name };
		if (input.description) body.description = input.description;
		let refused: NodeApiError;
		try {
			const made = (await calmRequest(this.session, { method: 'POST', path: BUSINESS_PROCESSES, body })) as IDataObject;
			return { ...made, created: true };
		} catch (error) {
			// calmRequest fails with NodeApiError (SAP's answer) or NodeOperationError, never a raw error
			refused = error as NodeApiError;
		}
		const status = Number(refused.httpCode);
		const raced = status === 400 || status === 409 ? await byName() : undefined;
		if (raced) return { ...raced, created: false };
		throw refused;
	}

	/**
	 * PATCH (only what `changes` holds) with `etag` as If-Match: the one the caller read (SAP answers 412 when the
	 * business process changed since), else the current one, read first.
	 */
	async updateBusinessProcess(id: IdSegment, changes: BusinessProcessInput, etag?: string): Promise<IDataObject> {
		const ifMatch = etag || (await this.read(BUSINESS_PROCESSES, id, 'business process')).etag;
		return (await calmRequest(this.session, { method: 'PATCH', path: `${BUSINESS_PROCESSES}/${id}`, body: changes as IDataObject, headers: { 'If-Match': ifMatch } })) as IDataObject;
	}

	/** DELETE with `etag` as If-Match, as Update does. */
	async deleteBusinessProcess(id: IdSegment, etag?: string): Promise<void> {
		const ifMatch = etag || (await this.read(BUSINESS_PROCESSES, id, 'business process')).etag;
		await calmRequest(this.session, { method: 'DELETE', path: `${BUSINESS_PROCESSES}/${id}`, headers: { 'If-Match': ifMatch } });
	}

	/**
	 * Re-runs adopt instead of duplicating: with an External ID, a custom process of that External ID (SAP's upload
	 * sample looks processes up by it and patches instead of creating); without one, a custom process of the same
	 * name in the same business process. Adopted → `created: false`; new → `created: true`.
	 */
	async create(input: CustomProcessInput): Promise<IDataObject> {
		const existing = input.externalId
			? await this.list({ externalId: input.externalId }, { returnAll: true, limit: 0 })
			: (await this.list({ businessProcessId: input.businessProcessId }, { returnAll: true, limit: 0 })).filter((p) => p.name === input.name);
		// a published process and its draft share the External ID: the draft is the one being worked on
		const adopt = existing.find((p) => p.status === 'DRAFT') ?? existing[0];
		if (adopt) return { ...adopt, created: false };
		const body: IDataObject = { name: input.name, businessProcess: { id: input.businessProcessId } };
		for (const key of ['description', 'countries', 'externalId'] as const) if (input[key]) body[key] = input[key];
		const made = (await calmRequest(this.session, { method: 'POST', path: PROCESSES, body })) as IDataObject;
		return { ...made, created: true };
	}

	/**
	 * Changes what `changes` holds. A published process is changed as SAP's upload sample does: a draft is created
	 * from it and the draft is patched (publish the draft to replace the published process); `draftCreated` says so.
	 * A re-run must not pile up drafts: when the published process has an External ID and a draft of that External ID
	 * exists (the upload sample finds "a published one and its draft" by `?externalId=`), that draft is patched.
	 * Without an External ID SAP's API shows no link from a draft to its published process, so a new draft is made.
	 */
	async update(id: IdSegment, changes: IDataObject): Promise<IDataObject> {
		let { entity, etag } = await this.read(PROCESSES, id, 'custom process');
		let draftCreated = false;
		if (entity.status === 'ACTIVE') {
			const externalId = typeof entity.externalId === 'string' ? entity.externalId : '';
			const openDraft = externalId
				? (await this.list({ externalId, status: 'DRAFT' }, { returnAll: true, limit: 0 })).find((p) => p.id !== entity.id)
				: undefined;
			let draftId = openDraft?.id;
			if (!draftId) {
				const draft = await calmExchange(this.session, { method: 'POST', path: `${CREATE_DRAFT}/${id}`, body: {}, headers: { 'If-Match': etag } });
				draftId = (draft.body as IDataObject).id;
				draftCreated = true;
			}
			({ entity, etag } = await this.read(PROCESSES, encodeURIComponent(String(draftId)) as IdSegment, 'custom process'));
		}
		const answer = (await calmRequest(this.session, {
			method: 'PATCH',
			path: `${PROCESSES}/${encodeURIComponent(String(entity.id))}`,
			body: changes,
			headers: { 'If-Match': etag },
		})) as IDataObject;
		return { ...answer, draftCreated };
	}

	async publish(id: IdSegment): Promise<IDataObject> {
		const { etag } = await this.read(PROCESSES, id, 'custom process');
		return (await calmRequest(this.session, { method: 'POST', path: `${PUBLISH}/${id}`, body: {}, headers: { 'If-Match': etag } })) as IDataObject;
	}

	async delete(id: IdSegment): Promise<void> {
		const { etag } = await this.read(PROCESSES, id, 'custom process');
		await calmRequest(this.session, { method: 'DELETE', path: `${PROCESSES}/${id}`, headers: { 'If-Match': etag } });
	}

	/** The object and its current ETag (the If-Match of the change that follows). */
	private async read(collection: string, id: IdSegment, what: string): Promise<{ entity: IDataObject; etag: string }> {
		const answer = await calmExchange(this.session, { method: 'GET', path: `${collection}/${id}` });
		const etag = answer.headers.etag;
		if (!etag) {
			throw new NodeOperationError(this.session.node, `SAP Cloud ALM sent ${what} ${decodeURIComponent(id)} without an etag header, so If-Match cannot be sent`);
		}
		return { entity: answer.body as IDataObject, etag };
	}
}
