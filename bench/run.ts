/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * `npm run bench` (issue 7): onboards N = 1, 10, 40 subaccounts in a real n8n 2.41.1 against the
 * simulator with a fixed SAP-like latency profile, once with the SAP BTP node ("Enable Cloud ALM
 * API") and once with the naive workflow a user builds today (HTTP Request nodes, n8n's generic
 * OAuth2 client-credentials credential, Wait 5 s + IF polling loops). Prints one table and writes
 * bench/results/latest.json.
 *
 * Env: BENCH_NS=1,10,40 (scenarios), BENCH_VARIANTS=node,naive, BENCH_OUT=<json path>,
 * BENCH_TRACE=<folder> (writes each scenario's request log, times relative to its first call).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { credentialsFromSimulator } from '../scripts/n8n/credentials';
import { ensureN8n } from '../scripts/n8n/install';
import { buildAndPack } from '../scripts/n8n/package';
import { createN8nInstance, type N8nInstance } from '../scripts/n8n/runtime';
import type { ExecutionResult } from '../scripts/n8n/runOutput';
import { startSimulator, type RunningSimulator } from '../simulator';
import { unwaitedRateLimits } from '../simulator/http';
import { PLAN_IDS } from '../simulator/seed';
import { cisPerSubaccount, countCalls, type CallCounts } from './lib/calls';
import { executeMeasured } from './lib/execute';
import {
	BENCH_PROFILE,
	CRITICAL_PATH_CALLS,
	minPollsPerChain,
	NAIVE_MAX_N,
	NAIVE_POLL_SCHEDULE,
	NODE_POLL_SCHEDULE,
	physicalLimit,
	seedFor,
	type PhysicalLimit,
} from './lib/profile';
import { naiveCredential, scenarioWorkflow, subaccountsFor, type Variant } from './lib/scenario';
import { formatTable } from './lib/table';

export interface ScenarioResult {
	variant: Variant;
	n: number;
	executionMs: number;
	processMs: number;
	limitMs: number;
	limit: PhysicalLimit;
	ratio: number;
	calls: CallCounts;
	/** CIS calls per subaccount: all, entitlement side, Service Manager access (see lib/calls.ts) */
	cisPerSubaccount: ReturnType<typeof cisPerSubaccount>;
	/** 429s after which the same request came again before the 429's X-Ratelimit-Reset/Retry-After */
	unwaited429s: number;
	/** 1-minute load average of the machine when the scenario started and ended */
	loadAvg: [number, number];
	minPolls: number;
	pollRatio: number;
	peakRssMb: number;
	onboarded: number;
}

const NS = (process.env.BENCH_NS ?? '1,10,40,200,1000').split(',').map(Number);
/** the seeded world fits the largest N (1000 customers seed in about 0.25 s) */
const SEED = seedFor(Math.max(...NS));
const VARIANTS = (process.env.BENCH_VARIANTS ?? 'node,naive').split(',') as Variant[];
const OUT = process.env.BENCH_OUT ?? join(__dirname, 'results', 'latest.json');
/** the names both workflows use (the node's defaults, the naive Config node's) */
const INSTANCE_NAME = 'cloud-alm-api';
const BINDING_NAME = 'cloud-alm-api-key';

/**
 * The bench checks results, not only time: per subaccount, in the simulator's state, exactly one
 * instance named `cloud-alm-api` on Service Manager's own platform (customer-001 also has a Cloud
 * Foundry instance of that name, which does not count), of SAPCloudALMAPIs/standard in the default
 * data center, ready, with a ready binding `cloud-alm-api-key` that has credentials; and the
 * workflow's own output names that instance and binding for every subaccount (node: one item per
 * subaccount from Enable Cloud ALM API; naive: the Get Binding answer of every loop pass).
 * Returns how many subaccounts passed; the failures, one line each.
 */
async function checkOnboarded(
	sim: RunningSimulator,
	variant: Variant,
	guids: string[],
	result: ExecutionResult,
): Promise<{ onboarded: number; failures: string[] }> {
	// the control API settles finished async work before answering (state held in memory may lag)
	const state = (await (await fetch(`${sim.urls.control}/__sim/state`)).json()) as {
		instances: Array<{ id: string; name: string; subaccountGUID: string; platform_id: string; service_plan_id: string; ready: boolean }>;
		bindings: Array<{ id: string; name: string; service_instance_id: string; ready: boolean; credentials?: { uaa?: { clientid?: string } } }>;
	};
	const outputs = variant === 'node' ? (result.nodes['Enable Cloud ALM API']?.items ?? []) : (result.nodes['Get Binding']?.items ?? []);
	if (outputs.length !== guids.length) {
		return { onboarded: 0, failures: [`the workflow output has ${outputs.length} items for ${guids.length} subaccounts`] };
	}
	const failures: string[] = [];
	for (const guid of guids) {
		const own = state.instances.filter((i) => i.subaccountGUID === guid && i.platform_id === 'service-manager' && i.name === INSTANCE_NAME);
		if (own.length !== 1) {
			failures.push(`${guid}: ${own.length} Service Manager instances named ${INSTANCE_NAME}`);
			continue;
		}
		const instance = own[0];
		const binding = state.bindings.find((b) => b.service_instance_id === instance.id && b.name === BINDING_NAME);
		const problem =
			instance.service_plan_id !== PLAN_IDS.calmStandard
				? `instance on plan ${instance.service_plan_id}, not SAPCloudALMAPIs/standard of the default data center`
				: !instance.ready
					? 'instance not ready'
					: !binding?.ready || !binding.credentials?.uaa?.clientid
						? `no ready binding ${BINDING_NAME} with credentials`
						: !outputs.some((o) =>
									variant === 'node'
										? (o.instance as { id?: string } | undefined)?.id === instance.id && (o.binding as { id?: string } | undefined)?.id === binding.id
										: o.id === binding.id && o.ready === true && !!(o.credentials as { uaa?: { clientid?: string } } | undefined)?.uaa?.clientid,
								)
							? 'the workflow output does not name its instance and binding'
							: undefined;
		if (problem) failures.push(`${guid}: ${problem}`);
	}
	return { onboarded: guids.length - failures.length, failures };
}

function writeTrace(folder: string, name: string, entries: Array<{ at: number; durationMs: number }>) {
	mkdirSync(folder, { recursive: true });
	const t0 = entries[0]?.at ?? 0;
	const lines = entries.map((e) => JSON.stringify({ ...e, at: e.at - t0 }));
	writeFileSync(join(folder, `${name}.jsonl`), `${lines.join('\n')}\n`);
}

async function runScenario(sim: RunningSimulator, n8n: N8nInstance, variant: Variant, n: number): Promise<ScenarioResult> {
	const loadBefore = loadavg()[0];
	sim.reset(SEED); // fresh world and fresh secrets: nothing is entitled, no token exists yet
	await n8n.importCredentials([...credentialsFromSimulator(sim.keys as never), naiveCredential(sim.keys.cisCentral as never)]);
	const guids = subaccountsFor(n);
	const workflow = scenarioWorkflow(variant, guids, { accounts: sim.urls.accounts, entitlements: sim.urls.entitlements });
	await n8n.importWorkflow(workflow);
	const since = sim.log.summary().lastSeq;
	const measured = await executeMeasured(n8n, workflow.id, 45 * 60_000);
	if (measured.result.error) throw new Error(`${variant} N=${n} failed: ${measured.result.error.message}`);
	const summary = sim.log.summary(since);
	if (process.env.BENCH_TRACE) writeTrace(process.env.BENCH_TRACE, `${variant}-${n}`, summary.entries);
	const calls = countCalls(summary.entries, summary.tokensIssued);
	const limit = physicalLimit(n);
	const minPolls = n * minPollsPerChain(variant === 'node' ? NODE_POLL_SCHEDULE : NAIVE_POLL_SCHEDULE);
	const { onboarded: done, failures } = await checkOnboarded(sim, variant, guids, measured.result);
	if (done !== n) throw new Error(`${variant} N=${n}: ${done} of ${n} subaccounts onboarded:\n${failures.slice(0, 10).join('\n')}`);
	return {
		variant,
		n,
		executionMs: measured.executionMs,
		processMs: measured.processMs,
		limitMs: limit.totalMs,
		limit,
		ratio: measured.executionMs / limit.totalMs,
		calls,
		cisPerSubaccount: cisPerSubaccount(summary.entries, n),
		unwaited429s: unwaitedRateLimits(summary.entries).length,
		loadAvg: [Math.round(loadBefore * 100) / 100, Math.round(loadavg()[0] * 100) / 100],
		minPolls,
		pollRatio: calls.polls / minPolls,
		peakRssMb: measured.peakRssMb,
		onboarded: done,
	};
}

async function main() {
	const benchStarted = Date.now();
	const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
	const installStarted = Date.now();
	const runtime = ensureN8n();
	console.log(
		`[bench] n8n runtime ${runtime.installed ? `installed in ${((Date.now() - installStarted) / 1000).toFixed(0)} s` : 'reused'}; building and packing the package…`,
	);
	buildAndPack();
	const simStarted = Date.now();
	const sim = await startSimulator({ seed: SEED, profile: BENCH_PROFILE });
	const simStartMs = Date.now() - simStarted;
	const reseedStarted = Date.now();
	sim.reset(SEED);
	const reseedMs = Date.now() - reseedStarted;
	console.log(`[bench] simulator with ${SEED.customers} customers: started in ${simStartMs} ms, re-seeded in ${reseedMs} ms`);
	const n8n = await createN8nInstance({});
	const results: ScenarioResult[] = [];
	// written after every scenario, so a long run that is stopped keeps what it measured
	const write = () => {
		const report = {
			generatedAt: new Date().toISOString(),
			n8n: '2.41.1',
			profile: BENCH_PROFILE,
			criticalPath: { calls: CRITICAL_PATH_CALLS, chainMs: physicalLimit(1).chainMs, why: 'bench/lib/profile.ts' },
			pollSchedules: { node: NODE_POLL_SCHEDULE, naive: NAIVE_POLL_SCHEDULE },
			benchSeconds: Math.round((Date.now() - benchStarted) / 1000),
			simulator: { customers: SEED.customers, startMs: simStartMs, reseedMs },
			machine: { cpus: cpus().length, loadAvgAtStart: loadAtStart },
			results,
		};
		mkdirSync(dirname(OUT), { recursive: true });
		writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
		return report;
	};
	try {
		for (const n of NS) {
			for (const variant of VARIANTS) {
				if (variant === 'naive' && n > NAIVE_MAX_N) continue; // README: one subaccount after another, ~17 s each
				process.stdout.write(`[bench] ${variant} N=${n} … `);
				const r = await runScenario(sim, n8n, variant, n);
				results.push(r);
				write();
				console.log(
					`${(r.executionMs / 1000).toFixed(2)} s (limit ${(r.limitMs / 1000).toFixed(2)} s, ${r.calls.total} calls, CIS/subaccount ${r.cisPerSubaccount.total}, 429s ${r.calls.rateLimited} (un-waited ${r.unwaited429s}), RSS ${r.peakRssMb} MB, load ${r.loadAvg.join('→')})`,
				);
			}
		}
	} finally {
		await n8n.cleanup();
		await sim.stop();
	}
	const report = write();
	console.log(`\n${formatTable(results)}\n\nWritten to ${OUT} (bench took ${report.benchSeconds} s).`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
