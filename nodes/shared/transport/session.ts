/**
 * What all items of one execution share (issue 7): the rate-limit budget, the retry and poll
 * settings, tokens the transport fetched itself, and a gate that lets the FIRST call of each n8n
 * credential go alone, so n8n mints that credential's token once instead of once per item.
 *
 * Why the gate: n8n's `httpRequestWithAuthentication` calls the credential's `preAuthentication`
 * whenever the stored token is empty; fifty items starting together would all see it empty. After
 * the first call n8n has stored the token, and later calls reuse it.
 */
import { RateBudget, type RateLimitRule } from './rateLimit';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { SecretRegistry } from './secrets';
import type { TransportContext } from './types';

export interface PollSettings {
	firstDelayMs: number;
	factor: number;
	maxDelayMs: number;
}

/**
 * ×1.25 (not ×1.5): a poll lands at most 25 % of the elapsed wait after the work ended (12 % on
 * average) instead of 50 %; long operations cost about the same polls, since the 5 s cap dominates.
 */
export const DEFAULT_POLL: PollSettings = { firstDelayMs: 250, factor: 1.25, maxDelayMs: 5_000 };

export interface TransportStats {
	calls: number;
	retries: number;
	polls: number;
	tokenFetches: number;
	adoptions: number;
}

export interface TransportSettings {
	requestTimeoutMs: number;
	retry: RetryPolicy;
	poll: PollSettings;
	/** proactive limits of the services a node calls (which keys a call takes: `HttpCall.budgetKey`) */
	rateLimits: RateLimitRule[];
}

export class TransportSession {
	readonly budget: RateBudget;
	readonly settings: TransportSettings;
	readonly stats: TransportStats = { calls: 0, retries: 0, polls: 0, tokenFetches: 0, adoptions: 0 };
	/**
	 * Every secret and token in use in this execution (issue 12, weakness 5), redacted by value from
	 * errors: tokens are registered when fetched (`token`), XSUAA clients when their token is
	 * fetched (`fetchTokenWithRetry`), n8n credentials — their secrets, keys and the token n8n
	 * minted for them — when an error is built (`rememberCredential`).
	 */
	readonly secrets = new SecretRegistry();
	private readonly firstCalls = new Map<string, Promise<void>>();
	private readonly tokens = new Map<string, Promise<string>>();

	constructor(settings: Partial<TransportSettings> = {}) {
		this.settings = {
			requestTimeoutMs: settings.requestTimeoutMs ?? 60_000,
			retry: { ...DEFAULT_RETRY_POLICY, ...settings.retry },
			poll: { ...DEFAULT_POLL, ...settings.poll },
			rateLimits: settings.rateLimits ?? [],
		};
		this.budget = new RateBudget(this.settings.rateLimits);
	}

	/**
	 * Runs `call` for credential `credentialType`: the very first call runs alone, everything after
	 * it runs freely. A failed first call releases the gate too (the next one then tries).
	 */
	async throughCredentialGate<T>(credentialType: string, call: () => Promise<T>): Promise<T> {
		const gate = this.firstCalls.get(credentialType);
		if (gate) {
			await gate;
			return await call();
		}
		let release!: () => void;
		this.firstCalls.set(credentialType, new Promise<void>((resolve) => (release = resolve)));
		try {
			return await call();
		} finally {
			release();
		}
	}

	/** One token per client per execution; `refresh` replaces it (after a 401). */
	async token(id: string, fetch: () => Promise<string>, refresh = false): Promise<string> {
		let pending = refresh ? undefined : this.tokens.get(id);
		if (!pending) {
			this.stats.tokenFetches++;
			pending = fetch().then((token) => {
				this.secrets.add(token);
				return token;
			});
			this.tokens.set(id, pending);
			// a failed fetch must not poison the cache for the other items
			pending.catch(() => {
				if (this.tokens.get(id) === pending) this.tokens.delete(id);
			});
		}
		return await pending;
	}

	/**
	 * Registers the secrets of n8n credential `credentialType` (client secret, private key, the
	 * access token n8n minted and stored in it). Read when an error is built, so the token is the
	 * current one even after n8n refreshed it; a credential the node does not have is skipped.
	 */
	async rememberCredential(ctx: TransportContext, credentialType: string): Promise<void> {
		try {
			this.secrets.addCredential(await ctx.getCredentials(credentialType));
		} catch {
			// not configured on this node (e.g. the Service Manager credential with derived access)
		}
	}
}
