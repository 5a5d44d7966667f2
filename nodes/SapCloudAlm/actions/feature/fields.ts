import type { INodeProperties } from 'n8n-workflow';
import { TASK_PRIORITIES } from '../../helpers/constants';

/** Feature fields that Create (Additional Fields) and Update (Update Fields) share (SAP Cloud ALM Features API). */
export const editableFeatureFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
	},
	{
		displayName: 'Priority',
		name: 'priorityCode',
		type: 'options',
		options: TASK_PRIORITIES,
		default: 30,
	},
	{
		displayName: 'Release ID',
		name: 'releaseId',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Responsible ID',
		name: 'responsibleId',
		type: 'string',
		default: '',
		placeholder: 'e.g. name@example.com',
	},
	{
		displayName: 'Scope ID',
		name: 'scopeId',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Status Code',
		name: 'statusCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. CIPFEATOPEN',
		description: 'Status code of the feature (see the FeatureStatus code list)',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
	},
];
