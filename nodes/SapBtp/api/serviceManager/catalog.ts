/**
 * Offering and plan ids by catalog names. By plan id, never by catalog names, the node creates:
 * the same names can exist in several data centers, and which one SM picks for names is not
 * documented (SAP's operator and crossplane resolve the id).
 */
import { NodeOperationError } from 'n8n-workflow';
import { pollUntilDone } from '../../../shared/transport';
import type { ServiceManagerClient } from './client';

export interface PlanIds {
	offeringId: string;
	planId: string;
	/** whether SM can read an instance's parameters back (false or absent: it cannot) */
	instancesRetrievable: boolean;
}

const LOOK_UP_STEP = 'Look up offering and plan';

/** One lookup of offering + plan ids by catalog names; undefined when SM does not list them. */
async function lookupPlan(sm: ServiceManagerClient, offeringName: string, planName: string): Promise<PlanIds | undefined> {
	const step = LOOK_UP_STEP;
	const offering = await sm.findOffering(offeringName, step);
	if (!offering) return undefined;
	const plans = await sm.findPlans(planName, offering.id, step);
	if (plans.length > 1) {
		throw new NodeOperationError(sm.session.node, `Plan "${planName}" of offering "${offeringName}" is ambiguous (${plans.length} matches)`, {
			description: `Step: ${step}\nUse the plan id instead of its name.`,
		});
	}
	return plans[0] ? { offeringId: offering.id, planId: plans[0].id, instancesRetrievable: offering.instances_retrievable === true } : undefined;
}

function planNotOffered(sm: ServiceManagerClient, offeringName: string, planName: string, waitedMs = 0) {
	return new NodeOperationError(sm.session.node, `Service Manager does not offer ${offeringName}/${planName} in this subaccount`, {
		description: `Step: ${LOOK_UP_STEP}${waitedMs ? ` (waited ${Math.round(waitedMs / 1000)} s after the entitlement)` : ''}\nService Manager lists a plan only when the subaccount is entitled to it. Entitle the plan first (Entitlement → Configure, or Enable Cloud ALM API), or check the names (offering "${offeringName}", plan "${planName}").`,
	});
}

/**
 * Offering and plan ids by catalog names, looked up once per execution (the ids are the same in
 * every subaccount). With `graceMs`, a plan that is not listed yet (SM needs a moment after an
 * entitlement: "plan not found right after entitling") is looked up again until the grace ends.
 */
export async function resolvePlan(sm: ServiceManagerClient, offeringName: string, planName: string, graceMs = 0): Promise<PlanIds> {
	const { session } = sm;
	return await session.once('planIds', `${offeringName}/${planName}`, async () => {
		const first = await lookupPlan(sm, offeringName, planName);
		if (first) return first;
		if (graceMs <= 0) throw planNotOffered(sm, offeringName, planName);
		const started = Date.now();
		const found = await pollUntilDone(
			session.node,
			session.transport,
			{
				step: LOOK_UP_STEP,
				what: `Plan ${offeringName}/${planName} (not yet listed by Service Manager)`,
				timeoutMs: graceMs,
				resumeHint: 'The entitlement may still be processing; run the workflow again in a minute.',
				settings: { firstDelayMs: 500, maxDelayMs: 3_000 },
			},
			async () => {
				const ids = await lookupPlan(sm, offeringName, planName);
				return ids ? { done: true as const, value: ids } : { done: false as const, state: 'not listed' };
			},
		).catch(() => undefined);
		if (!found) throw planNotOffered(sm, offeringName, planName, Date.now() - started);
		return found.value;
	});
}
