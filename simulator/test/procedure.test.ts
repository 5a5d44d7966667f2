/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * The whole SAP procedure "Enabling SAP Cloud ALM API", driven by an independent client that knows
 * only SAP's documented API and the keys `npm run simulator` prints: plain axios, no code of ours.
 * token → entitle → poll job → SM access → create instance → poll operation → bind → token from
 * the binding → call Cloud ALM; plus SAP's documented answers for the error cases.
 */
import axios, { type AxiosInstance } from 'axios';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const http = (baseURL: string, token?: string): AxiosInstance =>
	axios.create({ baseURL, validateStatus: () => true, headers: token ? { authorization: `Bearer ${token}` } : {} });

async function token(uaa: { url: string; clientid: string; clientsecret: string }) {
	// client credentials in the form body, as SAP advises for secrets with `+` (SAP-docs/btp-cloud-platform
	// "Token Retrieval Fails With Status Code 401"): a raw Basic header would lose them
	const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: uaa.clientid, client_secret: uaa.clientsecret });
	return axios.post(`${uaa.url}/oauth/token`, form.toString(), {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		validateStatus: () => true,
	});
}

/**
 * Polls a relative `Location` on `client` until `done(body)`; returns the last body. A CIS 429 (on
 * by default: per endpoint and caller) is waited out until its `X-Ratelimit-Reset` (epoch ms).
 */
async function poll(client: AxiosInstance, location: string, done: (b: Record<string, unknown>) => boolean) {
	for (let i = 0; i < 200; i++) {
		const res = await client.get(location);
		if (res.status === 429 && res.headers['x-ratelimit-reset']) {
			await sleep(Math.max(0, Number(res.headers['x-ratelimit-reset']) - Date.now()));
			continue;
		}
		expect(res.status).toBe(200);
		if (done(res.data)) return res.data;
		await sleep(25);
	}
	throw new Error(`${location} did not finish`);
}

let child: ChildProcess;
let control: string;

beforeAll(async () => {
	// the CLI, as a person starts it, on free ports (BTP_SIM_PORT=0) read back from what it prints: a port
	// derived from the pid could be taken by another worker, another checkout's run or an ephemeral port
	child = spawn(join(ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', 'simulator/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, BTP_SIM_PORT: '0' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	control = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const url = /^\s*control\s+(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(out)?.[1];
			if (out.includes('ready in') && url) resolve(url);
		});
		child.on('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
	});
}, 60_000);

// the child, its pipes and its process handle hold this jest worker open until it has exited: wait for it
afterAll(async () => {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
});

test('an independent client runs the whole procedure and gets SAP’s documented errors', async () => {
	const keys = (await axios.get(`${control}/__sim/keys`)).data;
	const cis = keys.cisCentral;

	// ---- XSUAA: a bad secret is 401 with an OAuth error body
	const bad = await token({ ...cis.uaa, clientsecret: 'not-the-secret' });
	expect(bad.status).toBe(401);
	expect(['invalid_client', 'unauthorized']).toContain(bad.data.error);

	const cisToken = await token(cis.uaa);
	expect(cisToken.status).toBe(200);
	expect(cisToken.data.token_type).toBe('bearer');
	const accounts = http(cis.endpoints.accounts_service_url, cisToken.data.access_token);
	const entitlements = http(cis.endpoints.entitlements_service_url, cisToken.data.access_token);

	// ---- find the subaccount by subdomain (the Accounts Service OpenAPI has no filter by subdomain)
	const list = await accounts.get('/accounts/v1/subaccounts');
	expect(list.status).toBe(200);
	const dev = list.data.value.find((s: { subdomain: string }) => s.subdomain === 'acme-dev');
	expect(typeof dev.createdDate).toBe('number'); // epoch milliseconds, not an ISO string

	// ---- Service Manager access through CIS (Accounts v2 serviceManagerBindings)
	const smKey = await accounts.post(`/accounts/v2/subaccounts/${dev.guid}/serviceManagerBindings`, { name: 'procedure' });
	expect(smKey.status).toBe(201);
	const smToken = await token({ url: smKey.data.url, clientid: smKey.data.clientid, clientsecret: smKey.data.clientsecret });
	const sm = http(smKey.data.sm_url, smToken.data.access_token);

	// ---- unentitled plan: SM does not know it yet
	const xsSecurity = {
		xsappname: 'calm-procedure',
		authorities: ['$XSMASTERAPPNAME.calm-api.projects.read'],
		'oauth2-configuration': { 'credential-types': ['binding-secret'] },
	};
	const early = await sm.post('/v1/service_instances?async=true', {
		name: 'calm-procedure',
		service_offering_name: 'SAPCloudALMAPIs',
		service_plan_name: 'standard',
		parameters: { 'xs-security': xsSecurity },
	});
	expect(early.status).toBe(404);
	expect(early.data).toEqual({ error: 'NotFound', description: expect.stringMatching(/service plan/i) });

	// ---- amount on an enable-only plan: 400 with CIS code 12003 in the error wrapper
	const wrongKind = await entitlements.put('/entitlements/v1/subaccountServicePlans', {
		subaccountServicePlans: [
			{ serviceName: 'auditlog-viewer', servicePlanName: 'free', assignmentInfo: [{ subaccountGUID: dev.guid, amount: 1 }] },
		],
	});
	expect(wrongKind.status).toBe(400);
	expect(wrongKind.data.error).toMatchObject({ code: 12003, target: '/entitlements/v1/subaccountServicePlans' });
	expect(wrongKind.data.error.correlationID).toEqual(expect.any(String));

	// ---- entitle: amount or enable from the plan's category
	const ga = await entitlements.get('/entitlements/v1/globalAccountAssignments', {
		params: { serviceName: 'SAPCloudALMAPIs', planName: 'standard' },
	});
	const plan = ga.data.entitledServices[0].servicePlans[0];
	const numeric = ['SERVICE', 'QUOTA_BASED_APPLICATION', 'PLATFORM', 'ENVIRONMENT'].includes(plan.category);
	const put = await entitlements.put('/entitlements/v1/subaccountServicePlans', {
		subaccountServicePlans: [
			{
				serviceName: 'SAPCloudALMAPIs',
				servicePlanName: 'standard',
				assignmentInfo: [{ subaccountGUID: dev.guid, ...(numeric ? { amount: 1 } : { enable: true }) }],
			},
		],
	});
	expect(put.status).toBe(202);
	const jobLocation = put.headers.location as string;
	expect(jobLocation).toMatch(/^\/jobs-management\/v1\/jobs\/\d+\/status$/); // relative
	const job = await poll(entitlements, jobLocation, (b) => b.status !== 'IN_PROGRESS');
	expect(job.status).toBe('COMPLETED');
	// as SAP's terraform provider does, wait for the assignment's entityState after the job: it can lag
	const assignmentPath = `/entitlements/v1/assignments?subaccountGUID=${dev.guid}&serviceName=SAPCloudALMAPIs&planName=standard`;
	const assigned = await poll(entitlements, assignmentPath, (b) => {
		const state = (b as { assignedServices: Array<{ servicePlans: Array<{ assignmentInfo: Array<{ entityState: string }> }> }> })
			.assignedServices[0].servicePlans[0].assignmentInfo[0].entityState;
		return state !== 'STARTED' && state !== 'PROCESSING';
	});
	const info = (assigned as { assignedServices: Array<{ servicePlans: Array<{ assignmentInfo: unknown[] }> }> }).assignedServices[0]
		.servicePlans[0].assignmentInfo[0];
	expect(info).toMatchObject({ entityId: dev.guid, entityState: 'OK' });

	// ---- resolve the plan as SAP's operator does: the catalog name exists in two data centers,
	// so a create by names is ambiguous (400) and the offering is taken with data_center eq ''
	const ambiguous = await sm.post('/v1/service_instances?async=true', {
		name: 'calm-procedure',
		service_offering_name: 'SAPCloudALMAPIs',
		service_plan_name: 'standard',
	});
	expect(ambiguous.status).toBe(400);
	expect(ambiguous.data.description).toMatch(/^ambiguity error/);
	const offerings = await sm.get('/v1/service_offerings', { params: { fieldQuery: "catalog_name eq 'SAPCloudALMAPIs' and data_center eq ''" } });
	expect(offerings.data.items).toHaveLength(1);
	const plans = await sm.get('/v1/service_plans', {
		params: { fieldQuery: `catalog_name eq 'standard' and service_offering_id eq '${offerings.data.items[0].id}'` },
	});
	expect(plans.data.items).toHaveLength(1);

	// ---- create the instance asynchronously and poll its operation
	const create = await sm.post('/v1/service_instances?async=true', {
		name: 'calm-procedure',
		service_plan_id: plans.data.items[0].id,
		parameters: { 'xs-security': xsSecurity },
	});
	expect(create.status).toBe(202);
	const opLocation = create.headers.location as string;
	expect(opLocation).toMatch(/^\/v1\/service_instances\/[^/]+\/operations\/[^/]+$/);
	const instanceId = opLocation.split('/')[3];
	const op = await poll(sm, opLocation, (b) => b.state !== 'in progress');
	expect(op).toMatchObject({ type: 'create', state: 'succeeded', resource_id: instanceId });

	// ---- the same name again: 409 Conflict in SM's {error, description} format
	const duplicate = await sm.post('/v1/service_instances?async=true', {
		name: 'calm-procedure',
		service_plan_id: plans.data.items[0].id,
	});
	expect(duplicate.status).toBe(409);
	expect(duplicate.data).toEqual({ error: 'Conflict', description: expect.stringContaining('same name') });

	// ---- bind, then read the credentials
	const bind = await sm.post('/v1/service_bindings?async=true', { name: 'calm-procedure-key', service_instance_id: instanceId });
	expect(bind.status).toBe(202);
	const bindingId = (bind.headers.location as string).split('/')[3];
	await poll(sm, bind.headers.location as string, (b) => b.state !== 'in progress');
	const binding = await sm.get(`/v1/service_bindings/${bindingId}`);
	const credentials = binding.data.credentials;
	expect(credentials.endpoints.Api).toMatch(/\/api$/);
	expect(credentials.uaa).toMatchObject({ clientid: expect.stringMatching(/^sb-.*\|sapcloudalm!b/), url: expect.any(String) });

	// ---- token from the binding → Cloud ALM; the instance granted only projects.read
	const calmToken = await token(credentials.uaa);
	expect(calmToken.status).toBe(200);
	const calm = http(credentials.endpoints.Api, calmToken.data.access_token);
	const projects = await calm.get('/calm-projects/v1/projects');
	expect(projects.status).toBe(200);
	expect(Array.isArray(projects.data)).toBe(true);
	const forbidden = await calm.post('/calm-projects/v1/projects', { name: 'not allowed' });
	expect(forbidden.status).toBe(403); // missing scope calm-api.projects.write

	// ---- rate limit: SM's 429 carries an HTTP-date Retry-After and a {description} body
	await axios.post(`${control}/__sim/profile`, { smInstanceCreatesPerMinute: 1 });
	const limited = await sm.post('/v1/service_instances?async=true', {
		name: 'calm-procedure-2',
		service_plan_id: plans.data.items[0].id,
	});
	expect(limited.status).toBe(429);
	expect(Number.isNaN(Date.parse(limited.headers['retry-after'] as string))).toBe(false);
	expect(limited.data.description).toMatch(/Retry-After/);
}, 60_000);
