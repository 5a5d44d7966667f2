/**
 * What every simulated Cloud ALM service file shares: the per-world store of the data a service keeps
 * beside `SimState`, the scope check whose 403 names the scope (so users know which authority to
 * add), and the JSON-object body check. Cloud ALM answers errors in the OData shape
 * `{"error":{"code","message"}}` (http.ts SimError).
 */
import { SimError, parseJsonBody, type SimRequest } from '../http';
import type { SimContext, SimState } from '../state';
import { authenticate, hasScope } from '../tokens';

/**
 * A store of one service's data per world: made by `create` on first use, gone with the world at the
 * next reset (the world's state object is the key, so a re-seeded world starts from `create` again).
 */
export function worldStore<T>(create: () => T): (sim: SimContext) => T {
	const worlds = new WeakMap<SimState, T>();
	return (sim) => {
		let world = worlds.get(sim.state);
		if (!world) {
			world = create();
			worlds.set(sim.state, world);
		}
		return world;
	};
}

export const badRequest = (message: string) => new SimError(400, '400', message);

/** A valid token carrying `scope`; the 403 names the missing scope. */
export function requireScope(req: SimRequest, sim: SimContext, scope: string): void {
	const token = authenticate(req, sim, []);
	if (!hasScope(token, scope)) throw new SimError(403, '403', `Missing scope ${scope}`);
}

/** The request body as a JSON object; anything else answers 400. */
export function jsonObjectBody(req: SimRequest): Record<string, unknown> {
	const b = parseJsonBody(req);
	if (!b || typeof b !== 'object' || Array.isArray(b)) throw badRequest('The request body must be a JSON object');
	return b as Record<string, unknown>;
}
