import type { INodeProperties } from 'n8n-workflow';
import * as addComment from './addComment.operation';
import * as addReference from './addReference.operation';
import * as create from './create.operation';
import * as deleteTask from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as listComments from './listComments.operation';
import * as listReferences from './listReferences.operation';
import * as update from './update.operation';

export { addComment, addReference, create, deleteTask as delete, get, list, listComments, listReferences, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{ name: 'Add Comment', value: 'addComment', action: 'Add a comment to a task' },
			{ name: 'Add Reference', value: 'addReference', action: 'Add a reference link to a task' },
			{ name: 'Create', value: 'create', action: 'Create a task' },
			{ name: 'Delete', value: 'delete', action: 'Delete a task' },
			{ name: 'Get', value: 'get', action: 'Get a task' },
			{ name: 'List', value: 'list', action: 'List the tasks of a project' },
			{ name: 'List Comments', value: 'listComments', action: 'List the comments of a task' },
			{ name: 'List References', value: 'listReferences', action: 'List the reference links of a task' },
			{ name: 'Update', value: 'update', action: 'Update a task' },
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
];
