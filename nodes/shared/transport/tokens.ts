/**
 * Tokens the transport fetches itself (derived Service Manager access per subaccount, verifying a
 * new Cloud ALM binding): the one XSUAA fetch (`../xsuaa`) with retries on 429/5xx/connection
 * failures, cached once per client per execution in the session. No `getCredentials` here: the
 * key material arrives as data (lint rule no-http-request-with-manual-auth).
 */
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { XsuaaClient } from '../serviceKeys';
import type { TokenDestination } from '../tokenDestination';
import { fetchXsuaaToken, XsuaaTokenError, type XsuaaToken } from '../xsuaa';
import { backoffMs } from './retry';
import type { TransportSession } from './session';
import type { TokenSource, TransportContext } from './types';

const RETRYABLE: string[] = ['rateLimited', 'serverError', 'unreachable'];

/** Fetches a token with retries; failures become a NodeOperationError naming the step. */
export async function fetchTokenWithRetry(
	ctx: TransportContext,
	session: TransportSession,
	client: XsuaaClient,
	step: string,
): Promise<XsuaaToken> {
	const policy = session.settings.retry;
	// the key arrived as data (CIS serviceManagerBindings, a new binding): its secret is in use now
	session.secrets.addClient(client);
	let last: unknown;
	for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
		try {
			return await fetchXsuaaToken(async (options) => await ctx.helpers.httpRequest(options), client);
		} catch (error) {
			last = error;
		}
		if (!(last instanceof XsuaaTokenError) || !RETRYABLE.includes(last.kind) || attempt === policy.maxAttempts) break;
		session.stats.retries++;
		await sleep(backoffMs(attempt, policy));
	}
	const message = last instanceof Error ? last.message : String(last);
	throw session.secrets.scrubError(
		new NodeOperationError(ctx.getNode(), `${step}: ${message}`, {
			description: `Step: ${step}\nClient id: ${client.clientId}`,
		}),
	);
}

/** A token source for `callApi` with `{ kind: 'bearer' }` auth: one token per client per execution. */
export function xsuaaTokenSource(
	ctx: TransportContext,
	session: TransportSession,
	client: XsuaaClient,
	step: string,
	destinations: TokenDestination[],
	holder: string,
): TokenSource {
	session.secrets.addClient(client);
	return {
		id: client.clientId,
		destinations,
		holder,
		get: async (refresh = false) =>
			await session.token(
				client.clientId,
				async () => (await fetchTokenWithRetry(ctx, session, client, step)).accessToken,
				refresh,
			),
	};
}
