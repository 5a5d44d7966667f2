/**
 * SAP Cloud ALM Status Events (CALM_BSM, business service management) under `/api/bsm-service/v1`.
 *
 * SAP's "API Guide for SAP Cloud ALM" → Status Events API (help.sap.com, 5592d4bf3de84aefae5f6a9ff92ce96a):
 * a PULL API, `GET /events` (REST) and `GET /eventsDATA` (OData v4) return the status events
 * (disruptions, degradations, maintenances) of the services of business services, reported by SAP
 * for Me or created in Cloud ALM; scope `calm-api.bsm.read`. No create or update is documented
 * (`calm-api.bsm.write` is "RAW Inbound Data" in SAP's API Scopes table), so none is simulated.
 *
 * Filters `type` (BusinessService, CloudService, TechnicalSystem), `serviceName`, `eventType`
 * (Maintenance, Degradation, Disruption, Communication, Planned Availability), `serviceType`,
 * `period`, `startTime`, `endTime`, paging `limit`/`offset` (consetto/calmcp src/tools/registry.ts
 * bsm_events; Disruption, Degradation, Maintenance from SAP's guide, the other two event types and
 * the three `type`s from a third-party Cloud ALM MCP server's src/types/sap-types.ts). The fields are
 * the status-event dimensions SAP's own collection reads (SAP-samples/cloud-alm-api-examples
 * postmancollections/analytics, "Outbound - ALM Status Events": type, serviceType, serviceName,
 * serviceDescription, serviceID, eventType, eventStatus, eventName, eventDescription, eventSource,
 * eventStartTime, eventEndTime). REST lists are bare arrays (calmcp src/tools/shape.ts asRecords).
 *
 * Simulator choices where SAP publishes nothing (docs/sap-behaviour.md): a time window keeps the
 * events that overlap it (an open event has no end); `period` is `L<n><H|D|W|M>` back from now;
 * default `limit` 100, at most 1000; an unknown filter parameter is ignored; `/eventsDATA` is not
 * simulated. Twelve events are seeded over the last 30 days, on the simulator's clock.
 */
import { SimError, type Router, type SimRequest } from '../http';
import type { SimContext, SimState } from '../state';
import { authenticate, hasScope } from '../tokens';

const BASE = '/api/bsm-service/v1';
export const BSM_READ = 'calm-api.bsm.read';
export const STATUS_EVENTS_DEFAULT_LIMIT = 100;
export const STATUS_EVENTS_MAX_LIMIT = 1000;

export interface StatusEvent {
	type: string;
	serviceType: string;
	serviceName: string;
	serviceDescription: string;
	serviceID: string;
	eventType: string;
	eventStatus: string;
	eventName: string;
	eventDescription: string;
	eventSource: string;
	eventStartTime: string;
	eventEndTime: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The seeded events of a world: made on first use, gone with the world at the next reset. */
const events = new WeakMap<SimState, StatusEvent[]>();

export function statusEvents(sim: SimContext): StatusEvent[] {
	let list = events.get(sim.state);
	if (!list) {
		list = seedEvents(sim.now());
		events.set(sim.state, list);
	}
	return list;
}

function seedEvents(now: number): StatusEvent[] {
	const services = [
		{ type: 'CloudService', serviceType: 'SAP_S4HANA', serviceName: 'S/4HANA Cloud PRD', serviceID: '7a1c0000-0000-4000-8000-000000000001' },
		{ type: 'CloudService', serviceType: 'SAP_SUCCESSFACTORS', serviceName: 'SuccessFactors PRD', serviceID: '7a1c0000-0000-4000-8000-000000000002' },
		{ type: 'BusinessService', serviceType: 'BUSINESS_SERVICE', serviceName: 'Order to Cash', serviceID: '7a1c0000-0000-4000-8000-000000000003' },
	];
	const kinds = ['Disruption', 'Degradation', 'Maintenance', 'Planned Availability'];
	return Array.from({ length: 12 }, (_, i) => {
		const service = services[i % services.length];
		const eventType = kinds[i % kinds.length];
		const start = now - (30 - i * 2.5) * DAY;
		// the last event is still open
		const end = i === 11 ? null : new Date(start + (1 + (i % 3)) * HOUR).toISOString();
		return {
			...service,
			serviceDescription: `${service.serviceName} (seeded)`,
			eventType,
			eventStatus: end ? 'Resolved' : 'Open',
			eventName: `${eventType} ${i + 1}`,
			eventDescription: `Seeded ${eventType.toLowerCase()} of ${service.serviceName}`,
			eventSource: i % 2 ? 'SAP Cloud ALM' : 'SAP for Me',
			eventStartTime: new Date(start).toISOString(),
			eventEndTime: end,
		};
	});
}

const bad = (message: string) => new SimError(400, '400', message);

function instant(req: SimRequest, name: string): number | undefined {
	const raw = req.query.get(name);
	if (raw === null || raw === '') return undefined;
	const t = Date.parse(raw);
	if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(t)) throw bad(`${name} must be an ISO 8601 date-time, got '${raw}'`);
	return t;
}

function count(req: SimRequest, name: string): number | undefined {
	const raw = req.query.get(name);
	if (raw === null) return undefined;
	if (!/^\d+$/.test(raw)) throw bad(`${name} must be a non-negative integer, got '${raw}'`);
	return Number(raw);
}

export function statusEventRoutes(router: Router): void {
	router.get(`${BASE}/events`, function listBsmStatusEvents(req, sim) {
		const token = authenticate(req, sim, []);
		if (!hasScope(token, BSM_READ)) throw new SimError(403, '403', `Missing scope ${BSM_READ}`);
		let from = instant(req, 'startTime');
		const to = instant(req, 'endTime');
		const period = req.query.get('period');
		if (period) {
			const m = /^L(\d{1,4})([HDWM])$/.exec(period);
			if (!m) throw bad(`period must look like L24H, L7D, L4W or L6M, got '${period}'`);
			from = sim.now() - Number(m[1]) * { H: HOUR, D: DAY, W: 7 * DAY, M: 30 * DAY }[m[2] as 'H' | 'D' | 'W' | 'M'];
		}
		if (from !== undefined && to !== undefined && to < from) throw bad('endTime is before startTime');
		let list = statusEvents(sim);
		for (const field of ['type', 'serviceName', 'eventType', 'serviceType'] as const) {
			const want = req.query.get(field);
			if (want) list = list.filter((e) => e[field] === want);
		}
		// an event counts when it overlaps the window; an open event lasts until now
		if (from !== undefined) list = list.filter((e) => (e.eventEndTime ? Date.parse(e.eventEndTime) : sim.now()) >= from!);
		if (to !== undefined) list = list.filter((e) => Date.parse(e.eventStartTime) <= to);
		const offset = count(req, 'offset') ?? 0;
		const limit = Math.min(count(req, 'limit') ?? STATUS_EVENTS_DEFAULT_LIMIT, STATUS_EVENTS_MAX_LIMIT);
		return { status: 200, body: list.slice(offset, offset + limit) };
	});
}
