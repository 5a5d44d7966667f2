/**
 * The one poller for SAP's asynchronous work (entitlement jobs, Service Manager operations).
 *
 * First check soon after the call (default 250 ms), then the interval grows ×1.25 up to a cap
 * (default 5 s), so an operation is seen done at most 25 % of its duration after its real end
 * while a 10 min one costs about 130 polls (the cap). A `Retry-After` on a poll answer stretches the next interval. Past the
 * overall timeout the poller stops with an error saying what is still running and how to resume
 * (every operation of the SAP BTP node adopts what a previous run started).
 */
import { NodeOperationError, sleep, type INode } from 'n8n-workflow';
import type { PollSettings, TransportSession } from './session';

export type PollCheck<T> =
	| { done: true; value: T }
	| { done: false; retryAfterMs?: number; state?: string };

export interface PollRequest {
	/** e.g. "Wait for the entitlement job" */
	step: string;
	/** what is running, for the timeout message, e.g. "Entitlement job 30829210" */
	what: string;
	timeoutMs: number;
	/** how to resume after a timeout */
	resumeHint: string;
	settings?: Partial<PollSettings>;
}

export interface PollResult<T> {
	value: T;
	polls: number;
	waitedMs: number;
}

export async function pollUntilDone<T>(
	node: INode,
	session: TransportSession,
	request: PollRequest,
	check: () => Promise<PollCheck<T>>,
): Promise<PollResult<T>> {
	const settings = { ...session.settings.poll, ...request.settings };
	const started = Date.now();
	const deadline = started + request.timeoutMs;
	let interval = settings.firstDelayMs;
	let polls = 0;
	let lastState = 'in progress';
	for (;;) {
		const now = Date.now();
		if (now >= deadline) {
			throw new NodeOperationError(
				node,
				`${request.what} is still ${lastState} after ${Math.round((now - started) / 1000)} s (timeout)`,
				{
					description: `Step: ${request.step}\nSAP is still working on it; nothing was rolled back. ${request.resumeHint}`,
				},
			);
		}
		await sleep(Math.min(interval, Math.max(0, deadline - now)));
		polls++;
		session.stats.polls++;
		const result = await check();
		if (result.done) return { value: result.value, polls, waitedMs: Date.now() - started };
		if (result.state) lastState = result.state;
		interval = Math.max(Math.min(interval * settings.factor, settings.maxDelayMs), result.retryAfterMs ?? 0);
	}
}
