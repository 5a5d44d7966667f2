/** Test node: outputs `count` items ({ n: 0 … count-1 }), to drive per-item behaviour. */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

class ItemSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Item Source (test)',
		name: 'itemSource',
		icon: 'fa:list',
		group: ['transform'],
		version: 1,
		description: 'Test node: emits a number of items',
		defaults: { name: 'Item Source' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Count', name: 'count', type: 'number', default: 3 }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const count = this.getNodeParameter('count', 0) as number;
		return [Array.from({ length: count }, (_, n) => ({ json: { n }, pairedItem: { item: 0 } }))];
	}
}

export const itemSourceNode = new ItemSource();
