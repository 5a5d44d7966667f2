/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any -- SDK internals are required by hand (see below); keys and SDK results are free-form JSON read field by field */
/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- a test, not node code: SAP's SDK is the judge here, it polls with timers, and its 'OAuth2ClientCredentials' is an authentication type, not a secret */
/**
 * SAP Cloud SDK for JavaScript 4.9.1 (@sap-cloud-sdk/connectivity + @sap-cloud-sdk/http-client) as the
 * judge of the simulator: everything below is done the way an SAP developer does it with the SDK,
 * over real HTTP, with no code of ours in between.
 *
 *   CIS key → destination → Accounts: find the `acme-calm` tenant, get Service Manager access
 *   SM key  → destination (the SDK's built-in `service-manager` transform) → find SAP's
 *             SAPCloudALMAPIs instance → create a dedicated binding (async, poll the operation)
 *   binding → destination (client-credentials transform; the SDK fetches the token itself through
 *             @sap/xssec from the binding's `uaa.url`) → executeHttpRequest on the Cloud ALM API
 *
 * The SDK keeps process-wide caches (client-credentials tokens, one xssec XsuaaService per client id,
 * one circuit breaker per token URL); every test starts with them empty so no test rides on another
 * test's token.
 */
import { getDestinationFromServiceBinding, transformServiceBindingToClientCredentialsDestination } from '@sap-cloud-sdk/connectivity';
import type { Destination, Service, ServiceBindingTransformFunction } from '@sap-cloud-sdk/connectivity';
import { encodeAllParameters, executeHttpRequest } from '@sap-cloud-sdk/http-client';
import { useSimulator } from '../../simulator/testkit';

// Cache handles are exported only from the SDK's `internal` entry points (package.json `exports`),
// which the project's `moduleResolution: node` type-check cannot see: typed here by hand.
const connectivityInternal = require('@sap-cloud-sdk/connectivity/internal') as {
	clientCredentialsTokenCache: { clear(): void };
	clearXsuaaServices(): void;
};
const resilienceInternal = require('@sap-cloud-sdk/resilience/internal') as { circuitBreakers: Record<string, unknown> };

function clearSdkCaches() {
	connectivityInternal.clientCredentialsTokenCache.clear();
	connectivityInternal.clearXsuaaServices();
	for (const key of Object.keys(resilienceInternal.circuitBreakers)) delete resilienceInternal.circuitBreakers[key];
}

type Json = Record<string, any>;

/**
 * `SAPCloudALMAPIs` is not one of the SDK's built-in binding types; its binding nests the XSUAA block
 * under `uaa` and the API base under `endpoints.Api`. So the developer passes a transform, built
 * from the SDK's own client-credentials transform exactly as the SDK builds its `workflow` and
 * `business-logging` transforms (connectivity/dist/scp-cf/destination/service-binding-to-destination.js).
 * The CIS key has the same shape (`uaa` + `endpoints.*_service_url`).
 */
const nestedUaa =
	(apiUrl: (credentials: Json) => string): ServiceBindingTransformFunction =>
	(service, options) =>
		transformServiceBindingToClientCredentialsDestination(
			{ ...service, credentials: service.credentials.uaa },
			{ ...options, url: apiUrl(service.credentials) },
		);
const cloudAlmTransform = nestedUaa((c) => c.endpoints.Api);

/**
 * A binding as it appears in VCAP_SERVICES / a mounted secret. The SDK's `ServiceCredentials` type wants
 * `clientid` at the top; Cloud ALM and CIS keys nest it under `uaa`, which `nestedUaa` takes care of.
 */
const vcap = (name: string, label: string, plan: string, credentials: Json): Service => ({
	name,
	label,
	plan,
	tags: [],
	credentials: credentials as Service['credentials'],
});

// Query parameters given in the request config count as `custom` and are sent as they are unless a
// parameter encoder is set (http-client/dist/http-client.js getEncodedParameters): a fieldQuery has
// spaces and quotes, so the developer passes the SDK's own `encodeAllParameters`.
const get = async (destination: Destination, url: string, params?: Json) =>
	(await executeHttpRequest(destination as any, { method: 'get', url, params, parameterEncoder: encodeAllParameters })).data;
// SAP Cloud ALM's REST APIs and Service Manager use bearer tokens, not CSRF tokens: skip the SDK's
// default CSRF HEAD request on writes (SDK docs, "HTTP Client": `fetchCsrfToken: false`).
const post = async (destination: Destination, url: string, data: Json) =>
	executeHttpRequest(destination as any, { method: 'post', url, data }, { fetchCsrfToken: false });

const sim = useSimulator({ reset: false });
/** The Cloud ALM binding the SDK created (name, id, credentials) and the one with a certificate. */
let binding: { id: string; name: string; credentials: Json };
let x509Binding: { id: string; name: string; credentials: Json };
const SEEDED_PROJECT = 'S/4HANA Implementation';

/** SM: create a binding on `instanceId` with the SDK, follow the 202 operation, read it back. */
async function createBinding(sm: Destination, instanceId: string, name: string, parameters?: Json) {
	const created = await post(sm, '/v1/service_bindings', { name, service_instance_id: instanceId, ...(parameters ? { parameters } : {}) });
	expect(created.status).toBe(202);
	const location = String(created.headers.location);
	let op: Json = {};
	for (let i = 0; i < 400 && op.state !== 'succeeded' && op.state !== 'failed'; i++) {
		if (i) await new Promise((r) => setTimeout(r, 25));
		op = await get(sm, location);
	}
	expect(op).toMatchObject({ type: 'create', state: 'succeeded', resource_type: '/v1/service_bindings' });
	const read = await get(sm, `/v1/service_bindings/${op.resource_id}`);
	expect(read).toMatchObject({ name, service_instance_id: instanceId, ready: true });
	return { id: read.id as string, name, credentials: read.credentials as Json };
}

beforeAll(async () => {
	clearSdkCaches();

	// ---- CIS central key → Accounts: the Cloud ALM tenant and Service Manager access to it
	const cis = await getDestinationFromServiceBinding({
		service: vcap('cis-central', 'cis', 'central', sim.keys.cisCentral),
		serviceBindingTransformFn: nestedUaa((c) => c.endpoints.accounts_service_url),
	});
	const subaccounts = await get(cis, '/accounts/v1/subaccounts');
	const tenant = subaccounts.value.find((s: Json) => s.subdomain === 'acme-calm');
	expect(tenant).toBeDefined();
	const access = await post(cis, `/accounts/v2/subaccounts/${tenant.guid}/serviceManagerBindings`, { name: 'cloud-sdk-judge' });
	expect(access.status).toBe(201);

	// ---- Service Manager through the SDK's built-in `service-manager` transform (uses `sm_url`)
	const sm = await getDestinationFromServiceBinding({ service: vcap('sm-acme-calm', 'service-manager', 'subaccount-admin', access.data) });
	const instances = await get(sm, '/v1/service_instances', { fieldQuery: "name eq 'SAPCloudALMAPIs-default'" });
	// only Service Manager's own instances can be bound through it (Peripli check_binding_visibility_filter.go)
	const ours = instances.items.filter((i: Json) => (i.platform_id ?? 'service-manager') === 'service-manager');
	expect(ours).toHaveLength(1);

	binding = await createBinding(sm, ours[0].id, 'cloud-sdk-judge');
	x509Binding = await createBinding(sm, ours[0].id, 'cloud-sdk-judge-x509', {
		'credential-type': 'x509',
		x509: { validity: 7, 'validity-type': 'DAYS' },
	});
}, 60_000);


beforeEach(() => clearSdkCaches());

/** Request-log entries after `since` (the simulator logs service, route, status and token owner). */
const entriesSince = (since: number) => sim.log.summary(since).entries;

test('the SDK makes a destination from the new binding, fetches its own token and reads Cloud ALM projects', async () => {
	const since = sim.log.summary().lastSeq;
	const clientid = binding.credentials.uaa.clientid as string;
	expect(binding.credentials.uaa.clientsecret).toEqual(expect.any(String));

	// `useCache: true` spelled out: getDestinationFromServiceBinding passes `useCache: undefined` on to
	// serviceToken, which overrides its own default `true` (connectivity/dist/scp-cf/token-accessor.js)
	const calm = await getDestinationFromServiceBinding({
		service: vcap('calm-api', 'SAPCloudALMAPIs', 'standard', binding.credentials),
		serviceBindingTransformFn: cloudAlmTransform,
		useCache: true,
	});
	expect(calm).toMatchObject({ url: binding.credentials.endpoints.Api, authentication: 'OAuth2ClientCredentials' });

	const projects = await get(calm, '/calm-projects/v1/projects');
	expect(projects).toEqual(expect.arrayContaining([expect.objectContaining({ name: SEEDED_PROJECT, status: 'O' })]));
	const seeded = projects.find((p: Json) => p.name === SEEDED_PROJECT);
	expect(await get(calm, `/calm-projects/v1/projects/${seeded.id}`)).toMatchObject({ id: seeded.id, name: SEEDED_PROJECT });

	// a second destination for the same binding reuses the SDK's cached token: one token fetch
	const again = await getDestinationFromServiceBinding({
		service: vcap('calm-api', 'SAPCloudALMAPIs', 'standard', binding.credentials),
		serviceBindingTransformFn: cloudAlmTransform,
		useCache: true,
	});
	expect(await get(again, '/calm-projects/v1/projects')).toHaveLength(projects.length);

	const log = entriesSince(since);
	const tokenCalls = log.filter((e) => e.service === 'uaa' && e.route === '/oauth/token');
	expect(tokenCalls).toEqual([expect.objectContaining({ method: 'POST', status: 200, clientid })]);
	const calmCalls = log.filter((e) => e.service === 'cloudAlm');
	expect(calmCalls).toHaveLength(3);
	for (const c of calmCalls) expect(c).toMatchObject({ status: 200, clientid });
	// the token came before the first API call (the SDK fetched it, not the test)
	expect(tokenCalls[0].seq).toBeLessThan(calmCalls[0].seq);
});

test('the SDK creates a task in the seeded project and reads it back in the task list', async () => {
	const calm = await getDestinationFromServiceBinding({
		service: vcap('calm-api', 'SAPCloudALMAPIs', 'standard', binding.credentials),
		serviceBindingTransformFn: cloudAlmTransform,
	});
	const projects = await get(calm, '/calm-projects/v1/projects');
	const projectId = projects.find((p: Json) => p.name === SEEDED_PROJECT).id;

	const created = await post(calm, '/calm-tasks/v1/tasks', { projectId, title: 'Judged by the SAP Cloud SDK', type: 'CALMTASK' });
	expect(created.status).toBe(201);
	expect(created.data).toMatchObject({ id: expect.any(String), projectId, title: 'Judged by the SAP Cloud SDK', type: 'CALMTASK' });

	const tasks = await get(calm, '/calm-tasks/v1/tasks', { projectId, limit: 1000 });
	expect(tasks).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.data.id, title: 'Judged by the SAP Cloud SDK' })]));
	expect(await get(calm, `/calm-tasks/v1/tasks/${created.data.id}`)).toMatchObject({ id: created.data.id, projectId });
});

test('an X.509 binding: the SDK fetches the token over mTLS at `certurl` and reads projects', async () => {
	const since = sim.log.summary().lastSeq;
	const uaa = x509Binding.credentials.uaa;
	expect(uaa).toMatchObject({ 'credential-type': 'x509', certificate: expect.stringContaining('BEGIN CERTIFICATE'), certurl: expect.stringMatching(/^https:/) });
	expect(uaa.clientsecret).toBeUndefined();

	const calm = await getDestinationFromServiceBinding({
		service: vcap('calm-api-x509', 'SAPCloudALMAPIs', 'standard', x509Binding.credentials),
		serviceBindingTransformFn: cloudAlmTransform,
	});
	const projects = await get(calm, '/calm-projects/v1/projects');
	expect(projects).toEqual(expect.arrayContaining([expect.objectContaining({ name: SEEDED_PROJECT })]));

	const tokenCalls = entriesSince(since).filter((e) => e.route === '/oauth/token');
	expect(tokenCalls).toEqual([expect.objectContaining({ service: 'uaaCert', status: 200, clientid: uaa.clientid })]);
});

test('a wrong client secret: the SDK fails with its token error, and Cloud ALM is never called', async () => {
	const since = sim.log.summary().lastSeq;
	const wrongSecret = `${binding.credentials.uaa.clientsecret}x`;
	const wrong = { ...binding.credentials, uaa: { ...binding.credentials.uaa, clientsecret: wrongSecret } };

	const failure = await getDestinationFromServiceBinding({
		service: vcap('calm-api', 'SAPCloudALMAPIs', 'standard', wrong),
		serviceBindingTransformFn: cloudAlmTransform,
	}).then(
		() => undefined,
		(e: Error & { cause?: Error }) => e,
	);
	expect(failure).toBeInstanceOf(Error);
	expect(failure!.message).toBe('Could not fetch client credentials token for service of type "SAPCloudALMAPIs".');
	expect(failure!.cause?.message).toMatch(/401/);
	// neither secret leaks into the SDK's error
	const text = `${failure!.message} ${failure!.cause?.message} ${failure!.cause?.stack}`;
	expect(text).not.toContain(wrongSecret);
	expect(text).not.toContain(binding.credentials.uaa.clientsecret);

	const log = entriesSince(since);
	expect(log.filter((e) => e.route === '/oauth/token')).toEqual([
		expect.objectContaining({ service: 'uaa', status: 401, clientid: binding.credentials.uaa.clientid }),
	]);
	expect(log.filter((e) => e.service === 'cloudAlm')).toEqual([]);
});
