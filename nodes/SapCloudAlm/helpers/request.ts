import type { IDataObject, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { callApi, parseBackendError, scrubSecrets, type HttpAnswer } from '../../shared/transport';
import { CREDENTIAL_TYPE } from './constants';
import { missingScopeMessage } from './scopes';
import type { CloudAlmSession } from './session';

export interface CalmRequest {
	method: string;
	/** path under endpoints.Api (already checked by `toApiPath` or built from constants); may carry a query */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
}

/** The step named in error descriptions, e.g. "SAP Cloud ALM PATCH /calm-tasks/v1/tasks/<id>". */
function stepOf(method: string, path: string): string {
	return `SAP Cloud ALM ${method.toUpperCase()} ${path.split('?')[0]}`;
}

/** A 403 that names the missing scope and where to add it (SAP's own text may not). */
function missingScopeError(session: CloudAlmSession, req: CalmRequest, answer: HttpAnswer): NodeApiError {
	const secrets = session.transport.secrets;
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
	return secrets.scrubError(new NodeApiError(session.node, response, { message, description, httpCode: '403' }));
}

/**
 * One Cloud ALM call through the shared transport with the `sapCloudAlmApi` credential (n8n
 * mints the token, and re-mints it once on a 401 or, once per execution, on a 403). Returns the
 * response body (undefined for 204).
 */
export async function calmRequest(session: CloudAlmSession, req: CalmRequest): Promise<unknown> {
	return (await calmExchange(session, req)).body;
}

/** As calmRequest, with the answer's headers (lower-case names), e.g. the `etag` Process Authoring sends. */
export async function calmExchange(session: CloudAlmSession, req: CalmRequest): Promise<{ body: unknown; headers: Record<string, string> }> {
	const base = await session.apiBase();
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers ?? {})) headers[k] = String(v);
	const answer = await callApi(
		session.ctx,
		session.transport,
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
			refreshTokenOn: session.scopeConfirmedMissing ? undefined : [403],
		},
	);
	if (answer.status === 403) {
		session.scopeConfirmedMissing = true;
		const error = missingScopeError(session, req, answer);
		await session.scrub(error);
		throw error;
	}
	return { body: answer.status === 204 || answer.body === '' ? undefined : answer.body, headers: answer.headers };
}
