/**
 * The per-execution rate-limit budget shared by all items (issue 7): before each call an item
 * takes a slot from the budget of its key, so a batch slows down instead of collecting 429s.
 *
 * - Proactive limits are sliding windows ("at most N calls per W ms"), the exact shape of SAP's
 *   documented limits (Service Manager: 50 instance creations per minute per client, §4.9), so a
 *   limit is never exceeded even in the first minute (a token bucket would allow 2N there).
 * - Reactive: a 429 pauses the key until its `Retry-After` (or the backoff) for EVERY item, so
 *   forty concurrent items do not each discover the limit on their own.
 */
import { sleep } from 'n8n-workflow';

export interface WindowLimit {
	limit: number;
	windowMs: number;
}

interface Budget {
	window?: WindowLimit;
	sent: number[];
	pausedUntil: number;
}

export class RateBudget {
	private readonly budgets = new Map<string, Budget>();
	/** total ms items spent waiting for the budget (reported by tests and the benchmark) */
	waitedMs = 0;
	pauses = 0;

	constructor(
		private readonly limits: Array<{ match: (key: string) => boolean; window: WindowLimit }> = [],
		private readonly now: () => number = () => Date.now(),
	) {}

	private budget(key: string): Budget {
		let b = this.budgets.get(key);
		if (!b) {
			b = { window: this.limits.find((l) => l.match(key))?.window, sent: [], pausedUntil: 0 };
			this.budgets.set(key, b);
		}
		return b;
	}

	/** Waits until a call of `key` may go out, then records it. */
	async take(key: string): Promise<void> {
		const b = this.budget(key);
		for (;;) {
			const now = this.now();
			let waitUntil = b.pausedUntil;
			if (b.window) {
				b.sent = b.sent.filter((t) => t > now - b.window!.windowMs);
				if (b.sent.length >= b.window.limit) waitUntil = Math.max(waitUntil, b.sent[0] + b.window.windowMs);
			}
			if (waitUntil <= now) {
				if (b.window) b.sent.push(now);
				return;
			}
			const ms = waitUntil - now;
			this.waitedMs += ms;
			await sleep(ms);
		}
	}

	/** Stops all calls of `key` until `untilMs` (epoch ms), e.g. after a 429. */
	pause(key: string, untilMs: number): void {
		const b = this.budget(key);
		if (untilMs > b.pausedUntil) {
			b.pausedUntil = untilMs;
			this.pauses++;
		}
	}
}
