/**
 * Minimal test node: for each input item, GETs a Cloud ALM path through
 * `httpRequestWithAuthentication('sapCloudAlmApi', …)` — the real n8n path with preAuthentication,
 * the stored token and the 401 refresh — and outputs the response. Proves the credential and the
 * runner independently of the Cloud ALM node.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, JsonObject } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { probeEachItem } from './probe';

class CloudAlmProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloud ALM Probe (test)',
		name: 'cloudAlmProbe',
		icon: 'file:../../../icons/sapCloudAlm.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["path"]}}',
		description: 'Test node: GET a Cloud ALM API path with the SAP Cloud ALM API credential',
		defaults: { name: 'Cloud ALM Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sapCloudAlmApi', required: true }],
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '/calm-projects/v1/projects',
				description: 'Path relative to endpoints.Api',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await probeEachItem(this, async (i) => {
			const path = this.getNodeParameter('path', i) as string;
			const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'sapCloudAlmApi', {
				method: 'GET',
				url: path,
				json: true,
			})) as unknown;
			return { path, response: body as JsonObject };
		});
	}
}

export const cloudAlmProbeNode = new CloudAlmProbe();
