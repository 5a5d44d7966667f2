/**
 * The readers of the fields several operations share (the fields themselves: fields.ts).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeParameterResourceLocator } from 'n8n-workflow';
import { resolveSubaccount, type Subaccount } from '../api/accounts';
import { serviceManagerAccess, smClient, type ServiceManagerClient } from '../api/serviceManager';
import type { BtpSession, SmAccess, SmAccessMode } from '../api/session';
import { requireText, textOf, validateGuid, validateTimeoutSeconds } from '../helpers/validation';

// ------------------------------------------------------------------------------------ readers
export async function readSubaccount(this: IExecuteFunctions, i: number, session: BtpSession): Promise<Subaccount> {
	const locator = this.getNodeParameter('subaccount', i) as INodeParameterResourceLocator;
	const mode = String(locator?.mode ?? 'id');
	const value = textOf(this.getNode(), i, locator?.value, 'Subaccount');
	if (mode === 'id' && value) validateGuid(this.getNode(), i, value, 'Subaccount');
	return await resolveSubaccount(session, i, value, mode);
}

export function readWait(this: IExecuteFunctions, i: number): { wait: boolean; timeoutMs: number } {
	const wait = this.getNodeParameter('waitForCompletion', i, true) as boolean;
	const seconds = this.getNodeParameter('waitTimeout', i, 600) as number;
	return { wait, timeoutMs: validateTimeoutSeconds(this.getNode(), i, seconds) };
}

export interface ItemSmAccess {
	access: SmAccess;
	/** the Service Manager client of this access */
	sm: ServiceManagerClient;
	subaccount?: Subaccount;
}

/** Service Manager access of an item (derived needs the subaccount; credential does not). */
export async function readSmAccess(this: IExecuteFunctions, i: number, session: BtpSession): Promise<ItemSmAccess> {
	const mode = this.getNodeParameter('serviceManagerAccess', i, 'derived') as SmAccessMode;
	if (mode === 'derived') {
		const subaccount = await readSubaccount.call(this, i, session);
		const access = await serviceManagerAccess(session, 'derived', subaccount.guid);
		return { access, sm: smClient(session, access), subaccount };
	}
	const access = await serviceManagerAccess(session, mode);
	return { access, sm: smClient(session, access) };
}

/** The instance a locator names: by id as given, by name looked up (error when absent). */
export async function readInstanceRef(
	this: IExecuteFunctions,
	i: number,
	sm: ServiceManagerClient,
): Promise<{ id: string; name: string }> {
	const locator = this.getNodeParameter('instance', i) as INodeParameterResourceLocator;
	const value = requireText(this.getNode(), i, locator?.value, 'Service Instance');
	if (locator.mode === 'name') {
		const step = 'Find the service instance by name';
		const found = await sm.findInstanceByName(value, step);
		if (!found) {
			// only to explain the miss: a Cloud Foundry or Kyma instance of that name is managed there
			const elsewhere = await sm.findInstancesElsewhere(value, step);
			const platforms = [...new Set(elsewhere.map((x) => String(x.platform_id)))].join(', ');
			const message = elsewhere.length
				? `Service instance "${value}" exists only on platform ${platforms}, not on Service Manager's`
				: `Service instance "${value}" does not exist`;
			throw new NodeOperationError(this.getNode(), message, {
				itemIndex: i,
				description: `Step: ${step}\nField: Service Instance. ${
					elsewhere.length
						? `An instance of that name exists on platform ${platforms}; it is managed there (Cloud Foundry, Kyma), not through the Service Manager API.`
						: 'Check the name, or pick the instance from the list.'
				}`,
			});
		}
		return { id: found.id, name: found.name };
	}
	if (locator.mode === 'id') validateGuid(this.getNode(), i, value, 'Service Instance');
	return { id: value, name: value };
}

/** Plain summary of an instance for outputs. */
export const instanceSummary = (i: IDataObject) => ({
	id: i.id,
	name: i.name,
	ready: i.ready,
	usable: i.usable,
	servicePlanId: i.service_plan_id,
	platformId: i.platform_id,
	lastOperation: i.last_operation
		? { type: (i.last_operation as IDataObject).type, state: (i.last_operation as IDataObject).state }
		: undefined,
	createdAt: i.created_at,
	updatedAt: i.updated_at,
	labels: i.labels,
});

/** How many results a Get Many returns (Infinity with Return All). */
export function readLimit(this: IExecuteFunctions, i: number): number {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	return returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
}

/**
 * A Get Many that stopped at its Limit says so once per execution (on the first item): from
 * version 2 Return All is off by default, and a list cut at 50 must not look complete.
 */
export function hintWhenLimited(this: IExecuteFunctions, i: number, returned: number, limit: number, what: string): void {
	if (i !== 0 || returned < limit || limit === Infinity) return;
	this.addExecutionHints({
		message: `Returned the first ${limit} ${what} (Limit). Turn on Return All to get every one.`,
		location: 'outputPane',
	});
}
