/**
 * Reading what `n8n execute --id --rawOutput` prints. Its stdout mixes log lines (task broker,
 * license SDK, "Execution was NOT successful") with the run's JSON, so the JSON is found by
 * parsing from each line that starts with `{`. On failure n8n logs the same run JSON before exiting 1.
 */

export interface NodeRun {
	/** items of output 0 of each run of the node (`json` only), in run order */
	items: Array<Record<string, unknown>>;
	/** all outputs of the last run (IF/Switch nodes have several) */
	outputs: Array<Array<Record<string, unknown>>>;
	error?: { message: string; description?: string; httpCode?: string | number; name?: string };
	executionTimeMs: number;
}

export interface ExecutionResult {
	status: string;
	finished: boolean;
	/** the workflow error (a failed node), if any */
	error?: { message: string; description?: string; node?: string; name?: string; httpCode?: string | number };
	lastNodeExecuted?: string;
	nodes: Record<string, NodeRun>;
	exitCode: number;
	durationMs: number;
}

interface RawTaskData {
	executionTime?: number;
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
	error?: Record<string, unknown>;
}

interface RawRun {
	status?: string;
	finished?: boolean;
	data?: {
		resultData?: {
			runData?: Record<string, RawTaskData[]>;
			lastNodeExecuted?: string;
			error?: Record<string, unknown>;
		};
	};
}

/** Finds the run object (has `data.resultData`) in mixed CLI output; undefined when there is none. */
export function findRunJson(output: string): RawRun | undefined {
	const starts: number[] = [];
	const re = /^\{/gm;
	for (let m = re.exec(output); m; m = re.exec(output)) starts.push(m.index);
	for (const start of starts) {
		// the JSON ends at a line that is exactly `}`; try the nearest end first
		const endRe = /^\}$/gm;
		endRe.lastIndex = start;
		for (let e = endRe.exec(output); e; e = endRe.exec(output)) {
			try {
				const parsed = JSON.parse(output.slice(start, e.index + 1)) as RawRun;
				if (parsed?.data?.resultData) return parsed;
				break;
			} catch {
				// not complete yet: a nested `}` line closed something inside; try the next one
			}
		}
	}
	return undefined;
}

function pickError(e: Record<string, unknown> | undefined) {
	if (!e) return undefined;
	const node = e.node as { name?: string } | undefined;
	return {
		message: String(e.message ?? ''),
		description: e.description === undefined || e.description === null ? undefined : String(e.description),
		httpCode: e.httpCode as string | number | undefined,
		name: e.name === undefined ? undefined : String(e.name),
		node: node?.name,
	};
}

export function toExecutionResult(run: RawRun, exitCode: number, durationMs: number): ExecutionResult {
	const resultData = run.data?.resultData ?? {};
	const nodes: Record<string, NodeRun> = {};
	for (const [name, runs] of Object.entries(resultData.runData ?? {})) {
		const last = runs[runs.length - 1] ?? {};
		const outputs = (last.data?.main ?? []).map((o) => (o ?? []).map((i) => i.json));
		nodes[name] = {
			items: runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((i) => i.json)),
			outputs,
			error: pickError(last.error),
			executionTimeMs: runs.reduce((s, r) => s + (r.executionTime ?? 0), 0),
		};
	}
	return {
		status: run.status ?? (resultData.error ? 'error' : 'unknown'),
		finished: run.finished ?? false,
		error: pickError(resultData.error),
		lastNodeExecuted: resultData.lastNodeExecuted,
		nodes,
		exitCode,
		durationMs,
	};
}

const SECRET_KEYS = /("?(?:clientsecret|client_secret|access_token|refresh_token|password|key|certificate|serviceKey|authorization)"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\s,}]+)/gi;

/** Masks secret-looking values so CLI output can go into error messages and CI logs. */
export function maskSecrets(text: string): string {
	// tokens first: `Authorization: Bearer <jwt>` would otherwise lose only the word "Bearer"
	return text
		.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 ***')
		.replace(SECRET_KEYS, '$1"***"')
		.replace(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '<pem ***>');
}
