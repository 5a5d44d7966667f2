import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listSolutionProcesses from './listSolutionProcesses.operation';
import * as setScoping from './setScoping.operation';
import * as update from './update.operation';

export { create, del as delete, get, list, listSolutionProcesses, setScoping, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['processScope'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a process scope',
				description: 'Create a scope of a project, or return the one of the same name; looking it up needs read too (scope calm-api.processmanagement.write)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a process scope',
				description: 'Delete a scope of a project (scope calm-api.processmanagement.delete)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a process scope',
				description: 'Get a scope by its ID (scope calm-api.processmanagement.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many process scopes',
				description: 'List the scopes of a project (scope calm-api.processmanagement.read)',
			},
			{
				name: 'Get Many Solution Processes',
				value: 'listSolutionProcesses',
				action: 'Get many solution processes of a scope',
				description: 'List the solution processes of a scope with whether each is in scope, its status and countries (scope calm-api.processmanagement.read)',
			},
			{
				name: 'Set Solution Process Scoping',
				value: 'setScoping',
				action: 'Set scoping of solution processes',
				description: 'Put solution processes of a scope in or out of scope; their lookup needs read too (scope calm-api.processmanagement.write)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a process scope',
				description: "Update a scope's name or description (scope calm-api.processmanagement.write)",
			},
		],
		default: 'list',
	},
	...create.description,
	...del.description,
	...get.description,
	...list.description,
	...listSolutionProcesses.description,
	...setScoping.description,
	...update.description,
];
