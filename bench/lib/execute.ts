/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * `n8n execute --id --rawOutput` as its own process, so the benchmark knows its pid: peak RSS is
 * the kernel's high-water mark (`VmHWM` in /proc/<pid>/status), read every 100 ms until exit (the
 * mark only grows, so the last read is the peak up to ~100 ms before exit). Wall time is taken two
 * ways: n8n's own `startedAt`/`stoppedAt` of the run (the execution alone, without process start,
 * database migration checks and node loading), and the outer process time.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { N8nInstance } from '../../scripts/n8n/runtime';
import { findRunJson, maskSecrets, toExecutionResult, type ExecutionResult } from '../../scripts/n8n/runOutput';

export interface MeasuredExecution {
	result: ExecutionResult;
	/** stoppedAt − startedAt of the run n8n reports */
	executionMs: number;
	/** spawn → exit of the `n8n execute` process */
	processMs: number;
	peakRssMb: number;
}

function vmHwmKb(pid: number): number | undefined {
	try {
		const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) : undefined;
	} catch {
		return undefined; // exited between two reads
	}
}

export async function executeMeasured(n8n: N8nInstance, workflowId: string, timeoutMs: number): Promise<MeasuredExecution> {
	const started = Date.now();
	// BENCH_CPU_PROF=<folder>: V8 CPU profile of the n8n process (open in Chrome DevTools)
	const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
	const args = [...profile, n8n.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'];
	// stdout goes to a FILE, not a pipe: n8n prints the run (megabytes at N = 1000) and exits, and the
	// tail of a large write to a pipe is lost when the process exits (found at N = 1000); file writes are synchronous
	const outFile = join(mkdtempSync(join(tmpdir(), 'bench-out-')), 'stdout.json');
	const outFd = openSync(outFile, 'w');
	const child = spawn(n8n.nodeBin, args, { cwd: n8n.userFolder, env: n8n.env(), stdio: ['ignore', outFd, 'pipe'] });
	closeSync(outFd);
	let stderr = '';
	child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
	let peakKb = 0;
	const sampler = setInterval(() => (peakKb = Math.max(peakKb, vmHwmKb(child.pid!) ?? 0)), 100);
	const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
	const stdout = readFileSync(outFile, 'utf8');
	rmSync(dirname(outFile), { recursive: true, force: true });
	clearInterval(sampler);
	clearTimeout(killer);
	const processMs = Date.now() - started;
	const run = findRunJson(stdout) as (ReturnType<typeof findRunJson> & { startedAt?: string; stoppedAt?: string }) | undefined;
	if (!run) {
		const tail = (stdout + stderr).split('\n').slice(-30).join('\n');
		throw new Error(`n8n execute --id=${workflowId} printed no run (exit ${exitCode}):\n${maskSecrets(tail)}`);
	}
	const result = toExecutionResult(run, exitCode, processMs);
	const executionMs = Date.parse(String(run.stoppedAt)) - Date.parse(String(run.startedAt));
	if (!Number.isFinite(executionMs)) throw new Error(`the run of ${workflowId} has no startedAt/stoppedAt`);
	return { result, executionMs, processMs, peakRssMb: Math.round(peakKb / 1024) };
}
