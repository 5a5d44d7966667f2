/**
 * The one table `npm run bench` prints (markdown, so it can go into the README as it is): per
 * scenario the execution time, the physical limit and the ratio to it, calls by kind, polls against
 * the fewest the poll schedule needs, peak RSS; then the node's speed-up over the naive workflow.
 */
import type { ScenarioResult } from '../run';

const s = (ms: number) => (ms / 1000).toFixed(2);
const x = (v: number) => `${v.toFixed(2)}×`;

export function formatTable(results: ScenarioResult[]): string {
	const head = [
		'| Variant | N | Wall (execution) s | Process s | Physical limit s | Ratio | Token | Lookups | Mutations | Polls (min) | Max tokens/client | Offering+plan lookups | CIS calls/subaccount (entitlements + SM access + other) | 429s (un-waited) | Peak RSS MB |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	const rows = results.map(
		(r) =>
			`| ${r.variant === 'node' ? 'SAP BTP node' : 'Naive HTTP Request + Wait/IF'} | ${r.n} | ${s(r.executionMs)} | ${s(r.processMs)} | ${s(r.limitMs)} | ${x(r.ratio)} | ` +
			`${r.calls.token} | ${r.calls.lookups} | ${r.calls.mutations} | ${r.calls.polls} (${r.minPolls}) | ${r.calls.maxTokensPerClient} | ` +
			`${r.calls.offeringLookups}+${r.calls.planLookups} | ${r.cisPerSubaccount.total} (${r.cisPerSubaccount.entitlements} + ${r.cisPerSubaccount.smAccess} + ${r.cisPerSubaccount.other}) | ` +
			`${r.calls.rateLimited} (${r.unwaited429s}) | ${r.peakRssMb} |`,
	);
	const speedups = [...new Set(results.map((r) => r.n))]
		.map((n) => {
			const node = results.find((r) => r.n === n && r.variant === 'node');
			const naive = results.find((r) => r.n === n && r.variant === 'naive');
			return node && naive ? `N=${n}: ${x(naive.executionMs / node.executionMs)}` : undefined;
		})
		.filter(Boolean);
	const tail = speedups.length ? ['', `Node vs naive (naive wall / node wall, same run): ${speedups.join(', ')}`] : [];
	// calls by kind per service (token / lookups / mutations / polls), one line per scenario
	const perService = results.map(
		(r) =>
			`- ${r.variant} N=${r.n}: ` +
			Object.entries(r.calls.byService)
				.map(([service, c]) => `${service} ${c.token}/${c.lookups}/${c.mutations}/${c.polls}${c.rateLimited ? ` (429: ${c.rateLimited})` : ''}`)
				.join(', '),
	);
	return [...head, ...rows, ...tail, '', 'Calls by kind per service (token/lookups/mutations/polls):', ...perService].join('\n');
}
