import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAutomated from './getAutomated.operation';
import * as list from './list.operation';
import * as listAutomated from './listAutomated.operation';
import * as update from './update.operation';

export { create, del as delete, get, getAutomated, list, listAutomated, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['testCase'] } },
		// "(scope …)": what the binding's instance needs in its xs-security authorities for the operation
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a test case',
				description: 'Create a manual test case, with its activities and their actions (scope calm-api.testcases.write)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a test case',
				description: 'Delete a manual test case; sends If-Match with its ETag (scope calm-api.testcases.delete)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a test case',
				description: 'Get a manual test case, optionally with its activities and actions (scope calm-api.testcases.read)',
			},
			{
				name: 'Get Automated',
				value: 'getAutomated',
				action: 'Get an automated test case',
				description: 'Get an automated test case by its UUID; automated test cases are read-only (scope calm-api.testcases.read)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many test cases',
				description: 'List manual test cases, by project or OData filter (scope calm-api.testcases.read)',
			},
			{
				name: 'Get Many Automated',
				value: 'listAutomated',
				action: 'Get many automated test cases',
				description: 'List automated test cases, by project or OData filter; read-only (scope calm-api.testcases.read)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a test case',
				description: 'Update a manual test case; sends If-Match with its ETag (scope calm-api.testcases.write)',
			},
		],
		default: 'list',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAutomated.description,
	...list.description,
	...listAutomated.description,
	...update.description,
];
