/**
 * What every Service Manager request does first (`start`): settle what time has finished
 * (entitlement jobs, SM operations), authenticate, apply the caller's rate limits, and find the
 * caller's subaccount. An SM key belongs to one subaccount, so everything is scoped to it.
 */
import { SimError, type SimRequest } from '../../http';
import type { IssuedToken, SimContext, Subaccount } from '../../state';
import { authenticate } from '../../tokens';
import { settleEntitlementJobs } from '../entitlementJobs';
import { settleOperations } from './operationLifecycle';
import { enforceRateLimits } from './rateLimits';

/** The scopes of an SM key's token, by what a route needs. */
export const S = {
	offeringRead: 'subaccount.service_offering.read',
	planRead: 'subaccount.service_plan.read',
	instanceRead: 'subaccount.service_instance.read',
	instanceManage: 'subaccount.service_instance.manage',
	bindingRead: 'subaccount.service_binding.read',
	bindingManage: 'subaccount.service_binding.manage',
};

export const READ_INSTANCES = [S.instanceRead, S.instanceManage];

export const READ_BINDINGS = [S.bindingRead, S.bindingManage];

function callerSubaccount(sim: SimContext, token: IssuedToken): Subaccount {
	const sa = sim.state.subaccounts.find((s) => s.guid === token.subaccountId);
	if (!sa) throw new SimError(403, 'Forbidden', 'The token does not belong to a subaccount known to Service Manager');
	return sa;
}

export function start(req: SimRequest, sim: SimContext, scopes: string[]) {
	settleEntitlementJobs(sim);
	settleOperations(sim);
	const token = authenticate(req, sim, scopes);
	const subaccount = callerSubaccount(sim, token);
	// Peripli's rate-limit filter runs on authenticated requests only (api/filters/rate_limiter_filter.go)
	enforceRateLimits(req, sim, token);
	return { token, subaccount };
}

/** `async` query: true/false, omitted → profile default. */
export function isAsync(req: SimRequest, sim: SimContext) {
	const v = req.query.get('async');
	if (v === null || v === '') return sim.profile.smDefaultAsync;
	if (v !== 'true' && v !== 'false') throw new SimError(400, 'BadRequest', `async must be true or false, got '${v}'`);
	return v === 'true';
}
