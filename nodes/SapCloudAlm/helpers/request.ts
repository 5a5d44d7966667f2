import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { cloudAlmKeyFromCredentials } from '../../shared/serviceKeys';
import { callApi, parseBackendError, scrubSecrets, TransportSession, type HttpAnswer } from '../../shared/transport';
import { CREDENTIAL_TYPE } from './constants';
import { missingScopeMessage } from './scopes';

export interface CalmRequest {
	method: string;
	/** path under endpoints.Api (already checked by `toApiPath` or built from constants); may carry a query */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** One transport session per execution, shared by all items (token gate, rate-limit budget). */
const sessions = new WeakMap<object, TransportSession>();
const bases = new WeakMap<object, Promise<string>>();
/**
 * Executions in which a 403 already survived a fresh token: the scope is really missing, so later
 * calls do not fetch another token for their 403 (one extra token per execution, not per item).
 */
const scopeConfirmedMissing = new WeakSet<object>();

function sessionOf(ctx: Context): TransportSession {
	let session = sessions.get(ctx);
	if (!session) {
		session = new TransportSession();
		sessions.set(ctx, session);
	}
	return session;
}

/** Redacts the secrets of the credential and every token in use from an error (issue 12, weakness 5). */
export async function scrubCalmError(ctx: Context, error: unknown): Promise<void> {
	const session = sessionOf(ctx);
	await session.rememberCredential(ctx, CREDENTIAL_TYPE);
	session.secrets.scrubError(error);
}

/** The binding's `endpoints.Api`, without trailing slash (read once per execution). */
export async function apiBaseUrl(this: Context): Promise<string> {
	let base = bases.get(this);
	if (!base) {
		base = (async () => {
			const credentials = await this.getCredentials(CREDENTIAL_TYPE);
			try {
				return cloudAlmKeyFromCredentials(credentials).apiUrl.replace(/\/+$/, '');
			} catch (error) {
				throw new NodeOperationError(this.getNode(), (error as Error).message, {
					description: 'Fix the SAP Cloud ALM API credential (the binding\'s endpoints.Api).',
				});
			}
		})();
		bases.set(this, base);
		base.catch(() => bases.delete(this));
	}
	return await base;
}

/** The step named in error descriptions, e.g. "SAP Cloud ALM PATCH /calm-tasks/v1/tasks/<id>". */
function stepOf(method: string, path: string): string {
	return `SAP Cloud ALM ${method.toUpperCase()} ${path.split('?')[0]}`;
}

/** A 403 that names the missing scope and where to add it (SAP's own text may not). */
function missingScopeError(ctx: Context, req: CalmRequest, answer: HttpAnswer): NodeApiError {
	const secrets = sessionOf(ctx).secrets;
	const parsed = parseBackendError(answer.body, answer.headers);
	const message = missingScopeMessage(req.path.split('?')[0], req.method, parsed.message);
	const description = [
		`Step: ${stepOf(req.method, req.path)}`,
		'HTTP status: 403',
		parsed.message ? `Cloud ALM said: ${scrubSecrets(parsed.message, secrets)}` : undefined,
		parsed.correlationId ? `Correlation ID: ${scrubSecrets(parsed.correlationId, secrets)}` : undefined,
		'A fresh token was fetched and refused too, so the scope is missing from the instance, not just from an old token.',
	]
		.filter(Boolean)
		.join('\n');
	const response: JsonObject = {
		message,
		description,
		service: 'cloudAlm',
		httpStatus: 403,
		correlationId: parsed.correlationId ? scrubSecrets(parsed.correlationId, secrets) : null,
	};
	return secrets.scrubError(new NodeApiError(ctx.getNode(), response, { message, description, httpCode: '403' }));
}

/**
 * One Cloud ALM call through the shared transport with the `sapCloudAlmApi` credential (n8n
 * mints the token, and re-mints it once on a 401 or, once per execution, on a 403). Returns the
 * response body (undefined for 204).
 */
export async function calmRequest(this: Context, req: CalmRequest): Promise<unknown> {
	const base = await apiBaseUrl.call(this);
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers ?? {})) headers[k] = String(v);
	const answer = await callApi(
		this,
		sessionOf(this),
		{ kind: 'credential', credentialType: CREDENTIAL_TYPE },
		{
			service: 'cloudAlm',
			step: stepOf(req.method, req.path),
			method: req.method.toUpperCase() as IHttpRequestMethods,
			url: `${base}${req.path}`,
			qs: req.qs && Object.keys(req.qs).length ? req.qs : undefined,
			body: req.body,
			headers,
			okStatuses: [403],
			// a token minted before the scope was added lacks it; n8n replaces a stored token only when told
			refreshTokenOn: scopeConfirmedMissing.has(this) ? undefined : [403],
		},
	);
	if (answer.status === 403) {
		scopeConfirmedMissing.add(this);
		const error = missingScopeError(this, req, answer);
		await scrubCalmError(this, error);
		throw error;
	}
	return answer.status === 204 || answer.body === '' ? undefined : answer.body;
}
