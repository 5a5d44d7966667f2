/**
 * One object per execution, shared by all items (issue 7): the transport session (rate-limit
 * budget, retries, tokens) plus lookups that only need to happen once — the keys read from the
 * credentials, the subaccount list, Service Manager access per subaccount, plan categories and
 * offering/plan ids. Every cache holds a promise, so forty concurrent items wait for ONE lookup;
 * a failed lookup is dropped from the cache so the next item tries again.
 */
import { NodeOperationError, type ICredentialDataDecryptedObject, type INode } from 'n8n-workflow';
import {
	cloudManagementKeyFromCredentials,
	serviceManagerKeyFromCredentials,
	ServiceKeyError,
	type CloudManagementKey,
	type ServiceManagerKey,
} from '../../shared/serviceKeys';
import { TransportSession, type CallAuth, type TransportContext, type TransportSettings } from '../../shared/transport';
import { SM_RATE_LIMITS } from './serviceManager/rateLimits';

export const CIS_CREDENTIAL = 'sapBtpCloudManagementApi';
export const SM_CREDENTIAL = 'sapBtpServiceManagerApi';

export type SmAccessMode = 'derived' | 'serviceManagerCredential' | 'serviceManagerCredentialWithCis';

export interface SmAccess {
	/** identity for budgets and caches (the client id; never a secret) */
	id: string;
	smUrl: string;
	auth: CallAuth;
	/** how this access was obtained, for the step report */
	action: 'credential' | 'reused' | 'created';
	/** name of the CIS serviceManagerBinding (derived access) */
	bindingName?: string;
}

export interface BtpSettings extends Partial<TransportSettings> {
	/** name of the CIS serviceManagerBinding the node creates/reuses per subaccount */
	smAccessBindingName: string;
	/** how long "plan not found" right after entitling is retried (ms) */
	planGraceMs: number;
}

export class BtpSession {
	readonly transport: TransportSession;
	private readonly caches = new Map<string, Map<string, Promise<unknown>>>();

	constructor(
		readonly ctx: TransportContext,
		readonly settings: BtpSettings,
	) {
		this.transport = new TransportSession({ ...settings, rateLimits: [...SM_RATE_LIMITS, ...(settings.rateLimits ?? [])] });
	}

	private cachedNode?: INode;

	/** n8n's getNode() deep-copies the node on every call; it does not change during an execution */
	get node(): INode {
		this.cachedNode ??= this.ctx.getNode();
		return this.cachedNode;
	}

	/** A value computed once per execution per key; concurrent callers share the same promise. */
	async once<T>(cache: string, key: string, compute: () => Promise<T>): Promise<T> {
		let map = this.caches.get(cache);
		if (!map) {
			map = new Map();
			this.caches.set(cache, map);
		}
		let pending = map.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = compute();
			map.set(key, pending);
			const current = pending;
			current.catch(() => {
				if (map!.get(key) === current) map!.delete(key);
			});
		}
		return await pending;
	}

	forget(cache: string, key: string): void {
		this.caches.get(cache)?.delete(key);
	}

	async cisKey(): Promise<CloudManagementKey> {
		return await this.once('keys', CIS_CREDENTIAL, async () => await readKey(this.ctx, CIS_CREDENTIAL, cloudManagementKeyFromCredentials));
	}

	async smCredentialKey(): Promise<ServiceManagerKey> {
		return await this.once('keys', SM_CREDENTIAL, async () => await readKey(this.ctx, SM_CREDENTIAL, serviceManagerKeyFromCredentials));
	}

	readonly cisAuth: CallAuth = { kind: 'credential', credentialType: CIS_CREDENTIAL };
}

/** Reads a credential into a typed key (no HTTP here: see lint rule no-http-request-with-manual-auth). */
async function readKey<T>(
	ctx: TransportContext,
	credentialType: string,
	parse: (c: ICredentialDataDecryptedObject) => T,
): Promise<T> {
	let data: ICredentialDataDecryptedObject;
	try {
		data = await ctx.getCredentials(credentialType);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `The node needs a ${credentialType} credential: ${(error as Error).message}`, {
			description: 'Select the credential on the node (see the Service Manager Access option).',
		});
	}
	try {
		return parse(data);
	} catch (error) {
		if (error instanceof ServiceKeyError) {
			throw new NodeOperationError(ctx.getNode(), `Credential ${credentialType}: ${error.message}`, {
				description: `Field: ${error.field}`,
			});
		}
		throw new NodeOperationError(ctx.getNode(), error as Error);
	}
}
