/**
 * Dropdowns filled from SAP (resourceLocator "From List" modes). API errors surface as errors:
 * an empty list means "nothing there", never "the request failed".
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { listSubaccounts, resolveSubaccount } from '../api/accounts';
import { serviceManagerAccess, smClient, type ServiceManagerClient, type SmBinding } from '../api/serviceManager';
import { createSession, type BtpSession, type SmAccessMode } from '../api/session';

/** A search's session, from the node's Options as the execution's would be. */
function sessionFor(ctx: ILoadOptionsFunctions): BtpSession {
	return createSession(ctx, (ctx.getCurrentNodeParameter('options') ?? {}) as IDataObject);
}

const matches = (filter: string | undefined, ...values: unknown[]) =>
	!filter || values.some((v) => String(v ?? '').toLowerCase().includes(filter.toLowerCase()));

/** The Service Manager client of the access the node's fields select. */
async function smFor(ctx: ILoadOptionsFunctions, session: BtpSession): Promise<ServiceManagerClient> {
	const mode = (ctx.getCurrentNodeParameter('serviceManagerAccess') as SmAccessMode) ?? 'derived';
	if (mode !== 'derived') return smClient(session, await serviceManagerAccess(session, mode));
	const locator = ctx.getCurrentNodeParameter('subaccount') as { mode?: string; value?: string } | undefined;
	const subaccount = await resolveSubaccount(session, 0, String(locator?.value ?? ''), String(locator?.mode ?? 'id'));
	return smClient(session, await serviceManagerAccess(session, 'derived', subaccount.guid));
}

const result = (results: INodeListSearchItems[]): INodeListSearchResult => ({ results });

export async function searchSubaccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const all = await listSubaccounts(sessionFor(this));
	return result(
		all
			.filter((s) => matches(filter, s.displayName, s.subdomain, s.guid))
			.map((s) => ({ name: `${s.displayName} (${s.subdomain})`, value: s.guid }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	);
}

export async function searchOfferings(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const session = sessionFor(this);
	// the default data center only: the same catalog name in another data center would be a second
	// entry with the same value (SAP's operator and crossplane look offerings up with data_center eq '')
	const offerings = await (await smFor(this, session)).listOfferingsOfDefaultDataCenter('List service offerings');
	return result(
		offerings
			.filter((o) => matches(filter, o.catalog_name, o.description))
			.map((o) => ({ name: `${String(o.catalog_name)}${o.description ? ` – ${String(o.description)}` : ''}`, value: String(o.catalog_name) })),
	);
}

export async function searchPlans(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const session = sessionFor(this);
	const sm = await smFor(this, session);
	const offering = this.getCurrentNodeParameter('offering') as { value?: string } | undefined;
	let offeringId: string | undefined;
	if (offering?.value) {
		const found = await sm.findOffering(String(offering.value), 'List service plans');
		if (!found) return result([]);
		offeringId = found.id;
	}
	const plans = await sm.listPlansOf('List service plans', offeringId);
	return result(plans.filter((p) => matches(filter, p.catalog_name)).map((p) => ({ name: String(p.catalog_name), value: String(p.catalog_name) })));
}

export async function searchInstances(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const session = sessionFor(this);
	// only instances the Service Manager API can manage (Cloud Foundry and Kyma instances are listed
	// too, but cannot be bound or updated here)
	const instances = await (await smFor(this, session)).listInstancesOnSmPlatform('List service instances');
	return result(instances.filter((x) => matches(filter, x.name, x.id)).map((x) => ({ name: x.name, value: x.id })));
}

export async function searchBindings(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const session = sessionFor(this);
	const bindings = await (await smFor(this, session)).list<SmBinding>('service_bindings', 'List service bindings');
	return result(
		bindings
			.filter((b) => matches(filter, b.name, b.id, b.service_instance_name))
			.map((b) => ({ name: `${b.name}${b.service_instance_name ? ` (${String(b.service_instance_name)})` : ''}`, value: b.id })),
	);
}
