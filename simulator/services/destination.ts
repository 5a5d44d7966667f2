/* eslint-disable @n8n/community-nodes/require-node-api-error */
/**
 * Destination service REST API, subaccount level (`uri` of a destination service key + `/destination-configuration/v1`).
 * Sources: SAP-docs/btp-connectivity calling-the-destination-service-rest-api-84c5d38.md (a key of
 * the destination instance gives clientid, clientsecret, url = XSUAA, uri = the service; a
 * client-credentials token; `GET <uri>/destination-configuration/v1/subaccountDestinations` answers
 * an array of destinations with `Name`, `Type`, `URL`, `Authentication`, `ProxyType`, `User`,
 * `Password`); SAP's OpenAPI "SAP_CP_CF_Connectivity_Destination" as generated into SAP Cloud SDK
 * clients (`DestinationsOnSubaccountLevelApi`): GET/POST/PUT `/subaccountDestinations` (POST and PUT
 * take one object or an array), GET/DELETE `/subaccountDestinations/{destinationName}`, "Subaccount is
 * determined by the passed OAuth access token".
 *
 * Not in those sources, chosen here [I]: POST of an existing name answers 409 (the API Business Hub
 * lists 409 for it; not read here); PUT of a missing name 404; the error body `{ "ErrorMessage": … }`;
 * PUT/DELETE answer `{ "Count": n }`; names of letters, digits, `-` and `_`, at most 200 characters.
 */
import { Router, SimError, type ServiceModule, type SimRequest } from '../http';
import type { SimContext, SubaccountDestination } from '../state';
import { authenticate } from '../tokens';
import { DESTINATION_XSAPPNAME } from '../clients';

const NAME = /^[A-Za-z0-9_-]{1,200}$/;

/** The subaccount of the token's client, which must be a destination key's client. */
function subaccountOf(req: SimRequest, sim: SimContext): string {
	const token = authenticate(req, sim, []);
	if (!token.clientid.endsWith(`|${DESTINATION_XSAPPNAME}`)) {
		throw new SimError(403, 'Forbidden', 'The token was not issued for the Destination service');
	}
	return token.subaccountId;
}

function parseBody(req: SimRequest): Array<Record<string, unknown>> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(req.rawBody || 'null');
	} catch {
		throw new SimError(400, 'BadRequest', 'The request body is not valid JSON');
	}
	const items = Array.isArray(parsed) ? parsed : [parsed];
	for (const item of items) {
		if (!item || typeof item !== 'object' || Array.isArray(item)) throw new SimError(400, 'BadRequest', 'A destination must be a JSON object');
		const d = item as Record<string, unknown>;
		if (typeof d.Name !== 'string' || !NAME.test(d.Name)) throw new SimError(400, 'BadRequest', 'Destination property Name is missing or invalid');
		if (typeof d.Type !== 'string' || !d.Type) throw new SimError(400, 'BadRequest', 'Destination property Type is missing');
		if (d.Type === 'HTTP' && (typeof d.URL !== 'string' || !/^https?:\/\//.test(d.URL))) {
			throw new SimError(400, 'BadRequest', 'Destination property URL is missing or invalid');
		}
	}
	return items as Array<Record<string, unknown>>;
}

const own = (sim: SimContext, subaccount: string) => sim.state.destinations.filter((d) => d.subaccountGUID === subaccount);
const find = (sim: SimContext, subaccount: string, name: string): SubaccountDestination | undefined =>
	own(sim, subaccount).find((d) => d.properties.Name === name);

function listSubaccountDestinations(req: SimRequest, sim: SimContext) {
	const subaccount = subaccountOf(req, sim);
	return { status: 200, body: own(sim, subaccount).map((d) => d.properties) };
}

function getSubaccountDestination(req: SimRequest, sim: SimContext) {
	const found = find(sim, subaccountOf(req, sim), req.params.name);
	if (!found) throw new SimError(404, 'NotFound', 'Configuration with the specified name was not found');
	return { status: 200, body: found.properties };
}

function createSubaccountDestinations(req: SimRequest, sim: SimContext) {
	const subaccount = subaccountOf(req, sim);
	const items = parseBody(req);
	for (const item of items) {
		if (find(sim, subaccount, item.Name as string)) {
			throw new SimError(409, 'Conflict', `Destination with name ${String(item.Name)} already exists`);
		}
	}
	for (const item of items) sim.state.destinations.push({ subaccountGUID: subaccount, properties: { ...item } });
	return { status: 201 };
}

function updateSubaccountDestinations(req: SimRequest, sim: SimContext) {
	const subaccount = subaccountOf(req, sim);
	const items = parseBody(req);
	for (const item of items) {
		if (!find(sim, subaccount, item.Name as string)) throw new SimError(404, 'NotFound', 'Configuration with the specified name was not found');
	}
	for (const item of items) find(sim, subaccount, item.Name as string)!.properties = { ...item };
	return { status: 200, body: { Count: items.length } };
}

function deleteSubaccountDestination(req: SimRequest, sim: SimContext) {
	const subaccount = subaccountOf(req, sim);
	const found = find(sim, subaccount, req.params.name);
	if (!found) throw new SimError(404, 'NotFound', 'Configuration with the specified name was not found');
	sim.state.destinations = sim.state.destinations.filter((d) => d !== found);
	return { status: 200, body: { Count: 1 } };
}

export function createDestinationService(): ServiceModule {
	const router = new Router();
	const base = '/destination-configuration/v1/subaccountDestinations';
	router.get(base, listSubaccountDestinations);
	router.post(base, createSubaccountDestinations);
	router.put(base, updateSubaccountDestinations);
	router.get(`${base}/:name`, getSubaccountDestination);
	router.delete(`${base}/:name`, deleteSubaccountDestination);
	return {
		name: 'destination',
		router,
		errorBody: (err) => ({ ErrorMessage: err.message }),
		rateLimited: () => new SimError(429, 'TooManyRequests', 'Too many requests'),
	};
}
