/**
 * Turns the error bodies of SAP's services into one readable NodeApiError.
 *
 * Formats:
 *   CIS (Accounts, Entitlements)  {"error":{"code":30004,"message":…,"target":…,"correlationID":…,"details":[…]}}
 *   Service Manager               {"error":"Conflict","description":…,"broker_error":{…}}  (429: {"description":…})
 *   XSUAA                         {"error":"invalid_client","error_description":…}
 *   Cloud ALM OData               {"error":{"code":"…","message":…}}
 * Sources: CIS SAP-docs/btp-cloud-platform error-response-format-77fef2f.md; Service Manager the
 * `Error` schema of its OpenAPI (SAP/crossplane-provider-btp internal/openapi_clients/btp-service-
 * manager-api-go/swagger.json), `broker_error` as SAP/sap-btp-service-operator client/sm/client.go
 * decodes it, 429 SAP-docs/btp-service-manager rate-limiting-97be679.md; XSUAA cloudfoundry/uaa
 * #2545; Cloud ALM OData v4's JSON error format (SAP publishes no REST error body).
 *
 * The message says which service refused what and why; the description names the step, the
 * HTTP status, the backend code and the correlation id, plus what to do for 401/403/429.
 * Nothing from a request (headers, bodies) is ever copied into an error. Every backend field that
 * reaches an error — message, details, `error.code`, correlation ids, the `x-correlationid`
 * header — is scrubbed of anything token-shaped and, by value, of every secret and token the
 * session knows (./secrets.ts, issue 12 weakness 5), so no secret can leak through an error item.
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { scrubPatterns, type SecretRegistry } from './secrets';
import type { BackendService } from './types';

export const SERVICE_LABELS: Record<BackendService, string> = {
	accounts: 'Accounts service',
	entitlements: 'Entitlements service',
	events: 'Events service',
	destination: 'Destination service',
	serviceManager: 'Service Manager',
	cloudAlm: 'SAP Cloud ALM',
	xsuaa: 'XSUAA (token service)',
	n8n: "n8n's public API",
};

export interface BackendError {
	code?: string | number;
	message?: string;
	correlationId?: string;
	details: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * Removes JWTs, bearer/basic credentials, PEM blocks and `client_secret=…`-style pairs from backend
 * text before it reaches an error, and — given the session's registry — every secret in use.
 */
export function scrubSecrets(value: string, secrets?: SecretRegistry): string {
	return scrubPatterns(secrets ? secrets.scrub(value) : value);
}

/** Reads any of SAP's error formats; unknown shapes give an empty result, never a throw. */
export function parseBackendError(body: unknown, headers: Record<string, string> = {}): BackendError {
	const result: BackendError = { details: [], correlationId: text(headers['x-correlationid']) };
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('{')) {
			try {
				return parseBackendError(JSON.parse(trimmed), headers);
			} catch {
				/* not JSON: use the text below */
			}
		}
		if (trimmed) result.message = trimmed.slice(0, 500);
		return result;
	}
	if (!isObject(body)) return result;
	const err = body.error;
	if (isObject(err)) {
		// CIS and OData
		result.code = typeof err.code === 'number' || typeof err.code === 'string' ? err.code : undefined;
		result.message = text(err.message) ?? text(err.description);
		result.correlationId = text(err.correlationID) ?? result.correlationId;
		if (Array.isArray(err.details)) {
			for (const d of err.details) {
				if (isObject(d) && text(d.message)) result.details.push(`${d.code ?? ''} ${String(d.message)}`.trim());
			}
		}
		return result;
	}
	// Destination service: { "ErrorMessage": "…" }
	if (err === undefined && text(body.ErrorMessage)) {
		result.message = text(body.ErrorMessage);
		return result;
	}
	// Service Manager and XSUAA
	result.code = text(err);
	result.message = text(body.description) ?? text(body.error_description) ?? text(body.message);
	const broker = body.broker_error;
	if (isObject(broker)) {
		const brokerText = text(broker.Description) ?? text(broker.description) ?? text(broker.ErrorMessage);
		if (brokerText && brokerText !== result.message) result.details.push(`broker: ${brokerText}`);
	}
	result.correlationId = text(body.correlation_id) ?? result.correlationId;
	return result;
}

function hintFor(status: number, service: BackendService): string | undefined {
	if (status === 401) {
		return 'The credentials were rejected. Check that the service key is current (keys are revoked when their binding is deleted) and paste it again.';
	}
	if (status === 403) {
		const scopeHints: Partial<Record<BackendService, string>> = {
			entitlements:
				'Missing scope: assigning entitlements needs a key of the cis "central" plan (scope global-account.entitlement.subaccount.update); "central-viewer" keys can only read.',
			accounts:
				'Missing scope: reading subaccounts and creating Service Manager bindings needs a key of the cis "central" plan (global-account.subaccount.read/update).',
			events: 'Missing scope: reading account events needs the scope event.read, which every cis plan grants; use a cis key.',
			serviceManager:
				'Missing scope: use a Service Manager key of the "subaccount-admin" plan (service_instance.manage, service_binding.manage).',
			cloudAlm:
				'Missing scope: add the Cloud ALM API scope to the instance (SAP BTP node → Service Instance → Create or Update with that scope), then fetch a new token.',
		};
		return scopeHints[service] ?? 'Missing scope: the credential is not allowed to do this.';
	}
	if (status === 429) return 'The service rate limit was still exceeded after waiting; lower the node\'s Concurrency option or run the batch later.';
	if (status >= 500) return 'The service failed; the call was retried with backoff. Run the workflow again later: every operation of this node can be re-run safely.';
	return undefined;
}

export interface ApiErrorInput {
	step: string;
	service: BackendService;
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	itemIndex?: number;
	/** overrides the generic hint */
	hint?: string;
	/** short verb phrase for the message, e.g. "the assignment"; defaults to the step */
	what?: string;
	/** the secrets and tokens in use (the session's), redacted by value from every field */
	secrets?: SecretRegistry;
}

/** A NodeApiError whose message is readable and whose description carries the facts. */
export function apiError(node: INode, input: ApiErrorInput): NodeApiError {
	const raw = parseBackendError(input.body, input.headers);
	const clean = (v: string) => scrubSecrets(v, input.secrets);
	// the backend's code and correlation id are echoed text too (weakness 5): scrubbed like the message
	const parsed: BackendError = {
		code: typeof raw.code === 'string' ? clean(raw.code) : raw.code,
		message: raw.message,
		correlationId: raw.correlationId !== undefined ? clean(raw.correlationId) : undefined,
		details: raw.details,
	};
	const label = SERVICE_LABELS[input.service];
	const codePart = parsed.code !== undefined ? ` (code ${parsed.code})` : ` (HTTP ${input.status})`;
	const reason = clean(parsed.message ?? `HTTP ${input.status} without an error message`);
	const message = `${label} rejected ${input.what ?? `"${input.step}"`}${codePart}: ${reason}`;
	const facts = [
		`Step: ${input.step}`,
		`HTTP status: ${input.status}`,
		parsed.code !== undefined ? `Backend code: ${parsed.code}` : undefined,
		parsed.correlationId ? `Correlation ID: ${parsed.correlationId}` : undefined,
		...parsed.details.map((d) => `Detail: ${clean(d)}`),
		input.hint ?? hintFor(input.status, input.service),
	].filter(Boolean);
	const description = facts.join('\n');
	const response: JsonObject = {
		message,
		description,
		step: input.step,
		service: input.service,
		httpStatus: input.status,
		backendCode: parsed.code ?? null,
		correlationId: parsed.correlationId ?? null,
	};
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(input.status),
		itemIndex: input.itemIndex,
	});
	return input.secrets ? input.secrets.scrubError(error) : error;
}

/** The backend code of an error body (CIS numeric, SM word), for decisions like "30004 = locked". */
export const backendCode = (body: unknown): string | number | undefined => parseBackendError(body).code;
