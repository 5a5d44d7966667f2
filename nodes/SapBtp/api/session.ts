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
import type { RateLimitRule, WindowLimit } from '../../shared/transport/rateLimit';

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

// ------------------------------------------------------------------------------------ SM rate limits
/**
 * SAP Service Manager's documented limits per caller (SAP-docs/btp-service-manager,
 * docs/Service-Consumption/SAP-Service-Manager/rate-limiting-97be679.md): all APIs 1,000/min and
 * 10,000/h; `/v1/service_bindings` 600/min and 6,000/h; `/v1/service_offerings` and
 * `/v1/service_plans` 100/min and 1,000/h each; instance creates 50/min; instance updates and
 * deletes 600/min and 6,000/h each. SM matches a limit by path PREFIX and, where given, method
 * (Peripli/service-manager api/filters/rate_limiter_filter.go), so operation polls under
 * `/v1/service_bindings/…` count against the bindings limit, and every call counts against "all".
 *
 * A call is recorded when it is sent, SM counts it when it arrives: each window is one second
 * longer than documented, so a call that arrived late is out of SM's window before ours reopens.
 */
const WINDOW_GUARD_MS = 1_000;
const perMinute = (limit: number): WindowLimit => ({ limit, windowMs: 60_000 + WINDOW_GUARD_MS });
const perHour = (limit: number): WindowLimit => ({ limit, windowMs: 3_600_000 + WINDOW_GUARD_MS });

/** SAP Service Manager: 50 instance creations per minute per caller (also read by the benchmark). */
export const SM_CREATE_INSTANCE_LIMIT: WindowLimit = perMinute(50);

const SM_KEY = 'serviceManager';
const SM_LIMITS: Record<string, WindowLimit> = {
	'all:min': perMinute(1_000),
	'all:hour': perHour(10_000),
	'bindings:min': perMinute(600),
	'bindings:hour': perHour(6_000),
	'offerings:min': perMinute(100),
	'offerings:hour': perHour(1_000),
	'plans:min': perMinute(100),
	'plans:hour': perHour(1_000),
	'createInstance:min': SM_CREATE_INSTANCE_LIMIT,
	'updateInstance:min': perMinute(600),
	'updateInstance:hour': perHour(6_000),
	'deleteInstance:min': perMinute(600),
	'deleteInstance:hour': perHour(6_000),
};

/** The budget rules: a key is `serviceManager:<limit>:<caller>`. */
export const SM_RATE_LIMITS: RateLimitRule[] = Object.entries(SM_LIMITS).map(([limit, window]) => ({
	match: (key: string) => key.startsWith(`${SM_KEY}:${limit}:`),
	window,
}));

/** The budget keys of one Service Manager call of caller `callerId` (every limit it counts against). */
export function smBudgetKeys(callerId: string, method: string, url: string): string[] {
	let path = url;
	try {
		path = new URL(url).pathname;
	} catch {
		// a relative path already
	}
	const groups = ['all:min', 'all:hour'];
	const verb = method.toUpperCase();
	if (path.startsWith('/v1/service_bindings')) groups.push('bindings:min', 'bindings:hour');
	else if (path.startsWith('/v1/service_offerings')) groups.push('offerings:min', 'offerings:hour');
	else if (path.startsWith('/v1/service_plans')) groups.push('plans:min', 'plans:hour');
	else if (path.startsWith('/v1/service_instances')) {
		if (verb === 'POST') groups.push('createInstance:min');
		else if (verb === 'PATCH') groups.push('updateInstance:min', 'updateInstance:hour');
		else if (verb === 'DELETE') groups.push('deleteInstance:min', 'deleteInstance:hour');
	}
	return groups.map((g) => `${SM_KEY}:${g}:${callerId}`);
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
