import type { IExecuteFunctions } from 'n8n-workflow';

/** Says in the output pane that the node read the ETag itself (no ETag given): the change is then not guarded against edits made since the user's own read. */
export function etagNotice(this: IExecuteFunctions, readByNode: boolean, verb: 'update' | 'delete'): void {
	if (!readByNode) return;
	this.addExecutionHints({
		message: `SAP Cloud ALM: no ETag was given, so the node read the test case's current ETag and sent it as If-Match for the ${verb}; give the ETag you read to refuse the ${verb} (412) when the test case changed since.`,
		type: 'info',
		location: 'outputPane',
	});
}
