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
		options: [
			{ name: 'Create', value: 'create', action: 'Create a project', description: 'Create a project' },
			{
				name: 'Create Timebox',
				value: 'createTimebox',
				action: 'Create a timebox in a project',
				description: 'Create a milestone, phase or sprint in a project',
			},
			{ name: 'Get', value: 'get', action: 'Get a project', description: 'Get a project by ID' },
			{ name: 'List', value: 'list', action: 'List projects', description: 'List the projects the binding can see' },
			{
				name: 'List Timeboxes',
				value: 'listTimeboxes',
				action: 'List the timeboxes of a project',
				description: 'List the milestones, phases and sprints of a project',
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
