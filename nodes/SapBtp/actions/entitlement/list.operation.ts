import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { listAssignments } from '../../api/entitlements';
import type { BtpSession } from '../../api/session';
import { hintWhenLimited, readLimit, readSubaccount } from '../common';
import { returnAllAndLimitFields, subaccountField } from '../fields';

const properties: INodeProperties[] = [
	subaccountField,
	{
		displayName: 'Include Auto-Managed Plans',
		name: 'includeAutoManagedPlans',
		type: 'boolean',
		default: true,
		description: 'Whether to include plans SAP assigns automatically (e.g. service-manager/subaccount-admin)',
	},
	...returnAllAndLimitFields,
];

export const description = updateDisplayOptions({ show: { resource: ['entitlement'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject[]> {
	const includeAutoManagedPlans = this.getNodeParameter('includeAutoManagedPlans', i, true) as boolean;
	const limit = readLimit.call(this, i);
	const subaccount = await readSubaccount.call(this, i, session);
	// the Entitlements service answers with every assignment at once: the limit cuts its answer
	const assignments = (await listAssignments(session, subaccount.guid, { includeAutoManagedPlans })).slice(0, limit);
	hintWhenLimited.call(this, i, assignments.length, limit, 'entitlements');
	return assignments.map((a) => ({ ...(a as unknown as IDataObject), subaccountName: subaccount.displayName }));
}
