/**
 * Bindings of services other than Cloud ALM, Service Manager and CIS, seeded straight into the
 * simulator's state (the simulator mints credentials only for those three): an offering, a plan,
 * an instance in subaccount `dev` (the seeded Service Manager key's subaccount) and bindings whose
 * credentials have the shapes other SAP services hand out (Object Store, PostgreSQL, HANA HDI,
 * Destination, a Kubernetes-style `uaa` given as a JSON string …). The simulator's rules are not
 * touched: the node reads these through Service Manager's real HTTP routes like any binding.
 */
import { randomUUID } from 'node:crypto';
import type { RunningSimulator } from '../../simulator';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import type { SmBinding, SmInstance } from '../../simulator/state';

export const FOREIGN_OFFERING_ID = 'f0e1d2c3-0000-4000-8000-00000000f001';
export const FOREIGN_PLAN_ID = 'f0e1d2c3-0000-4000-8000-00000000f002';
export const FOREIGN_INSTANCE_ID = 'f0e1d2c3-0000-4000-8000-00000000f003';
export const FOREIGN_INSTANCE_NAME = 'foreign-store';

/** A random secret-looking value with the characters XSUAA/AWS secrets hold ($ + / =). */
export const secretValue = (tag: string) =>
	`${tag}-${randomUUID()}$${Buffer.from(randomUUID()).toString('base64').slice(0, 30)}+/=`;

/** Adds the foreign offering/plan/instance once (the instance's parameters may hold secrets). */
export function seedForeignInstance(sim: RunningSimulator, parameters: Record<string, unknown> = {}): SmInstance {
	const state = sim.context.state;
	const now = new Date().toISOString();
	if (!state.offerings.some((o) => o.id === FOREIGN_OFFERING_ID)) {
		const template = state.offerings[0];
		state.offerings.push({
			...template,
			id: FOREIGN_OFFERING_ID,
			name: 'objectstore',
			catalog_id: `${FOREIGN_OFFERING_ID}-catalog`,
			catalog_name: 'objectstore',
			description: 'Object Store (test offering of another service)',
			// an offering that lets Service Manager read parameters back (OSB `instances_retrievable`)
			instances_retrievable: true,
			bindings_retrievable: true,
			entitlementServiceName: 'objectstore',
			documentedNameRule: undefined,
		});
		const planTemplate = state.plans[0];
		state.plans.push({
			...planTemplate,
			id: FOREIGN_PLAN_ID,
			name: 's3-standard',
			catalog_id: `${FOREIGN_PLAN_ID}-catalog`,
			catalog_name: 's3-standard',
			service_offering_id: FOREIGN_OFFERING_ID,
			entitlementPlanName: 's3-standard',
		});
	}
	let instance = state.instances.find((i) => i.id === FOREIGN_INSTANCE_ID);
	if (!instance) {
		instance = {
			id: FOREIGN_INSTANCE_ID,
			name: FOREIGN_INSTANCE_NAME,
			service_plan_id: FOREIGN_PLAN_ID,
			service_offering_id: FOREIGN_OFFERING_ID,
			subaccountGUID: SUBACCOUNT_IDS.dev,
			platform_id: 'service-manager',
			parameters,
			labels: { subaccount_id: [SUBACCOUNT_IDS.dev] },
			context: { platform: 'sapcp', subaccount_id: SUBACCOUNT_IDS.dev, instance_name: FOREIGN_INSTANCE_NAME },
			ready: true,
			usable: true,
			shared: false,
			created_at: now,
			updated_at: now,
			paging_sequence: state.seq.paging++,
		};
		state.instances.push(instance);
	}
	instance.parameters = parameters;
	return instance;
}

/** Adds a ready binding of the foreign instance with these credentials; returns its id. */
export function seedForeignBinding(sim: RunningSimulator, name: string, credentials: Record<string, unknown>): string {
	seedForeignInstance(sim, sim.context.state.instances.find((i) => i.id === FOREIGN_INSTANCE_ID)?.parameters ?? {});
	const state = sim.context.state;
	const now = new Date().toISOString();
	const binding: SmBinding = {
		id: randomUUID(),
		name,
		service_instance_id: FOREIGN_INSTANCE_ID,
		subaccountGUID: SUBACCOUNT_IDS.dev,
		parameters: {},
		labels: { subaccount_id: [SUBACCOUNT_IDS.dev] },
		context: { platform: 'sapcp', subaccount_id: SUBACCOUNT_IDS.dev, instance_name: FOREIGN_INSTANCE_NAME },
		credentials,
		ready: true,
		created_at: now,
		updated_at: now,
		paging_sequence: state.seq.paging++,
	};
	state.bindings.push(binding);
	return binding.id;
}
