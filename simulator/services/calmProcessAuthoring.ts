/**
 * SAP Cloud ALM Process Authoring (CALM_PMGE, "Custom Processes") under `/api/calm-processauthoring/v1`:
 * a REST API with the OData system options `$top`/`$skip` that answers lists as `{ value: [...] }`.
 * Served here: business processes (list, count, read, create, update, delete) and solution processes, i.e. the
 * custom processes (list, count, read, create, update, delete, publish, create a draft of a published one).
 *
 * Sources (SAP-samples/cloud-alm-api-examples):
 * - jupyternotebooks/calm-process-authoring-api-v1.ipynb: one request format `/<entity>` and
 *   `/<entity>/{id}` with GET/POST/PATCH/DELETE ("only what you provide will be changed"); `/<entity>/$count`
 *   answers the number; a single GET answers an `etag` header that PATCH/DELETE/publish/createDraft send
 *   as If-Match ("If Etag doesn't match: 412 ETAG_NOT_MATCHING" on PATCH, "412 PRECONDITION_FAILED" on
 *   DELETE and the special POSTs), and the etag changes with every change; POST → 201, PATCH → 200,
 *   DELETE → 204 without a body; publishSolutionProcess/{id} → 200; createDraftSolutionProcess/{id} →
 *   201 with a new id ("always from an ACTIVE SP VERSION"; publishing the draft replaces the published
 *   process, which keeps its id); solution process: id, name (maxLength 500), description (5000),
 *   status (255), countries (5000; empty → "XX"), externalId (40), businessProcess {id, uri} mandatory;
 *   `solutionProcesses?externalId=…` lists those of an external ID; business process: name "unique,
 *   mandatory", maxLength 500, description 5000; errors `{"error": {"code", "message"}}`.
 * - applications/CustomProcessUpload/modules/CalmAdapter.js: `$top`/`$skip` pages of 100 after
 *   `/$count`; a published (status ACTIVE) process is changed by creating a draft and patching the draft;
 *   `solutionProcesses?externalId=` finds the processes of an external ID (a published one and its draft).
 * - applications/CustomProcessUpload/README.md: calm-api.processauthoring.read / .write.
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md): `$top` is capped at 100 and a list
 * without `$top` answers its first 100; `$orderby` takes one field (consetto/calmcp sends it); `$count=true`,
 * `$filter`, `$select`, `$expand` and unknown parameters answer 400 (SAP's samples count with `/$count`, never `$count=true`); PATCH/DELETE/
 * publish/createDraft without If-Match answer 428; PATCH of a published process answers 409 (SAP's
 * upload sample always patches a draft); `status` cannot be PATCHed (publish does it); DELETE needs
 * processauthoring.write (no source names a .delete scope).
 * Business processes, where SAP publishes nothing (inferred, docs/sap-behaviour.md): the notebook calls the name
 * "unique, mandatory" but shows no error for a second one, so POST/PATCH with a name another business process has
 * answers 409 `BUSINESS_PROCESS_NAME_NOT_UNIQUE`; DELETE of a business process that custom processes still belong
 * to answers 409 (the notebook deletes the solution processes before their business process, and a solution
 * process's businessProcess is mandatory); the name is compared exactly (case and blanks count).
 */
import { randomUUID } from 'node:crypto';
import { SimError, type Router, type SimRequest, type SimResponse } from '../http';
import type { SimContext } from '../state';
import { badRequest as bad, jsonObjectBody, requireScope, worldStore } from './calmService';

const BASE = '/api/calm-processauthoring/v1';
export const PROCESS_AUTHORING_READ = 'calm-api.processauthoring.read';
export const PROCESS_AUTHORING_WRITE = 'calm-api.processauthoring.write';
/** The most rows one answer holds (a simulator choice; SAP's upload sample pages by 100). */
export const PROCESS_AUTHORING_MAX_TOP = 100;

export interface SimBusinessProcess {
	id: string;
	name: string;
	description: string;
	/** simulator bookkeeping: the ETag's version */
	version: number;
}

export interface SimSolutionProcess {
	id: string;
	name: string;
	description: string;
	status: 'DRAFT' | 'ACTIVE';
	countries: string;
	externalId: string;
	businessProcess: { id: string; uri: string };
	/** simulator bookkeeping: the published process a draft replaces on publish */
	draftOf?: string;
	/** simulator bookkeeping: the ETag's version */
	version: number;
}

interface ProcessAuthoringWorld {
	businessProcesses: SimBusinessProcess[];
	solutionProcesses: SimSolutionProcess[];
}

export const seededBusinessProcessId = (n: number) => `b1a70000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const seededCustomProcessId = (n: number) => `c5a70000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** Seeded custom processes: more than one page of 100. */
export const SEEDED_CUSTOM_PROCESSES = 105;
const BUSINESS_PROCESSES = ['Idea to Market', 'Lead to Cash', 'Source to Pay'];

const uriOf = (id: string) => `${BASE}/businessProcesses/${id}`;

/** Three business processes; 105 custom processes spread over them, every fifth published, with external IDs CP-001…. */
export const processAuthoring = worldStore<ProcessAuthoringWorld>(() => ({
	businessProcesses: BUSINESS_PROCESSES.map((name, n) => ({ id: seededBusinessProcessId(n + 1), name, description: `Seeded business process ${name}`, version: 1 })),
	solutionProcesses: Array.from({ length: SEEDED_CUSTOM_PROCESSES }, (_, n) => {
		const bp = seededBusinessProcessId((n % 3) + 1);
		return {
			id: seededCustomProcessId(n + 1),
			name: `${BUSINESS_PROCESSES[n % 3]} custom process ${n + 1}`,
			description: '',
			status: n % 5 === 0 ? ('ACTIVE' as const) : ('DRAFT' as const),
			countries: n % 2 ? 'DE' : 'DE, US',
			externalId: `CP-${String(n + 1).padStart(3, '0')}`,
			businessProcess: { id: bp, uri: uriOf(bp) },
			version: 1,
		};
	}),
}));

const etagOf = (p: { id: string; version: number }) => `W/"${p.id}-${p.version}"`;
/** A business process as SAP answers it (the notebook's BusinessProcess: name, description, id). */
const bpView = (bp: SimBusinessProcess) => ({ id: bp.id, name: bp.name, description: bp.description });
const oneBp = (status: number, bp: SimBusinessProcess): SimResponse => ({ status, headers: { etag: etagOf(bp) }, body: bpView(bp) });
/** What SAP answers: the process without the simulator's bookkeeping. */
const view = (p: SimSolutionProcess) => ({
	id: p.id,
	name: p.name,
	description: p.description,
	status: p.status,
	countries: p.countries,
	externalId: p.externalId,
	businessProcess: { ...p.businessProcess },
});
const one = (status: number, p: SimSolutionProcess): SimResponse => ({ status, headers: { etag: etagOf(p) }, body: view(p) });

/**
 * `$orderby` (one field of `fields`, as consetto/calmcp src/tools/registry.ts sends it), `$top`/`$skip` over `rows`;
 * any other `$` option or parameter not in `params` answers 400.
 */
function page(req: SimRequest, rows: Array<Record<string, unknown>>, params: string[], fields: string[]): Record<string, unknown> {
	for (const key of req.query.keys()) {
		if (key.startsWith('$') ? !['$top', '$skip', '$orderby'].includes(key) : !params.includes(key)) throw bad(`The query parameter ${key} is not supported`);
	}
	const orderby = req.query.get('$orderby');
	if (orderby !== null) {
		const m = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/.exec(orderby);
		if (!m || !fields.includes(m[1])) throw bad(`Invalid $orderby '${orderby}': give one of ${fields.join(', ')}, optionally followed by asc or desc`);
		const dir = m[2] === 'desc' ? -1 : 1;
		rows = [...rows].sort((a, b) => dir * String(a[m[1]] ?? '').localeCompare(String(b[m[1]] ?? '')));
	}
	const int = (name: string) => {
		const raw = req.query.get(name);
		if (raw === null) return undefined;
		if (!/^\d+$/.test(raw)) throw bad(`${name} must be a non-negative integer, got '${raw}'`);
		return Number(raw);
	};
	const skip = int('$skip') ?? 0;
	const top = Math.min(int('$top') ?? PROCESS_AUTHORING_MAX_TOP, PROCESS_AUTHORING_MAX_TOP);
	return { value: rows.slice(skip, skip + top) };
}

function findProcess(sim: SimContext, id: string): SimSolutionProcess {
	const p = processAuthoring(sim).solutionProcesses.find((x) => x.id === id);
	if (!p) throw new SimError(404, '404', `Solution process ${id} not found`);
	return p;
}

/** If-Match must carry the current ETag: 428 without (simulator choice), 412 with a stale one (SAP's notebook). */
function checkIfMatch(req: SimRequest, p: { id: string; version: number }, staleCode: string, what = 'solution process'): void {
	const given = req.headers['if-match'];
	if (given === undefined) throw new SimError(428, '428', `If-Match with the ${what}'s etag is required`);
	if (given !== etagOf(p) && given !== '*') throw new SimError(412, '412', `The etag ${String(given)} does not match ${what} ${p.id}`, {}, { serviceCode: staleCode });
}

function findBusinessProcess(sim: SimContext, id: string): SimBusinessProcess {
	const bp = processAuthoring(sim).businessProcesses.find((x) => x.id === id);
	if (!bp) throw new SimError(404, '404', `Business process ${id} not found`);
	return bp;
}

/**
 * The checked properties of a business process create or update body (the notebook's BusinessProcessCreate /
 * BusinessProcessUpdate: name "unique, mandatory", maxLength 500; description maxLength 5000). A name another
 * business process has answers 409 (inferred: the notebook gives no error for it).
 */
function businessProcessProps(sim: SimContext, b: Record<string, unknown>, self?: SimBusinessProcess): Partial<SimBusinessProcess> {
	const out: Partial<SimBusinessProcess> = {};
	for (const [k, v] of Object.entries(b)) {
		if (k !== 'name' && k !== 'description') throw bad(`Property '${k}' does not exist in type BusinessProcess`);
		if (typeof v !== 'string') throw bad(`Property '${k}' must be a string`);
		const max = k === 'name' ? 500 : 5000;
		if (v.length > max) throw bad(`Property '${k}' is longer than ${max} characters`);
		if (k === 'name' && !v.trim()) throw bad(`Property 'name' is mandatory`);
		out[k] = v;
	}
	if (out.name !== undefined && processAuthoring(sim).businessProcesses.some((x) => x !== self && x.name === out.name)) {
		throw new SimError(409, '409', `A business process named '${out.name}' already exists`, {}, { serviceCode: 'BUSINESS_PROCESS_NAME_NOT_UNIQUE' });
	}
	return out;
}

const EDITABLE = ['name', 'description', 'countries', 'externalId', 'businessProcess'];
const MAX: Record<string, number> = { name: 500, description: 5000, countries: 5000, externalId: 40 };

/** The checked properties of a create or update body (notebook field specs). */
function processProps(sim: SimContext, b: Record<string, unknown>): Partial<SimSolutionProcess> {
	const out: Partial<SimSolutionProcess> = {};
	for (const [k, v] of Object.entries(b)) {
		if (k === 'status') throw bad(`Property 'status' cannot be changed: publish the solution process instead`);
		if (!EDITABLE.includes(k)) throw bad(`Property '${k}' does not exist in type SolutionProcess`);
		if (k === 'businessProcess') {
			const id = (v as { id?: unknown } | null)?.id;
			if (typeof id !== 'string' || !processAuthoring(sim).businessProcesses.some((bp) => bp.id === id)) throw bad(`Business process ${String(id)} does not exist`);
			out.businessProcess = { id, uri: uriOf(id) };
			continue;
		}
		if (typeof v !== 'string') throw bad(`Property '${k}' must be a string`);
		if (v.length > MAX[k]) throw bad(`Property '${k}' is longer than ${MAX[k]} characters`);
		// the notebook: "If countries variable is empty, the process-authoring-service will automatically add the country XX"
		(out as Record<string, unknown>)[k] = k === 'countries' && !v.trim() ? 'XX' : v;
	}
	return out;
}

export function processAuthoringRoutes(router: Router): void {
	router.get(`${BASE}/businessProcesses`, function listBusinessProcesses(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_READ);
		return { status: 200, body: page(req, processAuthoring(sim).businessProcesses.map(bpView), [], ['id', 'name']) };
	});

	// the notebook's "POST (Create) new Business Process" → 201
	router.post(`${BASE}/businessProcesses`, function createBusinessProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_WRITE);
		const b = jsonObjectBody(req);
		if (b.name === undefined) throw bad(`Property 'name' is required`);
		const props = businessProcessProps(sim, b);
		const bp: SimBusinessProcess = { id: randomUUID(), name: '', description: '', version: 1, ...props };
		processAuthoring(sim).businessProcesses.push(bp);
		return oneBp(201, bp);
	});

	// `/businessProcesses/$count` shares the key position of /businessProcesses/{id}
	router.get(`${BASE}/businessProcesses/:id`, function getBusinessProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_READ);
		const all = processAuthoring(sim).businessProcesses;
		if (req.params.id === '$count') return { status: 200, body: String(all.length) };
		// the notebook: a single GET answers the etag that PATCH and DELETE send as If-Match
		return oneBp(200, findBusinessProcess(sim, req.params.id));
	});

	// the notebook's "PATCH (Edit) Business Process": only what is given changes; stale etag → 412 ETAG_NOT_MATCHING
	router.patch(`${BASE}/businessProcesses/:id`, function updateBusinessProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_WRITE);
		const bp = findBusinessProcess(sim, req.params.id);
		checkIfMatch(req, bp, 'ETAG_NOT_MATCHING', 'business process');
		Object.assign(bp, businessProcessProps(sim, jsonObjectBody(req), bp));
		bp.version++;
		return oneBp(200, bp);
	});

	// the notebook's "DELETE Business Process" → 204 without a body; stale etag → 412 PRECONDITION_FAILED
	router.delete(`${BASE}/businessProcesses/:id`, function deleteBusinessProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_WRITE);
		const bp = findBusinessProcess(sim, req.params.id);
		checkIfMatch(req, bp, 'PRECONDITION_FAILED', 'business process');
		const world = processAuthoring(sim);
		// inferred: the notebook deletes the solution processes first, and a solution process's businessProcess is mandatory
		const holding = world.solutionProcesses.filter((p) => p.businessProcess.id === bp.id).length;
		if (holding) throw new SimError(409, '409', `Business process ${bp.id} still has ${holding} solution process(es): delete or move them first`);
		world.businessProcesses = world.businessProcesses.filter((x) => x !== bp);
		return { status: 204 };
	});

	router.get(`${BASE}/solutionProcesses`, function listCustomProcesses(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_READ);
		const externalId = req.query.get('externalId');
		const rows = processAuthoring(sim).solutionProcesses.filter((p) => externalId === null || p.externalId === externalId);
		return { status: 200, body: page(req, rows.map(view), ['externalId'], ['id', 'name', 'status', 'externalId', 'countries']) };
	});

	router.post(`${BASE}/solutionProcesses`, function createCustomProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_WRITE);
		const b = jsonObjectBody(req);
		if (b.businessProcess === undefined) throw bad(`Property 'businessProcess' is required`);
		const props = processProps(sim, b);
		const p: SimSolutionProcess = {
			id: randomUUID(),
			name: '',
			description: '',
			status: 'DRAFT',
			countries: 'XX',
			externalId: '',
			businessProcess: props.businessProcess!,
			version: 1,
			...props,
		};
		processAuthoring(sim).solutionProcesses.push(p);
		return one(201, p);
	});

	// `/solutionProcesses/$count` shares the key position of /solutionProcesses/{id}
	router.get(`${BASE}/solutionProcesses/:id`, function getCustomProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_READ);
		if (req.params.id === '$count') return { status: 200, body: String(processAuthoring(sim).solutionProcesses.length) };
		return one(200, findProcess(sim, req.params.id));
	});

	router.patch(`${BASE}/solutionProcesses/:id`, function updateCustomProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_WRITE);
		const p = findProcess(sim, req.params.id);
		checkIfMatch(req, p, 'ETAG_NOT_MATCHING');
		if (p.status === 'ACTIVE') throw new SimError(409, '409', `Solution process ${p.id} is published: create a draft (createDraftSolutionProcess) and change the draft`);
		Object.assign(p, processProps(sim, jsonObjectBody(req)));
		p.version++;
		return one(200, p);
	});

	router.delete(`${BASE}/solutionProcesses/:id`, function deleteCustomProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_WRITE);
		const p = findProcess(sim, req.params.id);
		checkIfMatch(req, p, 'PRECONDITION_FAILED');
		const world = processAuthoring(sim);
		world.solutionProcesses = world.solutionProcesses.filter((x) => x !== p);
		return { status: 204 };
	});

	router.post(`${BASE}/publishSolutionProcess/:id`, function publishCustomProcess(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_WRITE);
		const p = findProcess(sim, req.params.id);
		checkIfMatch(req, p, 'PRECONDITION_FAILED');
		const world = processAuthoring(sim);
		const original = p.draftOf ? world.solutionProcesses.find((x) => x.id === p.draftOf) : undefined;
		if (original) {
			// the notebook: a published draft replaces the published process, which keeps its id
			Object.assign(original, {
				name: p.name,
				description: p.description,
				countries: p.countries,
				externalId: p.externalId,
				businessProcess: { ...p.businessProcess },
				version: original.version + 1,
			});
			world.solutionProcesses = world.solutionProcesses.filter((x) => x !== p);
			return one(200, original);
		}
		p.status = 'ACTIVE';
		p.version++;
		return one(200, p);
	});

	router.post(`${BASE}/createDraftSolutionProcess/:id`, function createCustomProcessDraft(req, sim) {
		requireScope(req, sim, PROCESS_AUTHORING_WRITE);
		const p = findProcess(sim, req.params.id);
		checkIfMatch(req, p, 'PRECONDITION_FAILED');
		if (p.status !== 'ACTIVE') throw bad(`A draft is created from a published (ACTIVE) solution process; ${p.id} is ${p.status}`);
		const world = processAuthoring(sim);
		const draft: SimSolutionProcess = { ...p, id: randomUUID(), status: 'DRAFT', draftOf: p.id, version: 1, businessProcess: { ...p.businessProcess } };
		world.solutionProcesses.push(draft);
		return one(201, draft);
	});
}
