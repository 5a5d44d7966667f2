/**
 * Test node for all three SAP credentials: for each input item, sends `requestsPerItem` requests
 * to `path` through `httpRequestWithAuthentication(<credential type>, …)` and outputs the
 * responses. With `continueOnFail` the error message becomes the item (so tests can inspect it).
 */
import type { IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeType, INodeTypeDescription, JsonObject } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { credentialChoice, probeEachItem } from './probe';

const { credentials, authentication } = credentialChoice(['sapCloudAlmApi', 'sapBtpCloudManagementApi', 'sapBtpServiceManagerApi', 'sapBtpDestinationServiceApi', 'genericBearerTestApi']);

class BtpProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP Credential Probe (test)',
		name: 'btpProbe',
		icon: 'file:../../../icons/sapBtp.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["authentication"] + " " + $parameter["path"]}}',
		description: 'Test node: call an SAP API path with one of the package credentials',
		defaults: { name: 'SAP Credential Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties: [
			authentication,
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/calm-projects/v1/projects', description: 'Relative to the key, or a full URL' },
			{ displayName: 'Requests per Item', name: 'requestsPerItem', type: 'number', default: 1 },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const type = this.getNodeParameter('authentication', 0) as string;
		return await probeEachItem(this, async (i) => {
			const path = this.getNodeParameter('path', i) as string;
			const method = this.getNodeParameter('method', i) as IHttpRequestMethods;
			const repeat = this.getNodeParameter('requestsPerItem', i) as number;
			const responses: unknown[] = [];
			for (let r = 0; r < repeat; r++) {
				responses.push(await this.helpers.httpRequestWithAuthentication.call(this, type, { method, url: path, json: true }));
			}
			return { path, responses: responses as JsonObject[] };
		});
	}
}

export const btpProbeNode = new BtpProbe();
