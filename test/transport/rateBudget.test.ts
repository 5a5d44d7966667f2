/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The per-execution budget with a call counting against several limits at once (issue 11: Service
 * Manager's documented per-caller limits), on an injected clock: no wall-clock waits, no races.
 */
import { RateBudget } from '../../nodes/shared/transport/rateLimit';
import { SM_RATE_LIMITS, smBudgetKeys } from '../../nodes/SapBtp/api/session';

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

	it('every call counts against "all"; each path prefix and method against its own limit', () => {
		expect(keys('GET', '/v1/service_instances?fieldQuery=x')).toEqual(['all:min', 'all:hour']);
		expect(keys('POST', '/v1/service_instances')).toEqual(['all:min', 'all:hour', 'createInstance:min']);
		expect(keys('PATCH', '/v1/service_instances/1')).toEqual(['all:min', 'all:hour', 'updateInstance:min', 'updateInstance:hour']);
		expect(keys('DELETE', '/v1/service_instances/1')).toEqual(['all:min', 'all:hour', 'deleteInstance:min', 'deleteInstance:hour']);
		// operation polls count against the bindings limit (Peripli matches by path prefix)
		expect(keys('GET', '/v1/service_bindings/1/operations/2')).toEqual(['all:min', 'all:hour', 'bindings:min', 'bindings:hour']);
		expect(keys('GET', '/v1/service_offerings')).toEqual(['all:min', 'all:hour', 'offerings:min', 'offerings:hour']);
		expect(keys('GET', '/v1/service_plans')).toEqual(['all:min', 'all:hour', 'plans:min', 'plans:hour']);
	});

	it('a batch of 1,300 calls of one caller never has more in any minute than SAP allows', async () => {
		const clock = fakeClock();
		const budget = new RateBudget(SM_RATE_LIMITS, clock.now, clock.sleep);
		const log: Array<{ t: number; path: string; method: string }> = [];
		const calls: Array<[string, string]> = [];
		for (let n = 0; n < 700; n++) calls.push(['GET', n % 2 ? '/v1/service_bindings/b/operations/o' : '/v1/service_bindings']);
		for (let n = 0; n < 120; n++) calls.push(['GET', '/v1/service_plans']);
		for (let n = 0; n < 80; n++) calls.push(['POST', '/v1/service_instances']);
		for (let n = 0; n < 400; n++) calls.push(['GET', '/v1/service_instances/i/operations/o']);
		// all items start together, as a batch does
		await Promise.all(
			calls.map(async ([method, path]) => {
				await budget.take(smBudgetKeys('client-1', method, `https://sm.example${path}`));
				log.push({ t: clock.now(), method, path });
			}),
		);
		const maxInAnyMinute = (match: (e: { path: string; method: string }) => boolean) => {
			const times = log.filter(match).map((e) => e.t).sort((a, b) => a - b);
			let max = 0;
			for (let i = 0, j = 0; i < times.length; i++) {
				while (times[i] - times[j] >= 60_000) j++;
				max = Math.max(max, i - j + 1);
			}
			return max;
		};
		expect(log).toHaveLength(1300);
		expect(maxInAnyMinute(() => true)).toBeLessThanOrEqual(1000);
		expect(maxInAnyMinute((e) => e.path.startsWith('/v1/service_bindings'))).toBeLessThanOrEqual(600);
		expect(maxInAnyMinute((e) => e.path.startsWith('/v1/service_plans'))).toBeLessThanOrEqual(100);
		expect(maxInAnyMinute((e) => e.method === 'POST')).toBeLessThanOrEqual(50);
		// and it did not wait more than it had to: 1,300 calls fit into three minutes
		expect(Math.max(...log.map((e) => e.t)) - 1_000_000).toBeLessThan(3 * 61_000);
	});
});
