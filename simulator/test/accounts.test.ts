/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * CIS Accounts service of the simulator over real HTTP: subaccounts (list, filters, one, 404),
 * Service Manager access keys through CIS (v2 `serviceManagerBindings`, v1
 * `serviceManagementBinding`) whose keys really yield tokens, scopes, job status, error format.
 */
import * as https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { SUBACCOUNT_IDS, customerGuid } from '../seed';
import { cisClients, fetchToken, httpClient, pollJob, useSimulator } from '../testkit';

let control: AxiosInstance;
let acc: AxiosInstance;

const DEV = SUBACCOUNT_IDS.dev;
const QA = SUBACCOUNT_IDS.qa;

// the CIS limit (on by default, per endpoint per caller) has its own tests in entitlements.test.ts
const sim = useSimulator({ reset: {}, profile: { ...DEFAULT_PROFILE, cisRequestsPerWindow: 0 }, faults: NO_FAULTS });
beforeAll(async () => {
	control = httpClient(sim.urls.control);
});
beforeEach(async () => {
	acc = (await cisClients(sim.keys.cisCentral)).accounts;
});

function expectCisError(res: { status: number; data: unknown }, status: number, code: number, target: string) {
	expect(res.status).toBe(status);
	const body = res.data as { error: Record<string, unknown> };
	expect(body).toEqual({
		error: {
			code,
			message: expect.any(String),
			target,
			correlationID: expect.stringMatching(/^[0-9a-f-]{36}$/),
			...(body.error.details ? { details: expect.any(Array) } : {}),
		},
	});
	return body.error;
}

describe('subaccounts', () => {
	it('lists every subaccount as SubaccountResponseObject with epoch-ms dates', async () => {
		const res = await acc.get('/accounts/v1/subaccounts');
		expect(res.status).toBe(200);
		expect(Object.keys(res.data)).toEqual(['value']);
		expect(res.data.value).toHaveLength(4 + 5);
		const dev = res.data.value.find((s: { guid: string }) => s.guid === DEV);
		expect(dev).toMatchObject({
			guid: DEV,
			technicalName: DEV,
			displayName: 'Acme Dev',
			subdomain: 'acme-dev',
			region: 'eu10',
			globalAccountGUID: sim.context.state.globalAccount.guid,
			parentGUID: sim.context.state.globalAccount.guid,
			parentType: 'ROOT',
			betaEnabled: false,
			usedForProduction: 'UNSET',
			state: 'OK',
			description: 'Development',
			contractStatus: 'ACTIVE',
		});
		expect(typeof dev.createdDate).toBe('number');
		expect(typeof dev.modifiedDate).toBe('number');
		const qa = res.data.value.find((s: { guid: string }) => s.guid === QA);
		expect(qa).not.toHaveProperty('description');
		expect(qa).not.toHaveProperty('labels');
		expect(res.data.value.find((s: { guid: string }) => s.guid === SUBACCOUNT_IDS.calm).labels).toEqual({
			purpose: ['cloud-alm'],
		});
	});

	it('filters by labelSelector (= and !=) and directoryGUID', async () => {
		const eq = await acc.get('/accounts/v1/subaccounts', { params: { labelSelector: 'purpose=cloud-alm' } });
		expect(eq.data.value.map((s: { guid: string }) => s.guid)).toEqual([SUBACCOUNT_IDS.calm]);
		const ne = await acc.get('/accounts/v1/subaccounts', { params: { labelSelector: 'purpose!=cloud-alm' } });
		expect(ne.data.value).toHaveLength(8);
		const both = await acc.get('/accounts/v1/subaccounts', {
			params: { labelSelector: 'purpose=cloud-alm AND purpose!=other' },
		});
		expect(both.data.value).toHaveLength(1);
		const invalid = await acc.get('/accounts/v1/subaccounts', { params: { labelSelector: 'no operator' } });
		expectCisError(invalid, 400, 11001, '/accounts/v1/subaccounts');
		const dir = await acc.get('/accounts/v1/subaccounts', { params: { directoryGUID: 'some-directory' } });
		expect(dir.data).toEqual({ value: [] });
	});

	it('gets one subaccount and answers 404 in CIS format for an unknown one', async () => {
		const one = await acc.get(`/accounts/v1/subaccounts/${customerGuid(3)}`);
		expect(one.status).toBe(200);
		expect(one.data).toMatchObject({ guid: customerGuid(3), displayName: 'Customer 003', subdomain: 'customer-003' });
		const missing = await acc.get('/accounts/v1/subaccounts/does-not-exist');
		expect(expectCisError(missing, 404, 20004, '/accounts/v1/subaccounts/does-not-exist').message).toContain(
			'does-not-exist',
		);
	});

	it('needs global-account.subaccount.read unless derivedAuthorizations=any', async () => {
		const smKey = sim.keys.serviceManager;
		const smToken = await fetchToken({
			url: smKey.url ?? '',
			clientid: smKey.clientid,
			clientsecret: smKey.clientsecret,
		});
		const sm = httpClient(sim.urls.accounts, smToken);
		const denied = await sm.get('/accounts/v1/subaccounts');
		expect(expectCisError(denied, 403, 11003, '/accounts/v1/subaccounts').message).toContain(
			'global-account.subaccount.read',
		);
		expect((await sm.get('/accounts/v1/subaccounts', { params: { derivedAuthorizations: 'any' } })).status).toBe(200);
		const anonymous = await httpClient(sim.urls.accounts).get('/accounts/v1/subaccounts');
		expectCisError(anonymous, 401, 11002, '/accounts/v1/subaccounts');
	});

	it('answers an injected rate-limit fault with the CIS 11006 body', async () => {
		await control.post('/__sim/faults', { rateLimit: 1, paths: ['/accounts/v1/subaccounts'] });
		const res = await acc.get('/accounts/v1/subaccounts');
		const err = expectCisError(res, 429, 11006, '/accounts/v1/subaccounts');
		expect(err.details).toEqual([
			{ code: 11007, message: expect.stringMatching(/^Maximum request rate limit is \d+ requests in \d+ seconds$/) },
		]);
		expect(res.headers['retry-after']).toBeUndefined();
	});
});

describe('Service Manager access keys through CIS', () => {
	const v2 = (guid: string) => `/accounts/v2/subaccounts/${guid}/serviceManagerBindings`;

	it('creates a client-secret key (v2) whose credentials reach the Service Manager', async () => {
		expectCisError(await acc.get(v2(QA)), 404, 20013, v2(QA));
		const created = await acc.post(v2(QA), { name: 'n8n-access' });
		expect(created.status).toBe(201);
		expect(created.data).toEqual({
			name: 'n8n-access',
			clientid: expect.any(String),
			clientsecret: expect.any(String),
			sm_url: sim.urls.serviceManager,
			url: sim.urls.uaa,
			xsappname: expect.any(String),
			creationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		const token = await fetchToken(created.data);
		const offerings = await httpClient(created.data.sm_url, token).get('/v1/service_offerings');
		expect(offerings.status).toBe(200);

		const dup = await acc.post(v2(QA), { name: 'n8n-access' });
		expect(expectCisError(dup, 409, 20012, v2(QA)).message).toContain('n8n-access');
		const list = await acc.get(v2(QA));
		expect(list.status).toBe(200);
		expect(list.data.items.map((b: { name: string }) => b.name)).toEqual(['n8n-access']);
		const one = await acc.get(`${v2(QA)}/n8n-access`);
		expect(one.data.clientid).toBe(created.data.clientid);
	});

	it('creates an X.509 key with camelCase certUrl that works over mTLS', async () => {
		const created = await acc.post(v2(DEV), {
			name: 'x509-access',
			parameters: { 'credential-type': 'x509', x509: { 'key-length': 2048, validity: 1, 'validity-type': 'DAYS' } },
		});
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({
			certificate: expect.stringContaining('BEGIN CERTIFICATE'),
			key: expect.stringContaining('PRIVATE KEY'),
			certUrl: sim.urls.uaaCert,
		});
		expect(created.data).not.toHaveProperty('clientsecret');
		expect(created.data).not.toHaveProperty('certurl');
		const res = await axios.post(
			`${created.data.certUrl}/oauth/token`,
			new URLSearchParams({ grant_type: 'client_credentials', client_id: created.data.clientid }).toString(),
			{
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				httpsAgent: new https.Agent({ cert: created.data.certificate, key: created.data.key }),
			},
		);
		expect(res.status).toBe(200);
		expect(res.data.access_token.split('.')).toHaveLength(3);
	});

	it('deletes a key: the binding is gone and its client can no longer get tokens', async () => {
		const created = await acc.post(v2(DEV), { name: 'short-lived' });
		const del = await acc.delete(`${v2(DEV)}/short-lived`);
		expect(del.status).toBe(200);
		expectCisError(await acc.get(`${v2(DEV)}/short-lived`), 404, 20013, `${v2(DEV)}/short-lived`);
		expectCisError(await acc.delete(`${v2(DEV)}/short-lived`), 404, 20013, `${v2(DEV)}/short-lived`);
		await expect(fetchToken(created.data)).rejects.toMatchObject({ response: { status: 401 } });
	});

	it('validates the name and the subaccount, and needs the update scope', async () => {
		expectCisError(await acc.post(v2(DEV), {}), 400, 20011, v2(DEV));
		expectCisError(await acc.post(v2('unknown'), { name: 'x' }), 404, 20004, v2('unknown'));
		const viewer = (await cisClients(sim.keys.cisCentralViewer)).accounts;
		const denied = await viewer.post(v2(DEV), { name: 'x' });
		expect(expectCisError(denied, 403, 11003, v2(DEV)).message).toContain('global-account.subaccount.update');
		expect(sim.context.state.smAccess).toHaveLength(0);
	});

	it('serves the v1 serviceManagementBinding (create once, get, delete)', async () => {
		const path = `/accounts/v1/subaccounts/${QA}/serviceManagementBinding`;
		expectCisError(await acc.get(path), 404, 20013, path);
		const created = await acc.post(path);
		expect(created.status).toBe(201);
		expect(Object.keys(created.data).sort()).toEqual(['clientid', 'clientsecret', 'sm_url', 'url', 'xsappname']);
		expect((await fetchToken(created.data)).length).toBeGreaterThan(20);
		expectCisError(await acc.post(path), 409, 20012, path);
		expect((await acc.get(path)).data.clientid).toBe(created.data.clientid);
		expect((await acc.delete(path)).status).toBe(200);
		expectCisError(await acc.get(path), 404, 20013, path);
	});
});

describe('job status on the Accounts origin', () => {
	it('reports entitlement jobs (shared state) and 404 for unknown ids', async () => {
		const ent = (await cisClients(sim.keys.cisCentral)).entitlements;
		const put = await ent.put('/entitlements/v1/subaccountServicePlans', {
			subaccountServicePlans: [
				{
					serviceName: 'SAPCloudALMAPIs',
					servicePlanName: 'standard',
					assignmentInfo: [{ subaccountGUID: QA, amount: 1 }],
				},
			],
		});
		expect(put.status).toBe(202);
		const seen = await pollJob(acc, put.headers.location);
		expect(seen[seen.length - 1]).toEqual({ status: 'COMPLETED' });
		expectCisError(await acc.get('/jobs-management/v1/jobs/1/status'), 404, 80001, '/jobs-management/v1/jobs/1/status');
	});
});
