/** Create and Create or Update share everything but whether an existing instance is PATCHed. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createOrUpdateInstance, resolvePlan } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { parseJsonObject, validateInstanceName } from '../../helpers/validation';
import { CLOUD_ALM_OFFERING } from '../../helpers/xsSecurity';
import { instanceSummary, readSmAccess, readWait } from '../common';
import { instanceNameField, smAccessProperties, waitFields } from '../fields';
import { parameterFields, readParameters } from '../parameters';
import { labelsField, offeringPlanFields, readOfferingPlan } from './fields';

/** The fields of Create and Create or Update; they differ in what happens to an instance of that name. */
export const upsertProperties = (update: boolean): INodeProperties[] => [
	...smAccessProperties,
	...offeringPlanFields,
	instanceNameField(
		update
			? 'An instance of this name is adopted, and updated when its parameters differ'
			: 'An instance of this name is reused as it is, never duplicated',
	),
	...parameterFields(),
	labelsField,
	...waitFields,
];

export async function upsert(this: IExecuteFunctions, i: number, session: BtpSession, update: boolean): Promise<IDataObject> {
	const node = this.getNode();
	// every check on input runs before the first call
	const name = validateInstanceName(node, i, this.getNodeParameter('instanceName', i) as string);
	const { offering, plan } = readOfferingPlan.call(this, i);
	const parameters = readParameters.call(this, i, name);
	const mode = this.getNodeParameter('parametersMode', i, 'template') as string;
	if (mode === 'template' && offering !== CLOUD_ALM_OFFERING) {
		throw new NodeOperationError(node, `The Cloud ALM API template only fits offering ${CLOUD_ALM_OFFERING}`, {
			itemIndex: i,
			description: `Field: Parameters. For offering "${offering}" choose JSON or None.`,
		});
	}
	const labels = parseJsonObject(node, i, this.getNodeParameter('labelsJson', i, '{}'), 'Labels (JSON)');
	const wait = readWait.call(this, i);
	const { sm, subaccount } = await readSmAccess.call(this, i, session);
	const { planId, instancesRetrievable } = await resolvePlan(sm, offering, plan);
	const { instance, action, note } = await createOrUpdateInstance(
		sm,
		{ name, planId, instancesRetrievable, parameters, labels },
		{ ...wait, update },
	);
	return {
		action,
		...(note ? { note } : {}),
		...(subaccount ? { subaccount: { guid: subaccount.guid, displayName: subaccount.displayName } } : {}),
		offering,
		plan,
		instance: instanceSummary(instance),
	};
}
