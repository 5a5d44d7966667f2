/**
 * Cloud ALM API → Disable: safe deprovisioning of what this node created for one subaccount —
 * its bindings (service keys), then its instance, then (if asked) the entitlement down by what was
 * freed. Whatever the node did not create is left, and the output says why:
 * - SAP's keys and instance (api/keyOwnership.ts): SAP's generated key was uploaded to Landscape
 *   Management and a BTP delete does not remove it there, and SAP's managed-system keys
 *   (`<SID>_<client>_<sysnr>`) connect managed systems (SAP-docs/cloud-alm-setup-admin-guide
 *   managing-your-service-credentials-87b7851.md, enabling-sap-cloud-alm-api-704b5dc.md);
 * - anyone else's keys and instances (no label of the node);
 * - the node's own instance while it still holds a key that is not the node's: Service Manager
 *   refuses to delete an instance with bindings (Peripli/service-manager storage/interceptors/
 *   smaap_service_instance_interceptor.go), and `cascade=true` would delete keys that are not the
 *   node's, so it is never sent.
 * Never orphans: bindings are deleted (and waited for) before their instance. Re-runs are safe:
 * what is already gone is reported as such. Names that point at what the node must not delete fail
 * before any change.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import type { Subaccount } from '../api/accounts';
import { getAssignment, getPlanInfo, releaseEntitlement, ENABLE_CATEGORIES } from '../api/entitlements';
import { bindingOwnership, instanceOwnership, type Ownership } from '../api/keyOwnership';
import {
	deleteResource,
	isIn,
	serviceManagerAccess,
	smClient,
	SM_PLATFORM,
	type ServiceManagerClient,
	type SmBinding,
	type SmInstance,
} from '../api/serviceManager';
import type { BtpSession } from '../api/session';
import { CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN } from '../helpers/xsSecurity';
import { cloudAlmPlans } from './cloudAlmInventory';

export interface DisableRequest {
	subaccount: Subaccount;
	access: 'derived' | 'serviceManagerCredential';
	/** only this instance ('' = every Cloud ALM API instance of the subaccount) */
	instanceName: string;
	/** only these bindings (none = every binding this node created); instances are then kept */
	bindingNames: string[];
	removeEntitlement: boolean;
	timeoutMs: number;
}

interface Ref {
	kind: 'binding' | 'instance';
	id: string;
	name: string;
	instance?: string;
}

export interface DisableResult {
	status: 'disabled' | 'nothingToDisable';
	deleted: Ref[];
	alreadyAbsent: Array<{ kind: 'binding' | 'instance'; name: string }>;
	left: Array<Ref & { createdBy: string; reason: string }>;
	entitlement: IDataObject;
}

const STEP_CHECK = 'Check what to delete';

const whoMadeIt = (o: Ownership) => (o.createdBy === 'sap' ? 'SAP created it' : 'this node did not create it');

async function listCloudAlm(sm: ServiceManagerClient, planIds: string[]): Promise<{ instances: SmInstance[]; bindings: SmBinding[] }> {
	const step = 'List the Cloud ALM API instances and bindings';
	if (!planIds.length) return { instances: [], bindings: [] };
	const instances = await sm.listInstances(step, { fieldQuery: isIn('service_plan_id', planIds), attachLastOperations: true });
	const bindings: SmBinding[] = [];
	for (let n = 0; n < instances.length; n += 50) {
		bindings.push(...(await sm.listBindings(step, isIn('service_instance_id', instances.slice(n, n + 50).map((i) => i.id)))));
	}
	return { instances, bindings };
}

export async function disableCloudAlmApi(session: BtpSession, req: DisableRequest): Promise<DisableResult> {
	const { node } = session;
	const access = await serviceManagerAccess(session, req.access === 'derived' ? 'derived' : 'serviceManagerCredential', req.subaccount.guid);
	const sm = smClient(session, access);
	const plans = await cloudAlmPlans(sm);
	const { instances, bindings } = await listCloudAlm(sm, plans.planIds);
	const context = { subaccountCreatedAt: req.subaccount.createdDate };
	const ownerOf = new Map(instances.map((i) => [i.id, instanceOwnership(i, context)]));

	// ---- which instances: every one, or the one named (never SAP's or anyone else's by name)
	const alreadyAbsent: DisableResult['alreadyAbsent'] = [];
	let targets = instances;
	if (req.instanceName) {
		targets = instances.filter((i) => i.name === req.instanceName && i.platform_id === SM_PLATFORM);
		const named = targets[0];
		if (!named) alreadyAbsent.push({ kind: 'instance', name: req.instanceName });
		else if (ownerOf.get(named.id)!.createdBy !== 'thisNode' && !req.bindingNames.length) {
			const o = ownerOf.get(named.id)!;
			throw new NodeOperationError(node, `Instance "${named.name}" was not created by this node: ${o.basis}`, {
				description: `Step: ${STEP_CHECK}\nField: Instance Name. Disable deletes only what this node created${
					o.sapCreated ? "; SAP's instance and keys serve the managed systems (and Landscape Management) and are never deleted" : ''
				}. Leave Instance Name empty to delete this node's bindings and instances wherever they are (its bindings on this instance included), or enter the name of the instance Enable created. Nothing was changed.`,
			});
		}
	}
	const targetIds = new Set(targets.map((i) => i.id));
	const candidates = bindings.filter((b) => targetIds.has(String(b.service_instance_id)));
	const bindingOwner = new Map(
		candidates.map((b) => {
			const instance = instances.find((i) => i.id === b.service_instance_id);
			return [b.id, bindingOwnership(b, instance, instance && ownerOf.get(instance.id))];
		}),
	);

	// ---- which bindings: the node's, or the named ones (each must be the node's)
	let bindingsToDelete = candidates.filter((b) => bindingOwner.get(b.id)!.createdBy === 'thisNode');
	if (req.bindingNames.length) {
		for (const name of req.bindingNames) {
			const matches = candidates.filter((b) => b.name === name);
			if (!matches.length) alreadyAbsent.push({ kind: 'binding', name });
			const foreign = matches.find((b) => bindingOwner.get(b.id)!.createdBy !== 'thisNode');
			if (foreign) {
				const o = bindingOwner.get(foreign.id)!;
				const instance = instances.find((i) => i.id === foreign.service_instance_id);
				throw new NodeOperationError(node, `Binding "${name}" of instance "${instance?.name ?? foreign.service_instance_id}" was not created by this node: ${o.basis}`, {
					description: `Step: ${STEP_CHECK}\nField: Binding Names. Disable deletes only keys this node created${
						o.sapCreated ? "; SAP's keys connect managed systems and stay in Landscape Management even when deleted in BTP, so the node never deletes them" : ''
					}. Remove "${name}" from Binding Names (or leave the field empty to delete every key this node created). Nothing was changed.`,
				});
			}
		}
		bindingsToDelete = bindingsToDelete.filter((b) => req.bindingNames.includes(b.name));
	}
	const deleting = new Set(bindingsToDelete.map((b) => b.id));
	const left: DisableResult['left'] = [];
	for (const b of candidates) {
		if (deleting.has(b.id)) continue;
		const o = bindingOwner.get(b.id)!;
		const instance = instances.find((i) => i.id === b.service_instance_id);
		const reason =
			o.createdBy === 'thisNode'
				? 'not in Binding Names'
				: `${whoMadeIt(o)}: ${o.basis}${o.sapCreated ? ' Deleting it in BTP would not remove it from Landscape Management and would cut off the managed systems that use it.' : ''}`;
		left.push({ kind: 'binding', id: b.id, name: b.name, instance: instance?.name, createdBy: o.createdBy, reason });
	}

	// ---- which instances go: the node's, when every binding on them goes too
	const instancesToDelete: SmInstance[] = [];
	for (const instance of targets) {
		const o = ownerOf.get(instance.id)!;
		const remaining = candidates.filter((b) => b.service_instance_id === instance.id && !deleting.has(b.id));
		let reason: string | undefined;
		if (o.createdBy !== 'thisNode') reason = `${whoMadeIt(o)}: ${o.basis}`;
		else if (req.bindingNames.length) reason = 'Binding Names is set: only those bindings are deleted, the instance is kept';
		else if (remaining.length) {
			reason = `it still holds ${remaining.length} binding(s) this node did not create (${remaining.map((b) => b.name).join(', ')}); Service Manager deletes no instance with bindings, and the node does not delete keys that are not its own`;
		}
		if (reason) left.push({ kind: 'instance', id: instance.id, name: instance.name, createdBy: o.createdBy, reason });
		else instancesToDelete.push(instance);
	}

	// ---- delete: bindings first (each waited for), then their instances
	const deleted: Ref[] = [];
	const wait = { wait: true, timeoutMs: req.timeoutMs };
	for (const b of bindingsToDelete) {
		const instance = instances.find((i) => i.id === b.service_instance_id);
		const outcome = await deleteResource(sm, 'service_bindings', b, wait);
		if (outcome === 'absent') alreadyAbsent.push({ kind: 'binding', name: b.name });
		else deleted.push({ kind: 'binding', id: b.id, name: b.name, instance: instance?.name });
	}
	for (const instance of instancesToDelete) {
		const outcome = await deleteResource(sm, 'service_instances', instance, wait);
		if (outcome === 'absent') alreadyAbsent.push({ kind: 'instance', name: instance.name });
		else deleted.push({ kind: 'instance', id: instance.id, name: instance.name });
	}

	const entitlement = req.removeEntitlement
		? await lowerEntitlement(session, sm, req, plans.planIds, instancesToDelete.length)
		: { action: 'notRequested' };
	const nothing = !deleted.length && !['reduced', 'removed'].includes(String(entitlement.action));
	return { status: nothing ? 'nothingToDisable' : 'disabled', deleted, alreadyAbsent, left, entitlement };
}

/**
 * The entitlement down by the instances this run deleted, never below the instances that remain
 * (every platform's count against it); removed when none remain. SAP's auto-assigned plans and a
 * plan that still serves instances stay, with the reason.
 */
async function lowerEntitlement(
	session: BtpSession,
	sm: ServiceManagerClient,
	req: DisableRequest,
	planIds: string[],
	freed: number,
): Promise<IDataObject> {
	const step = 'Read the entitlement';
	const [assignment, plan] = await Promise.all([
		getAssignment(session, req.subaccount.guid, CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN, step),
		getPlanInfo(session, CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN),
	]);
	if (!assignment) return { action: 'alreadyAbsent' };
	if (assignment.autoAssigned) return { action: 'left', amount: assignment.amount, reason: 'SAP assigned this plan automatically; it cannot be removed' };
	const remaining = planIds.length ? await sm.listInstances('Count the instances that remain', { fieldQuery: isIn('service_plan_id', planIds) }) : [];
	const names = remaining.map((i) => i.name).join(', ');
	const mode: 'amount' | 'enable' = plan && ENABLE_CATEGORIES.includes(plan.category) ? 'enable' : 'amount';
	if (mode === 'enable') {
		if (remaining.length) return { action: 'left', reason: `${remaining.length} instance(s) of the plan remain (${names})` };
		return { ...(await releaseEntitlement(session, { ...entitlementKey(req), mode, amount: 0, timeoutMs: req.timeoutMs })) } as IDataObject;
	}
	const amount = Math.max(remaining.length, assignment.amount - freed);
	if (amount >= assignment.amount) {
		return {
			action: 'left',
			amount: assignment.amount,
			reason: remaining.length ? `${remaining.length} instance(s) of the plan remain (${names})` : 'no instance was deleted by this run',
		};
	}
	return { ...(await releaseEntitlement(session, { ...entitlementKey(req), mode, amount, timeoutMs: req.timeoutMs })), previousAmount: assignment.amount } as IDataObject;
}

const entitlementKey = (req: DisableRequest) => ({ subaccountGUID: req.subaccount.guid, serviceName: CLOUD_ALM_OFFERING, planName: CLOUD_ALM_PLAN });
