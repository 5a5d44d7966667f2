/**
 * The per-item loop both nodes share: runs one operation per input item (optionally several at a
 * time), keeps ITEM ORDER and `pairedItem`, and honours Continue On Fail per item with one error
 * item shape (`error`, `step`, `description`, `httpCode`), so downstream IF/Switch nodes can treat
 * errors of either node alike.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { mapWithConcurrency } from './transport/pool';

export type ItemOperation = (itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/** "serviceInstance", "createOrUpdate" → "Service Instance → Create Or Update" (the fallback step). */
export function operationLabel(resource: string, operation: string): string {
	const words = (v: string) => v.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
	return `${words(resource)} → ${words(operation)}`;
}

/** "Step: X" from an error's description (the transport, the poller and the input checks write it). */
const stepOf = (description: unknown) => /Step: ([^\n]+)/.exec(String(description ?? ''))?.[1];

/**
 * NodeApiError/NodeOperationError keep their HTTP context and get the item index; anything else is
 * wrapped. Every error names its step (issue 11, item 8): the transport, the poller and the input
 * checks write the precise one; an error that still has none gets `fallbackStep` (the operation),
 * so neither a thrown error nor an error item ever lacks it.
 */
export function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	fallbackStep?: string,
): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	nodeError.context.itemIndex = itemIndex;
	if (fallbackStep && !stepOf(nodeError.description)) {
		nodeError.description = [`Step: ${fallbackStep}`, nodeError.description].filter(Boolean).join('\n');
	}
	return nodeError;
}

export function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number, toErrorOutput = true): INodeExecutionData {
	const item: INodeExecutionData = {
		json: {
			error: error.message,
			step: stepOf(error.description) ?? null,
			description: error.description ?? null,
			httpCode: (error as NodeApiError).httpCode ?? null,
		},
		pairedItem: { item: itemIndex },
	};
	// n8n routes an item to the node's error output ("On Error: Continue (using error output)")
	// only when it carries `error` or its json has nothing but error/message/details. An item that
	// carries `error` is cut down to `{ error: message }` by n8n (normalizeNodeErrors), so the step,
	// description and HTTP code survive only on the regular output: attach it only when routing needs it.
	if (toErrorOutput) item.error = error;
	return item;
}

/**
 * Runs `operation` for every input item, `concurrency` at a time (1 = strictly one after another).
 * Every item finishes before the first error (in item order) is thrown, so none is left half-done
 * in the background.
 */
export async function runForEachItem(
	ctx: IExecuteFunctions,
	operation: ItemOperation,
	concurrency = 1,
	/** the step of an error that names none, e.g. "Entitlement → Configure" */
	fallbackStep?: string,
	/**
	 * Redacts the secrets and tokens in use from an error before it is thrown or becomes an error
	 * item (issue 12, weakness 5): the last net behind the transport's own scrubbing.
	 */
	scrub?: (error: NodeApiError | NodeOperationError) => Promise<unknown>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const toErrorOutput = ctx.getNode().onError === 'continueErrorOutput';
	const results = await mapWithConcurrency(items, concurrency, async (_item, i) => {
		try {
			const data = await operation(i);
			const list = Array.isArray(data) ? data : [data];
			return { items: list.map((json): INodeExecutionData => ({ json, pairedItem: { item: i } })) };
		} catch (error) {
			const nodeError = asNodeError(ctx, error, i, fallbackStep);
			if (scrub) await scrub(nodeError);
			if (!continueOnFail) return { error: nodeError };
			return { items: [errorItem(nodeError, i, toErrorOutput)] };
		}
	});
	const failed = results.find((r) => r.error);
	if (failed?.error) throw failed.error;
	return results.flatMap((r) => r.items ?? []);
}
