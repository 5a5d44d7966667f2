import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { ensureEntitlement } from '../../api/entitlements';
import type { BtpSession } from '../../api/session';
import { requireText, textOf, validateAmount } from '../../helpers/validation';
import { readSubaccount, readWait } from '../common';
import { amountField, subaccountField, waitFields } from '../fields';
import { planUniqueIdentifierField, servicePlanFields } from './fields';

const properties: INodeProperties[] = [subaccountField, ...servicePlanFields, planUniqueIdentifierField, amountField, ...waitFields];

export const description = updateDisplayOptions({ show: { resource: ['entitlement'], operation: ['configure'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const node = this.getNode();
	const serviceName = requireText(node, i, this.getNodeParameter('serviceName', i), 'Service Name');
	const planName = requireText(node, i, this.getNodeParameter('planName', i), 'Plan Name');
	const planUniqueIdentifier = textOf(node, i, this.getNodeParameter('planUniqueIdentifier', i, ''), 'Plan Unique Identifier') || undefined;
	const amount = this.getNodeParameter('amount', i, 0) as number;
	if (amount !== 0) validateAmount(node, i, amount);
	const { wait, timeoutMs } = readWait.call(this, i);
	const subaccount = await readSubaccount.call(this, i, session);
	const result = await ensureEntitlement(session, {
		subaccountGUID: subaccount.guid,
		serviceName,
		planName,
		planUniqueIdentifier,
		amountOverride: amount || undefined,
		wait,
		timeoutMs,
	});
	return {
		subaccount: { guid: subaccount.guid, displayName: subaccount.displayName, subdomain: subaccount.subdomain },
		serviceName,
		planName,
		...(planUniqueIdentifier ? { planUniqueIdentifier } : {}),
		action: result.action,
		message:
			result.action === 'unchanged'
				? `${serviceName}/${planName} is already assigned to ${subaccount.displayName}; nothing was sent`
				: `${serviceName}/${planName} ${result.action === 'started' ? 'assignment started for' : `${result.action} to`} ${subaccount.displayName}`,
		category: result.category ?? null,
		assignedWith: result.mode,
		amount: result.assignment?.amount ?? result.amount ?? null,
		entityState: result.assignment?.entityState ?? (result.action === 'started' ? 'PROCESSING' : null),
		job: result.jobId ? { id: result.jobId, status: result.jobStatus } : null,
	};
}
