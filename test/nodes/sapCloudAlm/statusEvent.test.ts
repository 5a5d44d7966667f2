/**
 * SAP Cloud ALM node → Status Event → Get Many over real HTTP against the simulator: paging across
 * pages by offset/limit, filters and the time window as SAP's query parameters, a 403 naming
 * calm-api.bsm.read, bad input refused before any call.
 */
import { CLOUD_ALM_SCOPES } from '../../../nodes/SapBtp/helpers/xsSecurity';
import { CALM_XSMASTERAPPNAME } from '../../../simulator/clients';
import { statusEvents } from '../../../simulator/services/calmStatusEvents';
import { useSimulator } from '../../../simulator/testkit';
import { queryOf, runCalm } from './harness';

const sim = useSimulator();
const v2 = { typeVersion: 2 };
const DAY = 86_400_000;

function grantBsmRead() {
	const key = sim.keys.cloudAlm as unknown as { uaa: { clientid: string } };
	const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
	client.scopes = [...client.scopes, `${CALM_XSMASTERAPPNAME}.calm-api.bsm.read`];
}

describe('SAP Cloud ALM node: Status Event → Get Many', () => {
	it("the SAP BTP node's Enable offers its scope", () => {
		expect(CLOUD_ALM_SCOPES.map((s) => s.scope)).toContain('calm-api.bsm.read');
	});

	it('a 403 names the authority to add', async () => {
		const run = await runCalm(sim, { resource: 'statusEvent', operation: 'list', returnAll: true }, v2);
		expect(run.status).toBe('error');
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.bsm.read"');
	});

	it('Return All pages by offset/limit until a short page; Limit asks for exactly what it needs', async () => {
		grantBsmRead();
		const events = statusEvents(sim.context);
		for (let n = 0; n < 150; n++) events.push({ ...events[0], eventName: `Bulk ${n}` });
		const all = await runCalm(sim, { resource: 'statusEvent', operation: 'list', returnAll: true }, v2);
		expect(all.out).toHaveLength(162);
		expect(all.calls.map((c) => queryOf(c.path))).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
		]);
		const limited = await runCalm(sim, { resource: 'statusEvent', operation: 'list', limit: 7 }, v2);
		expect(limited.out).toHaveLength(7);
		expect(limited.calls.map((c) => queryOf(c.path))).toEqual([{ offset: '0', limit: '7' }]);
	});

	it('filters and the time window go to SAP as its query parameters', async () => {
		grantBsmRead();
		const from = new Date(sim.context.now() - 5 * DAY).toISOString();
		const run = await runCalm(
			sim,
			{ resource: 'statusEvent', operation: 'list', returnAll: true, filters: { eventType: 'Planned Availability', type: 'BusinessService', startTime: from } },
			v2,
		);
		expect(queryOf(run.calls[0].path)).toEqual({ eventType: 'Planned Availability', type: 'BusinessService', startTime: from, offset: '0', limit: '100' });
		expect(run.out.map((e) => [e.eventType, e.eventEndTime])).toEqual([['Planned Availability', null]]);
		const disruptions = await runCalm(sim, { resource: 'statusEvent', operation: 'list', returnAll: true, filters: { eventType: 'Disruption', serviceName: 'S/4HANA Cloud PRD' } }, v2);
		// three seeded disruptions, one per service
		expect(disruptions.out.map((e) => [e.eventType, e.serviceName])).toEqual([['Disruption', 'S/4HANA Cloud PRD']]);
	});

	it('refuses a time that is none, and a window that ends before it starts, before any call', async () => {
		grantBsmRead();
		const notTime = await runCalm(sim, { resource: 'statusEvent', operation: 'list', returnAll: true, filters: { startTime: 'last Friday' } }, v2);
		expect(notTime.error?.message).toBe('From "last Friday" is not a date and time');
		const inverted = await runCalm(sim, { resource: 'statusEvent', operation: 'list', returnAll: true, filters: { startTime: '2026-03-02T00:00:00Z', endTime: '2026-03-01T00:00:00Z' } }, v2);
		expect(inverted.error?.message).toBe('To is before From');
		expect([...notTime.calls, ...inverted.calls]).toEqual([]);
	});
});
