import type { INodeProperties } from 'n8n-workflow';

export { limitField, returnAllField } from '../../shared/descriptions';

const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A project picked from a searchable list, or given by ID. */
export const projectLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Project',
	name: 'projectId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Cloud ALM project',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchProjects', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3c6a9d00-0000-4000-8000-0000000000f1',
			validation: [
				{
					type: 'regex',
					properties: { regex: `^\\s*${UUID_REGEX}\\s*$`, errorMessage: 'Not a project ID (UUID)' },
				},
			],
		},
	],
	...overrides,
});

export const taskIdField = (description = 'ID of the task'): INodeProperties => ({
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '',
	description,
});
