/**
 * Runs the chosen operation for every item through a bounded-concurrency pool (option
 * "Concurrency", default 50: the items' waits for SAP overlap, while the session's shared
 * rate-limit budget keeps SAP's limits). Results keep ITEM ORDER with `pairedItem`;
 * `continueOnFail` is honoured per item (the error item names the step and the cause).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { operationLabel, runForEachItem } from '../../shared/itemRunner';
import { BtpSession, CIS_CREDENTIAL, SM_CREDENTIAL } from '../api/session';
import { textOf, validateSeconds } from '../helpers/validation';
import * as cloudAlmApi from './cloudAlmApi';
import * as entitlement from './entitlement';
import * as serviceBinding from './serviceBinding';
import * as serviceInstance from './serviceInstance';

type Operation = { execute: (this: IExecuteFunctions, i: number, session: BtpSession) => Promise<IDataObject | IDataObject[]> };

const RESOURCES: Record<string, Record<string, Operation>> = {
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
	},
	cloudAlmApi: { enable: cloudAlmApi.enable },
};

export const DEFAULT_CONCURRENCY = 50;
export const DEFAULT_SM_ACCESS_BINDING = 'n8n-sap-cloud-alm';

/** The session every item of this execution shares (from the node's Options). */
export function createSession(ctx: IExecuteFunctions, options: IDataObject): BtpSession {
	const node = ctx.getNode();
	// every timeout is checked before any call (issue 12 weakness 8): 1 s … 2,147,483 s
	const requestTimeoutMs = validateSeconds(node, 0, options.requestTimeout ?? 60, 'Request Timeout', 'Options → Request Timeout (Seconds): e.g. 60.');
	const planGraceMs = validateSeconds(
		node,
		0,
		options.planGracePeriod ?? 60,
		'Plan Grace Period',
		'Options → Plan Grace Period (Seconds): e.g. 60, or 0 for none.',
		0,
	);
	return new BtpSession(ctx, {
		requestTimeoutMs,
		smAccessBindingName: textOf(node, 0, options.serviceManagerAccessBindingName, 'Service Manager Access Binding Name') || DEFAULT_SM_ACCESS_BINDING,
		planGraceMs,
	});
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = RESOURCES[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
	if (!Number.isInteger(concurrency) || concurrency < 1) {
		throw new NodeOperationError(this.getNode(), `Concurrency must be a whole number of at least 1 (got ${String(options.concurrency)})`, {
			description: 'Options → Concurrency: how many items run at the same time, e.g. 50.',
		});
	}
	const session = createSession(this, options);
	const scrub = async (error: unknown) => {
		await session.transport.rememberCredential(this, CIS_CREDENTIAL);
		await session.transport.rememberCredential(this, SM_CREDENTIAL);
		session.transport.secrets.scrubError(error);
	};
	return [
		await runForEachItem(this, (i) => op.execute.call(this, i, session), concurrency, operationLabel(resource, operation), scrub),
	];
}
