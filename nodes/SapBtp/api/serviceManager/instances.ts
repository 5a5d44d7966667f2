/**
 * Service instances: create, update, and Create or Update (the lifecycle of lifecycle.ts plus
 * parameter drift judged by the hash label of labels.ts), and reading parameters back.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { sameParameters } from '../../helpers/xsSecurity';
import { resolvePlan, type PlanIds } from './catalog';
import type { ServiceManagerClient } from './client';
import { hashLabelChanges, hashLabelsOf, ownerLabels, parametersHashLabel, OWNER } from './labels';
import { createOrAdoptObject, ensureObject } from './lifecycle';
import { settle } from './operations';
import type { SmInstance, WaitOptions } from './types';

export type ParametersRead = { retrievable: true; parameters: IDataObject } | { retrievable: false; reason: string };

/**
 * An instance's parameters, or why SM cannot give them: an offering that is not
 * `instances_retrievable` answers 400 "this operation is not supported." (Peripli/service-manager
 * api/service_instance_controller.go); SAP's recorded catalogs show xs-security offerings so.
 */
export async function readInstanceParameters(sm: ServiceManagerClient, id: string): Promise<ParametersRead> {
	const { answer, unexpected } = await sm.getInstanceParameters(id, 'Read the instance parameters');
	if (answer.status === 400) {
		if (/not supported/i.test(JSON.stringify(answer.body ?? ''))) {
			return {
				retrievable: false,
				reason: 'Service Manager cannot read this instance\'s parameters back: its offering is not instances_retrievable ("this operation is not supported.")',
			};
		}
		throw unexpected();
	}
	return { retrievable: true, parameters: answer.body ?? {} };
}

export interface InstanceSpec {
	name: string;
	/** the plan by id, or by catalog names (then the ids are looked up, once per execution) */
	planId?: string;
	planNames?: { offering: string; plan: string };
	/** with `planId`: whether the offering is instances_retrievable (unknown = not) */
	instancesRetrievable?: boolean;
	parameters?: IDataObject;
	labels?: IDataObject;
}

/** Plan id and retrievability of a spec; by names looked up (once per execution, `data_center eq ''`). */
async function wantedPlan(sm: ServiceManagerClient, spec: InstanceSpec): Promise<PlanIds> {
	if (spec.planId) return { offeringId: '', planId: spec.planId, instancesRetrievable: spec.instancesRetrievable === true };
	if (!spec.planNames) throw new NodeOperationError(sm.session.node, `No plan given for service instance "${spec.name}"`);
	const { offering, plan } = spec.planNames;
	return await resolvePlan(sm, offering, plan, sm.session.settings.planGraceMs);
}

function otherPlan(sm: ServiceManagerClient, name: string, existing: SmInstance) {
	return new NodeOperationError(sm.session.node, `Service instance "${name}" already exists with another plan`, {
		description: `Step: Create or update the service instance\nInstance ${existing.id} uses plan ${String(existing.service_plan_id)}; choose another instance name or delete that instance.`,
	});
}

export async function createInstance(
	sm: ServiceManagerClient,
	spec: InstanceSpec,
	opts: WaitOptions & { readBack?: boolean },
): Promise<{ instance: SmInstance; action: 'created' | 'adopted' }> {
	// by plan id, never by catalog names: the same names can exist in several data centers, and
	// which one SM picks for names is not documented (SAP's operator and crossplane resolve the id)
	const { planId } = await wantedPlan(sm, spec);
	const body: IDataObject = { name: spec.name, service_plan_id: planId };
	if (spec.parameters) body.parameters = spec.parameters;
	// the node's labels: who created it (so it is never taken for SAP's instance) and the hash of
	// the parameters it applied
	const labels: IDataObject = { ...(spec.labels ?? {}), ...ownerLabels() };
	if (spec.parameters) labels[parametersHashLabel(spec.parameters)] = [OWNER];
	body.labels = labels;
	const { resource, action } = await createOrAdoptObject<SmInstance>(
		sm,
		{
			kind: 'service_instances',
			name: spec.name,
			step: 'Create the service instance',
			body,
			what: `creating the service instance "${spec.name}"`,
			find: async () => await sm.findInstanceByName(spec.name),
			adoptOptions: {
				// right after an entitlement SM may not list the plan for a few seconds
				transient: (a) => a.status === 404 && /service plan/i.test(JSON.stringify(a.body ?? '')),
				graceUntil: Date.now() + sm.session.settings.planGraceMs,
			},
			// a 409 for a name held by an instance of another plan is not a create of ours
			acceptAdopted: (instance) => {
				if (instance.service_plan_id && instance.service_plan_id !== planId) throw otherPlan(sm, spec.name, instance);
			},
			rereadAdopted: 'afterWait',
			// without read-back the instance is described by what is known once its create succeeded (issue 7:
			// one GET less per chain); its id comes from the Location or the answer
			known: opts.readBack === false ? { service_plan_id: planId, ready: true, labels } : undefined,
		},
		opts,
	);
	return { instance: resource, action };
}

export async function updateInstance(
	sm: ServiceManagerClient,
	instance: { id: string; name: string },
	changes: IDataObject,
	opts: WaitOptions,
): Promise<SmInstance | undefined> {
	const answer = await sm.updateInstance(instance.id, changes, `updating the service instance "${instance.name}"`);
	return await settle<SmInstance>(sm, 'service_instances', answer, { id: instance.id, name: String(changes.name ?? instance.name), type: 'update' }, opts);
}

export type InstanceAction = 'created' | 'adopted' | 'recreated' | 'updated' | 'unchanged' | 'reused';

interface Drift {
	changed: boolean;
	/** label changes that make the hash label match the wanted parameters */
	labelChanges: IDataObject[];
	/** how the decision was made, when it was not the hash label */
	note?: string;
}

/**
 * Whether an existing instance's parameters differ from `parameters`, without reading them back
 * when SM cannot: the hash label this node set when it last applied parameters decides. An
 * instance without that label (created in the cockpit, by SAP, or by an older version of this
 * node) is compared by reading its parameters when its offering allows it; otherwise the
 * parameters are applied to be sure (a PATCH with the same values changes nothing), and the note
 * says so.
 */
async function parameterDrift(sm: ServiceManagerClient, existing: SmInstance, parameters: IDataObject, retrievable: boolean): Promise<Drift> {
	const present = hashLabelsOf(existing.labels);
	const labelChanges = hashLabelChanges(existing.labels, parameters);
	if (present.length) return { changed: labelChanges.length > 0, labelChanges };
	if (retrievable) {
		const read = await readInstanceParameters(sm, existing.id);
		if (read.retrievable) return { changed: !sameParameters(read.parameters, parameters), labelChanges, note: 'Compared by reading the parameters back (the instance has no parameter hash label of this node).' };
	}
	return {
		changed: true,
		labelChanges,
		note: `Instance "${existing.name}" has no parameter hash label of this node (it was created elsewhere or by an older version) and Service Manager cannot read its parameters back, so the parameters were applied to be sure. From now on the label tells whether they changed.`,
	};
}

/**
 * The instance called `spec.name`, made to match: created when absent, deleted and recreated
 * when its create had failed, PATCHed only when its parameters differ (updated/unchanged).
 */
export async function createOrUpdateInstance(
	sm: ServiceManagerClient,
	spec: InstanceSpec,
	opts: WaitOptions & { update: boolean; readBack?: boolean },
	/** the caller already looked the name up (e.g. while the entitlement job ran): no second list */
	lookedUp?: { existing: SmInstance | undefined },
): Promise<{ instance: SmInstance; action: InstanceAction; note?: string }> {
	const outcome = await ensureObject<SmInstance>(
		sm,
		{
			kind: 'service_instances',
			name: spec.name,
			find: async () => await sm.findInstanceByName(spec.name),
			lookedUp,
			// an existing instance is compared and PATCHed next: its running operation is waited for
			waitForRunning: true,
			timeoutMs: opts.timeoutMs,
		},
		async () => {
			const { instance, action } = await createInstance(sm, spec, opts);
			return { resource: instance, action };
		},
	);
	if (!outcome.existing) return { instance: outcome.resource, action: outcome.replacedFailed ? 'recreated' : outcome.action };
	const { existing } = outcome;
	const plan = await wantedPlan(sm, spec);
	if (existing.service_plan_id && existing.service_plan_id !== plan.planId) throw otherPlan(sm, spec.name, existing);
	if (!opts.update || !spec.parameters) return { instance: existing, action: opts.update ? 'unchanged' : 'reused' };
	const drift = await parameterDrift(sm, existing, spec.parameters, plan.instancesRetrievable);
	if (!drift.changed) return { instance: existing, action: 'unchanged', ...(drift.note ? { note: drift.note } : {}) };
	const changes: IDataObject = { parameters: spec.parameters };
	if (drift.labelChanges.length) changes.labels = drift.labelChanges;
	const updated = await updateInstance(sm, existing, changes, opts);
	return { instance: updated ?? existing, action: 'updated', ...(drift.note ? { note: drift.note } : {}) };
}
