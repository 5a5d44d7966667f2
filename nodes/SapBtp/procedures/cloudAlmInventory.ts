/**
 * Cloud ALM API → Inventory: every instance of the Cloud ALM API offering and every binding (service
 * key) of them, in the chosen subaccounts of the global account, with who created each
 * (api/keyOwnership.ts), its credential type, age, certificate end and last rotation.
 *
 * What it reads, and why that much:
 * - one Entitlements call lists which subaccounts have the plan assigned: Service Manager lists a
 *   plan only where it is entitled, so only those are visited (no Service Manager access is made
 *   in a subaccount that cannot hold a Cloud ALM API instance);
 * - per subaccount: the instances of the offering's plans (every platform: Cloud Foundry and Kyma
 *   instances use the quota too) and their bindings, each list paged by the one SM client;
 * - scopes: SAPCloudALMAPIs is not `instances_retrievable` (its parameters cannot be read back,
 *   Peripli/service-manager api/service_instance_controller.go), so they are "unknown" unless the
 *   offering says otherwise or the user asks for a token per key (Read Scopes From Tokens): the
 *   scopes of a client-credentials token are the instance's authorities (as api/sapGenerated.ts
 *   reads them). A token is a read, but it uses the key; it is off by default.
 * Secrets are never output: only the credential type and the certificate's end are read.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Subaccount } from '../api/accounts';
import { verifyCloudAlmBinding } from '../api/cloudAlm';
import { listPlanAssignments } from '../api/entitlements';
import {
	bindingOwnership,
	certificateNotAfter,
	credentialTypeOf,
	instanceOwnership,
	rotationState,
	type Ownership,
} from '../api/keyOwnership';
import { requestedScopes } from '../api/sapGenerated';
import { eq, isIn, serviceManagerAccess, smClient, type ServiceManagerClient, type SmBinding } from '../api/serviceManager';
import type { BtpSession } from '../api/session';
import { mapWithConcurrency } from '../../shared/transport/pool';
import { CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN } from '../helpers/xsSecurity';

/** Subaccounts read at the same time (each has its own SM access and budget; CIS is shared). */
export const INVENTORY_SUBACCOUNT_CONCURRENCY = 4;
/** Tokens fetched at the same time when scopes are read from tokens. */
const TOKEN_CONCURRENCY = 4;
/** Instance ids per `service_instance_id in (…)` query. */
const IDS_PER_QUERY = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface InventoryRequest {
	subaccounts: Subaccount[];
	/** visit only subaccounts that have SAPCloudALMAPIs/standard assigned */
	onlyEntitled: boolean;
	readScopesFromTokens: boolean;
	/** certificates ending within this many days are flagged */
	expiryWarningDays: number;
}

export interface InventoryResult {
	items: IDataObject[];
	visited: number;
	skipped: Array<{ guid: string; displayName: string; reason: string }>;
}

interface PlanIdsOfOffering {
	planIds: string[];
	instancesRetrievable: boolean;
}

/** Ids of every plan of every SAPCloudALMAPIs offering (any data center), once per execution. */
export async function cloudAlmPlans(sm: ServiceManagerClient): Promise<PlanIdsOfOffering> {
	return await sm.session.once('calmPlans', 'all', async () => {
		const step = 'Look up the Cloud ALM API plans';
		const offerings = await sm.listOfferings(step, eq('catalog_name', CLOUD_ALM_OFFERING));
		if (!offerings.length) return { planIds: [], instancesRetrievable: false };
		const plans = await sm.listPlans(step, isIn('service_offering_id', offerings.map((o) => o.id)));
		return { planIds: plans.map((p) => p.id), instancesRetrievable: offerings.every((o) => o.instances_retrievable === true) };
	});
}

const day = (iso: unknown) => {
	const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
	return Number.isFinite(t) ? t : undefined;
};

const ownershipOut = (o: Ownership) => ({ createdBy: o.createdBy, sapCreated: o.sapCreated, basis: o.basis });

/** The rows of one subaccount: one per binding, one per instance without bindings. */
async function inventoryOf(session: BtpSession, subaccount: InventoryRequest['subaccounts'][number], req: InventoryRequest): Promise<IDataObject[]> {
	const access = await serviceManagerAccess(session, 'derived', subaccount.guid);
	const sm = smClient(session, access);
	const plans = await cloudAlmPlans(sm);
	if (!plans.planIds.length) return [];
	const step = 'List the Cloud ALM API instances and bindings';
	const instances = await sm.listInstances(step, { fieldQuery: isIn('service_plan_id', plans.planIds), attachLastOperations: true });
	const bindings: SmBinding[] = [];
	for (let n = 0; n < instances.length; n += IDS_PER_QUERY) {
		const ids = instances.slice(n, n + IDS_PER_QUERY).map((i) => i.id);
		bindings.push(...(await sm.listBindings(step, isIn('service_instance_id', ids))));
	}
	const now = Date.now();
	const sub = { guid: subaccount.guid, displayName: subaccount.displayName, subdomain: subaccount.subdomain };
	const rows: IDataObject[] = [];
	const tokenChecks: Array<{ row: IDataObject; credentials: IDataObject | undefined }> = [];
	for (const instance of instances) {
		const ofInstance = instanceOwnership(instance, { subaccountCreatedAt: subaccount.createdDate });
		let scopes: string[] | 'unknown' = 'unknown';
		let scopesSource = 'unknown: SAPCloudALMAPIs instances are not retrievable (turn on Read Scopes From Tokens)';
		if (plans.instancesRetrievable) {
			const { answer } = await sm.getInstanceParameters(instance.id, 'Read the instance parameters');
			if (answer.status === 200) {
				scopes = requestedScopes(answer.body);
				scopesSource = 'instance parameters';
			}
		}
		const instanceOut = {
			id: instance.id,
			name: instance.name,
			platformId: instance.platform_id,
			ready: instance.ready,
			createdAt: instance.created_at,
			...ownershipOut(ofInstance),
		};
		const own = bindings.filter((b) => b.service_instance_id === instance.id);
		if (!own.length) {
			rows.push({
				subaccount: sub,
				instance: instanceOut,
				binding: null,
				credentialType: null,
				createdAt: instance.created_at,
				ageDays: ageDays(instance.created_at, now),
				certificateNotAfter: null,
				certificateDaysLeft: null,
				certificateExpiresSoon: false,
				scopes,
				scopesSource,
				sapCreated: ofInstance.sapCreated,
				createdBy: ofInstance.createdBy,
				lastRotation: null,
				warnings: [],
			});
			continue;
		}
		for (const binding of own) {
			const ofBinding = bindingOwnership(binding, instance, ofInstance);
			const credentialType = credentialTypeOf(binding.credentials);
			const notAfter = certificateNotAfter(binding.credentials);
			const daysLeft = notAfter ? Math.floor((notAfter.getTime() - now) / DAY_MS) : null;
			const rotation = rotationState(binding);
			const warnings: string[] = [];
			if (credentialType === 'instance-secret') {
				warnings.push(
					'instance-secret: SAP no longer supports this credential type for new keys (from 2026-01-19) and recommends removing such keys; create a binding-secret or X.509 key and move its users to it.',
				);
			}
			if (notAfter && daysLeft !== null && daysLeft <= req.expiryWarningDays) {
				warnings.push(notAfter.getTime() <= now ? `certificate expired on ${notAfter.toISOString()}` : `certificate expires in ${daysLeft} day(s)`);
			}
			if (rotation.retireAt) warnings.push(`replaced by a rotation; due for deletion at ${rotation.retireAt}`);
			if (!binding.credentials && binding.ready !== false) warnings.push('Service Manager listed no credentials: credential type unknown');
			const row: IDataObject = {
				subaccount: sub,
				instance: instanceOut,
				binding: {
					id: binding.id,
					name: binding.name,
					ready: binding.ready,
					createdAt: binding.created_at,
					...ownershipOut(ofBinding),
				},
				credentialType,
				createdAt: binding.created_at,
				ageDays: ageDays(binding.created_at, now),
				certificateNotAfter: notAfter ? notAfter.toISOString() : null,
				certificateDaysLeft: daysLeft,
				certificateExpiresSoon: daysLeft !== null && daysLeft <= req.expiryWarningDays,
				scopes,
				scopesSource,
				sapCreated: ofBinding.sapCreated,
				createdBy: ofBinding.createdBy,
				lastRotation: rotation.lastRotation ?? null,
				...(rotation.rotatedFrom ? { rotatedFrom: rotation.rotatedFrom } : {}),
				...(rotation.retireAt ? { retireAt: rotation.retireAt, replacedBy: rotation.replacedBy ?? null } : {}),
				warnings,
			};
			rows.push(row);
			if (req.readScopesFromTokens && binding.ready !== false) tokenChecks.push({ row, credentials: binding.credentials });
		}
	}
	await mapWithConcurrency(tokenChecks, TOKEN_CONCURRENCY, async ({ row, credentials }) => {
		try {
			const verification = await verifyCloudAlmBinding(session, credentials);
			row.scopes = verification.scopes.filter((s) => !s.startsWith('uaa.'));
			row.scopesSource = 'token';
			row.tokenObtained = true;
		} catch (error) {
			row.scopesSource = 'unknown: no token';
			row.tokenObtained = false;
			row.tokenError = (error as Error).message;
		}
	});
	return rows;
}

function ageDays(iso: unknown, now: number): number | null {
	const t = day(iso);
	return t === undefined ? null : Math.floor((now - t) / DAY_MS);
}

export async function cloudAlmInventory(session: BtpSession, req: InventoryRequest): Promise<InventoryResult> {
	let visit = req.subaccounts;
	const skipped: InventoryResult['skipped'] = [];
	if (req.onlyEntitled) {
		const assigned = new Set(
			// any assignment (also one still processing or switched on without amount) may hold instances
			(await listPlanAssignments(session, CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN, 'Find the subaccounts entitled to the Cloud ALM API')).map(
				(a) => a.subaccountGUID,
			),
		);
		visit = req.subaccounts.filter((s) => assigned.has(s.guid));
		for (const s of req.subaccounts) {
			if (!assigned.has(s.guid)) {
				skipped.push({ guid: s.guid, displayName: s.displayName, reason: `${CLOUD_ALM_OFFERING}/${CLOUD_ALM_PLAN} is not assigned to it, so it holds no Cloud ALM API instance` });
			}
		}
	}
	const perSubaccount = await mapWithConcurrency(visit, INVENTORY_SUBACCOUNT_CONCURRENCY, async (s) => await inventoryOf(session, s, req));
	return { items: perSubaccount.flat(), visited: visit.length, skipped };
}
