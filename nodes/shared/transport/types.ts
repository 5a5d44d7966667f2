import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import type { TokenDestination } from '../tokenDestination';

/** The SAP services a node talks to (each its own origin on BTP). */
export type BackendService = 'accounts' | 'entitlements' | 'events' | 'destination' | 'serviceManager' | 'cloudAlm' | 'xsuaa' | 'n8n';

/** n8n contexts that call SAP (an execution, a list search, a polling trigger's poll); all carry the two HTTP helpers the transport uses. */
export type TransportContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** How a call is authenticated. */
export type CallAuth =
	/** n8n credential of this package; n8n mints/refreshes the token (preAuthentication, 401 retry). */
	| { kind: 'credential'; credentialType: string }
	/** a token the transport fetched itself (derived Service Manager access, binding verification). */
	| { kind: 'bearer'; tokens: TokenSource };

export interface TokenSource {
	/** identifies the client (rate-limit budget and token cache key); never a secret */
	id: string;
	/** the current token; `refresh` forces a new one (after a 401) */
	get(refresh?: boolean): Promise<string>;
	/** the origins this token may go to (the key's own URLs); every call is checked against them before sending */
	destinations: TokenDestination[];
	/** whose token it is, for messages ("the Service Manager binding \"x\" from the Accounts service") */
	holder: string;
}

export interface HttpCall {
	service: BackendService;
	/** what the user would call this step, e.g. "Assign entitlement"; appears in errors */
	step: string;
	method: IHttpRequestMethods;
	/** absolute URL */
	url: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	/**
	 * Whether repeating the call is harmless (GET, PUT of an entitlement, polls, DELETE). Defaults
	 * to true for GET/PUT/DELETE/HEAD and false for POST/PATCH: a create whose answer was lost is
	 * never repeated by the transport; the caller looks up by name and adopts (see `adopt.ts`).
	 */
	idempotent?: boolean;
	/**
	 * rate-limit budget key(s) (defaults to the service): the call waits until every key has room
	 * and counts against all of them; a 429 pauses every call of these keys
	 */
	budgetKey?: string | string[];
	/** statuses that are an answer rather than an error (e.g. 404 for a lookup) */
	okStatuses?: number[];
	/**
	 * Credential auth only: statuses besides 401 after which n8n fetches a new token and retries
	 * once (e.g. 403 for Cloud ALM: a stored token minted before a scope was added to the instance
	 * lacks that scope, and n8n replaces a stored token only after a status it is told about).
	 */
	refreshTokenOn?: number[];
	/** per-request timeout in ms (default: the session's) */
	timeoutMs?: number;
	/** phrase for error messages, e.g. "the assignment" */
	what?: string;
}

export interface HttpAnswer<T = unknown> {
	status: number;
	/** lower-case header names */
	headers: Record<string, string>;
	body: T;
	/** the URL that answered (to resolve relative `Location` headers against) */
	url: string;
}
