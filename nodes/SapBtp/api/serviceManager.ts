/**
 * Service Manager (contract §4) for instances and bindings. Used by the single operations and by
 * "Enable Cloud ALM API", so the procedure is composed from these functions, not duplicated.
 *
 * Every create looks up by name first and goes through `createOrAdopt` (a lost answer is never
 * answered with a second POST). Every async call (202 + Location) is polled to its end: the
 * operation URL, or the resource's `last_operation` when there is no Location; 404 while
 * polling a delete means done. A failed operation surfaces the broker's description. An object
 * whose create failed is deleted and created again by the next run ("recreated").
 */
import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject } from 'n8n-workflow';
import {
	callApi,
	createOrAdopt,
	locationOf,
	pollUntilDone,
	type HttpAnswer,
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

async function smGet<T = IDataObject>(session: BtpSession, access: SmAccess, step: string, path: string, qs?: IDataObject, okStatuses?: number[]) {
	return await callApi<T>(session.ctx, session.transport, access.auth, {
		service: 'serviceManager',
		step,
		method: 'GET',
		url: `${access.smUrl}${path}`,
		qs,
		okStatuses,
	});
}

/** All items of a list (following `token`), or the first `limit`. */
export async function listAll(
	session: BtpSession,
	access: SmAccess,
	step: string,
	path: string,
	qs: IDataObject = {},
	limit = Infinity,
): Promise<SmResource[]> {
	const items: SmResource[] = [];
	let token: string | undefined;
	do {
		const answer = await smGet<{ items?: SmResource[]; token?: string }>(session, access, step, path, {
			...qs,
			...(token ? { token } : {}),
		});
		items.push(...(answer.body?.items ?? []));
		token = answer.body?.token || undefined;
	} while (token && items.length < limit);
	return items.slice(0, limit);
}

// ------------------------------------------------------------------------------------ catalog
export interface PlanIds {
	offeringId: string;
	planId: string;
}

/** One lookup of offering + plan ids by catalog names; undefined when SM does not list them. */
async function lookupPlan(session: BtpSession, access: SmAccess, offeringName: string, planName: string): Promise<PlanIds | undefined> {
	const step = 'Look up offering and plan';
	const offerings = await listAll(session, access, step, '/v1/service_offerings', {
		fieldQuery: `catalog_name eq ${literal(offeringName)}`,
	});
	const offering = offerings[0];
	if (!offering) return undefined;
	const plans = await listAll(session, access, step, '/v1/service_plans', {
		fieldQuery: `catalog_name eq ${literal(planName)} and service_offering_id eq ${literal(offering.id)}`,
	});
	if (plans.length > 1) {
		throw new NodeOperationError(session.node, `Plan "${planName}" of offering "${offeringName}" is ambiguous (${plans.length} matches)`, {
			description: `Step: ${step}\nUse the plan id instead of its name.`,
		});
	}
	return plans[0] ? { offeringId: offering.id, planId: plans[0].id } : undefined;
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
		const answer: HttpAnswer<IDataObject> = await callApi<IDataObject>(session.ctx, session.transport, access.auth, {
			service: 'serviceManager',
			step,
			method: 'GET',
			url: useLocation ? target.location! : resourceUrl,
			okStatuses: [404],
		});
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

// ------------------------------------------------------------------------------------ instances
export async function findInstanceByName(session: BtpSession, access: SmAccess, name: string): Promise<SmResource | undefined> {
	const items = await listAll(session, access, 'Find the service instance by name', '/v1/service_instances', {
		fieldQuery: `name eq ${literal(name)}`,
		attach_last_operations: true,
	});
	return items[0];
}

export async function getInstance(session: BtpSession, access: SmAccess, id: string) {
	return await getResource(session, access, 'service_instances', id, 'Read the service instance');
}

export async function getInstanceParameters(session: BtpSession, access: SmAccess, id: string): Promise<IDataObject> {
	const answer = await smGet<IDataObject>(session, access, 'Read the instance parameters', `/v1/service_instances/${encodeURIComponent(id)}/parameters`);
	return answer.body ?? {};
}

export interface InstanceSpec {
	name: string;
	/** the plan by id, or by catalog names (then the ids are looked up only when needed) */
	planId?: string;
	planNames?: { offering: string; plan: string };
	parameters?: IDataObject;
	labels?: IDataObject;
}

export async function createInstance(
	session: BtpSession,
	access: SmAccess,
	spec: InstanceSpec,
	opts: WaitOptions & { readBack?: boolean },
): Promise<{ instance: SmResource; action: 'created' | 'adopted' }> {
	// by names SM resolves the plan itself (contract §4.6): a new instance needs no lookup of the ids
	const body: IDataObject = spec.planId
		? { name: spec.name, service_plan_id: spec.planId }
		: { name: spec.name, service_offering_name: spec.planNames?.offering, service_plan_name: spec.planNames?.plan };
	if (spec.parameters) body.parameters = spec.parameters;
	if (spec.labels) body.labels = spec.labels;
	const result = await createOrAdopt<SmResource>(
		session.ctx,
		session.transport,
		access.auth,
		{
			service: 'serviceManager',
			step: 'Create the service instance',
			method: 'POST',
			url: `${access.smUrl}/v1/service_instances`,
			qs: { async: true },
			body,
			budgetKey: smBudgetKeys(access.id, 'POST', `${access.smUrl}/v1/service_instances`),
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
		if (instance.service_plan_id && instance.service_plan_id !== (await wantedPlanId(session, access, spec))) throw otherPlan(session, spec.name, instance);
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
	const known = opts.readBack === false ? { service_plan_id: spec.planId, ready: true } : undefined;
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
		service: 'serviceManager',
		step: 'Update the service instance',
		method: 'PATCH',
		url: `${access.smUrl}/v1/service_instances/${encodeURIComponent(instance.id)}`,
		qs: { async: true },
		body: changes,
		// setting parameters to the same values twice is harmless; 422 (op running) is waited out
		idempotent: true,
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
		service: 'serviceManager',
		step: `Delete the ${KIND_LABEL[kind]}`,
		method: 'DELETE',
		url: `${access.smUrl}/v1/${kind}/${encodeURIComponent(resource.id)}`,
		qs: { async: true },
		okStatuses: [404, 410],
		what: `deleting the ${KIND_LABEL[kind]} "${resource.name}"`,
	});
	if (answer.status === 404 || answer.status === 410) return 'absent';
	await settle(session, access, kind, answer, { id: resource.id, name: resource.name, type: 'delete' }, opts);
	return answer.status === 202 && !opts.wait ? 'deleting' : 'deleted';
}

/** The plan id of a spec; looked up (once per execution) only when the spec names the plan. */
async function wantedPlanId(session: BtpSession, access: SmAccess, spec: InstanceSpec): Promise<string> {
	if (spec.planId) return spec.planId;
	if (!spec.planNames) throw new NodeOperationError(session.node, `No plan given for service instance "${spec.name}"`);
	const { offering, plan } = spec.planNames;
	return (await resolvePlan(session, access, offering, plan, session.settings.planGraceMs)).planId;
}

function otherPlan(session: BtpSession, name: string, existing: SmResource) {
	return new NodeOperationError(session.node, `Service instance "${name}" already exists with another plan`, {
		description: `Step: Create or update the service instance\nInstance ${existing.id} uses plan ${String(existing.service_plan_id)}; choose another instance name or delete that instance.`,
	});
}

export type InstanceAction = 'created' | 'adopted' | 'recreated' | 'updated' | 'unchanged' | 'reused';

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
): Promise<{ instance: SmResource; action: InstanceAction }> {
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
	if (existing.service_plan_id && existing.service_plan_id !== (await wantedPlanId(session, access, spec))) throw otherPlan(session, spec.name, existing);
	if (!opts.update || !spec.parameters) return { instance: existing, action: opts.update ? 'unchanged' : 'reused' };
	const current = await getInstanceParameters(session, access, existing.id);
	if (sameParameters(current, spec.parameters)) return { instance: existing, action: 'unchanged' };
	const updated = await updateInstance(session, access, existing, { parameters: spec.parameters }, opts);
	return { instance: updated ?? existing, action: 'updated' };
}

// ------------------------------------------------------------------------------------ bindings
export async function listBindings(session: BtpSession, access: SmAccess, fieldQuery?: string, limit = Infinity) {
	return await listAll(session, access, 'List service bindings', '/v1/service_bindings', fieldQuery ? { fieldQuery, attach_last_operations: true } : { attach_last_operations: true }, limit);
}

export async function findBindingByName(session: BtpSession, access: SmAccess, instanceId: string, name: string) {
	const items = await listBindings(session, access, `name eq ${literal(name)} and service_instance_id eq ${literal(instanceId)}`);
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
	opts: WaitOptions & { instanceIsNew?: boolean },
): Promise<{ binding: SmResource; action: BindingAction }> {
	// an instance created by this very run has no bindings yet: no lookup (a lost POST answer is
	// still adopted through the lookup of createOrAdopt below)
	let existing: SmResource | undefined = opts.instanceIsNew ? undefined : await findBindingByName(session, access, instance.id, spec.name);
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

	const body: IDataObject = { name: spec.name, service_instance_id: instance.id };
	if (spec.parameters) body.parameters = spec.parameters;
	const result = await createOrAdopt<SmResource>(
		session.ctx,
		session.transport,
		access.auth,
		{
			service: 'serviceManager',
			step: 'Create the service binding',
			method: 'POST',
			url: `${access.smUrl}/v1/service_bindings`,
			qs: { async: true },
			body,
			what: `creating the binding "${spec.name}" of instance "${instance.name}"`,
		},
		async () => await findBindingByName(session, access, instance.id, spec.name),
	);
	if (result.kind === 'adopted') {
		const adopted = result.existing;
		if ((isRunning(adopted) || createFailed(adopted)) && opts.wait) {
			await waitForOperation(session, access, { kind: 'service_bindings', id: adopted.id, name: spec.name, type: 'create', timeoutMs: opts.timeoutMs });
		}
		return { binding: (await getBinding(session, access, adopted.id)) ?? adopted, action: 'adopted' };
	}
	const binding = await settle(session, access, 'service_bindings', result.answer as HttpAnswer<IDataObject>, { name: spec.name, type: 'create' }, opts);
	return { binding: binding ?? (result.answer.body as SmResource), action };
}
