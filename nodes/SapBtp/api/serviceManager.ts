/**
 * Service Manager (contract §4) for instances and bindings. Used by the single operations and by
 * "Enable Cloud ALM API", so the procedure is composed from these functions, not duplicated.
 *
 * Every create looks up by name first and goes through `createOrAdopt` (a lost answer is never
 * answered with a second POST). Every async call (202 + Location) is polled to its end: the
 * operation URL, or the resource's `last_operation` when there is no Location; 404 while
 * polling a delete means done. A failed operation surfaces the broker's description. An object
 * whose create failed is deleted and created again by the next run ("recreated").
 *
 * What SAP's Service Manager does that shapes this file:
 * - Listings hold the instances of every platform (Cloud Foundry, Kyma, …); a name is unique only
 *   among `platform_id eq 'service-manager'` (Peripli/service-manager
 *   storage/interceptors/unique_instance_names_interceptor.go), and another platform's instance
 *   cannot be bound or patched through this API. Every lookup by name or plan filters on it and
 *   refuses two matches instead of taking the first.
 * - The same catalog name can exist in several data centers: offerings are looked up with
 *   `and data_center eq ''`, as SAP's operator (SAP/sap-btp-service-operator client/sm/client.go,
 *   getServiceOfferingsByNameAndDataCenter) and crossplane (SAP/crossplane-provider-btp
 *   internal/clients/servicemanager/api_plan_resolver.go, PlanIDByName) do.
 * - Parameters of an offering that is not `instances_retrievable` cannot be read back (GET
 *   …/parameters → 400 "this operation is not supported.", Peripli/service-manager
 *   api/service_instance_controller.go). Drift is detected from a label holding a hash of the
 *   parameters this node applied, as SAP's operator keeps a hash of the spec it applied
 *   (SAP/sap-btp-service-operator api/v1/serviceinstance_types.go GetSpecHash, compared in
 *   controllers/serviceinstance_controller.go updateRequired).
 * - Every call counts against SM's per-caller rate limits (see `smBudgetKeys` in session.ts).
 */
import { createHash } from 'node:crypto';
import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject } from 'n8n-workflow';
import {
	apiError,
	callApi,
	createOrAdopt,
	locationOf,
	pollUntilDone,
	type HttpAnswer,
	type HttpCall,
	type PollCheck,
} from '../../shared/transport';
import { sameParameters } from '../helpers/xsSecurity';
import { obtainDerivedServiceManagerAccess } from './accounts';
import { SM_CREDENTIAL, smBudgetKeys, type BtpSession, type SmAccess, type SmAccessMode } from './session';

export type SmResource = IDataObject & { id: string; name: string; last_operation?: IDataObject };
type Kind = 'service_instances' | 'service_bindings';
const KIND_LABEL: Record<Kind, string> = { service_instances: 'service instance', service_bindings: 'service binding' };

export interface WaitOptions {
	wait: boolean;
	timeoutMs: number;
}

/** Service Manager access of an item: derived per subaccount via CIS, or the SM credential. */
export async function serviceManagerAccess(session: BtpSession, mode: SmAccessMode, subaccountGuid?: string): Promise<SmAccess> {
	if (mode === 'derived') {
		if (!subaccountGuid) throw new NodeOperationError(session.node, 'Subaccount is required for derived Service Manager access');
		return await obtainDerivedServiceManagerAccess(session, subaccountGuid);
	}
	return await session.once('smAccess', 'credential', async () => {
		const key = await session.smCredentialKey();
		return { id: key.uaa.clientId, smUrl: key.smUrl, auth: { kind: 'credential', credentialType: SM_CREDENTIAL }, action: 'credential' };
	});
}

/** A string literal of SM's query language (single quotes, doubled inside). */
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The platform of instances created through the Service Manager API (not CF, not Kyma). */
export const SM_PLATFORM = 'service-manager';
const ON_SM_PLATFORM = `platform_id eq ${literal(SM_PLATFORM)}`;

/** A Service Manager call of `access`, counted against every SM limit it falls under. */
function smCall(access: SmAccess, call: Omit<HttpCall, 'service' | 'budgetKey'>): HttpCall {
	return { ...call, service: 'serviceManager', budgetKey: smBudgetKeys(access.id, call.method, call.url) };
}

async function smGet<T = IDataObject>(session: BtpSession, access: SmAccess, step: string, path: string, qs?: IDataObject, okStatuses?: number[]) {
	return await callApi<T>(session.ctx, session.transport, access.auth, smCall(access, { step, method: 'GET', url: `${access.smUrl}${path}`, qs, okStatuses }));
}

/** Two objects where SAP guarantees one (or where the node must not guess): a clear error, never `items[0]`. */
export function ambiguous(session: BtpSession, step: string, what: string, matches: SmResource[], fix: string) {
	const ids = matches.map((m) => `${m.id}${m.platform_id ? ` (platform ${String(m.platform_id)})` : ''}`).join(', ');
	return new NodeOperationError(session.node, `${what} is ambiguous: Service Manager lists ${matches.length} matches`, {
		description: `Step: ${step}\nMatches: ${ids}\n${fix}`,
	});
}

/**
 * The most pages one Service Manager list follows (issue 12 weakness 7: a server that always
 * answers with a new `token` must not be followed forever).
 */
export const SM_MAX_PAGES = 1000;

/** A warning in the output pane (n8n execution hints); list searches have no output pane. */
const itemCount = (n: number) => `${n} item${n === 1 ? '' : 's'}`;

function pagingHint(session: BtpSession, message: string): void {
	const ctx = session.ctx as { addExecutionHints?: (...hints: Array<{ message: string; type: 'warning'; location: 'outputPane' }>) => void };
	ctx.addExecutionHints?.({ message, type: 'warning', location: 'outputPane' });
}

/**
 * All items of a list (following `token`), or the first `limit`. Stops, saying so, on a page
 * without items that still has a token, on a token seen before, and after SM_MAX_PAGES pages.
 */
export async function listAll(
	session: BtpSession,
	access: SmAccess,
	step: string,
	path: string,
	qs: IDataObject = {},
	limit = Infinity,
): Promise<SmResource[]> {
	const items: SmResource[] = [];
	const tokens = new Set<string>();
	let token: string | undefined;
	for (let pages = 0; ; pages++) {
		if (pages === SM_MAX_PAGES) {
			pagingHint(session, `Service Manager: GET ${path} stopped after ${SM_MAX_PAGES} pages (${itemCount(items.length)}), the most the node follows; the list may be longer. Narrow it with a field or label query.`);
			break;
		}
		const answer = await smGet<{ items?: SmResource[]; token?: string }>(session, access, step, path, {
			...qs,
			...(token ? { token } : {}),
		});
		const page = answer.body?.items ?? [];
		items.push(...page);
		token = typeof answer.body?.token === 'string' && answer.body.token ? answer.body.token : undefined;
		if (!token || items.length >= limit) break;
		if (!page.length) {
			pagingHint(session, `Service Manager sent an empty page with a next-page token (GET ${path}); the node stopped there with ${itemCount(items.length)}.`);
			break;
		}
		if (tokens.has(token)) {
			pagingHint(session, `Service Manager sent a next-page token it had sent before (GET ${path}); the node did not fetch that page again and stopped with ${itemCount(items.length)}.`);
			break;
		}
		tokens.add(token);
	}
	return items.slice(0, limit);
}

// ------------------------------------------------------------------------------------ catalog
export interface PlanIds {
	offeringId: string;
	planId: string;
	/** whether SM can read an instance's parameters back (false or absent: it cannot) */
	instancesRetrievable: boolean;
}

/** The offering of this catalog name in the default data center (`data_center eq ''`). */
export async function findOffering(session: BtpSession, access: SmAccess, offeringName: string, step: string): Promise<SmResource | undefined> {
	const offerings = await listAll(session, access, step, '/v1/service_offerings', {
		fieldQuery: `catalog_name eq ${literal(offeringName)} and data_center eq ''`,
	});
	if (offerings.length > 1) {
		throw ambiguous(session, step, `Service offering "${offeringName}"`, offerings, 'Service Manager lists this catalog name more than once in the default data center; use the plan id instead of the names.');
	}
	return offerings[0];
}

/** One lookup of offering + plan ids by catalog names; undefined when SM does not list them. */
async function lookupPlan(session: BtpSession, access: SmAccess, offeringName: string, planName: string): Promise<PlanIds | undefined> {
	const step = 'Look up offering and plan';
	const offering = await findOffering(session, access, offeringName, step);
	if (!offering) return undefined;
	const plans = await listAll(session, access, step, '/v1/service_plans', {
		fieldQuery: `catalog_name eq ${literal(planName)} and service_offering_id eq ${literal(offering.id)}`,
	});
	if (plans.length > 1) {
		throw new NodeOperationError(session.node, `Plan "${planName}" of offering "${offeringName}" is ambiguous (${plans.length} matches)`, {
			description: `Step: ${step}\nUse the plan id instead of its name.`,
		});
	}
	return plans[0] ? { offeringId: offering.id, planId: plans[0].id, instancesRetrievable: offering.instances_retrievable === true } : undefined;
}

function planNotOffered(session: BtpSession, offeringName: string, planName: string, waitedMs = 0) {
	return new NodeOperationError(session.node, `Service Manager does not offer ${offeringName}/${planName} in this subaccount`, {
		description: `Step: Look up offering and plan${waitedMs ? ` (waited ${Math.round(waitedMs / 1000)} s after the entitlement)` : ''}\nService Manager lists a plan only when the subaccount is entitled to it. Entitle the plan first (Entitlement → Configure, or Enable Cloud ALM API), or check the names (offering "${offeringName}", plan "${planName}").`,
	});
}

/**
 * Offering and plan ids by catalog names, looked up once per execution (the ids are the same in
 * every subaccount). With `graceMs`, a plan that is not listed yet (SM needs a moment after an
 * entitlement: "plan not found right after entitling") is looked up again until the grace ends.
 */
export async function resolvePlan(
	session: BtpSession,
	access: SmAccess,
	offeringName: string,
	planName: string,
	graceMs = 0,
): Promise<PlanIds> {
	return await session.once('planIds', `${offeringName}/${planName}`, async () => {
		const first = await lookupPlan(session, access, offeringName, planName);
		if (first) return first;
		if (graceMs <= 0) throw planNotOffered(session, offeringName, planName);
		const started = Date.now();
		const found = await pollUntilDone(
			session.node,
			session.transport,
			{
				step: 'Look up offering and plan',
				what: `Plan ${offeringName}/${planName} (not yet listed by Service Manager)`,
				timeoutMs: graceMs,
				resumeHint: 'The entitlement may still be processing; run the workflow again in a minute.',
				settings: { firstDelayMs: 500, maxDelayMs: 3_000 },
			},
			async () => {
				const ids = await lookupPlan(session, access, offeringName, planName);
				return ids ? { done: true as const, value: ids } : { done: false as const, state: 'not listed' };
			},
		).catch(() => undefined);
		if (!found) throw planNotOffered(session, offeringName, planName, Date.now() - started);
		return found.value;
	});
}

// ------------------------------------------------------------------------------------ operations
const isRunning = (r?: SmResource) => r?.last_operation?.state === 'in progress' || r?.last_operation?.state === 'pending';
export const createFailed = (r?: SmResource) =>
	!!r && r.last_operation?.type === 'create' && r.last_operation?.state === 'failed';

function brokerReason(op: IDataObject | undefined): string {
	const errors = op?.errors;
	const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
	const texts = list
		.map((e) => (e && typeof e === 'object' ? String((e as IDataObject).description ?? (e as IDataObject).error ?? '') : String(e)))
		.filter(Boolean);
	return texts.join('; ') || String(op?.description ?? 'no reason given');
}

/** Polls an async SM operation to its end; a failed one throws with the broker's reason. */
export async function waitForOperation(
	session: BtpSession,
	access: SmAccess,
	target: { kind: Kind; id: string; name: string; type: string; location?: string; timeoutMs: number },
): Promise<{ state: string; polls: number }> {
	const label = `${KIND_LABEL[target.kind]} "${target.name}"`;
	const step = `Wait for the ${target.type} of the ${label}`;
	const resourceUrl = `${access.smUrl}/v1/${target.kind}/${encodeURIComponent(target.id)}`;
	let useLocation = !!target.location;
	const check = async (): Promise<PollCheck<IDataObject | undefined>> => {
		const answer: HttpAnswer<IDataObject> = await callApi<IDataObject>(
			session.ctx,
			session.transport,
			access.auth,
			smCall(access, { step, method: 'GET', url: useLocation ? target.location! : resourceUrl, okStatuses: [404] }),
		);
		if (answer.status === 404) {
			if (target.type === 'delete') return { done: true, value: { state: 'succeeded' } };
			if (useLocation) {
				useLocation = false; // operation gone: read the resource's last_operation instead
				return { done: false };
			}
			throw new NodeOperationError(session.node, `The ${label} disappeared while its ${target.type} was running`, {
				description: `Step: ${step}`,
			});
		}
		const op = useLocation ? answer.body : (answer.body?.last_operation as IDataObject | undefined);
		const state = String(op?.state ?? (answer.body?.ready ? 'succeeded' : 'in progress'));
		if (state === 'succeeded' || state === 'failed') return { done: true, value: op ?? { state } };
		return { done: false, state };
	};
	const result = await pollUntilDone(
		session.node,
		session.transport,
		{
			step,
			what: `The ${target.type} of the ${label}`,
			timeoutMs: target.timeoutMs,
			resumeHint: `Run the node again later: it finds the ${KIND_LABEL[target.kind]} by name and continues.`,
		},
		check,
	);
	const state = String(result.value?.state ?? 'succeeded');
	if (state === 'failed') {
		const reason = brokerReason(result.value);
		const message = `Service Manager could not ${target.type} the ${label}: ${reason}`;
		const repair =
			target.type === 'create'
				? `The failed ${KIND_LABEL[target.kind]} is left in place; the next run of Create / Create or Update deletes and recreates it.`
				: 'Run the node again to retry.';
		const description = [`Step: ${step}`, 'Operation state: failed', `Broker reason: ${reason}`, repair].join('\n');
		throw new NodeApiError(session.node, { message, description } as JsonObject, { message, description });
	}
	return { state, polls: result.polls };
}

/** Id of the resource in a 202 Location (`/v1/service_instances/<id>/operations/<op>`). */
const idFromLocation = (location: string | undefined, kind: Kind) =>
	location ? new RegExp(`/v1/${kind}/([^/]+)/operations/`).exec(location)?.[1] : undefined;

async function getResource(session: BtpSession, access: SmAccess, kind: Kind, id: string, step: string) {
	return (await smGet<SmResource>(session, access, step, `/v1/${kind}/${encodeURIComponent(id)}`)).body;
}

/** Settles an async answer: waits for the op (if asked) and returns the resource as it is now. */
async function settle(
	session: BtpSession,
	access: SmAccess,
	kind: Kind,
	answer: HttpAnswer<IDataObject>,
	fallback: { id?: string; name: string; type: string; known?: IDataObject },
	opts: WaitOptions,
): Promise<SmResource | undefined> {
	const location = locationOf(answer);
	const id = fallback.id ?? idFromLocation(location, kind) ?? (answer.body?.id as string | undefined);
	const waited = answer.status === 202 && opts.wait && !!id;
	if (waited) {
		await waitForOperation(session, access, { kind, id: id!, name: fallback.name, type: fallback.type, location, timeoutMs: opts.timeoutMs });
	}
	if (fallback.type === 'delete' || !id) return undefined;
	if (fallback.known && (waited || answer.status < 202)) {
		return { ...fallback.known, id, name: fallback.name, last_operation: { type: fallback.type, state: 'succeeded' } };
	}
	return await getResource(session, access, kind, id, `Read the ${KIND_LABEL[kind]} "${fallback.name}"`);
}

// ------------------------------------------------------------------------------------ ownership labels
/**
 * Label keys of this node. The hash label's KEY carries the hash: SM has no "replace" for a label
 * value and refuses a remove and an add of the same key in one request (SAP's operator works
 * around it with two PATCHes, SAP/sap-btp-service-operator client/sm/client.go RenameBinding), so
 * a new hash is one add of a new key plus one remove of the old key, in the PATCH that applies the
 * parameters. The key stays within SM's label rules (≤ 100 characters, no whitespace, "=" or ",").
 */
export const PARAMETERS_HASH_LABEL_PREFIX = 'n8n-parameters-sha256-';
export const OWNER_LABEL = 'created_by';
export const OWNER = 'n8n-nodes-sap-cloud-alm';

/** Parameters in a canonical form: keys sorted, arrays of plain values sorted (as `sameParameters` compares). */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) {
		const items = value.map(canonical);
		if (items.every((x) => x === null || typeof x !== 'object')) {
			return items.map((x) => JSON.stringify(x)).sort().map((x) => JSON.parse(x) as unknown);
		}
		return items;
	}
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) out[key] = canonical((value as IDataObject)[key]);
		return out;
	}
	return value;
}

/** SHA-256 (hex) of the parameters in canonical form. */
export const parametersHash = (parameters: IDataObject): string =>
	createHash('sha256').update(JSON.stringify(canonical(parameters))).digest('hex');

export const parametersHashLabel = (parameters: IDataObject) => `${PARAMETERS_HASH_LABEL_PREFIX}${parametersHash(parameters)}`;

const hashLabelsOf = (labels: unknown): string[] =>
	labels && typeof labels === 'object' ? Object.keys(labels).filter((k) => k.startsWith(PARAMETERS_HASH_LABEL_PREFIX)) : [];

/** The label changes that make the hash label say `parameters` (none when it already does). */
export function hashLabelChanges(labels: unknown, parameters: IDataObject): IDataObject[] {
	const wanted = parametersHashLabel(parameters);
	const present = hashLabelsOf(labels);
	return [
		...(present.includes(wanted) ? [] : [{ op: 'add', key: wanted, values: [OWNER] }]),
		...present.filter((k) => k !== wanted).map((key) => ({ op: 'remove', key })),
	];
}

const isOwn = (resource: SmResource) => {
	const values = (resource.labels as IDataObject | undefined)?.[OWNER_LABEL];
	return Array.isArray(values) && (values as unknown[]).includes(OWNER);
};

/** Whether this node created the instance or binding (it carries one of the node's labels). */
export const createdByThisNode = (resource: SmResource) => isOwn(resource) || hashLabelsOf(resource.labels).length > 0;

// ------------------------------------------------------------------------------------ instances
/**
 * The instance of this name on Service Manager's own platform (names are unique only there;
 * Cloud Foundry and Kyma instances of the same name are not ours to adopt). Two matches: error.
 */
export async function findInstanceByName(
	session: BtpSession,
	access: SmAccess,
	name: string,
	step = 'Find the service instance by name',
): Promise<SmResource | undefined> {
	const items = await listAll(session, access, step, '/v1/service_instances', {
		fieldQuery: `name eq ${literal(name)} and ${ON_SM_PLATFORM}`,
		attach_last_operations: true,
	});
	if (items.length > 1) {
		throw ambiguous(session, step, `Service instance name "${name}"`, items, 'Service Manager keeps instance names unique on its own platform; rename or delete one of them in the BTP cockpit.');
	}
	return items[0];
}

/** Instances of this name on other platforms (Cloud Foundry, Kyma): read only to explain a miss. */
export async function findInstancesElsewhere(session: BtpSession, access: SmAccess, name: string, step: string): Promise<SmResource[]> {
	return await listAll(session, access, step, '/v1/service_instances', {
		fieldQuery: `name eq ${literal(name)} and platform_id ne ${literal(SM_PLATFORM)}`,
	});
}

export async function getInstance(session: BtpSession, access: SmAccess, id: string) {
	return await getResource(session, access, 'service_instances', id, 'Read the service instance');
}

export type ParametersRead = { retrievable: true; parameters: IDataObject } | { retrievable: false; reason: string };

/**
 * An instance's parameters, or why SM cannot give them: an offering that is not
 * `instances_retrievable` answers 400 "this operation is not supported." (Peripli/service-manager
 * api/service_instance_controller.go); SAP's recorded catalogs show xs-security offerings so.
 */
export async function readInstanceParameters(session: BtpSession, access: SmAccess, id: string): Promise<ParametersRead> {
	const step = 'Read the instance parameters';
	const answer = await smGet<IDataObject>(session, access, step, `/v1/service_instances/${encodeURIComponent(id)}/parameters`, undefined, [400]);
	if (answer.status === 400) {
		if (/not supported/i.test(JSON.stringify(answer.body ?? ''))) {
			return {
				retrievable: false,
				reason: 'Service Manager cannot read this instance\'s parameters back: its offering is not instances_retrievable ("this operation is not supported.")',
			};
		}
		throw apiError(session.node, { step, service: 'serviceManager', status: answer.status, body: answer.body, headers: answer.headers });
	}
	return { retrievable: true, parameters: answer.body ?? {} };
}

export interface InstanceSpec {
	name: string;
	/** the plan by id, or by catalog names (then the ids are looked up, once per execution) */
	planId?: string;
	planNames?: { offering: string; plan: string };
	/** with `planId`: whether the offering is instances_retrievable (unknown = not) */
	instancesRetrievable?: boolean;
	parameters?: IDataObject;
	labels?: IDataObject;
}

/** Plan id and retrievability of a spec; by names looked up (once per execution, `data_center eq ''`). */
async function wantedPlan(session: BtpSession, access: SmAccess, spec: InstanceSpec): Promise<PlanIds> {
	if (spec.planId) return { offeringId: '', planId: spec.planId, instancesRetrievable: spec.instancesRetrievable === true };
	if (!spec.planNames) throw new NodeOperationError(session.node, `No plan given for service instance "${spec.name}"`);
	const { offering, plan } = spec.planNames;
	return await resolvePlan(session, access, offering, plan, session.settings.planGraceMs);
}

export async function createInstance(
	session: BtpSession,
	access: SmAccess,
	spec: InstanceSpec,
	opts: WaitOptions & { readBack?: boolean },
): Promise<{ instance: SmResource; action: 'created' | 'adopted' }> {
	// by plan id, never by catalog names: the same names can exist in several data centers, and
	// which one SM picks for names is not documented (SAP's operator and crossplane resolve the id)
	const { planId } = await wantedPlan(session, access, spec);
	const body: IDataObject = { name: spec.name, service_plan_id: planId };
	if (spec.parameters) body.parameters = spec.parameters;
	// the node's labels: who created it (so it is never taken for SAP's instance) and the hash of
	// the parameters it applied
	const labels: IDataObject = { ...(spec.labels ?? {}), [OWNER_LABEL]: [OWNER] };
	if (spec.parameters) labels[parametersHashLabel(spec.parameters)] = [OWNER];
	body.labels = labels;
	const result = await createOrAdopt<SmResource>(
		session.ctx,
		session.transport,
		access.auth,
		{
			...smCall(access, { step: 'Create the service instance', method: 'POST', url: `${access.smUrl}/v1/service_instances`, qs: { async: true }, body }),
			what: `creating the service instance "${spec.name}"`,
		},
		async () => await findInstanceByName(session, access, spec.name),
		{
			// right after an entitlement SM may not list the plan for a few seconds
			transient: (a) => a.status === 404 && /service plan/i.test(JSON.stringify(a.body ?? '')),
			graceUntil: Date.now() + session.settings.planGraceMs,
		},
	);
	if (result.kind === 'adopted') {
		let instance = result.existing;
		// a 409 for a name held by an instance of another plan is not a create of ours
		if (instance.service_plan_id && instance.service_plan_id !== planId) throw otherPlan(session, spec.name, instance);
		// a lost create whose operation already FAILED is reported with the broker's reason here, not
		// as "instance not ready" by the binding step after it
		if ((isRunning(instance) || createFailed(instance)) && opts.wait) {
			await waitForOperation(session, access, {
				kind: 'service_instances',
				id: instance.id,
				name: spec.name,
				type: String(instance.last_operation?.type ?? 'create'),
				timeoutMs: opts.timeoutMs,
			});
			instance = (await getInstance(session, access, instance.id))!;
		}
		return { instance, action: 'adopted' };
	}
	// without read-back the instance is described by what is known once its create succeeded (issue 7:
	// one GET less per chain); its id comes from the Location or the answer
	const known = opts.readBack === false ? { service_plan_id: planId, ready: true, labels } : undefined;
	const instance = await settle(session, access, 'service_instances', result.answer as HttpAnswer<IDataObject>, { name: spec.name, type: 'create', known }, opts);
	return { instance: instance ?? (result.answer.body as SmResource), action: 'created' };
}

export async function updateInstance(
	session: BtpSession,
	access: SmAccess,
	instance: { id: string; name: string },
	changes: IDataObject,
	opts: WaitOptions,
): Promise<SmResource | undefined> {
	const answer = await callApi<IDataObject>(session.ctx, session.transport, access.auth, {
		...smCall(access, {
			step: 'Update the service instance',
			method: 'PATCH',
			url: `${access.smUrl}/v1/service_instances/${encodeURIComponent(instance.id)}`,
			qs: { async: true },
			body: changes,
			// setting parameters to the same values twice is harmless; 422 (op running) is waited out
			idempotent: true,
		}),
		what: `updating the service instance "${instance.name}"`,
	});
	return await settle(session, access, 'service_instances', answer, { id: instance.id, name: String(changes.name ?? instance.name), type: 'update' }, opts);
}

export async function deleteResource(
	session: BtpSession,
	access: SmAccess,
	kind: Kind,
	resource: { id: string; name: string },
	opts: WaitOptions,
): Promise<'deleted' | 'deleting' | 'absent'> {
	const answer = await callApi<IDataObject>(session.ctx, session.transport, access.auth, {
		...smCall(access, {
			step: `Delete the ${KIND_LABEL[kind]}`,
			method: 'DELETE',
			url: `${access.smUrl}/v1/${kind}/${encodeURIComponent(resource.id)}`,
			qs: { async: true },
			okStatuses: [404, 410],
		}),
		what: `deleting the ${KIND_LABEL[kind]} "${resource.name}"`,
	});
	if (answer.status === 404 || answer.status === 410) return 'absent';
	await settle(session, access, kind, answer, { id: resource.id, name: resource.name, type: 'delete' }, opts);
	return answer.status === 202 && !opts.wait ? 'deleting' : 'deleted';
}

function otherPlan(session: BtpSession, name: string, existing: SmResource) {
	return new NodeOperationError(session.node, `Service instance "${name}" already exists with another plan`, {
		description: `Step: Create or update the service instance\nInstance ${existing.id} uses plan ${String(existing.service_plan_id)}; choose another instance name or delete that instance.`,
	});
}

export type InstanceAction = 'created' | 'adopted' | 'recreated' | 'updated' | 'unchanged' | 'reused';

interface Drift {
	changed: boolean;
	/** label changes that make the hash label match the wanted parameters */
	labelChanges: IDataObject[];
	/** how the decision was made, when it was not the hash label */
	note?: string;
}

/**
 * Whether an existing instance's parameters differ from `parameters`, without reading them back
 * when SM cannot: the hash label this node set when it last applied parameters decides. An
 * instance without that label (created in the cockpit, by SAP, or by an older version of this
 * node) is compared by reading its parameters when its offering allows it; otherwise the
 * parameters are applied to be sure (a PATCH with the same values changes nothing), and the note
 * says so.
 */
async function parameterDrift(session: BtpSession, access: SmAccess, existing: SmResource, parameters: IDataObject, retrievable: boolean): Promise<Drift> {
	const present = hashLabelsOf(existing.labels);
	const labelChanges = hashLabelChanges(existing.labels, parameters);
	if (present.length) return { changed: labelChanges.length > 0, labelChanges };
	if (retrievable) {
		const read = await readInstanceParameters(session, access, existing.id);
		if (read.retrievable) return { changed: !sameParameters(read.parameters, parameters), labelChanges, note: 'Compared by reading the parameters back (the instance has no parameter hash label of this node).' };
	}
	return {
		changed: true,
		labelChanges,
		note: `Instance "${existing.name}" has no parameter hash label of this node (it was created elsewhere or by an older version) and Service Manager cannot read its parameters back, so the parameters were applied to be sure. From now on the label tells whether they changed.`,
	};
}

/**
 * The instance called `spec.name`, made to match: created when absent, deleted and recreated
 * when its create had failed, PATCHed only when its parameters differ (updated/unchanged).
 */
export async function createOrUpdateInstance(
	session: BtpSession,
	access: SmAccess,
	spec: InstanceSpec,
	opts: WaitOptions & { update: boolean; readBack?: boolean },
	/** the caller already looked the name up (e.g. while the entitlement job ran): no second list */
	lookedUp?: { existing: SmResource | undefined },
): Promise<{ instance: SmResource; action: InstanceAction; note?: string }> {
	let existing = lookedUp ? lookedUp.existing : await findInstanceByName(session, access, spec.name);
	if (existing && isRunning(existing)) {
		await waitForOperation(session, access, {
			kind: 'service_instances',
			id: existing.id,
			name: spec.name,
			type: String(existing.last_operation?.type ?? 'operation'),
			timeoutMs: opts.timeoutMs,
		}).catch(() => undefined); // a failed earlier op is handled below like any failed create
		existing = await findInstanceByName(session, access, spec.name);
	}
	if (existing && createFailed(existing)) {
		await deleteResource(session, access, 'service_instances', existing, { wait: true, timeoutMs: opts.timeoutMs });
		const { instance } = await createInstance(session, access, spec, opts);
		return { instance, action: 'recreated' };
	}
	if (!existing) return await createInstance(session, access, spec, opts);
	const plan = await wantedPlan(session, access, spec);
	if (existing.service_plan_id && existing.service_plan_id !== plan.planId) throw otherPlan(session, spec.name, existing);
	if (!opts.update || !spec.parameters) return { instance: existing, action: opts.update ? 'unchanged' : 'reused' };
	const drift = await parameterDrift(session, access, existing, spec.parameters, plan.instancesRetrievable);
	if (!drift.changed) return { instance: existing, action: 'unchanged', ...(drift.note ? { note: drift.note } : {}) };
	const changes: IDataObject = { parameters: spec.parameters };
	if (drift.labelChanges.length) changes.labels = drift.labelChanges;
	const updated = await updateInstance(session, access, existing, changes, opts);
	return { instance: updated ?? existing, action: 'updated', ...(drift.note ? { note: drift.note } : {}) };
}

// ------------------------------------------------------------------------------------ bindings
export async function listBindings(session: BtpSession, access: SmAccess, fieldQuery?: string, limit = Infinity, step = 'List service bindings') {
	return await listAll(session, access, step, '/v1/service_bindings', fieldQuery ? { fieldQuery, attach_last_operations: true } : { attach_last_operations: true }, limit);
}

export async function findBindingByName(session: BtpSession, access: SmAccess, instanceId: string, name: string) {
	const step = 'Find the service binding by name';
	const items = await listBindings(session, access, `name eq ${literal(name)} and service_instance_id eq ${literal(instanceId)}`, Infinity, step);
	if (items.length > 1) throw ambiguous(session, step, `Service binding name "${name}"`, items, 'Service Manager keeps binding names unique per instance; delete one of them.');
	return items[0];
}

export async function getBinding(session: BtpSession, access: SmAccess, id: string) {
	return await getResource(session, access, 'service_bindings', id, 'Read the service binding');
}

export type BindingAction = 'created' | 'adopted' | 'recreated' | 'reused';

/** The binding `name` on the instance: reused when it exists and is usable, else created. */
export async function createOrReuseBinding(
	session: BtpSession,
	access: SmAccess,
	instance: { id: string; name: string },
	spec: { name: string; parameters?: IDataObject },
	opts: WaitOptions & {
		instanceIsNew?: boolean;
		/** reuse a binding of this name only if this node created it (e.g. on an instance SAP created) */
		ownOnly?: { why: string };
	},
): Promise<{ binding: SmResource; action: BindingAction }> {
	const step = 'Create the service binding';
	const checkOwn = (b: SmResource) => {
		if (opts.ownOnly && !isOwn(b)) {
			throw new NodeOperationError(session.node, `Binding "${spec.name}" of instance "${instance.name}" was not created by this node`, {
				description: `Step: ${step}\n${opts.ownOnly.why}\nChoose another Binding Name: the node then creates a binding of its own.`,
			});
		}
		return b;
	};
	// an instance created by this very run has no bindings yet: no lookup (a lost POST answer is
	// still adopted through the lookup of createOrAdopt below)
	let existing: SmResource | undefined = opts.instanceIsNew ? undefined : await findBindingByName(session, access, instance.id, spec.name);
	if (existing) checkOwn(existing);
	let action: BindingAction = 'created';
	if (existing && isRunning(existing) && opts.wait) {
		await waitForOperation(session, access, {
			kind: 'service_bindings',
			id: existing.id,
			name: spec.name,
			type: String(existing.last_operation?.type ?? 'create'),
			timeoutMs: opts.timeoutMs,
		}).catch(() => undefined);
		existing = await findBindingByName(session, access, instance.id, spec.name);
	}
	if (existing && createFailed(existing)) {
		await deleteResource(session, access, 'service_bindings', existing, { wait: true, timeoutMs: opts.timeoutMs });
		existing = undefined;
		action = 'recreated';
	}
	if (existing) return { binding: (await getBinding(session, access, existing.id)) ?? existing, action: 'reused' };

	// the label marks the binding as this node's, so a later run can tell it from anyone else's
	const body: IDataObject = { name: spec.name, service_instance_id: instance.id, labels: { [OWNER_LABEL]: [OWNER] } };
	if (spec.parameters) body.parameters = spec.parameters;
	const result = await createOrAdopt<SmResource>(
		session.ctx,
		session.transport,
		access.auth,
		{
			...smCall(access, { step, method: 'POST', url: `${access.smUrl}/v1/service_bindings`, qs: { async: true }, body }),
			what: `creating the binding "${spec.name}" of instance "${instance.name}"`,
		},
		async () => await findBindingByName(session, access, instance.id, spec.name),
	);
	if (result.kind === 'adopted') {
		const adopted = checkOwn(result.existing);
		if ((isRunning(adopted) || createFailed(adopted)) && opts.wait) {
			await waitForOperation(session, access, { kind: 'service_bindings', id: adopted.id, name: spec.name, type: 'create', timeoutMs: opts.timeoutMs });
		}
		return { binding: (await getBinding(session, access, adopted.id)) ?? adopted, action: 'adopted' };
	}
	const binding = await settle(session, access, 'service_bindings', result.answer as HttpAnswer<IDataObject>, { name: spec.name, type: 'create' }, opts);
	return { binding: binding ?? (result.answer.body as SmResource), action };
}
