/**
 * The figures of a fault run, read from the simulator (request log, state) and the node's output
 * items: faults injected by kind, how often the client repeated a faulted call, which items
 * recovered, and whether anything was duplicated or left orphaned.
 */
import type { LogEntry } from '../../simulator/http';
import type { SimState } from '../../simulator/state';

export const CALM_SERVICE = 'SAPCloudALMAPIs';
export const CALM_PLAN = 'standard';
export const SM_ACCESS_BINDING = 'n8n-sap-cloud-alm';

type Item = Record<string, unknown>;

export interface FaultFigures {
	requests: number;
	faultedRequests: number;
	faultedShare: string;
	faultsByKind: Record<string, number>;
	/** faulted calls the client sent again (same method, URL and client); a lost create that was adopted is not re-sent */
	retries: number;
	items: number;
	succeeded: number;
	failed: number;
	failedByStep: Record<string, number>;
	/** items that met at least one fault and still succeeded */
	itemsRecovered: number;
	/** instances/bindings/SM access bindings the node found after a lost create and adopted */
	adopted: number;
	duplicates: number;
}

/** The subaccount a request belongs to: its GUID in the path/query, or its derived SM client. */
function subaccountOf(entry: LogEntry, guids: string[], clientToSubaccount: Map<string, string>): string | undefined {
	if (entry.clientid && clientToSubaccount.has(entry.clientid)) return clientToSubaccount.get(entry.clientid);
	return guids.find((g) => entry.path.includes(g));
}

/** Faults the simulator injected, by kind: its own log marks plus the lock answers and failed async work. */
export function faultsByKind(entries: LogEntry[], state: SimState, subaccounts: string[]): Record<string, number> {
	const kinds: Record<string, number> = {};
	const add = (k: string, n = 1) => n && (kinds[k] = (kinds[k] ?? 0) + n);
	for (const e of entries) {
		if (e.fault) add(e.fault);
		else if (e.method === 'PUT' && e.service === 'entitlements' && e.status === 409) add('entitlementLock');
	}
	const ours = new Set(subaccounts);
	add('asyncFailure (entitlement job)', state.jobs.filter((j) => j.outcome === 'FAILED').length);
	add(
		'asyncFailure (instance/binding operation)',
		state.operations.filter((o) => o.outcome === 'failed' && ours.has(o.subaccountGUID)).length,
	);
	return kinds;
}

export function computeFigures(entries: LogEntry[], state: SimState, subaccounts: string[], outputs: Item[]): FaultFigures {
	const clientToSubaccount = new Map(state.smAccess.map((b) => [b.clientid, b.subaccountGUID]));
	const kinds = faultsByKind(entries, state, subaccounts);
	const faulted = entries.filter((e) => e.fault || (e.method === 'PUT' && e.service === 'entitlements' && e.status === 409));
	let retries = 0;
	for (const f of faulted) {
		// the same call again (same URL with its query, same client) within a minute
		const again = entries.some(
			(e) => e.seq > f.seq && e.at - f.at < 60_000 && e.method === f.method && e.path === f.path && e.clientid === f.clientid,
		);
		if (again) retries++;
	}
	const faultedSubaccounts = new Set(
		faulted.map((e) => subaccountOf(e, subaccounts, clientToSubaccount)).filter((s): s is string => !!s),
	);
	const ok = outputs.filter((o) => !o.error);
	const failedByStep: Record<string, number> = {};
	for (const o of outputs.filter((x) => x.error)) {
		const step = String(o.step ?? 'unknown');
		failedByStep[step] = (failedByStep[step] ?? 0) + 1;
	}
	const adopted = ok.reduce((n, o) => {
		const steps = (o.steps as Item[] | undefined) ?? [];
		return n + steps.filter((s) => s.action === 'adopted').length;
	}, 0);
	const totalFaults = Object.values(kinds).reduce((a, b) => a + b, 0);
	return {
		requests: entries.length,
		faultedRequests: faulted.length,
		faultedShare: `${((100 * totalFaults) / Math.max(1, entries.length)).toFixed(1)} %`,
		faultsByKind: kinds,
		retries,
		items: outputs.length,
		succeeded: ok.length,
		failed: outputs.length - ok.length,
		failedByStep,
		itemsRecovered: ok.filter((o) => faultedSubaccounts.has(String((o.subaccount as Item | undefined)?.guid))).length,
		adopted,
		duplicates: duplicates(state, subaccounts),
	};
}

/** More than one instance/binding of a name, or more than one SM access binding, per subaccount. */
export function duplicates(state: SimState, subaccounts: string[]): number {
	let n = 0;
	const count = (keys: string[]) => {
		const seen = new Map<string, number>();
		for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
		for (const c of seen.values()) if (c > 1) n += c - 1;
	};
	const ours = new Set(subaccounts);
	// names are unique only on Service Manager's own platform (a Cloud Foundry instance may share one)
	count(state.instances.filter((i) => ours.has(i.subaccountGUID) && i.platform_id === 'service-manager').map((i) => `${i.subaccountGUID}/${i.name}`));
	count(state.bindings.filter((b) => ours.has(b.subaccountGUID)).map((b) => `${b.service_instance_id}/${b.name}`));
	count(state.smAccess.filter((b) => ours.has(b.subaccountGUID)).map((b) => `${b.subaccountGUID}/${b.name}`));
	return n;
}

export interface EndState {
	subaccounts: number;
	/** subaccounts with exactly one ready instance of the name (SM's own platform), one ready binding of the name on it, one SM access binding */
	onboardedOnce: number;
	/** what each subaccount that is not onboarded exactly once holds, for the failure message */
	wrong: Array<{ guid: string; instances: number; bindings: number; smAccess: number; notReady: number }>;
	duplicates: number;
	/**
	 * Objects of ours nothing uses: a binding whose instance is gone or is not the named one, an
	 * instance of another name on SM's own platform, an object left not ready (a failed create that
	 * was never replaced).
	 */
	orphans: number;
}

/**
 * The end state of an onboarding, as the simulator holds it: every subaccount onboarded exactly
 * once (instance + binding + SM access binding), nothing duplicated, nothing orphaned.
 */
export function endState(state: SimState, subaccounts: string[], names: { instance: string; binding: string }): EndState {
	const ours = new Set(subaccounts);
	const wrong: EndState['wrong'] = [];
	for (const guid of subaccounts) {
		const instances = state.instances.filter((i) => i.subaccountGUID === guid && i.platform_id === 'service-manager' && i.name === names.instance);
		const bindings = state.bindings.filter((b) => b.subaccountGUID === guid && b.name === names.binding);
		const smAccess = state.smAccess.filter((b) => b.subaccountGUID === guid && b.name === SM_ACCESS_BINDING);
		const notReady = [...instances, ...bindings].filter((x) => !x.ready).length;
		const ok = instances.length === 1 && bindings.length === 1 && bindings[0].service_instance_id === instances[0].id && smAccess.length === 1 && notReady === 0;
		if (!ok) wrong.push({ guid, instances: instances.length, bindings: bindings.length, smAccess: smAccess.length, notReady });
	}
	const smInstances = state.instances.filter((i) => ours.has(i.subaccountGUID) && i.platform_id === 'service-manager');
	const instanceIds = new Set(smInstances.filter((i) => i.name === names.instance).map((i) => i.id));
	const bindingsOfOurs = state.bindings.filter((b) => ours.has(b.subaccountGUID));
	const orphans =
		bindingsOfOurs.filter((b) => !instanceIds.has(b.service_instance_id)).length +
		smInstances.filter((i) => i.name !== names.instance).length +
		[...smInstances, ...bindingsOfOurs].filter((x) => !x.ready).length;
	return { subaccounts: subaccounts.length, onboardedOnce: subaccounts.length - wrong.length, wrong, duplicates: duplicates(state, subaccounts), orphans };
}
