/**
 * The Service Manager client of one caller: every SM path and every SM call of the node is made
 * here, bound to a session (transport, budget, execution hints) and an access (sm_url, token,
 * budget identity). Modeled on SAP's operator (SAP/sap-btp-service-operator client/sm/client.go:
 * one `Client` with ListInstances, GetInstanceByID, Provision, UpdateInstance, Deprovision,
 * ListBindings, GetBindingByID, Bind, Unbind, ListOfferings, ListPlans, Status), with the
 * queries of query.ts instead of strings.
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
 * - Every call counts against SM's per-caller rate limits (see `smBudgetKeys` in rateLimits.ts).
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { apiError, callApi, createOrAdopt, type AdoptOptions, type CreateResult, type HttpAnswer, type HttpCall } from '../../../shared/transport';
import type { BtpSession, SmAccess } from '../session';
import { and, eq, inDefaultDataCenter, ne, onSmPlatform, SM_PLATFORM, type SmQuery } from './query';
import { smBudgetKeys } from './rateLimits';
import type { SmBinding, SmCollection, SmInstance, SmKind, SmLabelChange, SmOffering, SmPlan, SmResource } from './types';

/**
 * The most pages one Service Manager list follows (issue 12 weakness 7: a server that always
 * answers with a new `token` must not be followed forever).
 */
export const SM_MAX_PAGES = 1000;

/** The filters of a list (SM's `fieldQuery`, `labelQuery`, `attach_last_operations`). */
export interface ListQuery {
	fieldQuery?: SmQuery;
	labelQuery?: SmQuery;
	/** each object with its `last_operation` (instances and bindings) */
	attachLastOperations?: boolean;
}

/** A warning in the output pane (n8n execution hints); list searches have no output pane. */
const itemCount = (n: number) => `${n} item${n === 1 ? '' : 's'}`;

/** Two objects where SAP guarantees one (or where the node must not guess): a clear error, never `items[0]`. */
export function ambiguous(session: BtpSession, step: string, what: string, matches: SmResource[], fix: string) {
	const ids = matches.map((m) => `${m.id}${m.platform_id ? ` (platform ${String(m.platform_id)})` : ''}`).join(', ');
	return new NodeOperationError(session.node, `${what} is ambiguous: Service Manager lists ${matches.length} matches`, {
		description: `Step: ${step}\nMatches: ${ids}\n${fix}`,
	});
}

/** Id of the resource in a 202 Location (`/v1/service_instances/<id>/operations/<op>`). */
export const idFromLocation = (location: string | undefined, kind: SmKind) =>
	location ? new RegExp(`/v1/${kind}/([^/]+)/operations/`).exec(location)?.[1] : undefined;

export class ServiceManagerClient {
	constructor(
		readonly session: BtpSession,
		readonly access: SmAccess,
	) {}

	// ---------------------------------------------------------------------------------- plumbing
	private path(collection: SmCollection, id?: string, sub?: 'parameters') {
		return `/v1/${collection}${id === undefined ? '' : `/${encodeURIComponent(id)}`}${sub ? `/${sub}` : ''}`;
	}

	/** A Service Manager call of this access, counted against every SM limit it falls under. */
	private call(call: Omit<HttpCall, 'service' | 'budgetKey'>): HttpCall {
		return { ...call, service: 'serviceManager', budgetKey: smBudgetKeys(this.access.id, call.method, call.url) };
	}

	private async send<T = IDataObject>(call: Omit<HttpCall, 'service' | 'budgetKey'>): Promise<HttpAnswer<T>> {
		return await callApi<T>(this.session.ctx, this.session.transport, this.access.auth, this.call(call));
	}

	private async get<T = IDataObject>(step: string, path: string, qs?: IDataObject, okStatuses?: number[]) {
		return await this.send<T>({ step, method: 'GET', url: `${this.access.smUrl}${path}`, qs, okStatuses });
	}

	private pagingHint(message: string): void {
		const ctx = this.session.ctx as { addExecutionHints?: (...hints: Array<{ message: string; type: 'warning'; location: 'outputPane' }>) => void };
		ctx.addExecutionHints?.({ message, type: 'warning', location: 'outputPane' });
	}

	// ---------------------------------------------------------------------------------- lists
	/**
	 * All items of a list (following `token`), or the first `limit`. Stops, saying so, on a page
	 * without items that still has a token, on a token seen before, and after SM_MAX_PAGES pages.
	 */
	async list<T extends SmResource>(collection: SmCollection, step: string, query: ListQuery = {}, limit = Infinity): Promise<T[]> {
		const path = this.path(collection);
		const qs: IDataObject = {};
		if (query.fieldQuery) qs.fieldQuery = query.fieldQuery.toString();
		if (query.labelQuery) qs.labelQuery = query.labelQuery.toString();
		if (query.attachLastOperations) qs.attach_last_operations = true;
		const items: T[] = [];
		const tokens = new Set<string>();
		let token: string | undefined;
		for (let pages = 0; ; pages++) {
			if (pages === SM_MAX_PAGES) {
				this.pagingHint(`Service Manager: GET ${path} stopped after ${SM_MAX_PAGES} pages (${itemCount(items.length)}), the most the node follows; the list may be longer. Narrow it with a field or label query.`);
				break;
			}
			const answer = await this.get<{ items?: T[]; token?: string }>(step, path, { ...qs, ...(token ? { token } : {}) });
			const page = answer.body?.items ?? [];
			items.push(...page);
			token = typeof answer.body?.token === 'string' && answer.body.token ? answer.body.token : undefined;
			if (!token || items.length >= limit) break;
			if (!page.length) {
				this.pagingHint(`Service Manager sent an empty page with a next-page token (GET ${path}); the node stopped there with ${itemCount(items.length)}.`);
				break;
			}
			if (tokens.has(token)) {
				this.pagingHint(`Service Manager sent a next-page token it had sent before (GET ${path}); the node did not fetch that page again and stopped with ${itemCount(items.length)}.`);
				break;
			}
			tokens.add(token);
		}
		return items.slice(0, limit);
	}

	async listOfferings(step: string, fieldQuery?: SmQuery): Promise<SmOffering[]> {
		return await this.list<SmOffering>('service_offerings', step, { fieldQuery });
	}

	async listPlans(step: string, fieldQuery?: SmQuery): Promise<SmPlan[]> {
		return await this.list<SmPlan>('service_plans', step, { fieldQuery });
	}

	async listInstances(step: string, query: ListQuery = {}, limit = Infinity): Promise<SmInstance[]> {
		return await this.list<SmInstance>('service_instances', step, query, limit);
	}

	/** Bindings with their last operations. */
	async listBindings(step: string, fieldQuery?: SmQuery, limit = Infinity): Promise<SmBinding[]> {
		return await this.list<SmBinding>('service_bindings', step, { fieldQuery, attachLastOperations: true }, limit);
	}

	/** The offerings of SM's default data center (`data_center eq ''`), for dropdowns. */
	async listOfferingsOfDefaultDataCenter(step: string): Promise<SmOffering[]> {
		return await this.listOfferings(step, inDefaultDataCenter());
	}

	/** The plans of one offering (all plans without one), for dropdowns. */
	async listPlansOf(step: string, offeringId?: string): Promise<SmPlan[]> {
		return await this.listPlans(step, offeringId ? eq('service_offering_id', offeringId) : undefined);
	}

	/** Instances the Service Manager API can manage (not Cloud Foundry's or Kyma's). */
	async listInstancesOnSmPlatform(step: string): Promise<SmInstance[]> {
		return await this.listInstances(step, { fieldQuery: onSmPlatform() });
	}

	/** The instances of a plan on every platform (Cloud Foundry and Kyma ones use the quota too), with their last operations. */
	async listInstancesOfPlan(step: string, planId: string, onlyOnSmPlatform = false): Promise<SmInstance[]> {
		const ofPlan = eq('service_plan_id', planId);
		return await this.listInstances(step, { fieldQuery: onlyOnSmPlatform ? and(ofPlan, onSmPlatform()) : ofPlan, attachLastOperations: true });
	}

	async listBindingsOf(step: string, instanceId: string, limit = Infinity): Promise<SmBinding[]> {
		return await this.listBindings(step, eq('service_instance_id', instanceId), limit);
	}

	// ---------------------------------------------------------------------------------- lookups
	/** The offering of this catalog name in the default data center (`data_center eq ''`). */
	async findOffering(offeringName: string, step: string): Promise<SmOffering | undefined> {
		const offerings = await this.listOfferings(step, and(eq('catalog_name', offeringName), inDefaultDataCenter()));
		if (offerings.length > 1) {
			throw ambiguous(this.session, step, `Service offering "${offeringName}"`, offerings, 'Service Manager lists this catalog name more than once in the default data center; use the plan id instead of the names.');
		}
		return offerings[0];
	}

	/** The plans of this catalog name of one offering. */
	async findPlans(planName: string, offeringId: string, step: string): Promise<SmPlan[]> {
		return await this.listPlans(step, and(eq('catalog_name', planName), eq('service_offering_id', offeringId)));
	}

	/**
	 * The instance of this name on Service Manager's own platform (names are unique only there;
	 * Cloud Foundry and Kyma instances of the same name are not ours to adopt). Two matches: error.
	 */
	async findInstanceByName(name: string, step = 'Find the service instance by name'): Promise<SmInstance | undefined> {
		const items = await this.listInstances(step, { fieldQuery: and(eq('name', name), onSmPlatform()), attachLastOperations: true });
		if (items.length > 1) {
			throw ambiguous(this.session, step, `Service instance name "${name}"`, items, 'Service Manager keeps instance names unique on its own platform; rename or delete one of them in the BTP cockpit.');
		}
		return items[0];
	}

	/** Instances of this name on other platforms (Cloud Foundry, Kyma): read only to explain a miss. */
	async findInstancesElsewhere(name: string, step: string): Promise<SmInstance[]> {
		return await this.listInstances(step, { fieldQuery: and(eq('name', name), ne('platform_id', SM_PLATFORM)) });
	}

	async findBindingByName(instanceId: string, name: string): Promise<SmBinding | undefined> {
		const step = 'Find the service binding by name';
		const items = await this.listBindings(step, and(eq('name', name), eq('service_instance_id', instanceId)), Infinity);
		if (items.length > 1) throw ambiguous(this.session, step, `Service binding name "${name}"`, items, 'Service Manager keeps binding names unique per instance; delete one of them.');
		return items[0];
	}

	/** A binding by id; undefined when Service Manager no longer has it (404). */
	async findBindingById(id: string, step = 'Read the service binding'): Promise<SmBinding | undefined> {
		const answer = await this.get<SmBinding>(step, this.path('service_bindings', id), undefined, [404]);
		return answer.status === 404 ? undefined : answer.body;
	}

	/** Bindings whose labels match (SM's `labelQuery`), with their last operations. */
	async findBindingsLabelled(labelQuery: SmQuery, step: string): Promise<SmBinding[]> {
		return await this.list<SmBinding>('service_bindings', step, { labelQuery, attachLastOperations: true });
	}

	/** Bindings of this name in the subaccount, on any instance (a locator by name). */
	async findBindingsNamed(name: string, step = 'List service bindings'): Promise<SmBinding[]> {
		return await this.listBindings(step, eq('name', name));
	}

	// ---------------------------------------------------------------------------------- objects
	async getResource<T extends SmInstance | SmBinding>(kind: SmKind, id: string, step: string): Promise<T | undefined> {
		return (await this.get<T>(step, this.path(kind, id))).body;
	}

	async getInstance(id: string): Promise<SmInstance | undefined> {
		return await this.getResource<SmInstance>('service_instances', id, 'Read the service instance');
	}

	async getBinding(id: string): Promise<SmBinding | undefined> {
		return await this.getResource<SmBinding>('service_bindings', id, 'Read the service binding');
	}

	/**
	 * GET of an instance's parameters as SM answers it: 400 is an answer (an offering that is not
	 * `instances_retrievable` answers 400 "this operation is not supported.", Peripli/service-manager
	 * api/service_instance_controller.go); `unexpected` is the error of any other 400.
	 */
	async getInstanceParameters(id: string, step: string): Promise<{ answer: HttpAnswer<IDataObject>; unexpected: () => Error }> {
		const answer = await this.get<IDataObject>(step, this.path('service_instances', id, 'parameters'), undefined, [400]);
		return {
			answer,
			unexpected: () => apiError(this.session.node, { step, service: 'serviceManager', status: answer.status, body: answer.body, headers: answer.headers }),
		};
	}

	/**
	 * One GET of an async operation: its Location (the operation document), or the resource (its
	 * `last_operation`). 404 is an answer (a deleted resource, an operation SM no longer keeps).
	 */
	async getOperationStatus(kind: SmKind, id: string, location: string | undefined, step: string): Promise<HttpAnswer<IDataObject>> {
		return await this.send<IDataObject>({ step, method: 'GET', url: location ?? `${this.access.smUrl}${this.path(kind, id)}`, okStatuses: [404] });
	}

	// ---------------------------------------------------------------------------------- changes
	/**
	 * POST of a new object (`?async=true`); a lost answer is never answered with a second POST:
	 * `lookup` finds what the first one made (shared/transport adopt.ts).
	 */
	async create<T>(
		kind: SmKind,
		call: { step: string; body: IDataObject; what: string },
		lookup: () => Promise<T | undefined>,
		options?: AdoptOptions,
	): Promise<CreateResult<T>> {
		return await createOrAdopt<T>(
			this.session.ctx,
			this.session.transport,
			this.access.auth,
			this.call({ step: call.step, method: 'POST', url: `${this.access.smUrl}${this.path(kind)}`, qs: { async: true }, body: call.body, what: call.what }),
			lookup,
			options,
		);
	}

	/** PATCH of an instance (`?async=true`). */
	async updateInstance(id: string, changes: IDataObject, what: string): Promise<HttpAnswer<IDataObject>> {
		return await this.send<IDataObject>({
			step: 'Update the service instance',
			method: 'PATCH',
			url: `${this.access.smUrl}${this.path('service_instances', id)}`,
			qs: { async: true },
			body: changes,
			// setting parameters to the same values twice is harmless; 422 (op running) is waited out
			idempotent: true,
			what,
		});
	}

	/**
	 * PATCH of a binding: name and labels only, and synchronously (Peripli/service-manager
	 * api/service_binding_controller.go PatchObjectNameAndLabels refuses `async=true` and any other
	 * field; SAP's operator renames bindings this way, client/sm/client.go RenameBinding).
	 */
	async updateBinding(id: string, changes: { name?: string; labels?: SmLabelChange[] }, step: string, what: string): Promise<SmBinding> {
		const answer = await this.send<SmBinding>({ step, method: 'PATCH', url: `${this.access.smUrl}${this.path('service_bindings', id)}`, body: changes, what });
		return answer.body;
	}

	/** DELETE (`?async=true`); 404 and 410 are answers (already gone). */
	async delete(kind: SmKind, id: string, step: string, what: string): Promise<HttpAnswer<IDataObject>> {
		return await this.send<IDataObject>({ step, method: 'DELETE', url: `${this.access.smUrl}${this.path(kind, id)}`, qs: { async: true }, okStatuses: [404, 410], what });
	}
}
