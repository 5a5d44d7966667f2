import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import { filtersCollection, limitField, returnAllField } from '../common.descriptions';
import { processTexts } from './fields';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	filtersCollection([
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: 'Only the custom processes of this external ID (a published process and its draft share it); SAP filters by it',
		},
		{
			displayName: 'Business Process ID',
			name: 'businessProcessId',
			type: 'string',
			default: '',
			description: 'Only the custom processes of this business process (filtered by the node on the pages read)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'DRAFT',
			options: [
				{ name: 'Draft', value: 'DRAFT' },
				{ name: 'Published (Active)', value: 'ACTIVE' },
			],
			description: 'Only drafts or only published processes (filtered by the node on the pages read)',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['customProcess'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const { externalId } = processTexts.call(this, { externalId: filters.externalId }, i);
	const businessProcessId = textOf.call(this, filters.businessProcessId, 'Business Process ID', i);
	const status = textOf.call(this, filters.status, 'Status', i);
	return await session.calm.processAuthoring.list(
		{ externalId: externalId as string | undefined, businessProcessId: businessProcessId || undefined, status: status || undefined },
		listLimit.call(this, i),
	);
}
