import type { AllEntities } from 'n8n-workflow';

/**
 * Every resource of the SAP Cloud ALM node and its operations (the `value`s of the Resource and
 * Operation options; saved workflows store them, so they never change). The router's map is typed
 * by this, so an operation missing from it or misspelt is a compile error.
 */
export type SapCloudAlmMap = {
	analytics: 'getData' | 'getProvider' | 'listProviders';
	project: 'create' | 'createTimebox' | 'get' | 'list' | 'listTimeboxes';
	task:
		| 'addComment'
		| 'addProcessAssignment'
		| 'addReference'
		| 'count'
		| 'create'
		| 'delete'
		| 'get'
		| 'list'
		| 'listComments'
		| 'listProcessAssignments'
		| 'listReferences'
		| 'removeProcessAssignment'
		| 'update';
	feature: 'create' | 'get' | 'list' | 'update';
	document: 'create' | 'delete' | 'get' | 'list' | 'update';
	processHierarchy: 'create' | 'delete' | 'get' | 'getSubtree' | 'list' | 'update';
	businessProcess: 'create' | 'delete' | 'get' | 'list' | 'update';
	customProcess: 'create' | 'delete' | 'get' | 'list' | 'publish' | 'update';
	processScope: 'create' | 'delete' | 'get' | 'list' | 'listSolutionProcesses' | 'setScoping' | 'update';
	statusEvent: 'list';
	landscapeObject: 'get' | 'getProperties' | 'list';
	libraryElement: 'create' | 'delete' | 'get' | 'list' | 'update';
	testCase: 'create' | 'delete' | 'get' | 'getAutomated' | 'list' | 'listAutomated' | 'update';
	testPlan: 'get' | 'list';
	monitoring: 'getMetrics' | 'sendLogs' | 'sendMetrics';
	customApiCall: 'request';
};

/** One {resource, operation} pair of the node. */
export type SapCloudAlmType = AllEntities<SapCloudAlmMap>;
