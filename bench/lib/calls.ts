/**
 * HTTP calls by kind, from the simulator's request log (`GET /__sim/requests`): token requests,
 * lookups (reads that are not polls), mutations, polls of async work; plus the numbers the issue
 * has targets for (tokens per client, offering and plan lookups).
 */
export interface LoggedCall {
	service: string;
	method: string;
	route: string;
	status: number;
	clientid?: string;
}

export interface CallCounts {
	total: number;
	token: number;
	lookups: number;
	mutations: number;
	polls: number;
	/** most tokens any one client got (target: 1) */
	maxTokensPerClient: number;
	/** GET /v1/service_offerings + GET /v1/service_plans */
	offeringLookups: number;
	planLookups: number;
	/** answers ≥ 400 (429s, 409 locks, 404 lookups) */
	errors: number;
	rateLimited: number;
	/** token / lookups / mutations / polls / 429s per service (uaa, accounts, entitlements, serviceManager, …) */
	byService: Record<string, { token: number; lookups: number; mutations: number; polls: number; rateLimited: number }>;
}

const isToken = (c: LoggedCall) => c.service === 'uaa' || c.service === 'uaaCert';
const isPoll = (c: LoggedCall) => c.method === 'GET' && (/\/jobs\/:id\/status$/.test(c.route) || /\/operations\/:opId$/.test(c.route));

export function countCalls(entries: LoggedCall[], tokensIssued: Record<string, number>): CallCounts {
	const calls = entries.filter((c) => c.service !== 'control');
	return {
		total: calls.length,
		token: calls.filter(isToken).length,
		polls: calls.filter(isPoll).length,
		mutations: calls.filter((c) => !isToken(c) && c.method !== 'GET').length,
		lookups: calls.filter((c) => !isToken(c) && c.method === 'GET' && !isPoll(c)).length,
		maxTokensPerClient: Math.max(0, ...Object.values(tokensIssued)),
		offeringLookups: calls.filter((c) => c.method === 'GET' && c.route === '/v1/service_offerings').length,
		planLookups: calls.filter((c) => c.method === 'GET' && c.route === '/v1/service_plans').length,
		errors: calls.filter((c) => c.status >= 400).length,
		rateLimited: calls.filter((c) => c.status === 429).length,
		byService: byService(calls),
	};
}

function byService(calls: LoggedCall[]): CallCounts['byService'] {
	const out: CallCounts['byService'] = {};
	for (const c of calls) {
		const s = (out[c.service] ??= { token: 0, lookups: 0, mutations: 0, polls: 0, rateLimited: 0 });
		if (isToken(c)) s.token++;
		else if (isPoll(c)) s.polls++;
		else if (c.method === 'GET') s.lookups++;
		else s.mutations++;
		if (c.status === 429) s.rateLimited++;
	}
	return out;
}

/** The Cloud Management (CIS) services of the log: the Accounts and Entitlements origins (jobs included). */
export const CIS_SERVICES = ['accounts', 'entitlements', 'events'];

/**
 * CIS calls per subaccount (issue 17 target: ≤ 0.1 plus reads that must be per subaccount): all of
 * them, and split into the entitlement side (Entitlements origin: assignments, PUT, job polls) and the
 * Service Manager access per subaccount (Accounts `serviceManagerBindings`: no call serves several).
 */
export function cisPerSubaccount(entries: LoggedCall[], n: number) {
	const cis = entries.filter((c) => CIS_SERVICES.includes(c.service));
	const entitlements = cis.filter((c) => c.service === 'entitlements').length;
	const smAccess = cis.filter((c) => c.route.includes('serviceManagerBindings')).length;
	const round = (v: number) => Math.round((v / n) * 1000) / 1000;
	return { total: round(cis.length), entitlements: round(entitlements), smAccess: round(smAccess), other: round(cis.length - entitlements - smAccess) };
}
