/**
 * Request bodies: `parameters` and `labels` objects, PATCH label changes, and the gate of
 * `GET …/parameters`.
 */
import { SimError, type SimRequest } from '../../http';
import type { SimContext, SmInstance } from '../../state';

export function asObject(value: unknown, field: string): Record<string, unknown> {
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new SimError(400, 'BadRequest', `${field} must be a JSON object`);
	}
	return value as Record<string, unknown>;
}

export function checkLabels(value: unknown): Record<string, string[]> {
	const labels = asObject(value, 'labels');
	for (const [k, v] of Object.entries(labels)) {
		if (!/^[A-Za-z0-9._/-]{1,100}$/.test(k)) throw new SimError(400, 'BadRequest', `label key '${k}' is invalid`);
		if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string' || !x || x.length > 255 || x.includes('\n'))) {
			throw new SimError(400, 'BadRequest', `label '${k}' must be a non-empty array of non-empty strings`);
		}
	}
	return labels as Record<string, string[]>;
}

/** PATCH label changes `[{op:add|remove, key, values?}]` (Peripli/specification api.md, Labels Object; SAP/sap-btp-service-operator client/sm/client.go RenameBinding). */
export function applyLabelOps(current: Record<string, string[]>, ops: unknown): Record<string, string[]> {
	if (!Array.isArray(ops)) throw new SimError(400, 'BadRequest', 'labels must be an array of {op, key, values} changes');
	const next: Record<string, string[]> = JSON.parse(JSON.stringify(current));
	const touched: Record<string, string> = {};
	for (const change of ops as Array<Record<string, unknown>>) {
		const { op, key, values } = change ?? {};
		if ((op !== 'add' && op !== 'remove') || typeof key !== 'string' || !key) {
			throw new SimError(400, 'BadRequest', 'each label change needs op (add|remove) and key');
		}
		if (touched[key] && touched[key] !== op) {
			throw new SimError(400, 'BadRequest', `label ${key}: add and remove in the same request is not supported`);
		}
		touched[key] = op;
		if (values !== undefined && (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || !v))) {
			throw new SimError(400, 'BadRequest', `label ${key}: values must be non-empty strings`);
		}
		const vals = (values as string[] | undefined) ?? [];
		if (op === 'add') {
			if (!vals.length) throw new SimError(400, 'BadRequest', `label ${key}: add needs values`);
			next[key] = [...new Set([...(next[key] ?? []), ...vals])];
		} else if (!vals.length) {
			delete next[key];
		} else {
			next[key] = (next[key] ?? []).filter((v) => !vals.includes(v));
			if (!next[key].length) delete next[key];
		}
	}
	return next;
}

/** The offering's `instances_retrievable` / `bindings_retrievable` gate of `GET …/parameters`. */
export function checkRetrievable(sim: SimContext, req: SimRequest, instance: SmInstance, kind: 'instances' | 'bindings') {
	// Peripli: parameters are always read synchronously
	if (req.query.get('async') === 'true') {
		throw new SimError(400, 'InvalidRequest', `requested ${req.path}?${req.query.toString()} api doesn't support asynchronous operation.`);
	}
	const offering = sim.state.offerings.find((o) => o.id === instance.service_offering_id)!;
	const retrievable = kind === 'instances' ? offering.instances_retrievable : offering.bindings_retrievable;
	// Peripli's two controllers word it differently: with and without the final period
	if (!retrievable) throw new SimError(400, 'BadRequest', kind === 'instances' ? 'this operation is not supported.' : 'this operation is not supported');
}
