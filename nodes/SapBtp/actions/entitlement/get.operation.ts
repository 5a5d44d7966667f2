import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { getAssignment } from '../../api/entitlements';
import type { BtpSession } from '../../api/session';
import { requireText, textOf } from '../../helpers/validation';
import { readSubaccount } from '../common';
import { subaccountField } from '../fields';
import { planUniqueIdentifierField, servicePlanFields } from './fields';

const properties: INodeProperties[] = [subaccountField, ...servicePlanFields, planUniqueIdentifierField];

export const description = updateDisplayOptions({ show: { resource: ['entitlement'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const node = this.getNode();
	const serviceName = requireText(node, i, this.getNodeParameter('serviceName', i), 'Service Name');
	const planName = requireText(node, i, this.getNodeParameter('planName', i), 'Plan Name');
	const planUniqueIdentifier = textOf(node, i, this.getNodeParameter('planUniqueIdentifier', i, ''), 'Plan Unique Identifier') || undefined;
	const subaccount = await readSubaccount.call(this, i, session);
	const assignment = await getAssignment(session, subaccount.guid, serviceName, planName, undefined, planUniqueIdentifier);
	return {
		subaccount: { guid: subaccount.guid, displayName: subaccount.displayName, subdomain: subaccount.subdomain },
		serviceName,
		planName,
		assigned: !!assignment && assignment.entityState === 'OK' && assignment.amount > 0,
		...(assignment ? { assignment: assignment as unknown as IDataObject } : { assignment: null }),
	};
}
