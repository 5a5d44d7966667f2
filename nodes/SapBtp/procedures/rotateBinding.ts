/**
 * Key rotation of one service binding, as SAP asks for it (SAP-docs/btp-cloud-platform "Rotating
 * instance secrets"; SAP-docs/btp-task-center "credentials rotation"): a new key next to the old
 * one, verified, handed out, and the old one deleted only after a grace period in which both work.
 *
 * The steps follow SAP's Kubernetes operator (SAP/sap-btp-service-operator
 * controllers/servicebinding_controller.go rotateCredentials, handleStaleServiceBinding): the OLD
 * binding is renamed (`<name>-retired-<UTC time>`), the NEW binding takes the name, and the old
 * one is deleted after a TTL. So the key's name stays what workflows, Enable and by-name locators
 * use, and every step is written on Service Manager itself (labels of labels.ts ROTATION_LABELS):
 *
 *   1. rename old → retired name, label n8n-rotation-name = name        (frees the name)
 *   2. create the new binding `name`, label n8n-rotation-of = old id      (adopted on a re-run)
 *   3. verify the new key: a token, and its scopes                       (a failure stops here: the old key stays valid and unmarked)
 *   4. label the old one n8n-rotation-state = retiring, n8n-rotation-delete-after = due time, n8n-rotation-replaced-by = new id
 *   5. delete the old one: now (grace 0), after waiting in this run, or in a later run once due
 *
 * A run that stopped anywhere is resumed by the next one from what the labels say; a binding that
 * is in its grace period is not rotated again.
 */
import { X509Certificate } from 'node:crypto';
import { NodeOperationError, sleep, type IDataObject } from 'n8n-workflow';
import { parseCloudAlmKey, parseServiceManagerKey } from '../../shared/serviceKeys';
import { fetchTokenWithRetry } from '../../shared/transport';
import { verifyCloudAlmBinding } from '../api/cloudAlm';
import { bindingOwnership, instanceOwnership, ROTATION_LABELS as SHARED_LABELS, type OwnershipContext } from '../api/keyOwnership';
import { createOrReuseBinding, deleteResource, labelEq, labelValue, type ServiceManagerClient, type SmBinding } from '../api/serviceManager';

/**
 * The labels of a rotation. Inventory reads the shared ones (api/keyOwnership.ts ROTATION_LABELS:
 * `n8n-rotated-at`, `n8n-rotated-from` on the new binding; `n8n-retire-at`, `n8n-replaced-by` on
 * the old one). SAP's operator marks the binding it rotated away the same way and deletes it after
 * a TTL (SAP/sap-btp-service-operator api/common/common.go StaleBindingIDLabel,
 * StaleBindingRotationOfLabel; controllers/servicebinding_controller.go handleStaleServiceBinding).
 * Every key is only ever added, never changed (SM has no "replace" and refuses an add and a remove
 * of one key in one PATCH: Peripli pkg/types/labels.go; SAP's operator RenameBinding).
 */
export const ROTATION_LABELS = {
	...SHARED_LABELS,
	/** on the old binding, once renamed: the name it had (and the new one now has) */
	formerName: 'n8n-rotation-name',
	/** on the old binding, with retireAt: `retiring`, for a label query (SM's label operators are eq, ne, in, notin) */
	state: 'n8n-rotation-state',
} as const;
export const RETIRING = 'retiring';

const DAY_MS = 86_400_000;
/** SM binding names as the node's Binding Name field allows them (helpers/validation.ts). */
export const MAX_BINDING_NAME = 100;

export type DeleteOld = 'wait' | 'later';

export interface RotationPolicy {
	/** how long both keys work; 0 deletes the old one as soon as the new one is verified */
	graceMs: number;
	/** delete the old binding in this run (waiting out the grace period) or in a later run once due */
	deleteOld: DeleteOld;
	/** rotate only keys at least this old (0: always) */
	minAgeDays: number;
	/** X.509 keys: rotate only when the certificate ends within this many days */
	certificateWithinDays?: number;
	timeoutMs: number;
}

export interface KeyVerification extends IDataObject {
	tokenObtained: true;
	credentialType: string;
	scopes: string[];
	apiUrl?: string;
}

export interface RotationResult {
	/** rotated: a new key now; resumed: an earlier run's rotation finished; skipped: nothing to do */
	action: 'rotated' | 'resumed' | 'skipped';
	reason?: string;
	/** the key that has the name now (with credentials; the caller masks them) */
	current: SmBinding;
	verification?: KeyVerification;
	/** what happened to the binding it replaced (none when nothing was rotated) */
	old?: { id: string; name: string; deleteAfter?: string; state: 'deleted' | 'deleting' | 'retiring' | 'alreadyDeleted' };
	/** older bindings of earlier rotations deleted because they were due */
	deletedDue: Array<{ id: string; name: string }>;
}

/** `cloud-alm-api-key` → `cloud-alm-api-key-retired-20261130T211500Z`, within SM's name length. */
export function retiredName(name: string, now: number): string {
	const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
	const suffix = `-retired-${stamp}`;
	return `${name.slice(0, MAX_BINDING_NAME - suffix.length)}${suffix}`;
}

/** The XSUAA block of a key: `uaa` (Cloud ALM, CIS) or the key itself (Service Manager, Destination). */
const uaaBlock = (credentials: unknown): IDataObject => {
	const c = (credentials ?? {}) as IDataObject;
	return (c.uaa && typeof c.uaa === 'object' ? c.uaa : c) as IDataObject;
};

/** The certificate of an X.509 key, if it has one. */
export function keyCertificate(credentials: unknown): { notAfter: Date; notBefore: Date } | undefined {
	const pem = uaaBlock(credentials).certificate;
	if (typeof pem !== 'string') return undefined;
	try {
		const cert = new X509Certificate(pem);
		return { notAfter: new Date(cert.validTo), notBefore: new Date(cert.validFrom) };
	} catch {
		return undefined;
	}
}

/** Which kind of key this is, so the new one can be verified the way it will be used. */
function keyKind(credentials: unknown): 'cloudAlm' | 'serviceManager' | undefined {
	try {
		parseCloudAlmKey(credentials);
		return 'cloudAlm';
	} catch {
		// not a Cloud ALM key
	}
	try {
		parseServiceManagerKey(credentials);
		return 'serviceManager';
	} catch {
		return undefined;
	}
}

/**
 * The new binding's parameters: the same credential type as the old key. An X.509 key keeps the
 * old certificate's validity (whole days, at least 1). An `instance-secret` key becomes a
 * `binding-secret` one: an instance secret is shared by every binding of the instance, so a new
 * binding would carry the same secret (SAP-docs/btp-cloud-platform "Rotating instance secrets"
 * asks to move to binding secrets).
 */
export function newKeyParameters(credentials: unknown): { parameters?: IDataObject; note?: string } {
	const cert = keyCertificate(credentials);
	if (cert) {
		const days = Math.max(1, Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS));
		return { parameters: { 'credential-type': 'x509', x509: { validity: days, 'validity-type': 'DAYS' } } };
	}
	if (uaaBlock(credentials)['credential-type'] === 'instance-secret') {
		return {
			parameters: { 'credential-type': 'binding-secret' },
			note: 'The old key used an instance secret, which every binding of the instance shares; the new key has a binding secret of its own.',
		};
	}
	return {};
}

function fail(sm: ServiceManagerClient, message: string, description: string): never {
	throw new NodeOperationError(sm.session.node, message, { description });
}

/** Verifies a new key the way it will be used: a token from its client, and the scopes in it. */
export async function verifyKey(sm: ServiceManagerClient, credentials: unknown): Promise<KeyVerification> {
	if (keyKind(credentials) === 'cloudAlm') {
		const v = await verifyCloudAlmBinding(sm.session, credentials as IDataObject);
		return { tokenObtained: true, credentialType: v.credentialType, scopes: v.scopes, apiUrl: v.apiUrl };
	}
	const key = parseServiceManagerKey(credentials);
	const token = await fetchTokenWithRetry(sm.session.ctx, sm.session.transport, key.uaa, 'Verify the new key (token)');
	return { tokenObtained: true, credentialType: key.uaa.credentialType, scopes: token.scopes.map((s) => s.replace(/^[^.]*![^.]*\./, '')).sort() };
}

/**
 * Refuses, before any change, what Rotate must not touch: keys SAP created (they belong to the
 * systems SAP connected), bindings with an operation running, keys it cannot verify.
 */
export async function checkRotatable(sm: ServiceManagerClient, binding: SmBinding, context: OwnershipContext = {}): Promise<void> {
	const step = 'Check the binding';
	const instance = binding.service_instance_id ? await sm.getInstance(String(binding.service_instance_id)) : undefined;
	const ownership = bindingOwnership(binding, instance, instance ? instanceOwnership(instance, context) : undefined);
	if (ownership.sapCreated) {
		fail(
			sm,
			`Binding "${binding.name}" was created by SAP; Rotate does not touch it`,
			`Step: ${step}\nField: Service Binding. ${ownership.basis} Rotating it would break what SAP connected with it. Pick a binding you created (e.g. the one Cloud ALM API → Enable made), or create one with Service Binding → Create.`,
		);
	}
	const op = binding.last_operation;
	if (op && (op.state === 'in progress' || op.state === 'pending')) {
		fail(sm, `Binding "${binding.name}" has a ${String(op.type)} operation running`, `Step: ${step}\nRun Rotate again once it has finished.`);
	}
	if (binding.ready === false) {
		fail(sm, `Binding "${binding.name}" is not ready`, `Step: ${step}\nIts last operation did not succeed; delete it or create it again before rotating.`);
	}
	if (!keyKind(binding.credentials)) {
		fail(
			sm,
			`Binding "${binding.name}" has no key Rotate can verify`,
			`Step: ${step}\nRotate verifies the new key (a token from its XSUAA client) before it retires the old one; it reads SAP Cloud ALM API keys and Service Manager keys. Rotate other keys with Service Binding → Create and Delete.`,
		);
	}
}

const dueOf = (b: SmBinding) => labelValue(b, ROTATION_LABELS.retireAt);
const isDue = (b: SmBinding, now: number) => {
	const due = Date.parse(dueOf(b) ?? '');
	return Number.isFinite(due) && due <= now;
};

/** Deletes a retiring binding (waiting for it); a binding already gone counts as deleted. */
async function deleteRetired(sm: ServiceManagerClient, b: SmBinding, policy: RotationPolicy) {
	const result = await deleteResource(sm, 'service_bindings', { id: b.id, name: b.name }, { wait: true, timeoutMs: policy.timeoutMs });
	return result === 'absent' ? ('alreadyDeleted' as const) : result;
}

/** Waits until a retiring binding is due, then deletes it. */
async function waitAndDelete(sm: ServiceManagerClient, b: SmBinding, policy: RotationPolicy) {
	const wait = Date.parse(dueOf(b) ?? '') - Date.now();
	if (wait > 0) await sleep(wait);
	return await deleteRetired(sm, b, policy);
}

/**
 * The bindings earlier rotations marked and whose time has come, deleted (of one instance, or of
 * the whole subaccount). Bindings SAP created are never among them: only this node marks.
 */
export async function deleteDueBindings(sm: ServiceManagerClient, policy: RotationPolicy, instanceId?: string): Promise<Array<{ id: string; name: string; deleteAfter: string; state: string }>> {
	const marked = await sm.findBindingsLabelled(labelEq(ROTATION_LABELS.state, RETIRING), 'Find bindings due for deletion');
	const now = Date.now();
	const due = marked.filter((b) => (!instanceId || b.service_instance_id === instanceId) && isDue(b, now));
	const done = [];
	for (const b of due) done.push({ id: b.id, name: b.name, deleteAfter: dueOf(b)!, state: await deleteRetired(sm, b, policy) });
	return done;
}

/** Rotates `located` (read by id, with credentials and labels), or finishes a rotation a run before began. */
export async function rotateBinding(sm: ServiceManagerClient, located: SmBinding, policy: RotationPolicy): Promise<RotationResult & { parametersNote?: string }> {
	const instance = { id: String(located.service_instance_id), name: String(located.service_instance_name ?? located.service_instance_id) };
	const deletedDue = (await deleteDueBindings(sm, policy, instance.id)).map(({ id, name }) => ({ id, name }));
	const deletedIds = new Set(deletedDue.map((d) => d.id));

	// an OLD binding of an earlier rotation (found by id, or by its former name while the new one is missing)
	const formerName = labelValue(located, ROTATION_LABELS.formerName);
	if (formerName) {
		if (deletedIds.has(located.id)) {
			const current = await sm.findBindingByName(instance.id, formerName);
			if (!current) fail(sm, `Binding "${located.name}" was retired and deleted; no binding "${formerName}" replaces it`, 'Step: Rotate\nCreate a key with Service Binding → Create.');
			return { action: 'resumed', reason: 'The old binding was due and is deleted.', current: (await sm.getBinding(current.id))!, old: { id: located.id, name: located.name, deleteAfter: dueOf(located), state: 'deleted' }, deletedDue };
		}
		if (dueOf(located)) {
			const replacement = labelValue(located, ROTATION_LABELS.replacedBy);
			const current = replacement ? await sm.findBindingById(replacement) : undefined;
			if (!current) fail(sm, `Binding "${located.name}" is retiring, but the binding that replaced it is gone`, 'Step: Rotate\nCheck the bindings of the instance; nothing was changed.');
			const state = policy.deleteOld === 'wait' ? await waitAndDelete(sm, located, policy) : 'retiring';
			return { action: 'skipped', reason: `Binding "${located.name}" is in its grace period (replaced by "${current.name}").`, current, old: { id: located.id, name: located.name, deleteAfter: dueOf(located), state }, deletedDue };
		}
		// renamed, but the new key was not created or not verified yet: finish that rotation
		return await finishRotation(sm, instance, located, formerName, policy, deletedDue, 'resumed');
	}

	// a NEW binding of an earlier rotation whose old binding still exists
	const predecessorId = labelValue(located, ROTATION_LABELS.rotatedFrom);
	const predecessor = predecessorId && !deletedIds.has(predecessorId) ? await sm.findBindingById(predecessorId) : undefined;
	if (predecessor && !dueOf(predecessor)) {
		return await finishRotation(sm, instance, predecessor, located.name, policy, deletedDue, 'resumed');
	}
	if (predecessor) {
		const state = policy.deleteOld === 'wait' ? await waitAndDelete(sm, predecessor, policy) : 'retiring';
		return {
			action: 'skipped',
			reason: `"${located.name}" replaced "${predecessor.name}" in an earlier run, which is in its grace period until ${dueOf(predecessor)}; it is not rotated again meanwhile.`,
			current: located,
			old: { id: predecessor.id, name: predecessor.name, deleteAfter: dueOf(predecessor), state },
			deletedDue,
		};
	}

	// is a rotation needed?
	const now = Date.now();
	if (policy.minAgeDays > 0) {
		const created = Date.parse(String(located.created_at ?? ''));
		const ageDays = (now - created) / DAY_MS;
		if (Number.isFinite(created) && ageDays < policy.minAgeDays) {
			return { action: 'skipped', reason: `The key is ${ageDays.toFixed(1)} days old; Only When Older Than is ${policy.minAgeDays} days.`, current: located, deletedDue };
		}
	}
	const cert = keyCertificate(located.credentials);
	if (cert && policy.certificateWithinDays !== undefined) {
		const daysLeft = (cert.notAfter.getTime() - now) / DAY_MS;
		if (daysLeft > policy.certificateWithinDays) {
			return {
				action: 'skipped',
				reason: `The certificate ends ${cert.notAfter.toISOString()} (${daysLeft.toFixed(1)} days); Only When the Certificate Expires Within is ${policy.certificateWithinDays} days.`,
				current: located,
				deletedDue,
			};
		}
	}

	// 1. the old binding gives up its name
	const name = located.name;
	const old = await sm.updateBinding(
		located.id,
		{ name: retiredName(name, now), labels: [{ op: 'add', key: ROTATION_LABELS.formerName, values: [name] }] },
		'Rename the old binding',
		`renaming the binding "${name}" for its rotation`,
	);
	return await finishRotation(sm, instance, { ...located, ...old, credentials: located.credentials }, name, policy, deletedDue, 'rotated');
}

/** Steps 2–5 for an old binding that gave up its name `name`. */
async function finishRotation(
	sm: ServiceManagerClient,
	instance: { id: string; name: string },
	old: SmBinding,
	name: string,
	policy: RotationPolicy,
	deletedDue: RotationResult['deletedDue'],
	action: 'rotated' | 'resumed',
): Promise<RotationResult & { parametersNote?: string }> {
	// 2. the new key under the name (a binding of that name from this rotation is adopted)
	const oldCredentials = old.credentials ?? (await sm.getBinding(old.id))?.credentials;
	const { parameters, note } = newKeyParameters(oldCredentials);
	const existing = await sm.findBindingByName(instance.id, name);
	if (existing && labelValue(existing, ROTATION_LABELS.rotatedFrom) !== old.id) {
		fail(
			sm,
			`Binding "${name}" exists and does not replace "${old.name}"`,
			`Step: Create the new binding\nAnother binding took the name "${name}". Delete or rename it, then run Rotate on "${old.name}" again; the old key is still valid.`,
		);
	}
	const { binding: created } = await createOrReuseBinding(
		sm,
		instance,
		{ name, parameters, labels: { [ROTATION_LABELS.rotatedFrom]: [old.id], [ROTATION_LABELS.rotatedAt]: [new Date().toISOString()] } },
		{ wait: true, timeoutMs: policy.timeoutMs },
	);
	// 3. verify: a failure leaves the old key valid and unmarked (a re-run adopts the new one and verifies again)
	const verification = await verifyKey(sm, created.credentials);
	// 4. mark the old one with its due time
	const due = new Date(Date.now() + policy.graceMs).toISOString();
	await sm.updateBinding(
		old.id,
		{
			labels: [
				{ op: 'add', key: ROTATION_LABELS.state, values: [RETIRING] },
				{ op: 'add', key: ROTATION_LABELS.retireAt, values: [due] },
				{ op: 'add', key: ROTATION_LABELS.replacedBy, values: [created.id] },
			],
		},
		'Mark the old binding for deletion',
		`marking the binding "${old.name}" for deletion after ${due}`,
	);
	// 5. delete it now, after waiting, or leave it to a later run
	const marked = { ...old, labels: { ...(old.labels ?? {}), [ROTATION_LABELS.retireAt]: [due] } } as SmBinding;
	let state: NonNullable<RotationResult['old']>['state'] = 'retiring';
	if (policy.graceMs === 0 || policy.deleteOld === 'wait') state = await waitAndDelete(sm, marked, policy);
	return { action, current: created, verification, old: { id: old.id, name: old.name, deleteAfter: due, state }, deletedDue, parametersNote: note };
}
