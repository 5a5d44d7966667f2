/**
 * Accounts service (SAP's "Accounts Service" OpenAPI, SAP/crossplane-provider-btp
 * internal/openapi_clients/btp-accounts-service-api-go/swagger.json): the subaccount list (once
 * per execution) and Service Manager access derived per subaccount through Accounts v2
 * `serviceManagerBindings` — looked up by name,
 * created only when missing (and adopted if a lost create made it anyway), reused by later runs.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { parseServiceManagerKey, ServiceKeyError } from '../../shared/serviceKeys';
import { assertSafeUrl } from '../../shared/urlSafety';
import { callApi, createOrAdopt, xsuaaTokenSource } from '../../shared/transport';
import type { BtpSession, SmAccess } from './session';

/** The step an unknown subaccount fails in (after the one read of the list, before any change). */
export const RESOLVE_SUBACCOUNT_STEP = 'Resolve subaccount';

/** Rate-limit budget keys: one per CIS endpoint (method + route template) as SAP counts them. */
export const ENDPOINT = {
	subaccounts: 'accounts:GET /accounts/v1/subaccounts',
	smBinding: 'accounts:GET /accounts/v2/subaccounts/{guid}/serviceManagerBindings/{name}',
	createSmBinding: 'accounts:POST /accounts/v2/subaccounts/{guid}/serviceManagerBindings',
} as const;

export interface Subaccount {
	guid: string;
	displayName: string;
	subdomain: string;
	region?: string;
	state?: string;
	/** epoch ms (Accounts service `createdDate`) */
	createdDate?: number;
}

export async function listSubaccounts(session: BtpSession): Promise<Subaccount[]> {
	return await session.once('subaccounts', 'all', async () => {
		const key = await session.cisKey();
		const answer = await callApi<{ value?: IDataObject[] }>(session.ctx, session.transport, session.cisAuth, {
			service: 'accounts',
			step: 'List subaccounts',
			method: 'GET',
			url: `${key.accountsUrl}/accounts/v1/subaccounts`,
			budgetKey: ENDPOINT.subaccounts,
		});
		return (answer.body?.value ?? []).map((s) => ({
			guid: String(s.guid),
			displayName: String(s.displayName ?? ''),
			subdomain: String(s.subdomain ?? ''),
			region: s.region as string | undefined,
			state: s.state as string | undefined,
			createdDate: typeof s.createdDate === 'number' ? s.createdDate : undefined,
		}));
	});
}

/**
 * The subaccount an item names (GUID, subdomain or display name), checked against the global
 * account's list BEFORE anything changes: an unknown subaccount fails here, naming the field.
 */
export async function resolveSubaccount(session: BtpSession, itemIndex: number, value: string, mode: string): Promise<Subaccount> {
	const wanted = (value ?? '').trim();
	if (!wanted) {
		throw new NodeOperationError(session.node, 'Subaccount is empty', {
			itemIndex,
			description: 'Step: Check input\nField: Subaccount. Pick the subaccount from the list, or enter its GUID or subdomain.',
		});
	}
	const all = await listSubaccounts(session);
	const lower = wanted.toLowerCase();
	const found =
		mode === 'subdomain'
			? all.find((s) => s.subdomain.toLowerCase() === lower)
			: (all.find((s) => s.guid.toLowerCase() === lower) ?? all.find((s) => s.subdomain.toLowerCase() === lower));
	if (!found) {
		throw new NodeOperationError(
			session.node,
			`Subaccount "${wanted}" is not in the global account of the Cloud Management credential`,
			{
				itemIndex,
				description: `Step: ${RESOLVE_SUBACCOUNT_STEP}\nField: Subaccount. The global account has ${all.length} subaccount(s); pick one from the list or check the ${mode === 'subdomain' ? 'subdomain' : 'GUID'}. Nothing was changed.`,
			},
		);
	}
	return found;
}

function smAccessFromBinding(session: BtpSession, body: unknown, action: SmAccess['action'], bindingName: string): SmAccess {
	try {
		const key = parseServiceManagerKey(body);
		// issue 12 hole 3: the derived key gets the same rule as a pasted one - its token goes only to
		// sm_url over https (or loopback http), checked here and again by the transport on every call
		assertSafeUrl(key.smUrl, 'sm_url');
		assertSafeUrl(key.uaa.tokenBaseUrl, key.uaa.clientSecret ? 'url' : 'certurl');
		const holder = `the Service Manager binding "${bindingName}" from the Accounts service`;
		const destinations = [{ url: key.smUrl, field: 'sm_url' }];
		return {
			id: key.uaa.clientId,
			smUrl: key.smUrl,
			auth: {
				kind: 'bearer',
				tokens: xsuaaTokenSource(session.ctx, session.transport, key.uaa, 'Get Service Manager token', destinations, holder),
			},
			action,
			bindingName,
		};
	} catch (error) {
		const message = error instanceof ServiceKeyError ? error.message : String(error);
		throw new NodeOperationError(session.node, `The Service Manager binding "${bindingName}" from the Accounts service is unusable: ${message}`, {
			description: 'Step: Obtain Service Manager access',
		});
	}
}

/** Service Manager access for one subaccount through CIS (once per subaccount per execution). */
export async function obtainDerivedServiceManagerAccess(session: BtpSession, subaccountGuid: string): Promise<SmAccess> {
	return await session.once('smAccess', subaccountGuid, async () => {
		const key = await session.cisKey();
		const name = session.settings.smAccessBindingName;
		const collection = `${key.accountsUrl}/accounts/v2/subaccounts/${encodeURIComponent(subaccountGuid)}/serviceManagerBindings`;
		const lookup = async () => {
			const answer = await callApi(session.ctx, session.transport, session.cisAuth, {
				service: 'accounts',
				step: 'Obtain Service Manager access',
				method: 'GET',
				url: `${collection}/${encodeURIComponent(name)}`,
				okStatuses: [404],
				budgetKey: ENDPOINT.smBinding,
			});
			return answer.status === 404 ? undefined : answer.body;
		};
		const existing = await lookup();
		if (existing) return smAccessFromBinding(session, existing, 'reused', name);
		const created = await createOrAdopt(
			session.ctx,
			session.transport,
			session.cisAuth,
			{
				service: 'accounts',
				step: 'Obtain Service Manager access',
				method: 'POST',
				url: collection,
				body: { name },
				what: `creating the Service Manager binding "${name}"`,
				budgetKey: ENDPOINT.createSmBinding,
			},
			lookup,
		);
		return created.kind === 'created'
			? smAccessFromBinding(session, created.answer.body, 'created', name)
			: smAccessFromBinding(session, created.existing, 'reused', name);
	});
}
