/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The per-execution budget with a call counting against several limits at once (issue 11: Service
 * Manager's documented per-caller limits), on an injected clock: no wall-clock waits, no races.
 */
import { RateBudget } from '../../nodes/shared/transport/rateLimit';
import { SM_RATE_LIMITS, smBudgetKeys } from '../../nodes/SapBtp/api/serviceManager/rateLimits';

/**
 * A fake clock: `sleep` registers a timer; once everything runnable has run (setImmediate comes
 * after all pending microtasks), time jumps to the earliest timer and wakes it.
 */
function fakeClock() {
	let now = 1_000_000;
	const timers: Array<{ at: number; wake: () => void }> = [];
	let scheduled = false;
	const advance = () => {
		scheduled = false;
		timers.sort((a, b) => a.at - b.at);
		const next = timers.shift();
		if (!next) return;
		now = Math.max(now, next.at);
		next.wake();
		if (timers.length) schedule();
	};
	const schedule = () => {
		if (!scheduled) {
			scheduled = true;
			setImmediate(advance);
		}
	};
	return {
		now: () => now,
		sleep: async (ms: number) =>
			await new Promise<void>((wake) => {
				timers.push({ at: now + ms, wake });
				schedule();
			}),
	};
}

describe('RateBudget', () => {
	it('a call waits until every one of its keys has room, and is recorded in all at the same instant', async () => {
		const clock = fakeClock();
		const budget = new RateBudget(
			[
				{ match: (k) => k === 'all', window: { limit: 2, windowMs: 1000 } },
				{ match: (k) => k === 'narrow', window: { limit: 1, windowMs: 1000 } },
			],
			clock.now,
			clock.sleep,
		);
		const sent: Array<[string, number]> = [];
		await budget.take(['all', 'narrow']);
		sent.push(['narrow', clock.now()]);
		await budget.take(['all', 'narrow']); // narrow is full: waits one window
		sent.push(['narrow', clock.now()]);
		await budget.take('all');
		sent.push(['all', clock.now()]);
		await budget.take('all'); // all holds 2 calls sent at 1000: waits for that window to end
		sent.push(['all', clock.now()]);
		expect(sent.map(([, t]) => t - 1_000_000)).toEqual([0, 1000, 1000, 2000]);
		expect(budget.inWindow('all')).toBe(1);
	});

	it('a pause of several keys stops every call that takes any of them', async () => {
		const clock = fakeClock();
		const budget = new RateBudget([], clock.now, clock.sleep);
		budget.pause(['a', 'b'], clock.now() + 5000);
		await budget.take(['b', 'c']);
		expect(clock.now() - 1_000_000).toBe(5000);
	});
});

describe('Service Manager budget keys (SAP-docs/btp-service-manager rate-limiting-97be679.md)', () => {
	const keys = (method: string, path: string) => smBudgetKeys('client-1', method, `https://sm.example${path}`).map((k) => k.replace(/^serviceManager:|:client-1$/g, ''));

	it('every call is judged by the caller\'s one log per window, against the lowest limit of its groups', () => {
		expect(keys('GET', '/v1/service_instances?fieldQuery=x')).toEqual(['min@1000', 'hour@10000']);
		expect(keys('POST', '/v1/service_instances')).toEqual(['min@600', 'hour@6000', 'createInstance']);
		expect(keys('PATCH', '/v1/service_instances/1')).toEqual(['min@600', 'hour@6000']);
		expect(keys('DELETE', '/v1/service_instances/1')).toEqual(['min@600', 'hour@6000']);
		// operation polls count against the bindings limit (Peripli matches by path prefix)
		expect(keys('GET', '/v1/service_bindings/1/operations/2')).toEqual(['min@600', 'hour@6000']);
		expect(keys('GET', '/v1/service_offerings')).toEqual(['min@100', 'hour@1000']);
		expect(keys('GET', '/v1/service_plans')).toEqual(['min@100', 'hour@1000']);
	});

	it('calls of any kind count: after 150 instance reads an offerings lookup waits until fewer than 100 are in the window', async () => {
		const clock = fakeClock();
		const budget = new RateBudget(SM_RATE_LIMITS, clock.now, clock.sleep);
		for (let n = 0; n < 150; n++) {
			await budget.take(smBudgetKeys('c', 'GET', 'https://sm.example/v1/service_instances'));
			await clock.sleep(100); // 150 reads over 15 s
		}
		const before = clock.now();
		await budget.take(smBudgetKeys('c', 'GET', 'https://sm.example/v1/service_offerings'));
		// the 51st read (sent at 5 s) must leave the 61 s window: 100 - (15 s - 5 s) = 51 s more
		expect(clock.now() - before).toBe(51_000);
		// another caller is not held up
		const other = clock.now();
		await budget.take(smBudgetKeys('d', 'GET', 'https://sm.example/v1/service_offerings'));
		expect(clock.now()).toBe(other);
	});

	it('a batch of 1,200 calls of one caller never has more in any minute than SAP allows', async () => {
		const clock = fakeClock();
		const budget = new RateBudget(SM_RATE_LIMITS, clock.now, clock.sleep);
		const log: Array<{ t: number; path: string; method: string }> = [];
		const calls: Array<[string, string]> = [];
		// the catalog is looked up first in a real run (once per execution); 20 lookups here
		for (let n = 0; n < 20; n++) calls.push(['GET', '/v1/service_plans']);
		for (let n = 0; n < 700; n++) calls.push(['GET', n % 2 ? '/v1/service_bindings/b/operations/o' : '/v1/service_bindings']);
		for (let n = 0; n < 80; n++) calls.push(['POST', '/v1/service_instances']);
		for (let n = 0; n < 400; n++) calls.push(['GET', '/v1/service_instances/i/operations/o']);
		// all items start together, as a batch does
		await Promise.all(
			calls.map(async ([method, path]) => {
				await budget.take(smBudgetKeys('client-1', method, `https://sm.example${path}`));
				log.push({ t: clock.now(), method, path });
			}),
		);
		// SAP's reading: a group's limit caps ALL of the caller's calls in the window (see session.ts)
		let worst = 0;
		log.forEach((e, i) => {
			const cap = e.path.startsWith('/v1/service_plans') ? 100 : e.path.startsWith('/v1/service_bindings') ? 600 : 1000;
			// calls of any kind in SM's minute up to and including this one
			const total = log.slice(0, i + 1).filter((x) => x.t > e.t - 60_000).length;
			worst = Math.max(worst, total - cap);
		});
		expect(worst).toBeLessThanOrEqual(0);
		const maxInAnyMinute = (match: (e: { path: string; method: string }) => boolean) => {
			const times = log.filter(match).map((e) => e.t).sort((a, b) => a - b);
			let max = 0;
			for (let i = 0, j = 0; i < times.length; i++) {
				while (times[i] - times[j] >= 60_000) j++;
				max = Math.max(max, i - j + 1);
			}
			return max;
		};
		expect(log).toHaveLength(1200);
		expect(maxInAnyMinute(() => true)).toBeLessThanOrEqual(1000);
		expect(maxInAnyMinute((e) => e.path.startsWith('/v1/service_bindings'))).toBeLessThanOrEqual(600);
		expect(maxInAnyMinute((e) => e.path.startsWith('/v1/service_plans'))).toBeLessThanOrEqual(100);
		expect(maxInAnyMinute((e) => e.method === 'POST')).toBeLessThanOrEqual(50);
		// and it did not wait more than it had to: 80 creates need a third window (50/min), nothing more
		expect(Math.max(...log.map((e) => e.t)) - 1_000_000).toBe(2 * 61_000);
	});
});
