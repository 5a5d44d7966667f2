import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import * as customApiCall from './customApiCall';
import * as feature from './feature';
import * as project from './project';
import * as task from './task';

type Operation = { execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> };

const resources: Record<string, Record<string, unknown>> = { project, task, feature, customApiCall };

function operationFor(this: IExecuteFunctions, resource: string, operation: string): Operation {
	const op = resources[resource]?.[operation] as Operation | undefined;
	if (!op || typeof op.execute !== 'function') {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return op;
}

/** NodeApiError/NodeOperationError keep their HTTP context and get the item index; anything else is wrapped. */
function asNodeError(this: IExecuteFunctions, error: unknown, i: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = i;
		return error;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
}

/** Runs the chosen operation once per input item; one failing item does not stop the others under Continue On Fail. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const data = await operationFor.call(this, resource, operation).execute.call(this, i);
			out.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), { itemData: { item: i } }),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			throw asNodeError.call(this, error, i);
		}
	}
	return [out];
}
