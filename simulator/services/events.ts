/**
 * CIS Events service (`endpoints.events_service_url` of the cis key), its own origin as on BTP
 * (`https://events-service.<app domain>.<landscape domain>`). Source for every rule unless said:
 * SAP-docs/btp-cloud-platform docs/50-administration-and-ops/Get_Events_0fd393a.md ("Get Events"),
 * Get_Event_Types_61b71bf.md and Using_the_Events_Service_APIs_94e1895.md; the parameter list also
 * as SAP's OpenAPI generated it into SAP Cloud SDK clients (`EventsApi.getBusinessEvents`: entityId[],
 * entityType[], eventType[], fromActionTime, fromCreationTime, id[], pageNum, pageSize, sortField,
 * sortOrder ASC|DESC, toActionTime, toCreationTime).
 *
 * What the sources leave open is a profile switch (profile.ts): the first page number
 * (`eventsFirstPage`), the order without `sortOrder` (`eventsDefaultOrder`), the time format
 * (`eventsTimeFormat`). Events come from `accountEvents.ts`.
 */
import { Router, SimError, type ServiceModule, type SimRequest } from '../http';
import type { AccountEvent, SimContext } from '../state';
import { cisErrorBody, cisGuard, cisRateLimited } from './cis';
import { settleEntitlementJobs } from './entitlementJobs';

/**
 * The Central Events group as the doc lists it, plus `SubaccountEntitlements_Update`, which the doc's
 * example answer and "Using the Events Service APIs" (quota assigned to subaccounts) show with a
 * central token. A central token asking for a local type gets 400 ("The requested event type doesn't
 * belong to the events group associated with the scope").
 */
export const CENTRAL_EVENT_TYPES: Record<string, string> = {
	GlobalAccount_Update: 'Global account updated',
	AccountDirectory_Creation: 'Directory created',
	AccountDirectory_Update: 'Directory updated',
	AccountDirectory_Update_Type: 'Directory type updated',
	AccountDirectory_Deletion: 'Directory deleted',
	Subaccount_Creation: 'Subaccount created',
	Subaccount_Deletion: 'Subaccount deleted',
	Subaccount_Update: 'Subaccount updated',
	Subaccount_Move: 'Subaccount moved',
	AccountDirectoryTenant_Creation: 'Directory tenant created',
	AccountDirectoryTenant_Deletion: 'Directory tenant deleted',
	GlobalAccountEntitlements_Update: 'Entitlements of the global account updated',
	SubaccountEntitlements_Update: 'Assignment of entitlements from global account to subaccount',
	EntityEntitlements_Update: 'Entitlements of a directory or subaccount updated',
	EntityEntitlements_Move: 'Entitlements moved',
};
const LOCAL_EVENT_TYPES = [
	'SubaccountAppSubscription_Creation',
	'SubaccountAppSubscription_Deletion',
	'SubaccountAppSubscription_Update',
	'AppRegistration_Creation',
	'AppRegistration_Deletion',
	'AppRegistration_Update',
	'SubaccountTenant_Creation',
	'SubaccountTenant_Update',
	'SubaccountTenant_Deletion',
	'EnvironmentInstance_Creation',
	'EnvironmentInstance_Deletion',
	'EnvironmentInstances_Deletion',
];

/** "The number of events to retrieve per page (max = 150)". The default without `pageSize`: [U], 150 here. */
const MAX_PAGE_SIZE = 150;
/** Events error codes are 10XXXX (error-response-format-77fef2f.md); the exact code: [I]. */
const EVENTS_BAD_REQUEST = 100001;

/** Array parameters: repeated (`eventType=a&eventType=b`, OpenAPI's default form/explode) or comma-joined [I]. */
function list(req: SimRequest, name: string): string[] {
	return req.query
		.getAll(name)
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean);
}

function epochMs(req: SimRequest, name: string): number | undefined {
	const raw = req.query.get(name);
	if (raw === null || raw === '') return undefined;
	if (!/^\d+$/.test(raw)) throw new SimError(400, EVENTS_BAD_REQUEST, `Query argument ${name} is invalid: expected Unix epoch time in milliseconds`);
	return Number(raw);
}

function integer(req: SimRequest, name: string): number | undefined {
	const raw = req.query.get(name);
	if (raw === null || raw === '') return undefined;
	if (!/^-?\d+$/.test(raw)) throw new SimError(400, EVENTS_BAD_REQUEST, `Query argument ${name} is invalid`);
	return Number(raw);
}

function timeOnWire(sim: SimContext, ms: number): number | string {
	if (sim.profile.eventsTimeFormat === 'numericString') return String(ms);
	if (sim.profile.eventsTimeFormat === 'isoString') return new Date(ms).toISOString();
	return ms;
}

function eventView(sim: SimContext, e: AccountEvent) {
	return {
		id: e.id,
		actionTime: timeOnWire(sim, e.actionTime),
		creationTime: timeOnWire(sim, e.creationTime),
		details: e.details,
		globalAccountGUID: e.globalAccountGUID,
		entityId: e.entityId,
		entityType: e.entityType,
		eventOrigin: e.eventOrigin,
		eventType: e.eventType,
	};
}

/** `GET /cloud-management/v1/events`: scope `$XSAPPNAME.event.read` (all cis plans have it, 94e1895). */
function getEvents(req: SimRequest, sim: SimContext) {
	cisGuard(req, sim, ['event.read']);
	// a job that finished since the last read has written its event by now
	settleEntitlementJobs(sim);
	const eventTypes = list(req, 'eventType');
	for (const type of eventTypes) {
		if (LOCAL_EVENT_TYPES.includes(type)) {
			throw new SimError(400, EVENTS_BAD_REQUEST, `The requested event type ${type} doesn't belong to the events group associated with the scope`);
		}
		if (!CENTRAL_EVENT_TYPES[type]) throw new SimError(400, EVENTS_BAD_REQUEST, `Requested event type ${type} is unknown`);
	}
	const ids = list(req, 'id').map(Number);
	const entityIds = list(req, 'entityId');
	const entityTypes = list(req, 'entityType');
	const fromAction = epochMs(req, 'fromActionTime');
	const toAction = epochMs(req, 'toActionTime');
	const fromCreation = epochMs(req, 'fromCreationTime');
	const toCreation = epochMs(req, 'toCreationTime');
	const sortField = req.query.get('sortField') ?? 'actionTime';
	if (!['actionTime', 'creationTime', 'id'].includes(sortField)) {
		throw new SimError(400, EVENTS_BAD_REQUEST, `Query argument sortField is invalid: ${sortField}`);
	}
	const sortOrder = (req.query.get('sortOrder') ?? sim.profile.eventsDefaultOrder).toUpperCase();
	if (sortOrder !== 'ASC' && sortOrder !== 'DESC') throw new SimError(400, EVENTS_BAD_REQUEST, 'Query argument sortOrder is invalid: ASC or DESC');
	const pageSize = integer(req, 'pageSize') ?? MAX_PAGE_SIZE;
	if (pageSize < 1) throw new SimError(400, EVENTS_BAD_REQUEST, 'Query argument pageSize is invalid');
	const size = Math.min(pageSize, MAX_PAGE_SIZE); // above the documented max: cut to it [I]
	const first = sim.profile.eventsFirstPage;
	const pageNum = integer(req, 'pageNum') ?? first;
	if (pageNum < first) throw new SimError(400, EVENTS_BAD_REQUEST, `Query argument pageNum is invalid: pages start at ${first}`);

	const now = sim.now();
	// bounds are inclusive [I]; an event is visible once its record is written (creationTime)
	const found = sim.state.events
		.filter((e) => e.creationTime <= now)
		.filter((e) => !eventTypes.length || eventTypes.includes(e.eventType))
		.filter((e) => !ids.length || ids.includes(e.id))
		.filter((e) => !entityIds.length || entityIds.includes(e.entityId))
		.filter((e) => !entityTypes.length || entityTypes.includes(e.entityType))
		.filter((e) => fromAction === undefined || e.actionTime >= fromAction)
		.filter((e) => toAction === undefined || e.actionTime <= toAction)
		.filter((e) => fromCreation === undefined || e.creationTime >= fromCreation)
		.filter((e) => toCreation === undefined || e.creationTime <= toCreation);
	const key = sortField as 'actionTime' | 'creationTime' | 'id';
	found.sort((a, b) => (a[key] - b[key] || a.id - b.id) * (sortOrder === 'ASC' ? 1 : -1));
	const index = pageNum - first;
	const totalPages = Math.ceil(found.length / size);
	const page = found.slice(index * size, (index + 1) * size);
	return {
		status: 200,
		body: {
			total: found.length,
			totalPages,
			pageNum,
			morePages: index + 1 < totalPages,
			events: page.map((e) => eventView(sim, e)),
		},
	};
}

/** `GET /cloud-management/v1/events/types` (Get_Event_Types_61b71bf.md): type, description, category, searchParams. */
function getEventTypes(req: SimRequest, sim: SimContext) {
	cisGuard(req, sim, ['event.read']);
	return {
		status: 200,
		body: Object.entries(CENTRAL_EVENT_TYPES).map(([type, description]) => ({ type, description, category: 'CENTRAL', searchParams: [] })),
	};
}

export function createEventsService(): ServiceModule {
	const router = new Router();
	router.get('/cloud-management/v1/events/types', getEventTypes);
	router.get('/cloud-management/v1/events', getEvents);
	return { name: 'events', router, errorBody: cisErrorBody, rateLimited: cisRateLimited };
}
