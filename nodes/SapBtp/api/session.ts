/**
 * The SAP BTP node's per-execution session (a NodeSession, nodes/shared/session.ts), shared by all
 * items (issue 7): the transport with Service Manager's and the Cloud Management service's rate limits, the node's Options, and
 * lookups that only need to happen once — the keys read from the credentials, the subaccount list,
 * Service Manager access per subaccount, plan categories and offering/plan ids. Every cache holds
 * a promise, so forty concurrent items wait for ONE lookup; a failed lookup is dropped from the
 * cache so the next item tries again. The router creates one per execution and the list searches
 * one per search, both through `createSession`.
 */
import { NodeOperationError, type ICredentialDataDecryptedObject, type IDataObject } from 'n8n-workflow';
import {
	cloudManagementKeyFromCredentials,
	destinationKeyFromCredentials,
	serviceManagerKeyFromCredentials,
	ServiceKeyError,
	type CloudManagementKey,
	type DestinationKey,
	type ServiceManagerKey,
} from '../../shared/serviceKeys';
import { NodeSession } from '../../shared/session';
import type { CallAuth, TransportContext, TransportSettings } from '../../shared/transport';
import { textOf, validateSeconds } from '../helpers/validation';
import { CIS_RATE_LIMITS } from './cisRateLimits';
import type { EntitlementBatcher } from './entitlementBatch';
import { SM_RATE_LIMITS } from './serviceManager/rateLimits';

export const CIS_CREDENTIAL = 'sapBtpCloudManagementApi';
export const SM_CREDENTIAL = 'sapBtpServiceManagerApi';
/** Cloud ALM API → Connect Cloud ALM to a Webhook: a key of the destination instance in the Cloud ALM subaccount */
export const DESTINATION_CREDENTIAL = 'sapBtpDestinationServiceApi';

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

/** Default of Options → Service Manager Access Binding Name. */
export const DEFAULT_SM_ACCESS_BINDING = 'n8n-sap-cloud-alm';

/**
 * The session of one execution (or one list search) from the node's Options: every timeout is
 * checked before any call (issue 12 weakness 8): 1 s … 2,147,483 s.
 */
export function createSession(ctx: TransportContext, options: IDataObject): BtpSession {
	const node = ctx.getNode();
	const requestTimeoutMs = validateSeconds(node, 0, options.requestTimeout ?? 60, 'Request Timeout', 'Options → Request Timeout (Seconds): e.g. 60.');
	const planGraceMs = validateSeconds(
		node,
		0,
		options.planGracePeriod ?? 60,
		'Plan Grace Period',
		'Options → Plan Grace Period (Seconds): e.g. 60, or 0 for none.',
		0,
	);
	return new BtpSession(ctx, {
		requestTimeoutMs,
		smAccessBindingName: textOf(node, 0, options.serviceManagerAccessBindingName, 'Service Manager Access Binding Name') || DEFAULT_SM_ACCESS_BINDING,
		planGraceMs,
	});
}

export class BtpSession extends NodeSession {
	constructor(
		ctx: TransportContext,
		readonly settings: BtpSettings,
	) {
		super(ctx, [CIS_CREDENTIAL, SM_CREDENTIAL, DESTINATION_CREDENTIAL], { ...settings, rateLimits: [...SM_RATE_LIMITS, ...CIS_RATE_LIMITS, ...(settings.rateLimits ?? [])] });
	}

	async cisKey(): Promise<CloudManagementKey> {
		return await this.once('keys', CIS_CREDENTIAL, async () => await readKey(this.ctx, CIS_CREDENTIAL, cloudManagementKeyFromCredentials));
	}

	async smCredentialKey(): Promise<ServiceManagerKey> {
		return await this.once('keys', SM_CREDENTIAL, async () => await readKey(this.ctx, SM_CREDENTIAL, serviceManagerKeyFromCredentials));
	}

	async destinationKey(): Promise<DestinationKey> {
		return await this.once('keys', DESTINATION_CREDENTIAL, async () => await readKey(this.ctx, DESTINATION_CREDENTIAL, destinationKeyFromCredentials));
	}

	/**
	 * Enable's entitlements of this execution, batched (entitlementBatch.ts): set when several items
	 * enable at once, before the items run, so every item's subaccount is in a batch from the start.
	 */
	entitlementBatcher?: EntitlementBatcher;

	readonly cisAuth: CallAuth = { kind: 'credential', credentialType: CIS_CREDENTIAL };

	readonly destinationAuth: CallAuth = { kind: 'credential', credentialType: DESTINATION_CREDENTIAL };
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
