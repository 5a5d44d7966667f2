/**
 * The `additionalData` n8n hands to WorkflowExecute, reduced to what nodes of this package use:
 * the credentials helper, lifecycle hooks, placeholder URLs and no-op callbacks. (n8n's own tests use a
 * deep mock; a plain object keeps failures readable.)
 */
import { ExecutionLifecycleHooks } from 'n8n-core';
import type { IWorkflowBase, IWorkflowExecuteAdditionalData, WorkflowExecuteMode } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';
import type { RunnerCredentialsHelper } from './credentialsHelper';

const BASE = 'http://127.0.0.1:5678';

export function createAdditionalData(
	credentialsHelper: RunnerCredentialsHelper,
	workflowData: IWorkflowBase,
	mode: WorkflowExecuteMode,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const data = {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		// never contacted; n8n builds $execution.resumeUrl from them, which must parse as URLs
		restApiUrl: `${BASE}/rest`,
		instanceBaseUrl: BASE,
		formBaseUrl: `${BASE}/form`,
		formWaitingBaseUrl: `${BASE}/form-waiting`,
		formTestBaseUrl: `${BASE}/form-test`,
		webhookBaseUrl: `${BASE}/webhook`,
		webhookWaitingBaseUrl: `${BASE}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE}/webhook-test`,
		mcpBaseUrl: `${BASE}/mcp`,
		mcpTestBaseUrl: `${BASE}/mcp-test`,
		variables: {},
		userId: 'runner',
		logAiEvent: () => undefined,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: async () => {
			throw new UnexpectedError('The in-process runner does not execute sub-workflows');
		},
		startRunnerTask: async () => {
			throw new UnexpectedError('The in-process runner has no task runners (Code node)');
		},
	};
	return data as unknown as IWorkflowExecuteAdditionalData;
}
