/**
 * ICredentialsHelper that behaves like n8n's CLI one (`packages/cli/src/credentials-helper.ts`,
 * read for 2.41): decrypt = read the store and apply the credential type's defaults;
 * `preAuthentication` runs when the hidden expirable field is empty, after a 401
 * (`credentialsExpired`) or in a credential test (a `noOp` node with `temp: ''`), and its result
 * is written back to the store; `authenticate` runs function authenticate as is and resolves
 * generic authenticate expressions against `$credentials`.
 *
 * Not copied (not needed by this package): credential overwrites, external secrets, expressions
 * inside stored credential data, domain restrictions, OAuth token-data updates beyond storing.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UnexpectedError, isExpression } from 'n8n-workflow';
import type { CredentialStore } from './credentialStore';

export class RunnerCredentialsHelper extends ICredentialsHelper {
	/** preAuthentication calls that returned a new token, per credential type */
	preAuthenticationCalls: Record<string, number> = {};

	constructor(
		private readonly credentialTypes: Map<string, ICredentialType>,
		private readonly store: CredentialStore,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.credentialTypes.get(name);
		if (!type) throw new UnexpectedError(`Unknown credential type "${name}"`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.credentialTypes.get(name)?.extends ?? [];
		return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) throw new UnexpectedError('Workflow and node are required for generic authentication');
			const resolve = (value: string) =>
				isExpression(value)
					? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '')
					: value;
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (expirable?.name === undefined || typeof type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;

		const output = await type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.preAuthenticationCalls[typeName] = (this.preAuthenticationCalls[typeName] ?? 0) + 1;
		const nodeCredentials = node.credentials?.[typeName];
		if (nodeCredentials?.id) {
			const stored = this.store.get(nodeCredentials.id);
			if (stored) {
				const toPersist = { ...stored.data };
				for (const [key, value] of Object.entries(output as ICredentialDataDecryptedObject)) {
					if (key === expirable.name || !isExpression(stored.data[key])) toPersist[key] = value;
				}
				this.store.update(nodeCredentials.id, toPersist);
			}
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const stored = this.read(nodeCredentials, type);
		return {
			id: stored.id,
			name: stored.name,
			type: stored.type,
			data: undefined,
			getData: () => stored.data,
			getDataToSave: () => ({ id: stored.id, name: stored.name, type: stored.type, data: '' }),
			setData: () => undefined,
			updateData: () => undefined,
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.read(nodeCredentials, type);
		// n8n's applyDefaultsAndOverwrites: defaults in, fields hidden by displayOptions out
		const withDefaults = NodeHelpers.getNodeParameters(this.type(type).properties, stored.data as never, true, false, null, null);
		return (withDefaults ?? {}) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		if (nodeCredentials.id) this.store.update(nodeCredentials.id, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		if (!nodeCredentials.id) return;
		const stored = this.store.get(nodeCredentials.id);
		if (stored) this.store.update(nodeCredentials.id, { ...stored.data, ...data });
	}

	private read(nodeCredentials: INodeCredentialsDetails, type: string) {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new UnexpectedError(`Credential "${nodeCredentials.name}" (${type}) is not available to the runner; pass it in options.credentials`);
		}
		return stored;
	}
}
