/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The example workflows of examples/ and the one credential a user creates from the binding that
 * "Enable Cloud ALM API" made. Shared by `npm run demo`, `npm run n8n` and the e2e suite, so all
 * three run exactly the files users import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREDENTIAL_IDS, credentialFromKey, type CredentialImport } from '../n8n/credentials';
import { REPO_ROOT } from '../n8n/versions';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

/** File and fixed workflow id of each example (ids are what `n8n execute --id` takes). */
export const EXAMPLES = {
	ticket: { file: 'ticket-onboarding.workflow.json', id: 'calmTicketOnboarding', webhookPath: 'cloud-alm/onboard' },
	batch: { file: 'batch-onboarding.workflow.json', id: 'calmBatchOnboarding' },
	followUp: { file: 'cloud-alm-follow-up.workflow.json', id: 'calmFollowUp' },
	digest: { file: 'changed-tasks-digest.workflow.json', id: 'calmTasksDigest' },
	mcpServer: { file: 'cloud-alm-mcp-server.workflow.json', id: 'calmMcpServer', mcpPath: 'sap-cloud-alm' },
	eventTicket: { file: 'event-situation-ticket.workflow.json', id: 'calmEventTicket', webhookPath: 'cloud-alm-events/webhook' },
	reportFailures: { file: 'report-failed-executions.workflow.json', id: 'calmReportFailures' },
	rotateKey: { file: 'rotate-cloud-alm-key.workflow.json', id: 'calmRotateKey' },
} as const;

export type ExampleName = keyof typeof EXAMPLES;

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown> }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export function loadExample(name: ExampleName): ExampleWorkflow {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, EXAMPLES[name].file), 'utf8')) as ExampleWorkflow;
	if (workflow.id !== EXAMPLES[name].id) throw new Error(`${EXAMPLES[name].file}: id "${workflow.id}", expected "${EXAMPLES[name].id}"`);
	return workflow;
}

/** What the cockpit shows under a binding's "View Credentials" (the simulator's state holds it). */
export interface BindingLike {
	name: string;
	credentials?: Record<string, unknown>;
}

/**
 * The SAP Cloud ALM API credential a user creates from the new binding: same id as the one the
 * examples reference, so the follow-up workflow runs with it unchanged. n8n cannot turn a
 * workflow's output into a credential by itself; an admin pastes the key in the editor or imports
 * it with `n8n import:credentials`, which is what this feeds.
 */
export function credentialFromBinding(binding: BindingLike, subaccountLabel: string): CredentialImport {
	if (!binding.credentials) throw new Error(`binding "${binding.name}" has no credentials (not ready?)`);
	return credentialFromKey('sapCloudAlmApi', binding.credentials, {
		id: CREDENTIAL_IDS.sapCloudAlmApi,
		name: `SAP Cloud ALM API (${subaccountLabel}: ${binding.name})`,
	});
}

export interface WebhookAnswer {
	status: number;
	text: string;
	body: Record<string, unknown>;
	ms: number;
}

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

/**
 * POSTs JSON to a production webhook. n8n reports ready a moment before it has registered the
 * webhooks of published workflows, so a 404 "not registered" is retried for up to `waitMs`.
 */
export async function postWebhook(baseUrl: string, path: string, body: unknown, waitMs = 30_000): Promise<WebhookAnswer> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const started = Date.now();
		const res = await fetch(`${baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		if (res.status === 404 && /is not registered/.test(text) && Date.now() < deadline) {
			await sleep(250);
			continue;
		}
		let parsed: Record<string, unknown>;
		try {
			parsed = JSON.parse(text) as Record<string, unknown>;
		} catch {
			parsed = { raw: text };
		}
		return { status: res.status, text, body: parsed, ms: Date.now() - started };
	}
}
