import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { EVENT_VERBS, RESOURCE_TYPES, eventItem, filteredOut, parseResourceChange } from './resourceChange';
import { checkWebhookCredential } from '../shared/webhookCredentialTest';
import { checkBasicAuth, checkClientCertificate, type AuthRefusal, type TriggerAuthentication } from './webhookAuth';

type ResponseMode = 'onReceived' | 'lastNode';

/** Answers the post directly (no workflow run): a refusal, a bad body. */
function answer(ctx: IWebhookFunctions, status: number, body: IDataObject, headers: Record<string, string> = {}): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		...headers,
	});
	res.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

async function refusal(ctx: IWebhookFunctions): Promise<AuthRefusal | undefined> {
	const authentication = ctx.getNodeParameter('authentication', 'basicAuth') as TriggerAuthentication;
	const headers = ctx.getHeaderData();
	if (authentication === 'basicAuth') {
		let expected: IDataObject | undefined;
		try {
			expected = (await ctx.getCredentials('sapCloudAlmWebhookApi')) as IDataObject;
		} catch {
			expected = undefined;
		}
		return checkBasicAuth(headers, expected);
	}
	if (authentication === 'clientCertificate') {
		const headerName = String(ctx.getNodeParameter('certificateHeader', 'x-forwarded-client-cert')).trim();
		const allowed = String(ctx.getNodeParameter('allowedFingerprints', ''))
			.split(/[\s,;]+/)
			.filter(Boolean);
		return checkClientCertificate(headers, headerName, allowed);
	}
	return undefined;
}

export class SapCloudAlmTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP Cloud ALM Trigger',
		name: 'sapCloudAlmTrigger',
		icon: {
			light: 'file:../../icons/sapCloudAlm.svg',
			dark: 'file:../../icons/sapCloudAlm.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Resource changes" + ($parameter["resourceTypes"].length ? ": " + $parameter["resourceTypes"].join(", ") : "")}}',
		description: 'Starts the workflow when SAP Cloud ALM sends a resource change (event situation, status event, task …) to its webhook',
		defaults: { name: 'SAP Cloud ALM Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'sapCloudAlmWebhookApi',
				required: true,
				testedBy: 'checkWebhookCredential',
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'webhook',
				responseMode: '={{$parameter["responseMode"]}}',
				// last node: its first item's JSON is the answer; immediately: the node's own answer
				responseData: '={{$parameter["responseMode"] === "lastNode" ? "firstEntryJson" : ""}}',
			},
		],
		properties: [
			{
				displayName:
					"In SAP Cloud ALM (External API Management): a webhook whose destination points to this node's Production URL with the same authentication, and a subscription to the resource and event types. Cloud ALM keeps the external ID the workflow answers (for example a ticket number) to update the ticket later.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Basic Auth',
						value: 'basicAuth',
						description: 'The destination uses BasicAuthentication',
					},
					{
						name: 'Client Certificate (Forwarded by Proxy)',
						value: 'clientCertificate',
						description:
							'The destination uses ClientCertificateAuthentication; the reverse proxy in front of n8n verifies the certificate and forwards its fingerprint',
					},
					{
						name: 'None',
						value: 'none',
						description: 'The destination uses NoAuthentication (anyone with the URL can start the workflow)',
					},
				],
				default: 'basicAuth',
			},
			{
				displayName: 'Certificate Header',
				name: 'certificateHeader',
				type: 'string',
				default: 'x-forwarded-client-cert',
				description:
					"The header in which the reverse proxy forwards the verified client certificate's fingerprint (Envoy: X-Forwarded-Client-Cert with Hash=…; nginx: a header you set from $ssl_client_fingerprint). The proxy must overwrite it on every request.",
				displayOptions: { show: { authentication: ['clientCertificate'] } },
			},
			{
				displayName: 'Allowed Fingerprints',
				name: 'allowedFingerprints',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3f:a1:…:9c',
				description: 'SHA-256 (or the SHA-1 your proxy forwards) fingerprints of the certificates of the Cloud ALM destination, separated by commas',
				displayOptions: { show: { authentication: ['clientCertificate'] } },
			},
			{
				displayName: 'Resource Types',
				name: 'resourceTypes',
				type: 'multiOptions',
				options: RESOURCE_TYPES,
				default: [],
				description: 'Only changes of these resource types start the workflow; none selected = every type. Others are answered 200 without a run.',
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: EVENT_VERBS,
				default: [],
				description: 'Only these events start the workflow (CREATED matches EVENT-SITUATION.CREATED too); none selected = every event',
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description: 'Answers with the JSON of the last node\'s first item, e.g. {"externalId": "INC0010001"}',
					},
					{
						name: 'Immediately',
						value: 'onReceived',
						description: 'Answers as soon as the event arrives, with the External ID below',
					},
				],
				default: 'lastNode',
			},
			{
				displayName:
					'Give the last node\'s first item a field "externalId" (for example with an Edit Fields node) holding the ticket number or ID; Cloud ALM\'s mapping reads it from the answer.',
				name: 'lastNodeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { responseMode: ['lastNode'] } },
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				placeholder: 'e.g. n8n-events',
				description: 'Answered as {"externalId": …}; empty answers {"received": true}',
				displayOptions: { show: { responseMode: ['onReceived'] } },
			},
		],
	};

	/**
	 * Cloud ALM's webhooks and subscriptions are set up in its UI only (no public API registers
	 * them), so activation has nothing to register or remove: the README and the node's notice
	 * say what to set up there.
	 */
	methods = {
		credentialTest: {
			checkWebhookCredential,
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const refused = await refusal(this);
		if (refused) {
			return answer(this, refused.status, { message: refused.message }, refused.challenge ? { 'WWW-Authenticate': refused.challenge } : {});
		}

		const body = this.getBodyData();
		const parsed = parseResourceChange(body);
		if (!parsed.ok) return answer(this, 400, { message: parsed.reason });

		const resourceTypes = this.getNodeParameter('resourceTypes', []) as string[];
		const eventTypes = this.getNodeParameter('eventTypes', []) as string[];
		const skipped = filteredOut(parsed.change, resourceTypes, eventTypes);
		if (skipped) return { webhookResponse: { received: true, ignored: skipped } };

		const responseMode = this.getNodeParameter('responseMode', 'lastNode') as ResponseMode;
		const externalId = responseMode === 'onReceived' ? String(this.getNodeParameter('externalId', '')).trim() : '';
		return {
			webhookResponse: externalId ? { externalId } : { received: true },
			workflowData: [[{ json: eventItem(parsed.change, body) }]],
		};
	}
}
