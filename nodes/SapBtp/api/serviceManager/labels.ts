/**
 * The node's labels on what it creates: who created it (so it is never taken for SAP's instance or
 * anyone else's binding) and a hash of the parameters it applied.
 *
 * Parameters of an offering that is not `instances_retrievable` cannot be read back (GET
 * …/parameters → 400 "this operation is not supported.", Peripli/service-manager
 * api/service_instance_controller.go). Drift is detected from a label holding a hash of the
 * parameters this node applied, as SAP's operator keeps a hash of the spec it applied
 * (SAP/sap-btp-service-operator api/v1/serviceinstance_types.go GetSpecHash, compared in
 * controllers/serviceinstance_controller.go updateRequired).
 */
import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { SmLabelChange, SmResource } from './types';

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

export const hashLabelsOf = (labels: unknown): string[] =>
	labels && typeof labels === 'object' ? Object.keys(labels).filter((k) => k.startsWith(PARAMETERS_HASH_LABEL_PREFIX)) : [];

/** The label changes that make the hash label say `parameters` (none when it already does). */
export function hashLabelChanges(labels: unknown, parameters: IDataObject): SmLabelChange[] {
	const wanted = parametersHashLabel(parameters);
	const present = hashLabelsOf(labels);
	return [
		...(present.includes(wanted) ? [] : [{ op: 'add' as const, key: wanted, values: [OWNER] }]),
		...present.filter((k) => k !== wanted).map((key) => ({ op: 'remove' as const, key })),
	];
}

/** The node's ownership label, on a create. */
export const ownerLabels = (): IDataObject => ({ [OWNER_LABEL]: [OWNER] });

/** Whether the object carries the node's ownership label. */
export const isOwn = (resource: SmResource) => {
	const values = (resource.labels as IDataObject | undefined)?.[OWNER_LABEL];
	return Array.isArray(values) && (values as unknown[]).includes(OWNER);
};

/** Whether this node created the instance or binding (it carries one of the node's labels). */
export const createdByThisNode = (resource: SmResource) => isOwn(resource) || hashLabelsOf(resource.labels).length > 0;

/** The first value of a label, if any. */
export const labelValue = (resource: SmResource, key: string): string | undefined => {
	const values = (resource.labels as IDataObject | undefined)?.[key];
	return Array.isArray(values) && typeof values[0] === 'string' ? values[0] : undefined;
};
