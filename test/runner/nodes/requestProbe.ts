/**
 * Test node for the token-destination rule (issue 12): sends ONE request with one of the package
 * credentials through either of n8n's helpers, with request options given as JSON, so a test can
 * set exactly what a caller may set (`uri`, `url`, `baseURL`, `baseUrl`, `qs`, redirect options).
 *
 * - helper `request`: `this.helpers.requestWithAuthentication` (legacy IRequestOptions) - what
 *   n8n's HTTP Request node V3-V4.x calls; the defaults below are the options it builds in 2.41.1
 *   (n8n-nodes-base dist/nodes/HttpRequest/V3/HttpRequestV3.node.js: `uri`, `followRedirect` and
 *   `followAllRedirects` true by default from 4.0, `sendCredentialsOnCrossOriginRedirect` true
 *   before 4.4, `resolveWithFullResponse`, a 5 min timeout).
 * - helper `httpRequest`: `this.helpers.httpRequestWithAuthentication` (IHttpRequestOptions).
 *
 * The item is `{ statusCode, body }` on success, or `{ error, httpCode }` with continue-on-fail.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import { credentialChoice } from './probe';

const { credentials, authentication } = credentialChoice(['sapCloudAlmApi', 'sapBtpCloudManagementApi', 'sapBtpServiceManagerApi', 'sapBtpDestinationServiceApi']);

/** What HTTP Request node 4.2 passes for a GET with its default options. */
export const HTTP_REQUEST_NODE_DEFAULTS: IDataObject = {
	headers: {},
	method: 'GET',
	gzip: true,
	rejectUnauthorized: true,
	followRedirect: true,
	followAllRedirects: true,
	resolveWithFullResponse: true,
	sendCredentialsOnCrossOriginRedirect: true,
	timeout: 300_000,
};

class RequestProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP Request Probe (test)',
		name: 'requestProbe',
		icon: 'file:../../../icons/sapBtp.svg',
		group: ['transform'],
		version: 1,
		description: 'Test node: one request with a package credential and options given as JSON',
		defaults: { name: 'SAP Request Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties: [
			authentication,
			{
				displayName: 'Helper',
				name: 'helper',
				type: 'options',
				options: [
					{ name: 'requestWithAuthentication (HTTP Request node)', value: 'request' },
					{ name: 'httpRequestWithAuthentication', value: 'httpRequest' },
				],
				default: 'request',
			},
			{ displayName: 'Options (JSON)', name: 'options', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const type = this.getNodeParameter('authentication', 0) as string;
		const helper = this.getNodeParameter('helper', 0) as string;
		const raw = this.getNodeParameter('options', 0) as string | IDataObject;
		const given = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
		try {
			let statusCode: unknown;
			let body: unknown;
			if (helper === 'request') {
				// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- what n8n's HTTP Request node calls
				const response = (await this.helpers.requestWithAuthentication.call(this, type, {
					...HTTP_REQUEST_NODE_DEFAULTS,
					...given,
				} as never)) as { statusCode?: number; body?: unknown };
				statusCode = response?.statusCode;
				body = response?.body;
			} else {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, type, {
					method: 'GET',
					json: true,
					returnFullResponse: true,
					...given,
				} as never)) as { statusCode?: number; body?: unknown };
				statusCode = response?.statusCode;
				body = response?.body;
			}
			if (Buffer.isBuffer(body)) body = body.toString('utf8');
			return [[{ json: { statusCode, body } as IDataObject, pairedItem: { item: 0 } }]];
		} catch (error) {
			if (this.continueOnFail()) {
				const e = error as { message?: string; httpCode?: string | null };
				return [[{ json: { error: String(e.message), httpCode: e.httpCode ?? null }, pairedItem: { item: 0 } }]];
			}
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	}
}

export const requestProbeNode = new RequestProbe();
