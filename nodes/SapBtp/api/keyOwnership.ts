/**
 * Who created a Cloud ALM API instance or binding (service key): SAP, this node, or someone else.
 * Inventory reports it, Disable deletes only what this node created, and Rotate refuses SAP's
 * keys. Every rule reads only what Service Manager lists (names, labels, times, credential
 * fields); nothing here calls SAP.
 *
 * What SAP documents:
 * - Tenants provisioned on or after 2023-10-16 get a Cloud ALM API instance and service
 *   credentials from SAP at provisioning (SAP-docs/cloud-alm-setup-admin-guide
 *   retrieving-service-credentials-448f9f1.md, binding-credentials-of-the-sap-cloud-alm-api-
 *   service-instance-6c734bd.md); SAP also creates the subaccount "SAP Cloud ALM" that holds them
 *   (…-6c734bd.md). Those credentials were uploaded to the Landscape Management app, and deleting
 *   them or their instance in BTP does not delete them there (managing-your-service-credentials-
 *   87b7851.md, "Caution"): a deleted SAP key breaks the managed services that push with it.
 * - SAP creates service credentials automatically under the naming convention
 *   `<system ID>_<client number>_<system number>`, and asks users to name their bindings otherwise
 *   (enabling-sap-cloud-alm-api-704b5dc.md, "Create a Binding", Caution).
 *
 * What SAP does not document, so is inferred here (certainty in docs/sap-behaviour.md): the names
 * of the instance and key SAP creates at provisioning, and that they are created together with the
 * subaccount. The rules are built so that a miss errs towards "SAP created" (which only makes the
 * node refuse more), never towards "this node created": that needs the node's own label.
 */
import { X509Certificate } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { createdByThisNode, SM_PLATFORM, type SmBinding, type SmInstance, type SmLabels } from './serviceManager';

/** Who created an instance or a binding. */
export type Creator = 'sap' | 'thisNode' | 'other';

export interface Ownership {
	createdBy: Creator;
	/** createdBy === 'sap' */
	sapCreated: boolean;
	/** why, in one sentence (for outputs and refusals) */
	basis: string;
}

/**
 * `<system ID>_<client number>_<system number>`: an SAP system ID (three characters, a letter
 * first), a three-digit client and a two-digit system number. Matched without regard to case, so
 * a doubtful name counts as SAP's (SAP-docs/cloud-alm-setup-admin-guide enabling-sap-cloud-alm-
 * api-704b5dc.md).
 */
export const MANAGED_SYSTEM_KEY_NAME = /^[A-Z][A-Z0-9]{2}_[0-9]{3}_[0-9]{2}$/i;

/** The names of SAP's provisioning-time instance and key as the simulator seeds them (inferred: SAP does not publish them). */
export const SAP_GENERATED_INSTANCE_NAMES: readonly string[] = ['SAPCloudALMAPIs-default'];
export const SAP_GENERATED_BINDING_NAMES: readonly string[] = ['SAPCloudALMAPIs-default-key'];

/**
 * How close to the subaccount's creation SAP's instance is created, and how close to the
 * instance its key (both at tenant provisioning; the window is ours [I]).
 */
export const PROVISIONING_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What the classifier may know about the subaccount (Accounts service: `createdDate`, epoch ms). */
export interface OwnershipContext {
	subaccountCreatedAt?: number | string;
}

const time = (value: unknown): number | undefined => {
	if (value === undefined || value === null || value === '') return undefined;
	const t = typeof value === 'number' ? value : Date.parse(String(value));
	return Number.isFinite(t) ? t : undefined;
};

const within = (a: unknown, b: unknown, windowMs: number) => {
	const ta = time(a);
	const tb = time(b);
	return ta !== undefined && tb !== undefined && Math.abs(ta - tb) <= windowMs;
};

const THIS_NODE = 'it carries the label this node puts on what it creates';

/** Who created a Cloud ALM API instance. */
export function instanceOwnership(instance: SmInstance, context: OwnershipContext = {}): Ownership {
	if (createdByThisNode(instance)) return { createdBy: 'thisNode', sapCreated: false, basis: `Created by this node: ${THIS_NODE}.` };
	if (instance.platform_id !== undefined && instance.platform_id !== SM_PLATFORM) {
		return {
			createdBy: 'other',
			sapCreated: false,
			basis: `Created on platform ${String(instance.platform_id)} (Cloud Foundry or Kyma), not through the Service Manager API.`,
		};
	}
	if (SAP_GENERATED_INSTANCE_NAMES.includes(instance.name)) {
		return { createdBy: 'sap', sapCreated: true, basis: `Created by SAP at tenant provisioning: "${instance.name}" is the name of SAP's generated instance.` };
	}
	if (within(instance.created_at, context.subaccountCreatedAt, PROVISIONING_WINDOW_MS)) {
		return {
			createdBy: 'sap',
			sapCreated: true,
			basis: "Created by SAP at tenant provisioning: it was created within a day of its subaccount, as SAP's generated instance is.",
		};
	}
	return { createdBy: 'other', sapCreated: false, basis: 'Not created by this node (no label of the node) and not by SAP at tenant provisioning.' };
}

/** Who created a binding (service key) of a Cloud ALM API instance. */
export function bindingOwnership(binding: SmBinding, instance?: SmInstance, ofInstance?: Ownership): Ownership {
	if (createdByThisNode(binding)) return { createdBy: 'thisNode', sapCreated: false, basis: `Created by this node: ${THIS_NODE}.` };
	if (MANAGED_SYSTEM_KEY_NAME.test(binding.name)) {
		return {
			createdBy: 'sap',
			sapCreated: true,
			basis: `Created by SAP for a managed system: "${binding.name}" follows SAP's naming <system ID>_<client number>_<system number>.`,
		};
	}
	if (SAP_GENERATED_BINDING_NAMES.includes(binding.name)) {
		return {
			createdBy: 'sap',
			sapCreated: true,
			basis: `Created by SAP at tenant provisioning: "${binding.name}" is the name of SAP's generated key (uploaded to Landscape Management).`,
		};
	}
	if (ofInstance?.sapCreated && instance && within(binding.created_at, instance.created_at, PROVISIONING_WINDOW_MS)) {
		return {
			createdBy: 'sap',
			sapCreated: true,
			basis: "Created by SAP at tenant provisioning: it was created with SAP's generated instance (such keys are uploaded to Landscape Management).",
		};
	}
	return { createdBy: 'other', sapCreated: false, basis: 'Not created by this node (no label of the node) and not by SAP.' };
}

// ------------------------------------------------------------------------------- rotation labels
/**
 * Labels of a rotation (Service Binding → Rotate writes them; Inventory reads them). SM label keys
 * are at most 100 characters of letters, digits and `._/-` and values strings
 * (Peripli/specification api.md, Labels Object).
 * - on the NEW binding: `n8n-rotated-at` (ISO time of the rotation) and `n8n-rotated-from` (the old binding's id)
 * - on the OLD binding: `n8n-retire-at` (ISO time after which a later run deletes it) and
 *   `n8n-replaced-by` (the new binding's id)
 */
export const ROTATION_LABELS = {
	rotatedAt: 'n8n-rotated-at',
	rotatedFrom: 'n8n-rotated-from',
	retireAt: 'n8n-retire-at',
	replacedBy: 'n8n-replaced-by',
} as const;

const labelValue = (labels: SmLabels | undefined, key: string): string | undefined => {
	const values = labels?.[key];
	return Array.isArray(values) && values.length ? String(values[values.length - 1]) : undefined;
};

export interface RotationState {
	/** when the rotation that created this binding ran */
	lastRotation?: string;
	rotatedFrom?: string;
	/** when this binding is due to be deleted (it was replaced) */
	retireAt?: string;
	replacedBy?: string;
}

export function rotationState(binding: { labels?: SmLabels }): RotationState {
	const l = binding.labels;
	const state: RotationState = {
		lastRotation: labelValue(l, ROTATION_LABELS.rotatedAt),
		rotatedFrom: labelValue(l, ROTATION_LABELS.rotatedFrom),
		retireAt: labelValue(l, ROTATION_LABELS.retireAt),
		replacedBy: labelValue(l, ROTATION_LABELS.replacedBy),
	};
	for (const k of Object.keys(state) as Array<keyof RotationState>) if (state[k] === undefined) delete state[k];
	return state;
}

// ------------------------------------------------------------------------------- credential type
/**
 * The credential type of a binding's key, as XSUAA writes it in `uaa.credential-type`
 * (`binding-secret`, `instance-secret`, `x509` and its variants X509_GENERATED, X509_PROVIDED,
 * X509_ATTESTED: SAP/cloud-security-services-integration-library CredentialType.java), folded to
 * the three the node reports. SAP asks to migrate away from instance secrets: from 2026-01-19
 * they are "not supported anymore for new bindings and service keys. We recommend to remove old
 * bindings with this credential type" (SAP-docs/btp-cloud-platform service-instance-secrets-
 * 5578ec4.md; migrate-from-instance-secrets-to-binding-secrets-dcee867.md).
 */
export type CredentialType = 'binding-secret' | 'instance-secret' | 'x509' | 'unknown';

export function credentialTypeOf(credentials: unknown): CredentialType {
	const uaa = ((credentials as IDataObject | undefined)?.uaa ?? {}) as IDataObject;
	const declared = String(uaa['credential-type'] ?? '').toLowerCase();
	if (declared.startsWith('x509')) return 'x509';
	if (declared === 'binding-secret' || declared === 'instance-secret') return declared;
	if (!declared && typeof uaa.certificate === 'string') return 'x509';
	return 'unknown';
}

/**
 * The end of an X.509 key's certificate (its `notAfter`), read from `uaa.certificate`; the first
 * certificate of the PEM is the binding's own (XSUAA puts the leaf first). Undefined for secrets
 * and for what cannot be read. The key itself is never read.
 */
export function certificateNotAfter(credentials: unknown): Date | undefined {
	const uaa = ((credentials as IDataObject | undefined)?.uaa ?? {}) as IDataObject;
	const pem = typeof uaa.certificate === 'string' ? uaa.certificate : undefined;
	const first = pem?.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/)?.[0];
	if (!first) return undefined;
	try {
		const notAfter = new Date(new X509Certificate(first).validTo);
		return Number.isFinite(notAfter.getTime()) ? notAfter : undefined;
	} catch {
		return undefined;
	}
}
