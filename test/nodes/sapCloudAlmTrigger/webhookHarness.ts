/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The SAP Cloud ALM Trigger behind a real HTTP server, called as n8n calls a webhook node: each
 * request gets n8n-core's own WebhookContext (real getNodeParameter, real getCredentials through
 * the runner's credentials helper), and the node's answer is turned into the HTTP answer as n8n's
 * webhook helpers do (packages/cli/src/webhooks/webhook-helpers.ts): `noWebhookResponse` = the node
 * answered itself; no `workflowData` = 200 with `webhookResponse` and no run; otherwise a run,
 * answered with `webhookResponse` (Immediately) or the last node's first item (When Last Node
 * Finishes; the test gives the "rest of the workflow" as a function of the trigger's items).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookContext } from 'n8n-core';
import type { IDataObject, INodeParameters, IWebhookData } from 'n8n-workflow';
import { CredentialStore, PACKAGE_NAME } from '../../runner';
import { nodeContextParts } from '../../runner/nodeContext';

export const TRIGGER_TYPE = `${PACKAGE_NAME}.sapCloudAlmTrigger`;

export interface TriggerServer {
	url: string;
	/** the items of every run the trigger started, one array per run */
	runs: IDataObject[][];
	/** change the node's parameters (and Basic credential) for the next requests */
	configure(parameters: INodeParameters, basic?: { user: string; password: string }): void;
	/** the rest of the workflow for "When Last Node Finishes": the last node's first item */
	lastNode: (items: IDataObject[]) => IDataObject;
	close(): Promise<void>;
}

export async function startTriggerServer(initial: INodeParameters, basic?: { user: string; password: string }): Promise<TriggerServer> {
	const store = new CredentialStore();
	let parameters = initial;
	const setBasic = (b?: { user: string; password: string }) => {
		if (b) store.put({ id: 'hook-basic', name: 'Cloud ALM webhook', type: 'sapCloudAlmWebhookApi', data: { ...b } });
	};
	setBasic(basic);

	const server: TriggerServer = {
		url: '',
		runs: [],
		configure(next, b) {
			parameters = next;
			setBasic(b);
		},
		lastNode: (items) => items[0],
		close: async () => {
			httpServer.closeAllConnections();
			await new Promise((r) => httpServer.close(r));
		},
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse, raw: string) => {
		// n8n's body parser: JSON bodies parsed, anything else kept as text
		let body: unknown = {};
		if (raw) {
			try {
				body = /json/.test(String(req.headers['content-type'])) ? JSON.parse(raw) : raw;
			} catch {
				res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'invalid JSON (n8n)' }));
				return;
			}
		}
		Object.assign(req, { body, rawBody: Buffer.from(raw), query: {}, params: {} });
		const { node, nodeType, workflow, additionalData } = await nodeContextParts({
			node: {
				id: 'calm-trigger',
				name: 'SAP Cloud ALM Trigger',
				type: TRIGGER_TYPE,
				webhookId: 'calm-hook',
				parameters,
				credentials: { sapCloudAlmWebhookApi: { id: 'hook-basic', name: 'Cloud ALM webhook' } },
			},
			store,
			mode: 'webhook',
			workflow: { id: 'calm-trigger-test', name: 'trigger test', active: true },
		});
		Object.assign(additionalData, { httpRequest: req, httpResponse: res });
		const description = nodeType.description.webhooks![0];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `calm-hook/${String(description.path)}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: 'calm-hook',
		};
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
		const result = await nodeType.webhook!.call(context);
		if (result.noWebhookResponse) return;
		const json = (status: number, b: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(b));
		if (result.workflowData === undefined) return json(200, result.webhookResponse ?? { message: 'Webhook call received' });
		const items = result.workflowData[0].map((i) => i.json);
		server.runs.push(items);
		if (parameters.responseMode === 'onReceived') return json(200, result.webhookResponse);
		return json(200, server.lastNode(items));
	};

	const httpServer = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: error.message }));
			});
		});
	});
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	server.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/webhook/calm-hook/webhook`;
	return server;
}
