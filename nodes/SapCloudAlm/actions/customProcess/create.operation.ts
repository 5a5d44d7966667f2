import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, requireText, type CloudAlmSession } from '../../helpers/api';
import { businessProcessLocator, sortedFields } from '../common.descriptions';
import { processTexts } from './fields';
import type { CustomProcessInput } from '../../helpers/processAuthoringClient';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the custom process (at most 500 characters)',
	},
	businessProcessLocator(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedFields([
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{
				displayName: 'Countries',
				name: 'countries',
				type: 'string',
				default: '',
				placeholder: 'e.g. DE, US, FR',
				description: 'Country codes separated by commas; without any, SAP sets XX (generic)',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Your key for the process (at most 40 characters); a re-run finds the process by it instead of creating a second one',
			},
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customProcess'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const name = requireText.call(this, 'name', 'Name', i);
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const texts = processTexts.call(this, { ...extra, name }, i);
	const businessProcessId = decodeURIComponent(requireSegment.call(this, 'businessProcessId', 'Business Process', i));
	return await session.calm.processAuthoring.create({ ...texts, name, businessProcessId } as CustomProcessInput);
}
