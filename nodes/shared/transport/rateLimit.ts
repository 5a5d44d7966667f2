/**
 * The per-execution rate-limit budget shared by all items (issue 7): before each call an item
 * takes a slot from the budget of each of its keys, so a batch slows down instead of collecting 429s.
 *
 * - Proactive limits are sliding windows ("at most N calls per W ms"), the exact shape of SAP's
 *   documented limits, so a limit is never exceeded even in the first minute (a token bucket
 *   would allow 2N there). A call may count against several limits at once (Service Manager: all
 *   APIs 1,000/min AND /v1/service_bindings 600/min): it waits until EVERY key has room and is then
 *   recorded in all of them at the same instant, so no window counts it earlier than it was sent.
 *   Keys may share one log of calls (`RateLimitRule.log`) with different thresholds: "at most 100
 *   calls of ANY kind in the window before this offerings call" (Service Manager's limits read as
 *   caps on a caller's total, as its documentation's examples do).
 * - Reactive: a 429 pauses the key until its `X-Ratelimit-Reset` / `Retry-After` (or the backoff)
 *   for EVERY item, so forty concurrent items do not each discover the limit on their own; and when
 *   the 429 names its rule (CIS 11007 "… <X> requests in <Y> seconds") the key keeps that window
 *   from then on (`learn`), so the batch paces itself instead of meeting the limit again.
 */
import { sleep as n8nSleep } from 'n8n-workflow';

export interface WindowLimit {
	limit: number;
	windowMs: number;
}

/** Which budget keys a limit applies to (e.g. every key starting with `serviceManager:bindings:`). */
export interface RateLimitRule {
	match: (key: string) => boolean;
	window: WindowLimit;
	/**
	 * The log of calls the key counts in and is judged by (default: its own). Keys that name the
	 * same log share it: a call is recorded once in it, and each key's limit is checked against it.
	 */
	log?: (key: string) => string;
}

/** Times calls were sent, shared by every key that names this log. */
interface CallLog {
	sent: number[];
	/** the longest window judged by this log: older entries can go */
	keepMs: number;
}

interface Budget {
	window?: WindowLimit;
	log: CallLog;
	pausedUntil: number;
}

export class RateBudget {
	private readonly budgets = new Map<string, Budget>();
	private readonly logs = new Map<string, CallLog>();
	/** total ms items spent waiting for the budget (reported by tests and the benchmark) */
	waitedMs = 0;
	pauses = 0;

	constructor(
		private readonly limits: RateLimitRule[] = [],
		private readonly now: () => number = () => Date.now(),
		private readonly sleep: (ms: number) => Promise<void> = n8nSleep,
	) {}

	private budget(key: string): Budget {
		let b = this.budgets.get(key);
		if (!b) {
			const rule = this.limits.find((l) => l.match(key));
			const name = rule?.log?.(key) ?? key;
			let log = this.logs.get(name);
			if (!log) {
				log = { sent: [], keepMs: 0 };
				this.logs.set(name, log);
			}
			b = { window: rule?.window, log, pausedUntil: 0 };
			if (b.window) log.keepMs = Math.max(log.keepMs, b.window.windowMs);
			this.budgets.set(key, b);
		}
		return b;
	}

	/** When a call of this budget may go out (≤ now: right away). */
	private readyAt(b: Budget, now: number): number {
		let at = b.pausedUntil;
		if (b.window) {
			b.log.sent = b.log.sent.filter((t) => t > now - b.log.keepMs);
			const recent = b.log.sent.filter((t) => t > now - b.window!.windowMs);
			if (recent.length >= b.window.limit) at = Math.max(at, recent[recent.length - b.window.limit] + b.window.windowMs);
		}
		return at;
	}

	/** Waits until a call of `key` (or of every one of `keys`) may go out, then records it. */
	async take(keys: string | string[]): Promise<void> {
		const budgets = (Array.isArray(keys) ? keys : [keys]).map((k) => this.budget(k));
		for (;;) {
			const now = this.now();
			const waitUntil = Math.max(...budgets.map((b) => this.readyAt(b, now)));
			if (waitUntil <= now) {
				// once per log, however many of the call's keys share it
				for (const log of new Set(budgets.filter((b) => b.window).map((b) => b.log))) log.sent.push(now);
				return;
			}
			const ms = waitUntil - now;
			this.waitedMs += ms;
			await this.sleep(ms);
		}
	}

	/**
	 * Adopts the window a service named for `key` (e.g. after a CIS 429), unless a stricter one is
	 * known. The calls SAP counted before are unknown here: the pause after that 429 covers them.
	 */
	learn(key: string, window: WindowLimit): void {
		const b = this.budget(key);
		const rate = (w: WindowLimit) => w.limit / w.windowMs;
		if (!b.window || rate(window) < rate(b.window)) b.window = window;
		b.log.keepMs = Math.max(b.log.keepMs, b.window.windowMs);
	}

	/** The window a key is paced by (proactive or learned), for tests and the benchmark. */
	windowOf(key: string): WindowLimit | undefined {
		return this.budgets.get(key)?.window;
	}

	/** Calls of `key` sent within the last window (for tests and reports). */
	inWindow(key: string): number {
		const b = this.budget(key);
		return b.window ? b.log.sent.filter((t) => t > this.now() - b.window!.windowMs).length : 0;
	}

	/** Stops all calls of `key` until `untilMs` (epoch ms), e.g. after a 429. */
	pause(key: string | string[], untilMs: number): void {
		for (const k of Array.isArray(key) ? key : [key]) {
			const b = this.budget(k);
			if (untilMs > b.pausedUntil) {
				b.pausedUntil = untilMs;
				this.pauses++;
			}
		}
	}
}
