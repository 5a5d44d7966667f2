/**
 * CIS Events service of the simulator over real HTTP (SAP-docs/btp-cloud-platform Get_Events_0fd393a.md):
 * its own origin from the cis key's `endpoints.events_service_url`, `Subaccount_Creation` when a
 * subaccount is created (control API, as the cockpit would), `SubaccountEntitlements_Update` when an
 * entitlement job completes, filters, paging with `morePages`, the profile switches for what SAP
 * leaves open (first page number, default order, time format), scopes and 400s.
 */
import type { AxiosInstance } from 'axios';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { GLOBAL_ACCOUNT_GUID, SUBACCOUNT_IDS } from '../seed';
import { cisClients, fetchToken, httpClient, pollJob, useSimulator } from '../testkit';

let control: AxiosInstance;
let events: AxiosInstance;

const sim = useSimulator({ reset: {}, profile: { ...DEFAULT_PROFILE, cisRequestsPerWindow: 0, eventRecordLagMs: 0 }, faults: NO_FAULTS });
beforeAll(async () => {
	control = httpClient(sim.urls.control);
});
beforeEach(async () => {
	events = httpClient(sim.keys.cisCentral.endpoints.events_service_url, await fetchToken(sim.keys.cisCentral.uaa));
});

const created = async (subdomain: string) =>
	(await control.post('/__sim/subaccounts', { displayName: subdomain.toUpperCase(), subdomain })).data as { guid: string; createdDate: number };

test('the Events service has its own origin, named by the cis key', () => {
	const url = sim.keys.cisCentral.endpoints.events_service_url;
	expect(url).toBe(sim.urls.events);
	expect(new URL(url).port).not.toBe(new URL(sim.urls.accounts).port);
});

test('a subaccount created as in the cockpit is reported as Subaccount_Creation, in the documented shape', async () => {
	const sa = await created('onboard-me');
	const res = await events.get('/cloud-management/v1/events', { params: { eventType: 'Subaccount_Creation' } });
	expect(res.status).toBe(200);
	expect(res.data).toEqual({ total: 1, totalPages: 1, pageNum: 0, morePages: false, events: [expect.any(Object)] });
	expect(res.data.events[0]).toEqual({
		id: expect.any(Number),
		actionTime: sa.createdDate,
		creationTime: sa.createdDate,
		details: expect.objectContaining({ description: 'Subaccount created.', guid: sa.guid, displayName: 'ONBOARD-ME', subdomain: 'onboard-me', region: 'eu10' }),
		globalAccountGUID: GLOBAL_ACCOUNT_GUID,
		entityId: sa.guid,
		entityType: 'Subaccount',
		eventOrigin: 'accounts-service',
		eventType: 'Subaccount_Creation',
	});
	// the new subaccount is a real one: the Accounts service lists it, with Service Manager's admin plan
	const { accounts } = await cisClients(sim.keys.cisCentral);
	expect((await accounts.get(`/accounts/v1/subaccounts/${sa.guid}`)).status).toBe(200);
	expect(sim.context.state.assignments.filter((a) => a.subaccountGUID === sa.guid).map((a) => a.planName)).toEqual(['subaccount-admin']);
	expect((await control.post('/__sim/subaccounts', { displayName: 'Again', subdomain: 'onboard-me' })).status).toBe(409);
});

test('an entitlement job that completes is reported once as SubaccountEntitlements_Update, per plan and subaccount', async () => {
	const { entitlements } = await cisClients(sim.keys.cisCentral);
	const put = await entitlements.put('/entitlements/v1/subaccountServicePlans', {
		subaccountServicePlans: [
			{ serviceName: 'SAPCloudALMAPIs', servicePlanName: 'standard', assignmentInfo: [{ subaccountGUID: SUBACCOUNT_IDS.dev, amount: 2 }] },
		],
	});
	expect(put.status).toBe(202);
	const before = await events.get('/cloud-management/v1/events', { params: { eventType: 'SubaccountEntitlements_Update' } });
	expect(before.data.total).toBe(0); // the job is still running
	await pollJob(entitlements, put.headers.location as string);
	const after = await events.get('/cloud-management/v1/events', { params: { eventType: 'SubaccountEntitlements_Update' } });
	expect(after.data.total).toBe(1);
	const event = after.data.events[0];
	expect(event).toMatchObject({ entityType: 'GlobalAccount', entityId: GLOBAL_ACCOUNT_GUID, eventOrigin: 'entitlements-service' });
	// as in SAP's example: JSON strings, plans keyed by their unique identifier
	const plans = JSON.parse(event.details.servicePlanAssignments);
	expect(plans['sapcloudalmapis-standard']).toMatchObject({
		serviceName: 'SAPCloudALMAPIs',
		servicePlanName: 'standard',
		increased: { [SUBACCOUNT_IDS.dev]: { amount: 2, servicePlanAssignmentId: expect.any(Number) } },
		decreased: {},
	});
	expect(JSON.parse(event.details.subaccountIdToRegion)).toEqual({ [SUBACCOUNT_IDS.dev]: 'eu10' });
});

test('filters: event type (repeated or comma-joined), entity, time frames (inclusive)', async () => {
	sim.context.now = () => 1_700_000_000_000;
	const a = await created('a-one');
	sim.context.now = () => 1_700_000_005_000;
	const b = await created('b-two');
	sim.context.now = () => Date.now();
	const get = async (params: Record<string, unknown>) => (await events.get('/cloud-management/v1/events', { params })).data;
	expect((await get({ entityId: a.guid })).events.map((e: { entityId: string }) => e.entityId)).toEqual([a.guid]);
	expect((await get({ fromActionTime: 1_700_000_005_000 })).total).toBe(1);
	expect((await get({ toCreationTime: 1_700_000_000_000 })).events[0].entityId).toBe(a.guid);
	expect((await get({ fromCreationTime: 1_700_000_000_000, toCreationTime: 1_700_000_005_000 })).total).toBe(2);
	expect((await get({ eventType: 'Subaccount_Creation,Subaccount_Deletion' })).total).toBe(2);
	const repeated = await events.get(`/cloud-management/v1/events?eventType=Subaccount_Creation&eventType=Subaccount_Deletion&entityId=${b.guid}`);
	expect(repeated.data.total).toBe(1);
});

test('paging: pageSize (max 150), morePages, first page number and default order from the profile', async () => {
	for (let n = 0; n < 5; n++) await created(`page-${n}`);
	const page0 = (await events.get('/cloud-management/v1/events', { params: { pageSize: 2 } })).data;
	expect(page0).toMatchObject({ total: 5, totalPages: 3, pageNum: 0, morePages: true });
	expect(page0.events.map((e: { details: { subdomain: string } }) => e.details.subdomain)).toEqual(['page-4', 'page-3']); // DESC by default
	const last = (await events.get('/cloud-management/v1/events', { params: { pageSize: 2, pageNum: 2 } })).data;
	expect(last).toMatchObject({ pageNum: 2, morePages: false });
	expect(last.events).toHaveLength(1);
	const asc = (await events.get('/cloud-management/v1/events', { params: { pageSize: 2, sortOrder: 'ASC' } })).data;
	expect(asc.events[0].details.subdomain).toBe('page-0');

	await control.post('/__sim/profile', { eventsFirstPage: 1, eventsDefaultOrder: 'ASC', eventsTimeFormat: 'isoString' });
	const first = (await events.get('/cloud-management/v1/events', { params: { pageSize: 2 } })).data;
	expect(first).toMatchObject({ pageNum: 1, morePages: true });
	expect(first.events[0].details.subdomain).toBe('page-0');
	expect(first.events[0].actionTime).toMatch(/^\d{4}-\d\d-\d\dT/);
	expect((await events.get('/cloud-management/v1/events', { params: { pageNum: 0 } })).status).toBe(400);
	await control.post('/__sim/profile', { eventsTimeFormat: 'numericString' });
	expect((await events.get('/cloud-management/v1/events')).data.events[0].actionTime).toMatch(/^\d+$/);
});

test('an event is visible only once its record is written (eventRecordLagMs)', async () => {
	await control.post('/__sim/profile', { eventRecordLagMs: 60_000 });
	await created('later');
	expect((await events.get('/cloud-management/v1/events')).data.total).toBe(0);
	sim.context.now = () => Date.now() + 61_000;
	expect((await events.get('/cloud-management/v1/events')).data.total).toBe(1);
	sim.context.now = () => Date.now();
});

test('400 for unknown and local event types and invalid arguments, 401 without a token, event types route', async () => {
	const bad = async (params: Record<string, unknown>) => (await events.get('/cloud-management/v1/events', { params })).status;
	expect(await bad({ eventType: 'Subaccount_Invented' })).toBe(400);
	expect(await bad({ eventType: 'SubaccountAppSubscription_Creation' })).toBe(400);
	expect(await bad({ fromActionTime: '2025-01-01' })).toBe(400);
	expect(await bad({ sortOrder: 'SIDEWAYS' })).toBe(400);
	const error = await events.get('/cloud-management/v1/events', { params: { eventType: 'Subaccount_Invented' } });
	expect(error.data.error).toMatchObject({ code: expect.any(Number), message: expect.stringContaining('unknown') });
	expect((await httpClient(sim.urls.events).get('/cloud-management/v1/events')).status).toBe(401);
	const types = await events.get('/cloud-management/v1/events/types');
	expect(types.data).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Subaccount_Creation', category: 'CENTRAL' })]));
	// every cis plan can read events, the viewer key too
	const viewer = httpClient(sim.urls.events, await fetchToken(sim.keys.cisCentralViewer.uaa));
	expect((await viewer.get('/cloud-management/v1/events')).status).toBe(200);
});
