/**
 * SAP BTP Trigger over real HTTP: n8n-core's PollContext polls the node against the simulator's
 * Events service, with the node's static data stored as JSON between polls (a restart of n8n between
 * any two polls). No flood on the first poll; each event once, oldest first; nothing lost across
 * equal timestamps, pages (0- and 1-based, either order, every time format), a poll budget that ends
 * a window early, and an Events service clock behind n8n's; entitlement events with their subaccounts.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';
import { useSimulator, cisClients, pollJob } from '../../../simulator/testkit';
import { DEFAULT_PROFILE } from '../../../simulator/profile';
import { SUBACCOUNT_IDS } from '../../../simulator/seed';
import { pollTrigger } from './pollHarness';

const sim = useSimulator({ reset: { customers: 0 }, profile: { ...DEFAULT_PROFILE, cisRequestsPerWindow: 0, eventRecordLagMs: 0 } });

async function createSubaccount(subdomain: string): Promise<string> {
	const res = await axios.post(`${sim.urls.control}/__sim/subaccounts`, { displayName: `Sub ${subdomain}`, subdomain });
	return (res.data as { guid: string }).guid;
}

test('the first poll emits nothing (no flood), a new subaccount is emitted once, and a restart between polls repeats nothing', async () => {
	await createSubaccount('existing-one');
	const first = await pollTrigger(sim);
	expect(first.error).toBeUndefined();
	expect(first.emitted).toBe(false);
	expect(first.staticData).toMatchObject({ since: expect.any(Number), eventTypes: 'Subaccount_Creation' });

	const guid = await createSubaccount('brand-new');
	const second = await pollTrigger(sim, { staticData: first.staticData });
	expect(second.items).toEqual([
		expect.objectContaining({
			eventType: 'Subaccount_Creation',
			entityType: 'Subaccount',
			subaccountGuid: guid,
			subaccountName: 'Sub brand-new',
			subdomain: 'brand-new',
			actionTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			details: expect.objectContaining({ guid, description: 'Subaccount created.' }),
		}),
	]);
	// the same window again (its overlap still holds the event): nothing new
	const third = await pollTrigger(sim, { staticData: second.staticData });
	expect(third.emitted).toBe(false);
});

describe.each([
	{ eventsFirstPage: 0, eventsDefaultOrder: 'DESC', eventsTimeFormat: 'number' },
	{ eventsFirstPage: 1, eventsDefaultOrder: 'ASC', eventsTimeFormat: 'numericString' },
	{ eventsFirstPage: 0, eventsDefaultOrder: 'ASC', eventsTimeFormat: 'isoString' },
	{ eventsFirstPage: 1, eventsDefaultOrder: 'DESC', eventsTimeFormat: 'isoString' },
] as const)('every reading of what SAP leaves open: %o', (profile) => {
	test('160 events with the SAME timestamp over two pages of 150: each emitted once, in id order', async () => {
		Object.assign(sim.context.profile, profile);
		const first = await pollTrigger(sim);
		const at = Date.now() - 2000; // one millisecond for all of them
		sim.context.now = () => at;
		const guids: string[] = [];
		for (let n = 0; n < 160; n++) guids.push(await createSubaccount(`same-ms-${n}`));
		sim.context.now = () => Date.now();
		const before = sim.log.summary().lastSeq;
		const second = await pollTrigger(sim, { staticData: first.staticData });
		// two pages: the first without pageNum, then the answered pageNum + 1
		const pages = sim.log.summary(before).entries.filter((e) => e.service === 'events');
		expect(pages).toHaveLength(2);
		expect(pages[1].path).toContain(`pageNum=${profile.eventsFirstPage + 1}`);
		expect(second.error).toBeUndefined();
		expect(second.items.map((i) => i.subaccountGuid)).toEqual(guids);
		expect(new Set(second.items.map((i) => i.creationTime)).size).toBe(1);
		const third = await pollTrigger(sim, { staticData: second.staticData });
		expect(third.emitted).toBe(false);
	});
});

test('a poll budget that ends before the last page: the rest comes with the next poll, nothing twice', async () => {
	const first = await pollTrigger(sim);
	for (let n = 0; n < 155; n++) await createSubaccount(`budget-${n}`);
	const cut = await pollTrigger(sim, { staticData: first.staticData, budgetMs: 1 });
	expect(cut.items).toHaveLength(150);
	expect(cut.staticData.since).toBe(first.staticData.since); // the window is read again
	const rest = await pollTrigger(sim, { staticData: cut.staticData });
	expect(rest.items).toHaveLength(5);
	const all = [...cut.items, ...rest.items].map((i) => i.subdomain);
	expect(new Set(all).size).toBe(155);
});

test('an Events service whose clock is behind n8n\'s (within the overlap) loses nothing', async () => {
	const first = await pollTrigger(sim);
	sim.context.now = () => Date.now() - 3 * 60 * 1000; // SAP records it 3 minutes "earlier"
	const guid = await createSubaccount('late-clock');
	const second = await pollTrigger(sim, { staticData: first.staticData });
	expect(second.items.map((i) => i.subaccountGuid)).toEqual([guid]);
});

test('entitlement changed: SubaccountEntitlements_Update with the subaccounts and plans it changed', async () => {
	const first = await pollTrigger(sim, { eventTypes: ['SubaccountEntitlements_Update'] });
	const { entitlements } = await cisClients(sim.keys.cisCentral);
	const put = await entitlements.put('/entitlements/v1/subaccountServicePlans', {
		subaccountServicePlans: [
			{
				serviceName: 'SAPCloudALMAPIs',
				servicePlanName: 'standard',
				assignmentInfo: [
					{ subaccountGUID: SUBACCOUNT_IDS.dev, amount: 1 },
					{ subaccountGUID: SUBACCOUNT_IDS.qa, amount: 2 },
				],
			},
		],
	});
	await pollJob(entitlements, put.headers.location as string);
	await createSubaccount('not-this-type');
	const second = await pollTrigger(sim, { eventTypes: ['SubaccountEntitlements_Update'], staticData: first.staticData });
	expect(second.items).toHaveLength(1);
	const item = second.items[0];
	expect(item).toMatchObject({ eventType: 'SubaccountEntitlements_Update', entityType: 'GlobalAccount' });
	expect(item.subaccountGuids).toEqual([SUBACCOUNT_IDS.dev, SUBACCOUNT_IDS.qa]);
	expect(item.subaccounts).toEqual([
		{ subaccountGuid: SUBACCOUNT_IDS.dev, serviceName: 'SAPCloudALMAPIs', servicePlanName: 'standard', servicePlanUniqueIdentifier: 'sapcloudalmapis-standard', amount: 1, change: 'increased' },
		{ subaccountGuid: SUBACCOUNT_IDS.qa, serviceName: 'SAPCloudALMAPIs', servicePlanName: 'standard', servicePlanUniqueIdentifier: 'sapcloudalmapis-standard', amount: 2, change: 'increased' },
	]);
});

test('several event types; another selection starts over without a flood', async () => {
	const types = ['Subaccount_Creation', 'SubaccountEntitlements_Update'];
	const first = await pollTrigger(sim, { eventTypes: ['Subaccount_Creation'] });
	await createSubaccount('before-switch');
	const switched = await pollTrigger(sim, { eventTypes: types, staticData: first.staticData });
	expect(switched.emitted).toBe(false);
	expect(switched.staticData.eventTypes).toBe([...types].sort().join(','));
	await createSubaccount('after-switch');
	const next = await pollTrigger(sim, { eventTypes: types, staticData: switched.staticData });
	expect(next.items.map((i) => i.subdomain)).toEqual(['after-switch']);
});

test('"Fetch Test Event" (manual) shows the newest event and leaves the watermark alone', async () => {
	await createSubaccount('older');
	await createSubaccount('newest');
	const stored: IDataObject = { since: 1, seen: {}, eventTypes: 'Subaccount_Creation' };
	const manual = await pollTrigger(sim, { mode: 'manual', staticData: stored });
	expect(manual.items.map((i) => i.subdomain)).toEqual(['newest']);
	expect(manual.staticData).toEqual(stored);
});

test('clear errors: a key without events_service_url, SAP\'s 400 for a type the key cannot read', async () => {
	const endpoints: Record<string, string> = { ...sim.keys.cisCentral.endpoints };
	delete endpoints.events_service_url;
	const noEvents = await pollTrigger(sim, { cisKey: { ...sim.keys.cisCentral, endpoints } });
	expect(noEvents.error?.message).toBe('The SAP BTP Cloud Management API credential has no Events service URL');
	expect((noEvents.error as { description?: string }).description).toContain('endpoints.events_service_url');
	const local = await pollTrigger(sim, { eventTypes: ['SubaccountAppSubscription_Creation'] });
	expect(local.error?.message).toMatch(/Events service rejected .*doesn't belong to the events group/);
	const none = await pollTrigger(sim, { eventTypes: [] });
	expect(none.error?.message).toBe('Select at least one event type');
});
