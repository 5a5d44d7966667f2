/**
 * Runs a credential's `test` the way n8n 2.41.1's CredentialsTester does (read in the installed
 * n8n: dist/services/credentials-tester.service.js, runRequestTest): a temporary
 * `n8n-nodes-base.noOp` node whose one property `temp` carries the test request as routing,
 * executed by n8n-core's RoutingNode through `httpRequestWithAuthentication`, with the tested data
 * (defaults applied) standing in for the stored credential. The node keeps `parameters: {}`, so
 * the helper's "credential test" shortcut (`temp === ''`) does not fire in 2.41.1:
 * preAuthentication runs only when the token is empty or after a 401, and a token already stored
 * with the credential is used. A failed request is mapped by the `responseCode` rules, else to the
 * status text or the connection error code; success is "Connection successful!".
 */
import { randomUUID } from 'node:crypto';
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { createAdditionalData } from './additionalData';
import { CredentialStore } from './credentialStore';
import { RunnerCredentialsHelper } from './credentialsHelper';
import { loadRegistry } from './registry';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface TestCredentialOptions {
	/** token store (the test writes the fresh token back, as n8n does for a saved credential) */
	store?: CredentialStore;
	id?: string;
}

export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	options: TestCredentialOptions = {},
): Promise<CredentialTestResult> {
	const registry = await loadRegistry();
	const credentialType = registry.credentialTypes.get(type);
	if (!credentialType?.test) return { status: 'Error', message: 'No testing function found for this credential.' };
	const store = options.store ?? new CredentialStore();
	const id = options.id ?? `${type}-test`;
	// what n8n tests: the edited data, with the stored hidden fields (token) restored
	store.put({ id, name: `${type} (test)`, type, data });
	const helper = new RunnerCredentialsHelper(registry.credentialTypes, store);

	const noOp = registry.nodeTypes.getByNameAndVersion('n8n-nodes-base.noOp');
	const testNodeType: INodeType = {
		description: {
			...noOp.description,
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test.request }, default: '' },
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => testNodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: testNodeType.description.name === 'noOp' ? 'n8n-nodes-base.noOp' : testNodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id, name: `${type} (test)` } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

	// n8n tests the decrypted data with defaults applied (applyDefaultsAndOverwrites) …
	const decryptedData = await helper.getDecrypted({} as never, { id, name: node.name }, type);
	const credentialsDecrypted: ICredentialsDecrypted = { id, name: `${type} (test)`, type, data: decryptedData };
	// … and every non-raw getDecrypted during the test returns that same object
	const testHelper = new Proxy(helper, {
		get(target, prop) {
			if (prop === 'getDecrypted') return async () => credentialsDecrypted.data ?? {};
			const value = Reflect.get(target, prop) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
	});

	const additionalData = createAdditionalData(testHelper, { id: 'credential-test', name: 'credential test', nodes: [node], connections: {} } as unknown as IWorkflowBase, 'internal', randomUUID());
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (caught) {
		const error = caught as { message?: string; cause?: { response?: { status: number; statusText?: string }; code?: string } };
		const httpResponse = error.cause?.response;
		if (httpResponse) {
			for (const rule of credentialType.test.rules ?? []) {
				if (rule.type === 'responseCode' && httpResponse.status === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (httpResponse.status < 199 || httpResponse.status > 299) {
				return { status: 'Error', message: httpResponse.statusText || `Received HTTP status code: ${httpResponse.status}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of credentialType.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json as Record<string, unknown> | undefined;
			if (json?.[rule.properties.key] === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
