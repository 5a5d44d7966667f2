import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as analytics from './actions/analytics';
import * as businessProcess from './actions/businessProcess';
import * as customApiCall from './actions/customApiCall';
import * as document from './actions/document';
import * as customProcess from './actions/customProcess';
import * as processHierarchy from './actions/processHierarchy';
import * as processScope from './actions/processScope';
import * as feature from './actions/feature';
import * as monitoring from './actions/monitoring';
import * as project from './actions/project';
import * as landscapeObject from './actions/landscapeObject';
import * as libraryElement from './actions/libraryElement';
import * as statusEvent from './actions/statusEvent';
import * as testCase from './actions/testCase';
import * as testPlan from './actions/testPlan';
import { router } from './actions/router';
import * as task from './actions/task';
import { listSearch } from './methods';

export class SapCloudAlm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP Cloud ALM',
		name: 'sapCloudAlm',
		icon: { light: 'file:../../icons/sapCloudAlm.svg', dark: 'file:../../icons/sapCloudAlm.dark.svg' },
		group: ['transform'],
		// 2: "Get Many" names, resource locators for Task and Feature, a Project locator on Feature → Get Many.
		// Operation values and parameter names are those of version 1, so saved workflows run unchanged.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		// also the default description of the node as an AI tool (n8n's Tool Description → Set Manually)
		description: 'Read and change SAP Cloud ALM projects, tasks, features, documents, test cases, the process hierarchy and process scopes, and read analytics and status events, with a Cloud ALM API binding',
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
					{
						name: 'Analytics',
						value: 'analytics',
						description: 'Analytics data providers: data points grouped and filtered, and counts of records',
					},
					{
						name: 'Business Process',
						value: 'businessProcess',
						description: 'Business processes of Process Authoring: the unique names custom processes are grouped under',
					},
					{
						name: 'Custom API Call',
						value: 'customApiCall',
						description: 'Call any SAP Cloud ALM API with this credential',
					},
					{
						name: 'Custom Process',
						value: 'customProcess',
						description: 'Custom processes of Process Authoring: drafts and published processes with their business process, countries and external ID',
					},
					{
						name: 'Document',
						value: 'document',
						description: 'Project documents (rich-text content with a type and status)',
					},
					{
						name: 'Feature',
						value: 'feature',
						description: 'Features that bundle the changes (transports) of a project for deployment',
					},
					{
						name: 'Landscape Object',
						value: 'landscapeObject',
						description: 'Managed systems, cloud services and business services of the landscape (read only)',
					},
					{
						name: 'Library Element',
						value: 'libraryElement',
						description: 'Applications, configurations, developments and interfaces of the cross-library (read only for now)',
					},
					{
						name: 'Monitoring',
						value: 'monitoring',
						description: 'Push metrics and logs (OpenTelemetry) into Cloud ALM health and exception monitoring, and read metrics back',
					},
					{
						name: 'Process Hierarchy',
						value: 'processHierarchy',
						description: 'The solution process hierarchy: nodes from the top level down to the processes, with links to other systems',
					},
					{
						name: 'Process Scope',
						value: 'processScope',
						description: 'Scopes of a project and which solution processes are in scope',
					},
					{
						name: 'Project',
						value: 'project',
						description: 'Implementation projects and their timeboxes (milestones, phases, sprints)',
					},
					{
						name: 'Status Event',
						value: 'statusEvent',
						description: 'Disruptions, degradations and maintenances of business and cloud services (read only)',
					},
					{
						name: 'Task',
						value: 'task',
						description: 'Project tasks, user stories, requirements, defects and the other task types',
					},
					{
						name: 'Test Case',
						value: 'testCase',
						description: 'Manual test cases with their activities and actions, and automated test cases (read only) (Test Management)',
					},
					{
						name: 'Test Plan',
						value: 'testPlan',
						description: 'Test plans of a project (beta API, read only)',
					},
				],
				default: 'task',
			},
			...project.description,
			...task.description,
			...feature.description,
			...document.description,
			...processHierarchy.description,
			...processScope.description,
			...businessProcess.description,
			...customProcess.description,
			...statusEvent.description,
			...landscapeObject.description,
			...libraryElement.description,
			...testCase.description,
			...testPlan.description,
			...analytics.description,
			...monitoring.description,
			...customApiCall.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
