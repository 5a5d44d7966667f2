/**
 * `unwaitedRateLimits` (issue 17): the benchmark's and tests' measure of "a 429 that was not waited
 * out". It must find a repeat before the 429's come-back time and nothing else.
 */
import { unwaitedRateLimits, type LogEntry } from '../http';

let seq = 0;
const entry = (at: number, status: number, extra: Partial<LogEntry> = {}): LogEntry => ({
	seq: ++seq,
	at,
	service: 'entitlements',
	method: 'GET',
	path: '/jobs-management/v1/jobs/7/status',
	route: '/jobs-management/v1/jobs/:id/status',
	status,
	durationMs: 5,
	clientid: 'cis-central',
	...extra,
});

describe('unwaitedRateLimits', () => {
	it('a repeat of the same request before X-Ratelimit-Reset is un-waited; one at or after it is not', () => {
		const early = [entry(1000, 429, { retryAt: 4000 }), entry(2000, 200)];
		expect(unwaitedRateLimits(early).map((e) => e.at)).toEqual([2000]);
		const waited = [entry(1000, 429, { retryAt: 4000 }), entry(4000, 200)];
		expect(unwaitedRateLimits(waited)).toEqual([]);
	});

	it('other requests, other callers and calls before the 429 do not count', () => {
		const log = [
			entry(900, 200),
			entry(1000, 429, { retryAt: 4000 }),
			entry(1500, 200, { path: '/jobs-management/v1/jobs/8/status' }),
			entry(1600, 200, { clientid: 'someone-else' }),
		];
		expect(unwaitedRateLimits(log)).toEqual([]);
	});

	it('a second 429 that came before the first one\'s reset is un-waited too', () => {
		const log = [entry(1000, 429, { retryAt: 4000 }), entry(1200, 429, { retryAt: 4000 }), entry(4100, 200)];
		expect(unwaitedRateLimits(log).map((e) => e.at)).toEqual([1200]);
	});
});
