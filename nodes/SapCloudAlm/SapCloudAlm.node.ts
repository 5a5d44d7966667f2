import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as customApiCall from './actions/customApiCall';
import * as feature from './actions/feature';
import * as project from './actions/project';
import { router } from './actions/router';
import * as task from './actions/task';
import { listSearch } from './methods';

export class SapCloudAlm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP Cloud ALM',
		name: 'sapCloudAlm',
		icon: { light: 'file:../../icons/sapCloudAlm.svg', dark: 'file:../../icons/sapCloudAlm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with SAP Cloud ALM projects, tasks and features through a Cloud ALM API binding',
		defaults: { name: 'SAP Cloud ALM' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sapCloudAlmApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Custom API Call', value: 'customApiCall' },
					{ name: 'Feature', value: 'feature' },
					{ name: 'Project', value: 'project' },
					{ name: 'Task', value: 'task' },
				],
				default: 'task',
			},
			...project.description,
			...task.description,
			...feature.description,
			...customApiCall.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
