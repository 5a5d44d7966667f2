/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * SAP Cloud ALM's outbound "Resource Changes" events (External API Management): a webhook is a BTP
 * destination (URL + authentication) in the Cloud ALM subaccount, a subscription picks a resource
 * type and event types (tasks: per project), and when such a resource changes Cloud ALM POSTs
 *
 *   { subscriptionId, resourceType, eventType, resourceId, resource }
 *
 * to the destination with the destination's authentication. For ticket-style targets the answer
 * carries the ticket number or guid, which Cloud ALM keeps so it can update the ticket later.
 *
 * Sources (certainty in docs/sap-behaviour.md, "Cloud ALM outbound events"):
 * - envelope, `EVENT-SITUATION.CREATED|UPDATED|DELETED|PING` and the event situation resource
 *   (id, startTime, updateTime, serviceId, timestamp, subject, body, rating, tags): SAP Community,
 *   "SAP Cloud ALM integration: event situations transformation mapping" (ba-p/13538900). High.
 * - destination authentication BasicAuthentication, ClientCertificateAuthentication,
 *   OAuth2ClientCredentials, NoAuthentication: SAP Community, "SAP Cloud ALM integration: events to
 *   tickets" (ba-p/13536733). High. (support.sap.com's Intelligent Event Processing page "Integration
 *   with External Ticket Systems" says unauthenticated destinations are not supported for ticket
 *   systems; the simulator allows NoAuthentication as the blog lists it.)
 * - "the return value … must contain the ticket number and/or ticket guid to enable updates":
 *   both pages above. High. Which field holds it is set by the mapping file's response section;
 *   the simulator reads the first of EXTERNAL_ID_FIELDS (our choice, documented).
 * - webhooks and subscriptions exist only in the Cloud ALM UI (no public API), so the control API
 *   below stands in for the UI. A webhook's target is a BTP destination of the Cloud ALM subaccount
 *   (ET: "Create a BTP destination … Declare a web-hook"): `destinationName` names one in the
 *   simulator's Destination service (what SAP BTP → Connect Cloud ALM to a Webhook writes), read at each
 *   delivery; `destination` gives it inline.
 * - Status events raised here also appear in the pull API (`GET /bsm-service/v1/events`,
 *   calmStatusEvents.ts) with SAP's status-event fields.
 * - Unknown, our choices: the resource type and event type names of tasks and status events
 *   (`TASK`, `TASK.CREATED|UPDATED|DELETED`; `STATUS-EVENT`, `STATUS-EVENT.CREATED|UPDATED`, named
 *   like event situations'), the delivery timeout (30 s), retries (none by default: one attempt,
 *   `maxAttempts` per webhook to model retries), the delivery order (one after another).
 * - Client certificate: a destination's keystore is presented in TLS. n8n usually sits behind a
 *   TLS-terminating reverse proxy; for an http URL the simulator plays that proxy and forwards the
 *   certificate as `X-Forwarded-Client-Cert: Hash=<sha256>;Subject="CN=…"` (Envoy's format).
 */
import { X509Certificate, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { SimError, isoNow, type Router, type SimRequest } from '../http';
import { SUBACCOUNT_IDS } from '../seed';
import type { CalmDelivery, CalmOutboundEvent, CalmWebhook, CalmWebhookAuthentication, SimContext, SimState } from '../state';
import { statusEvents, type StatusEvent } from './calmStatusEvents';

export const CALM_RESOURCE_TYPES = ['TASK', 'EVENT-SITUATION', 'STATUS-EVENT'] as const;
export type CalmResourceType = (typeof CALM_RESOURCE_TYPES)[number];

/** The event types a subscription can pick, per resource type. */
export const CALM_EVENT_TYPES: Record<CalmResourceType, string[]> = {
	TASK: ['TASK.CREATED', 'TASK.UPDATED', 'TASK.DELETED'],
	'EVENT-SITUATION': ['EVENT-SITUATION.CREATED', 'EVENT-SITUATION.UPDATED', 'EVENT-SITUATION.DELETED', 'EVENT-SITUATION.PING'],
	'STATUS-EVENT': ['STATUS-EVENT.CREATED', 'STATUS-EVENT.UPDATED', 'STATUS-EVENT.DELETED'],
};

/** Where the simulator looks for the external id in a JSON answer, first match wins (ServiceNow: `result.number`). */
export const EXTERNAL_ID_FIELDS = ['externalId', 'externalID', 'ticketId', 'ticketNumber', 'number', 'key', 'guid', 'id', 'sys_id'];

export const DELIVERY_TIMEOUT_MS = 30_000;
const AUTHENTICATIONS: CalmWebhookAuthentication[] = [
	'NoAuthentication',
	'BasicAuthentication',
	'ClientCertificateAuthentication',
	'OAuth2ClientCredentials',
];

const bad = (message: string) => new SimError(400, 'BadRequest', message);

function jsonBody(req: SimRequest): Record<string, unknown> {
	if (!req.rawBody.trim()) return {};
	try {
		const b = JSON.parse(req.rawBody) as unknown;
		if (b && typeof b === 'object' && !Array.isArray(b)) return b as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw bad('control API expects a JSON object');
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** What the Cloud ALM UI would show of a webhook: no password, secret or private key. */
function webhookView(w: CalmWebhook) {
	const destination: Record<string, unknown> = { ...w.destination };
	for (const secret of ['password', 'clientSecret', 'key', 'certificate']) delete destination[secret];
	return { id: w.id, name: w.name, maxAttempts: w.maxAttempts, ...(w.destinationName ? { destinationName: w.destinationName } : { destination }) };
}

// ------------------------------------------------------------------------------------ delivery
/** One delivery queue per simulator: Cloud ALM's order is unknown, one after another keeps it simple. */
const queues = new WeakMap<SimContext, Promise<void>>();

/** Resolves when every delivery queued so far has ended (tests, `GET /__sim/calm/deliveries?wait=true`). */
export async function settleDeliveries(sim: SimContext): Promise<void> {
	await queues.get(sim);
}

interface Answer {
	status: number;
	body: string;
}

function post(url: string, body: string, headers: Record<string, string>, sim: SimContext, w: CalmWebhook): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const client = target.protocol === 'https:' ? https : http;
		const tls =
			target.protocol === 'https:' && w.destination.certificate
				? { cert: w.destination.certificate, key: w.destination.key, ca: [sim.pki.caCertPem] }
				: {};
		const req = client.request(
			target,
			{ method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers }, timeout: DELIVERY_TIMEOUT_MS, ...tls },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)));
		req.on('error', reject);
		req.end(body);
	});
}

async function oauthToken(sim: SimContext, w: CalmWebhook): Promise<string> {
	const d = w.destination;
	const basic = Buffer.from(`${encodeURIComponent(d.clientId ?? '')}:${encodeURIComponent(d.clientSecret ?? '')}`).toString('base64');
	const answer = await post(
		d.tokenServiceURL!,
		'grant_type=client_credentials',
		{ 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
		sim,
		w,
	);
	if (answer.status !== 200) throw new Error(`token service answered ${answer.status}`);
	const token = (JSON.parse(answer.body) as { access_token?: string }).access_token;
	if (!token) throw new Error('token service answered without access_token');
	return token;
}

/** A destination of the Cloud ALM subaccount, by name, as the Destination service stores it. */
function namedDestination(sim: SimContext, name: string): Record<string, unknown> | undefined {
	return sim.state.destinations.find((d) => d.subaccountGUID === SUBACCOUNT_IDS.calm && d.properties.Name === name)?.properties;
}

/** The webhook's destination now: a named one is read from the Destination service at each delivery. */
function currentDestination(sim: SimContext, w: CalmWebhook): CalmWebhook['destination'] {
	if (!w.destinationName) return w.destination;
	const p = namedDestination(sim, w.destinationName);
	if (!p) throw new Error(`destination ${w.destinationName} not found in the Cloud ALM subaccount`);
	const authentication = String(p.Authentication ?? 'NoAuthentication') as CalmWebhookAuthentication;
	if (!AUTHENTICATIONS.includes(authentication) || authentication === 'ClientCertificateAuthentication') {
		throw new Error(`destination ${w.destinationName}: authentication ${authentication} is not modelled for named destinations`);
	}
	const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
	w.destination = {
		url: str('URL') ?? '',
		authentication,
		user: str('User'),
		password: str('Password'),
		tokenServiceURL: str('tokenServiceURL'),
		clientId: str('clientId'),
		clientSecret: str('clientSecret'),
	};
	return w.destination;
}

/** The headers the destination's authentication adds. */
async function authHeaders(sim: SimContext, w: CalmWebhook): Promise<Record<string, string>> {
	const d = w.destination;
	switch (d.authentication) {
		case 'BasicAuthentication':
			return { authorization: `Basic ${Buffer.from(`${d.user ?? ''}:${d.password ?? ''}`).toString('base64')}` };
		case 'OAuth2ClientCredentials':
			return { authorization: `Bearer ${await oauthToken(sim, w)}` };
		case 'ClientCertificateAuthentication':
			// http URL: the simulator plays n8n's TLS-terminating proxy and forwards the certificate it saw
			return new URL(d.url).protocol === 'https:'
				? {}
				: { 'x-forwarded-client-cert': `Hash=${d.fingerprint};Subject="CN=${d.certificateSubject}"` };
		default:
			return {};
	}
}

/** The external id in an answer: the first of EXTERNAL_ID_FIELDS (also under `result`), or a plain-text body. */
export function externalIdOf(body: string): string | undefined {
	const trimmed = body.trim();
	if (!trimmed) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(trimmed);
	} catch {
		return trimmed.length <= 200 && !/\s/.test(trimmed) ? trimmed : undefined;
	}
	if (typeof parsed === 'string' || typeof parsed === 'number') return String(parsed);
	const first = Array.isArray(parsed) ? parsed[0] : parsed;
	for (const holder of [first, (first as { result?: unknown })?.result]) {
		if (!holder || typeof holder !== 'object') continue;
		for (const f of EXTERNAL_ID_FIELDS) {
			const v = (holder as Record<string, unknown>)[f];
			if ((typeof v === 'string' && v) || typeof v === 'number') return String(v);
		}
	}
	return undefined;
}

async function deliver(sim: SimContext, w: CalmWebhook, delivery: CalmDelivery, envelope: Record<string, unknown>, store: (id: string) => void) {
	const body = JSON.stringify(envelope);
	for (let attempt = 1; attempt <= w.maxAttempts; attempt++) {
		const started = sim.now();
		try {
			const destination = currentDestination(sim, w);
			delivery.url = destination.url;
			const headers = { 'content-type': 'application/json', accept: 'application/json', ...(await authHeaders(sim, w)) };
			const answer = await post(destination.url, body, headers, sim, w);
			delivery.attempts.push({ at: isoNow(sim), status: answer.status, durationMs: sim.now() - started, answer: answer.body.slice(0, 2000) });
			if (answer.status >= 200 && answer.status < 300) {
				delivery.status = 'delivered';
				const externalId = externalIdOf(answer.body);
				if (externalId) {
					delivery.externalId = externalId;
					store(externalId);
				}
				return;
			}
		} catch (err) {
			delivery.attempts.push({ at: isoNow(sim), error: (err as Error).message, durationMs: sim.now() - started });
		}
	}
	delivery.status = 'failed';
}

/**
 * A resource changed in Cloud ALM: one delivery per matching subscription, queued (the Cloud ALM
 * API answers without waiting for them). `store` keeps the answered external id on the resource.
 */
export function emitResourceChange(
	sim: SimContext,
	change: { resourceType: CalmResourceType; eventType: string; resourceId: string; resource: unknown; projectId?: string },
	store: (externalId: string) => void = () => undefined,
): void {
	const outbound = sim.state.calmOutbound;
	const matching = outbound.subscriptions.filter(
		(s) =>
			s.resourceType === change.resourceType &&
			s.eventTypes.includes(change.eventType) &&
			(change.resourceType !== 'TASK' || s.projectId === change.projectId),
	);
	for (const s of matching) {
		const w = outbound.webhooks.find((x) => x.id === s.webhookId);
		if (!w) continue;
		const envelope = {
			subscriptionId: s.id,
			resourceType: change.resourceType,
			eventType: change.eventType,
			resourceId: change.resourceId,
			resource: change.resource,
		};
		const delivery: CalmDelivery = {
			id: randomUUID(),
			subscriptionId: s.id,
			webhookId: w.id,
			resourceType: change.resourceType,
			eventType: change.eventType,
			resourceId: change.resourceId,
			url: w.destinationName ? '' : w.destination.url,
			status: 'pending',
			attempts: [],
			queuedAt: isoNow(sim),
		};
		outbound.deliveries.push(delivery);
		const previous = queues.get(sim) ?? Promise.resolve();
		queues.set(
			sim,
			previous.then(() => deliver(sim, w, delivery, envelope, store)).catch(() => undefined),
		);
	}
}

/** A task changed through the Cloud ALM API (per-project subscriptions); the answer's id becomes its externalId. */
export function emitTaskChange(sim: SimContext, eventType: 'CREATED' | 'UPDATED' | 'DELETED', task: { id: string; projectId: string; externalId?: string }, resource: unknown) {
	emitResourceChange(sim, { resourceType: 'TASK', eventType: `TASK.${eventType}`, resourceId: task.id, resource, projectId: task.projectId }, (id) => {
		// Cloud ALM keeps the ticket id; storing it is not itself a change that is emitted again
		task.externalId = id;
	});
}

// ------------------------------------------------------------------------------------ control API (stands in for the UI)
function webhookFrom(sim: SimContext, b: Record<string, unknown>): CalmWebhook {
	const maxAttempts = b.maxAttempts === undefined ? 1 : Number(b.maxAttempts);
	if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) throw bad('maxAttempts must be an integer from 1 to 10');
	const destinationName = text(b.destinationName);
	if (destinationName) {
		// the UI offers the destinations of the Cloud ALM subaccount
		if (!namedDestination(sim, destinationName)) throw bad(`destination ${destinationName} does not exist in the Cloud ALM subaccount`);
		return { id: randomUUID(), name: text(b.name) ?? 'n8n', maxAttempts, destinationName, destination: { url: '', authentication: 'NoAuthentication' } };
	}
	const d = (b.destination ?? {}) as Record<string, unknown>;
	const url = text(d.url);
	if (!url || !/^https?:\/\/\S+$/.test(url)) throw bad(`destination.url must be an http(s) URL`);
	const authentication = (text(d.authentication) ?? 'NoAuthentication') as CalmWebhookAuthentication;
	if (!AUTHENTICATIONS.includes(authentication)) {
		throw bad(`destination.authentication must be one of ${AUTHENTICATIONS.join(', ')} (header values are not offered)`);
	}
	const destination: CalmWebhook['destination'] = { url, authentication };
	if (authentication === 'BasicAuthentication') {
		if (typeof d.user !== 'string' || typeof d.password !== 'string') throw bad('BasicAuthentication needs destination.user and destination.password');
		Object.assign(destination, { user: d.user, password: d.password });
	}
	if (authentication === 'OAuth2ClientCredentials') {
		const tokenServiceURL = text(d.tokenServiceURL);
		if (!tokenServiceURL || !text(d.clientId) || typeof d.clientSecret !== 'string') {
			throw bad('OAuth2ClientCredentials needs destination.tokenServiceURL, clientId and clientSecret');
		}
		Object.assign(destination, { tokenServiceURL, clientId: text(d.clientId), clientSecret: d.clientSecret });
	}
	if (authentication === 'ClientCertificateAuthentication') {
		// the keystore of the destination: given, or issued by the simulator's CA
		const subject = text(d.certificateSubject) ?? `calm-webhook-${randomUUID().slice(0, 8)}`;
		const issued = typeof d.certificate === 'string' && typeof d.key === 'string' ? { certificate: d.certificate, key: d.key } : sim.pki.issueClientCertificate(subject, 365);
		const x509 = new X509Certificate(issued.certificate);
		Object.assign(destination, {
			certificate: issued.certificate,
			key: issued.key,
			certificateSubject: subject,
			fingerprint: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
		});
	}
	return { id: randomUUID(), name: text(b.name) ?? 'n8n', maxAttempts, destination };
}

/** The fields of SAP's status events that the pull API (`GET /bsm-service/v1/events`, calmStatusEvents.ts) lists. */
const STATUS_EVENT_FIELDS = [
	'type',
	'serviceType',
	'serviceName',
	'serviceDescription',
	'serviceID',
	'eventType',
	'eventStatus',
	'eventName',
	'eventDescription',
	'eventSource',
	'eventStartTime',
	'eventEndTime',
] as const;

/** A raised status event's row in the pull API's list, by the raised event's id. */
const bsmRows = new WeakMap<SimState, Map<string, StatusEvent>>();

/** The raised status event in the pull API's list too (SAP's fields only), created or updated. */
function syncStatusEvent(sim: SimContext, event: CalmOutboundEvent) {
	let rows = bsmRows.get(sim.state);
	if (!rows) bsmRows.set(sim.state, (rows = new Map()));
	const row = Object.fromEntries(STATUS_EVENT_FIELDS.map((f) => [f, event[f] ?? null])) as unknown as StatusEvent;
	const existing = rows.get(event.id);
	if (existing) Object.assign(existing, row);
	else {
		rows.set(event.id, row);
		statusEvents(sim).push(row);
	}
}

/**
 * An event situation or a status event raised in Cloud ALM (control API): created, or updated
 * when `id` names one; `change` is the event type's verb (default CREATED, or UPDATED with an id).
 * Other body fields become the resource's.
 */
function raise(sim: SimContext, resourceType: 'EVENT-SITUATION' | 'STATUS-EVENT', req: SimRequest) {
	const b = jsonBody(req);
	const list = resourceType === 'EVENT-SITUATION' ? sim.state.calmOutbound.eventSituations : sim.state.calmOutbound.statusEvents;
	const verb = text(b.change)?.toUpperCase() ?? (b.id ? 'UPDATED' : 'CREATED');
	const eventType = verb.includes('.') ? verb : `${resourceType}.${verb}`;
	if (!CALM_EVENT_TYPES[resourceType].includes(eventType)) {
		throw bad(`change must be one of ${CALM_EVENT_TYPES[resourceType].map(eventVerb).join(', ')}`);
	}
	const now = isoNow(sim);
	const fields = { ...b };
	const givenId = fields.id;
	delete fields.id;
	delete fields.change;
	let event: CalmOutboundEvent | undefined = givenId ? list.find((e) => e.id === givenId) : undefined;
	if (givenId && !event) throw new SimError(404, 'NotFound', `${resourceType} ${String(givenId)} not found`);
	if (!event) {
		event =
			resourceType === 'EVENT-SITUATION'
				? // the shape of ba-p/13538900's example
					{ id: randomUUID(), startTime: now, updateTime: now, timestamp: now, serviceId: randomUUID(), subject: 'Event situation', body: '', rating: 'ERROR', tags: {}, ...fields }
				: // SAP's status-event fields (calmStatusEvents.ts), plus the id the envelope's resourceId carries
					{
						id: randomUUID(),
						type: 'CloudService',
						serviceType: 'SAP_S4HANA',
						serviceName: 'S/4HANA Cloud PRD',
						serviceDescription: 'S/4HANA Cloud PRD',
						serviceID: randomUUID(),
						eventType: 'Disruption',
						eventStatus: 'Open',
						eventName: 'Status event',
						eventDescription: '',
						eventSource: 'SAP Cloud ALM',
						eventStartTime: now,
						eventEndTime: null,
						...fields,
					};
		list.push(event);
	} else {
		Object.assign(event, fields, resourceType === 'EVENT-SITUATION' ? { updateTime: now } : {});
	}
	if (resourceType === 'STATUS-EVENT') syncStatusEvent(sim, event);
	const target = event;
	const resource: Record<string, unknown> = { ...target };
	delete resource.externalId;
	emitResourceChange(sim, { resourceType, eventType, resourceId: target.id, resource }, (id) => {
		target.externalId = id;
	});
	return { status: 201, body: target };
}

const eventVerb = (eventType: string) => eventType.slice(eventType.lastIndexOf('.') + 1);

/** The control routes of the outbound events; `control.ts` adds them to its router. */
export function calmOutboundRoutes(router: Router) {
	router.post('/__sim/calm/webhooks', function createCalmWebhook(req, sim) {
		const w = webhookFrom(sim, jsonBody(req));
		sim.state.calmOutbound.webhooks.push(w);
		return { status: 201, body: webhookView(w) };
	});
	router.get('/__sim/calm/webhooks', function listCalmWebhooks(_req, sim) {
		return { status: 200, body: sim.state.calmOutbound.webhooks.map(webhookView) };
	});
	router.delete('/__sim/calm/webhooks/:id', function deleteCalmWebhook(req, sim) {
		const outbound = sim.state.calmOutbound;
		if (!outbound.webhooks.some((w) => w.id === req.params.id)) throw new SimError(404, 'NotFound', `webhook ${req.params.id} not found`);
		outbound.webhooks = outbound.webhooks.filter((w) => w.id !== req.params.id);
		outbound.subscriptions = outbound.subscriptions.filter((s) => s.webhookId !== req.params.id);
		return { status: 204 };
	});

	router.post('/__sim/calm/subscriptions', function createCalmSubscription(req, sim) {
		const b = jsonBody(req);
		const webhookId = text(b.webhookId);
		if (!webhookId || !sim.state.calmOutbound.webhooks.some((w) => w.id === webhookId)) throw bad('webhookId must name a webhook');
		const resourceType = text(b.resourceType) as CalmResourceType | undefined;
		if (!resourceType || !CALM_RESOURCE_TYPES.includes(resourceType)) throw bad(`resourceType must be one of ${CALM_RESOURCE_TYPES.join(', ')}`);
		const eventTypes = Array.isArray(b.eventTypes) && b.eventTypes.length ? (b.eventTypes as unknown[]).map(String) : CALM_EVENT_TYPES[resourceType];
		const unknown = eventTypes.filter((e) => !CALM_EVENT_TYPES[resourceType].includes(e));
		if (unknown.length) throw bad(`eventTypes of ${resourceType} are ${CALM_EVENT_TYPES[resourceType].join(', ')} (not ${unknown.join(', ')})`);
		const projectId = text(b.projectId);
		if (resourceType === 'TASK') {
			// task subscriptions are per project
			if (!projectId || !sim.state.calm.projects.some((p) => p.id === projectId)) throw bad('a TASK subscription needs the projectId of a project');
		}
		const subscription = { id: randomUUID(), webhookId, resourceType, eventTypes, projectId: resourceType === 'TASK' ? projectId : undefined };
		sim.state.calmOutbound.subscriptions.push(subscription);
		return { status: 201, body: subscription };
	});
	router.get('/__sim/calm/subscriptions', function listCalmSubscriptions(_req, sim) {
		return { status: 200, body: sim.state.calmOutbound.subscriptions };
	});
	router.delete('/__sim/calm/subscriptions/:id', function deleteCalmSubscription(req, sim) {
		const outbound = sim.state.calmOutbound;
		if (!outbound.subscriptions.some((s) => s.id === req.params.id)) throw new SimError(404, 'NotFound', `subscription ${req.params.id} not found`);
		outbound.subscriptions = outbound.subscriptions.filter((s) => s.id !== req.params.id);
		return { status: 204 };
	});

	router.post('/__sim/calm/event-situations', function raiseEventSituation(req, sim) {
		return raise(sim, 'EVENT-SITUATION', req);
	});
	router.post('/__sim/calm/status-events', function raiseStatusEvent(req, sim) {
		return raise(sim, 'STATUS-EVENT', req);
	});
	router.get('/__sim/calm/event-situations', function listEventSituations(_req, sim) {
		return { status: 200, body: sim.state.calmOutbound.eventSituations };
	});
	router.get('/__sim/calm/status-events', function listStatusEvents(_req, sim) {
		return { status: 200, body: sim.state.calmOutbound.statusEvents };
	});

	router.get('/__sim/calm/deliveries', async function listCalmDeliveries(req, sim) {
		if (req.query.get('wait') === 'true') await settleDeliveries(sim);
		return { status: 200, body: sim.state.calmOutbound.deliveries };
	});
}
