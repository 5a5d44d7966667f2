import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { operationLabel, runForEachItem } from '../../shared/itemRunner';
import { scrubCalmError } from '../helpers/request';
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

/** Runs the chosen operation once per input item, in order; Continue On Fail turns a failure into an error item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operationFor.call(this, resource, operation);
	return [
		await runForEachItem(this, (i) => op.execute.call(this, i), 1, operationLabel(resource, operation), async (error) =>
			await scrubCalmError(this, error),
		),
	];
}
