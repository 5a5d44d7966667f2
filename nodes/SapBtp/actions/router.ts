/**
 * Runs the chosen operation for every item through a bounded-concurrency pool (option
 * "Concurrency", default 50: the items' waits for SAP overlap, while the session's shared
 * rate-limit budget keeps SAP's limits). Results keep ITEM ORDER with `pairedItem`;
 * `continueOnFail` is honoured per item (the error item names the step and the cause).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { operationLabel, runForEachItem } from '../../shared/itemRunner';
import { createSession, type BtpSession } from '../api/session';
import * as cloudAlmApi from './cloudAlmApi';
import * as entitlement from './entitlement';
import type { SapBtpMap, SapBtpType } from './node.type';
import * as serviceBinding from './serviceBinding';
import * as serviceInstance from './serviceInstance';

type Operation = {
	execute: (this: IExecuteFunctions, i: number, session: BtpSession) => Promise<IDataObject | IDataObject[]>;
	/** work shared by all items, started before they run (Enable: the batched entitlements, issue 17) */
	prepare?: (this: IExecuteFunctions, items: number[], session: BtpSession) => Promise<void>;
};

/** Every operation of the node, by resource: a missing or misspelt one does not compile. */
export const OPERATIONS: { [R in keyof SapBtpMap]: Record<SapBtpMap[R], Operation> } = {
	entitlement: { configure: entitlement.configure, get: entitlement.get, list: entitlement.list },
	serviceInstance: {
		create: serviceInstance.create,
		createOrUpdate: serviceInstance.createOrUpdate,
		get: serviceInstance.get,
		list: serviceInstance.list,
		update: serviceInstance.update,
		delete: serviceInstance.delete,
	},
	serviceBinding: {
		create: serviceBinding.create,
		get: serviceBinding.get,
		list: serviceBinding.list,
		delete: serviceBinding.delete,
		rotate: serviceBinding.rotate,
	},
	cloudAlmApi: { enable: cloudAlmApi.enable, connectN8n: cloudAlmApi.connectN8n, inventory: cloudAlmApi.inventory, disable: cloudAlmApi.disable },
};

export const DEFAULT_CONCURRENCY = 50;

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function operationFor(ctx: IExecuteFunctions, { resource, operation }: SapBtpType): Operation {
	// the parameters are whatever the saved workflow holds: check them before trusting the type
	const ops = own(OPERATIONS, resource) ? (OPERATIONS[resource] as Record<string, Operation>) : undefined;
	if (!ops || !own(ops, operation)) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return ops[operation];
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const chosen = {
		resource: this.getNodeParameter('resource', 0),
		operation: this.getNodeParameter('operation', 0),
	} as SapBtpType;
	const op = operationFor(this, chosen);
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
	if (!Number.isInteger(concurrency) || concurrency < 1) {
		throw new NodeOperationError(this.getNode(), `Concurrency must be a whole number of at least 1 (got ${String(options.concurrency)})`, {
			description: 'Options → Concurrency: how many items run at the same time, e.g. 50.',
		});
	}
	// ONE session for every item of this execution
	const session = createSession(this, options);
	// Concurrency 1 asks for one item after another: nothing of a later item starts early
	if (op.prepare && concurrency > 1) await op.prepare.call(this, Array.from({ length: this.getInputData().length }, (_, i) => i), session);
	return [
		await runForEachItem(
			this,
			(i) => op.execute.call(this, i, session),
			concurrency,
			operationLabel(chosen.resource, chosen.operation),
			async (error) => await session.scrub(error),
		),
	];
}
