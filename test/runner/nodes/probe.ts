/**
 * What the runner's probe nodes (btpProbe, cloudAlmProbe, requestProbe) share: the "Authentication"
 * choice among credential types, and the per-item loop that turns each item's answer into an output
 * item paired with it, or its error message into the item with continue-on-fail.
 */
import type { IDataObject, IExecuteFunctions, INodeCredentialDescription, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** One credential per type, shown when "Authentication" names it, and the "Authentication" option. */
export function credentialChoice(types: string[]): { credentials: INodeCredentialDescription[]; authentication: INodeProperties } {
	return {
		credentials: types.map((name) => ({ name, required: true, displayOptions: { show: { authentication: [name] } } })),
		authentication: {
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: types.map((t) => ({ name: t, value: t })),
			default: 'sapCloudAlmApi',
		},
	};
}

/** `{ item: i, ...answer(i) }` per input item; with continue-on-fail `{ item: i, error }` instead of failing. */
export async function probeEachItem(ctx: IExecuteFunctions, answer: (i: number) => Promise<IDataObject>): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			out.push({ json: { item: i, ...(await answer(i)) }, pairedItem: { item: i } });
		} catch (error) {
			if (ctx.continueOnFail()) {
				out.push({ json: { item: i, error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			throw new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: i });
		}
	}
	return [out];
}
