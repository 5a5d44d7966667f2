/**
 * What one execution of a node shares across its items (issue 7), the same shape for both nodes:
 * the n8n context, the node (read once), the transport session (token gate, rate-limit budget,
 * retries, secrets), lookups computed once, and the credential types whose secrets are redacted
 * from errors. Each node's router creates ONE per execution and hands it to every operation; its
 * list searches create theirs through the same factory. Node sessions extend this (BtpSession,
 * CloudAlmSession) with what only their node needs.
 */
import type { INode } from 'n8n-workflow';
import { TransportSession, type TransportContext, type TransportSettings } from './transport';

export class NodeSession {
	readonly transport: TransportSession;
	private readonly caches = new Map<string, Map<string, Promise<unknown>>>();
	private cachedNode?: INode;

	constructor(
		readonly ctx: TransportContext,
		/** the n8n credential types this node calls with; their secrets are redacted from errors (`scrub`) */
		readonly credentialTypes: readonly string[],
		transportSettings: Partial<TransportSettings> = {},
	) {
		this.transport = new TransportSession(transportSettings);
	}

	/** n8n's getNode() deep-copies the node on every call; it does not change during an execution */
	get node(): INode {
		this.cachedNode ??= this.ctx.getNode();
		return this.cachedNode;
	}

	/**
	 * A value computed once per execution per key; concurrent callers share the same promise. A
	 * failed computation is dropped, so the next caller tries again.
	 */
	async once<T>(cache: string, key: string, compute: () => Promise<T>): Promise<T> {
		let map = this.caches.get(cache);
		if (!map) {
			map = new Map();
			this.caches.set(cache, map);
		}
		let pending = map.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = compute();
			map.set(key, pending);
			const current = pending;
			current.catch(() => {
				if (map!.get(key) === current) map!.delete(key);
			});
		}
		return await pending;
	}

	forget(cache: string, key: string): void {
		this.caches.get(cache)?.delete(key);
	}

	/**
	 * Redacts from `error`, in place, every secret and token in use in this execution (issue 12,
	 * weakness 5): the tokens the transport fetched, and the secrets of this node's credentials
	 * with the token n8n minted for them, read now so it is the current one.
	 */
	async scrub(error: unknown): Promise<void> {
		for (const credentialType of this.credentialTypes) await this.transport.rememberCredential(this.ctx, credentialType);
		this.transport.secrets.scrubError(error);
	}
}
