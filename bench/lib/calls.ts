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
	};
}
