import type { IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';
import { requireText } from '../../helpers/validation';
import { CLOUD_ALM_OFFERING, CLOUD_ALM_PLAN } from '../../helpers/xsSecurity';

/**
 * Offering and Plan start in "From List" (n8n's default mode), preset to the Cloud ALM API's. The
 * list's values are catalog names, as "By Name" takes them: a workflow saved with the old default
 * (not stored) or with mode "name" reads the same value.
 */
export const offeringPlanFields: INodeProperties[] = [
	{
		displayName: 'Service Offering',
		name: 'offering',
		type: 'resourceLocator',
		default: { mode: 'list', value: CLOUD_ALM_OFFERING },
		required: true,
		description: 'Catalog name of the service offering',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchOfferings', searchable: true } },
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: `e.g. ${CLOUD_ALM_OFFERING}` },
		],
	},
	{
		displayName: 'Plan',
		name: 'plan',
		type: 'resourceLocator',
		default: { mode: 'list', value: CLOUD_ALM_PLAN },
		required: true,
		description: 'Catalog name of the plan',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchPlans', searchable: true } },
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: `e.g. ${CLOUD_ALM_PLAN}` },
		],
	},
];

export const labelsField: INodeProperties = {
	displayName: 'Labels (JSON)',
	name: 'labelsJson',
	type: 'json',
	default: '{}',
	description: 'Labels of the instance, e.g. {"team": ["alm"]}',
};

export function readOfferingPlan(this: IExecuteFunctions, i: number): { offering: string; plan: string } {
	const offering = this.getNodeParameter('offering', i) as INodeParameterResourceLocator;
	const plan = this.getNodeParameter('plan', i) as INodeParameterResourceLocator;
	return {
		offering: requireText(this.getNode(), i, offering?.value, 'Service Offering'),
		plan: requireText(this.getNode(), i, plan?.value, 'Plan'),
	};
}
