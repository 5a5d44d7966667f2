import type { INodeProperties } from 'n8n-workflow';
import * as addComment from './addComment.operation';
import * as addProcessAssignment from './addProcessAssignment.operation';
import * as addReference from './addReference.operation';
import * as count from './count.operation';
import * as create from './create.operation';
import * as deleteTask from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listComments from './listComments.operation';
import * as listProcessAssignments from './listProcessAssignments.operation';
import * as listReferences from './listReferences.operation';
import * as removeProcessAssignment from './removeProcessAssignment.operation';
import * as update from './update.operation';

export {
	addComment,
	addProcessAssignment,
	addReference,
	count,
	create,
	deleteTask as delete,
	get,
	list,
	listComments,
	listProcessAssignments,
	listReferences,
	removeProcessAssignment,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Add Comment',
				value: 'addComment',
				action: 'Add a comment to a task',
				description: 'Add a comment to a task (scope calm-api.tasks.write)',
			},
			{
				name: 'Add Process Assignment',
				value: 'addProcessAssignment',
				action: 'Assign a task to a solution process',
				description:
					'Assign a task to a solution process of a scope; reads the task\'s assignments first (calm-api.tasks.read too) and does nothing if it is there already (scope calm-api.tasks.write)',
			},
			{
				name: 'Add Reference',
				value: 'addReference',
				action: 'Add a reference link to a task',
				description: 'Add a link to another system to a task (scope calm-api.tasks.write)',
			},
			{
				name: 'Count',
				value: 'count',
				action: 'Count tasks',
				description:
					'Count the tasks of a project, in total and per status, type, priority, assignee or timebox, with the filters of Get Many; reads every page and returns only the counts (Analytics → Get Data counts server-side) (scope calm-api.tasks.read)',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a task',
				description: 'Create a task in a project (scope calm-api.tasks.write)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a task', description: 'Delete a task (scope calm-api.tasks.write)' },
			{ name: 'Get', value: 'get', action: 'Get a task', description: 'Get a task by ID (scope calm-api.tasks.read)' },
			// value 'list' (not n8n's usual 'getAll') is kept so saved workflows keep working
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many tasks of a project',
				description:
					'Get the tasks of a project: project tasks, user stories, requirements, defects, risks; filter by type, status, assignee, tag, priority, timebox (sprint) or last change (scope calm-api.tasks.read)',
			},
			{
				name: 'Get Many Comments',
				value: 'listComments',
				action: 'Get many comments of a task',
				description: 'Get the comments of a task (scope calm-api.tasks.read)',
			},
			{
				name: 'Get Many Process Assignments',
				value: 'listProcessAssignments',
				action: 'Get many process assignments of a task',
				description: 'Get the solution processes or process hierarchy nodes a task is assigned to (scope calm-api.tasks.read)',
			},
			{
				name: 'Get Many References',
				value: 'listReferences',
				action: 'Get many reference links of a task',
				description: 'Get the links of a task to other systems (scope calm-api.tasks.read)',
			},
			{
				name: 'Remove Process Assignment',
				value: 'removeProcessAssignment',
				action: 'Remove a task from a solution process',
				description:
					'Remove a task\'s assignment to a solution process; reads the task\'s assignments first (calm-api.tasks.read too) and does nothing if it is not there (scope calm-api.tasks.write)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a task',
				description: 'Change fields of a task (scope calm-api.tasks.write)',
			},
		],
		default: 'list',
	},
	...list.description,
	...get.description,
	...create.description,
	...update.description,
	...deleteTask.description,
	...listComments.description,
	...addComment.description,
	...listReferences.description,
	...addReference.description,
	...count.description,
	...listProcessAssignments.description,
	...addProcessAssignment.description,
	...removeProcessAssignment.description,
];
