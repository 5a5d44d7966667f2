/**
 * SAP Cloud ALM Status Events of the simulator over real HTTP: the REST list (bare array), filters,
 * the time window (overlap; an open event lasts until now), `period`, `limit`/`offset` paging, a 403
 * naming calm-api.bsm.read, bad input.
 */
import type { AxiosInstance } from 'axios';
import { CALM_XSMASTERAPPNAME } from '../clients';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { fetchToken, httpClient, useSimulator, type UaaBlock } from '../testkit';

const sim = useSimulator({ profile: DEFAULT_PROFILE, faults: NO_FAULTS });
const EVENTS = '/bsm-service/v1/events';
const DAY = 86_400_000;

async function connect(grant: string[] = []): Promise<AxiosInstance> {
	const key = sim.keys.cloudAlm as unknown as { endpoints: { Api: string }; uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, ...grant.map((s) => `${CALM_XSMASTERAPPNAME}.${s}`)];
	return httpClient(key.endpoints.Api, await fetchToken(key.uaa as unknown as UaaBlock));
}

type Event = { eventType: string; serviceName: string; eventStartTime: string; eventEndTime: string | null };

describe('Status events (bsm-service)', () => {
	it('403 names calm-api.bsm.read; with it, a bare array of every seeded event', async () => {
		const denied = await (await connect()).get(EVENTS);
		expect(denied.status).toBe(403);
		expect(denied.data.error.message).toBe('Missing scope calm-api.bsm.read');
		const res = await (await connect(['calm-api.bsm.read'])).get(EVENTS);
		expect(res.status).toBe(200);
		expect(res.data).toHaveLength(12);
		expect(Object.keys(res.data[0]).sort()).toEqual(
			['eventDescription', 'eventEndTime', 'eventName', 'eventSource', 'eventStartTime', 'eventStatus', 'eventType', 'serviceDescription', 'serviceID', 'serviceName', 'serviceType', 'type'].sort(),
		);
	});

	it('filters, the time window and period, limit/offset pages', async () => {
		const calm = await connect(['calm-api.bsm.read']);
		const disruptions = (await calm.get(EVENTS, { params: { eventType: 'Disruption' } })).data as Event[];
		expect(disruptions.map((e) => e.eventType)).toEqual(['Disruption', 'Disruption', 'Disruption']);
		const now = sim.context.now();
		const recent = (await calm.get(EVENTS, { params: { startTime: new Date(now - 5 * DAY).toISOString() } })).data as Event[];
		// events 10 and 11 start within five days; 11 is still open
		expect(recent.map((e) => e.eventEndTime === null)).toEqual([false, true]);
		expect((await calm.get(EVENTS, { params: { period: 'L5D' } })).data).toEqual(recent);
		const page1 = (await calm.get(EVENTS, { params: { limit: 5, offset: 0 } })).data as Event[];
		const page3 = (await calm.get(EVENTS, { params: { limit: 5, offset: 10 } })).data as Event[];
		expect([page1.length, page3.length]).toEqual([5, 2]);
	});

	it('refuses a bad time, an inverted window, a bad period or limit', async () => {
		const calm = await connect(['calm-api.bsm.read']);
		for (const params of [{ startTime: 'yesterday' }, { startTime: '2026-02-02T00:00:00Z', endTime: '2026-02-01T00:00:00Z' }, { period: 'last week' }, { limit: -1 }]) {
			const res = await calm.get(EVENTS, { params });
			expect({ params, status: res.status }).toEqual({ params, status: 400 });
		}
	});
});
