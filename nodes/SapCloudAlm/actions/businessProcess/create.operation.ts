import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText, type CloudAlmSession } from '../../helpers/api';
import { businessProcessTexts } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the business process (unique in the tenant, at most 500 characters); a re-run returns the business process of this name instead of creating a second one',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'At most 5000 characters',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['businessProcess'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const name = requireText.call(this, 'name', 'Name', i);
	const texts = businessProcessTexts.call(this, { name, description: this.getNodeParameter('description', i, '') }, i);
	return await session.calm.processAuthoring.createBusinessProcess({ ...texts, name });
}
