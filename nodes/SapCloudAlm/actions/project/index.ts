import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as createTimebox from './createTimebox.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listTimeboxes from './listTimeboxes.operation';

export { create, createTimebox, get, list, listTimeboxes };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['project'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{ name: 'Create', value: 'create', action: 'Create a project', description: 'Create a project (scope calm-api.projects.write)' },
			{
				name: 'Create Timebox',
				value: 'createTimebox',
				action: 'Create a timebox in a project',
				description: 'Create a milestone, phase or sprint in a project (scope calm-api.projects.write)',
			},
			{ name: 'Get', value: 'get', action: 'Get a project', description: 'Get a project by ID (scope calm-api.projects.read)' },
			// values 'list' and 'listTimeboxes' (not n8n's usual 'getAll') are kept so saved workflows keep working
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many projects',
				description: 'Get the projects the binding can read (scope calm-api.projects.read)',
			},
			{
				name: 'Get Many Timeboxes',
				value: 'listTimeboxes',
				action: 'Get many timeboxes of a project',
				description: 'Get the milestones, phases and sprints of a project (scope calm-api.projects.read)',
			},
		],
		default: 'list',
	},
	...list.description,
	...get.description,
	...create.description,
	...listTimeboxes.description,
	...createTimebox.description,
];
