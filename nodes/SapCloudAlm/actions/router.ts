import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { operationLabel, runForEachItem } from '../../shared/itemRunner';
import { CloudAlmSession } from '../helpers/session';
import * as analytics from './analytics';
import * as customApiCall from './customApiCall';
import * as businessProcess from './businessProcess';
import * as customProcess from './customProcess';
import * as document from './document';
import * as feature from './feature';
import * as landscapeObject from './landscapeObject';
import * as libraryElement from './libraryElement';
import type { SapCloudAlmMap, SapCloudAlmType } from './node.type';
import * as monitoring from './monitoring';
import * as processHierarchy from './processHierarchy';
import * as processScope from './processScope';
import * as project from './project';
import * as statusEvent from './statusEvent';
import * as task from './task';
import * as testCase from './testCase';
import * as testPlan from './testPlan';

type Operation = {
	execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject | IDataObject[]>;
};

/** Every operation of the node, by resource: a missing or misspelt one does not compile. */
export const OPERATIONS: { [R in keyof SapCloudAlmMap]: Record<SapCloudAlmMap[R], Operation> } = {
	analytics: { getData: analytics.getData, getProvider: analytics.getProvider, listProviders: analytics.listProviders },
	project: {
		create: project.create,
		createTimebox: project.createTimebox,
		get: project.get,
		list: project.list,
		listTimeboxes: project.listTimeboxes,
	},
	task: {
		addComment: task.addComment,
		addProcessAssignment: task.addProcessAssignment,
		addReference: task.addReference,
		count: task.count,
		create: task.create,
		delete: task.delete,
		get: task.get,
		list: task.list,
		listComments: task.listComments,
		listProcessAssignments: task.listProcessAssignments,
		listReferences: task.listReferences,
		removeProcessAssignment: task.removeProcessAssignment,
		update: task.update,
	},
	feature: { create: feature.create, get: feature.get, list: feature.list, update: feature.update },
	document: { create: document.create, delete: document.delete, get: document.get, list: document.list, update: document.update },
	processHierarchy: {
		create: processHierarchy.create,
		delete: processHierarchy.delete,
		get: processHierarchy.get,
		getSubtree: processHierarchy.getSubtree,
		list: processHierarchy.list,
		update: processHierarchy.update,
	},
	businessProcess: {
		create: businessProcess.create,
		delete: businessProcess.delete,
		get: businessProcess.get,
		list: businessProcess.list,
		update: businessProcess.update,
	},
	customProcess: {
		create: customProcess.create,
		delete: customProcess.delete,
		get: customProcess.get,
		list: customProcess.list,
		publish: customProcess.publish,
		update: customProcess.update,
	},
	processScope: {
		create: processScope.create,
		delete: processScope.delete,
		get: processScope.get,
		list: processScope.list,
		listSolutionProcesses: processScope.listSolutionProcesses,
		setScoping: processScope.setScoping,
		update: processScope.update,
	},
	statusEvent: { list: statusEvent.list },
	landscapeObject: { get: landscapeObject.get, getProperties: landscapeObject.getProperties, list: landscapeObject.list },
	libraryElement: {
		create: libraryElement.create,
		delete: libraryElement.delete,
		get: libraryElement.get,
		list: libraryElement.list,
		update: libraryElement.update,
	},
	testCase: {
		create: testCase.create,
		delete: testCase.delete,
		get: testCase.get,
		getAutomated: testCase.getAutomated,
		list: testCase.list,
		listAutomated: testCase.listAutomated,
		update: testCase.update,
	},
	testPlan: { get: testPlan.get, list: testPlan.list },
	monitoring: { getMetrics: monitoring.getMetrics, sendLogs: monitoring.sendLogs, sendMetrics: monitoring.sendMetrics },
	customApiCall: { request: customApiCall.request },
};

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function operationFor(ctx: IExecuteFunctions, { resource, operation }: SapCloudAlmType): Operation {
	// the parameters are whatever the saved workflow holds: check them before trusting the type
	const ops = own(OPERATIONS, resource) ? (OPERATIONS[resource] as Record<string, Operation>) : undefined;
	if (!ops || !own(ops, operation)) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return ops[operation];
}

/**
 * Runs the chosen operation once per input item, in order, all items sharing ONE session (token
 * gate, API URL, scope flag); Continue On Fail turns a failure into an error item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const chosen = {
		resource: this.getNodeParameter('resource', 0),
		operation: this.getNodeParameter('operation', 0),
	} as SapCloudAlmType;
	const op = operationFor(this, chosen);
	const session = new CloudAlmSession(this);
	return [
		await runForEachItem(
			this,
			(i) => op.execute.call(this, i, session),
			1,
			operationLabel(chosen.resource, chosen.operation),
			async (error) => await session.scrub(error),
		),
	];
}
