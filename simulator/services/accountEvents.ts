/**
 * The account events the CIS Events service reports (read by `events.ts`), recorded where the
 * simulator changes the account: a subaccount created (control API, as the cockpit would) and an
 * entitlement job that completed. Shapes follow the example answer of SAP-docs/btp-cloud-platform
 * docs/50-administration-and-ops/Get_Events_0fd393a.md ("Get Events"): `Subaccount_Creation` with
 * entityType `Subaccount`, eventOrigin `accounts-service` and the subaccount in `details`;
 * `SubaccountEntitlements_Update` with entityType `GlobalAccount` (entityId = the global account),
 * eventOrigin `entitlements-service`, and `details.servicePlanAssignments` / `details.subaccountIdToRegion`
 * as JSON STRINGS holding, per plan, the subaccounts whose amount `increased` or `decreased`.
 */
import type { AccountEvent, EntitlementJob, SimContext, Subaccount } from '../state';

export function recordAccountEvent(
	sim: SimContext,
	event: Omit<AccountEvent, 'id' | 'creationTime' | 'globalAccountGUID'>,
): AccountEvent {
	const recorded: AccountEvent = {
		id: sim.state.seq.event++,
		// the record is written a little after the action (the doc's example: 41-852 ms later)
		creationTime: event.actionTime + Math.max(0, sim.profile.eventRecordLagMs),
		globalAccountGUID: sim.state.globalAccount.guid,
		...event,
	};
	sim.state.events.push(recorded);
	return recorded;
}

export function recordSubaccountCreated(sim: SimContext, sa: Subaccount): AccountEvent {
	return recordAccountEvent(sim, {
		actionTime: sa.createdDate,
		eventType: 'Subaccount_Creation',
		entityType: 'Subaccount',
		entityId: sa.guid,
		eventOrigin: 'accounts-service',
		details: {
			description: 'Subaccount created.',
			guid: sa.guid,
			parentGuid: sa.parentGUID,
			displayName: sa.displayName,
			subaccountDescription: sa.description ?? null,
			region: sa.region,
			jobLocation: null,
			subdomain: sa.subdomain,
			betaEnabled: sa.betaEnabled,
			expiryDate: null,
		},
	});
}

/** One `SubaccountEntitlements_Update` per completed entitlement job (one PUT may change several subaccounts). */
export function recordEntitlementsUpdated(sim: SimContext, job: EntitlementJob, previousAmounts: number[]): AccountEvent {
	const byPlan: Record<string, Record<string, unknown>> = {};
	const regions: Record<string, string> = {};
	job.changes.forEach((change, i) => {
		const plan = sim.state.entitledPlans.find(
			(p) =>
				p.serviceName === change.serviceName &&
				p.planName === change.planName &&
				(change.uniqueIdentifier === undefined || p.uniqueIdentifier === change.uniqueIdentifier),
		);
		const id = plan?.uniqueIdentifier ?? `${change.serviceName}-${change.planName}`;
		const entry = (byPlan[id] ??= {
			decreased: {},
			increased: {},
			serviceName: change.serviceName,
			servicePlanName: change.planName,
			servicePlanUniqueIdentifier: id,
			isEntitlementUnlimited: plan?.unlimited ?? false,
			assignmentLevel: 'SUBACCOUNT',
		});
		const amount = change.enabled && change.amount === 0 ? 1 : change.amount;
		const direction = amount < (previousAmounts[i] ?? 0) ? 'decreased' : 'increased';
		(entry[direction] as Record<string, unknown>)[change.subaccountGUID] = { amount, servicePlanAssignmentId: Number(job.id) * 10 + i };
		const sa = sim.state.subaccounts.find((s) => s.guid === change.subaccountGUID);
		if (sa) regions[sa.guid] = sa.region;
	});
	return recordAccountEvent(sim, {
		actionTime: job.doneAt,
		eventType: 'SubaccountEntitlements_Update',
		entityType: 'GlobalAccount',
		entityId: sim.state.globalAccount.guid,
		eventOrigin: 'entitlements-service',
		details: {
			description: 'Assignment of entitlements from global account to subaccount',
			servicePlanAssignments: JSON.stringify(byPlan),
			subaccountIdToRegion: JSON.stringify(regions),
		},
	});
}
