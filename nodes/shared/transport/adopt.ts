/**
 * Creates that survive lost answers (issue 8). A POST is never repeated blindly: when its answer
 * is lost (connection reset, timeout, 5xx, 429 — SAP may have committed the create before the
 * failure), we first look the object up by its name and ADOPT it if it is there; only when it
 * is not there do we try the create again. A 409 "name exists" is answered the same way.
 */
import { sleep } from 'n8n-workflow';
import { apiError } from './errors';
import { callOnce, failedError, lostError } from './request';
import { backoffMs, classifyStatus, retryAfterMs } from './retry';
import type { TransportSession } from './session';
import type { CallAuth, HttpAnswer, HttpCall, TransportContext } from './types';

export type CreateResult<T> = { kind: 'created'; answer: HttpAnswer } | { kind: 'adopted'; existing: T };

export interface AdoptOptions {
	/**
	 * An answer that is expected to go away by itself (e.g. Service Manager's "could not find such
	 * service plan" in the seconds after an entitlement): retried with backoff until `graceUntil`.
	 */
	transient?: (answer: HttpAnswer) => boolean;
	graceUntil?: number;
}

export async function createOrAdopt<T>(
	ctx: TransportContext,
	session: TransportSession,
	auth: CallAuth,
	call: HttpCall,
	lookup: () => Promise<T | undefined>,
	options: AdoptOptions = {},
): Promise<CreateResult<T>> {
	// n8n's getNode() deep-copies the node on every call: only errors need it (issue 7 CPU profile)
	const node = () => ctx.getNode();
	const policy = session.settings.retry;
	const key = call.budgetKey ?? call.service;
	let lastReason = '';
	for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
		const outcome = await callOnce(ctx, session, auth, call);
		if (outcome.kind === 'failed') throw failedError(node(), call, outcome.error);
		let wait = backoffMs(attempt, policy);
		if (outcome.kind === 'answer') {
			const { answer } = outcome;
			if (answer.status < 300) return { kind: 'created', answer };
			if (answer.status === 409) {
				const existing = await lookup();
				if (existing !== undefined) {
					session.stats.adoptions++;
					return { kind: 'adopted', existing };
				}
			}
			if (options.transient?.(answer) && Date.now() + wait < (options.graceUntil ?? 0)) {
				attempt--; // waiting out a known transient state is not a failed attempt
				await sleep(wait);
				continue;
			}
			if (!classifyStatus(answer.status, answer.body).retry || attempt === policy.maxAttempts) {
				throw apiError(node(), {
					step: call.step,
					service: call.service,
					status: answer.status,
					body: answer.body,
					headers: answer.headers,
					what: call.what,
				});
			}
			wait = Math.max(wait, retryAfterMs(answer.headers) ?? 0);
			if (answer.status === 429) session.budget.pause(key, Date.now() + wait);
			lastReason = `HTTP ${answer.status}`;
		} else {
			lastReason = outcome.reason;
		}
		session.stats.retries++;
		await sleep(wait);
		// the first attempt may have created it although we never saw the answer
		const existing = await lookup();
		if (existing !== undefined) {
			session.stats.adoptions++;
			return { kind: 'adopted', existing };
		}
	}
	throw lostError(node(), call, lastReason, policy.maxAttempts);
}
