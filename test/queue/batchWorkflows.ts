/**
 * Onboarding a large batch in n8n's queue mode, split so that several workers share it.
 *
 * What n8n 2.41 runs on a worker is an execution that was enqueued as a job: a trigger's execution
 * (webhook, schedule, …). A sub-workflow called by the Execute Workflow node is NOT enqueued: it
 * runs inline in the process of the execution that calls it (workflow-execute-additional-data.js,
 * executeWorkflow → startExecution), so it never reaches another worker. The n8n way to fan a batch
 * out is therefore a sub-workflow behind a Webhook trigger: the dispatcher POSTs one request per
 * batch, main enqueues each as a job, and the workers take them.
 *
 *   Onboard batch (webhook, runs on a worker): Webhook → Split Out → Enable Cloud ALM API
 *   Dispatcher:  Manual Trigger → batches → Split Out → HTTP Request (one POST per batch, side by side)
 */
import { randomUUID } from 'node:crypto';
import { chain, node, type WorkflowJson } from '../e2e/harness/workflows';
import { enableNode, type OnboardingOptions } from '../faults/onboardingWorkflow';

export const BATCH_WEBHOOK_PATH = 'onboard-batch';

/** The sub-workflow: one webhook call = one execution = one job; it answers with every item of Enable. */
export function batchWebhookWorkflow(id: string, options: OnboardingOptions): WorkflowJson {
	const hook = node(
		'Batch of Subaccounts',
		'n8n-nodes-base.webhook',
		{ httpMethod: 'POST', path: BATCH_WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		{ typeVersion: 2, webhookId: randomUUID() },
	);
	const split = node('One Item per Subaccount', 'n8n-nodes-base.splitOut', {
		fieldToSplitOut: 'body.subaccounts',
		options: { destinationFieldName: 'subaccount' },
	});
	return chain(id, 'Queue: onboard a batch of subaccounts', hook, split, enableNode(options));
}

/** The dispatcher: the whole list in batches, each POSTed to the sub-workflow's webhook; n8n sends them side by side. */
export function dispatcherWorkflow(id: string, webhookUrl: string, batches: string[][], timeoutMs: number): WorkflowJson {
	const list = node('Batches', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: JSON.stringify({ batches }), options: {} }, { typeVersion: 3.4 });
	const split = node('One Item per Batch', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'batches', options: { destinationFieldName: 'subaccounts' } });
	const post = node(
		'Onboard Batch on a Worker',
		'n8n-nodes-base.httpRequest',
		{
			method: 'POST',
			url: webhookUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ subaccounts: $json.subaccounts }) }}',
			options: { timeout: timeoutMs },
		},
		{ typeVersion: 4.2 },
	);
	return chain(id, `Queue: dispatch ${batches.length} batches`, node('Manual Trigger', 'n8n-nodes-base.manualTrigger'), list, split, post);
}

export function inBatches<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}
