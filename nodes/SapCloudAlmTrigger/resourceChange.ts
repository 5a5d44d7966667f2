/**
 * The body SAP Cloud ALM POSTs to a webhook ("Resource Changes" of External API Management):
 *
 *   { subscriptionId, resourceType, eventType, resourceId, resource }
 *
 * Source: SAP Community, "SAP Cloud ALM integration: event situations transformation mapping"
 * (ba-p/13538900): the envelope, event types `EVENT-SITUATION.CREATED|UPDATED|DELETED|PING` and the
 * event situation resource. The names of other resource and event types are not published, so the
 * filters compare names loosely (case, `-`/`_`/space, a plural `s`) and an event type filter matches
 * the full name (`EVENT-SITUATION.CREATED`) or its verb (`CREATED`).
 */
import type { IDataObject } from 'n8n-workflow';

export interface ResourceChange {
	subscriptionId: string;
	resourceType: string;
	eventType: string;
	resourceId: string;
	resource: IDataObject;
}

/** What the filters offer; names for types SAP does not publish are named like event situations'. */
export const RESOURCE_TYPES = [
	{ name: 'Approval Workflow', value: 'APPROVAL-WORKFLOW' },
	{ name: 'Event Situation', value: 'EVENT-SITUATION' },
	{ name: 'Operation Flow', value: 'OPERATION-FLOW' },
	{ name: 'Status Event', value: 'STATUS-EVENT' },
	{ name: 'Task', value: 'TASK' },
];

export const EVENT_VERBS = [
	{ name: 'Created', value: 'CREATED' },
	{ name: 'Deleted', value: 'DELETED' },
	{
		name: 'Ping',
		value: 'PING',
		description: 'Sent by Cloud ALM to check the webhook',
	},
	{ name: 'Updated', value: 'UPDATED' },
];

const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdLike = (v: unknown) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';

/** The envelope, or the reason the body is not one (the caller answers 400 with it). */
export function parseResourceChange(body: unknown): { ok: true; change: ResourceChange } | { ok: false; reason: string } {
	if (!isObject(body)) {
		return {
			ok: false,
			reason: 'The body must be a JSON object {subscriptionId, resourceType, eventType, resourceId, resource}',
		};
	}
	const missing = ['resourceType', 'eventType'].filter((f) => typeof body[f] !== 'string' || !(body[f] as string).trim());
	if (!isIdLike(body.resourceId)) missing.push('resourceId');
	if (missing.length)
		return {
			ok: false,
			reason: `The body is not a Cloud ALM resource change: ${missing.join(', ')} missing or empty`,
		};
	if (body.resource !== undefined && body.resource !== null && !isObject(body.resource)) {
		return {
			ok: false,
			reason: 'The body is not a Cloud ALM resource change: resource must be an object',
		};
	}
	return {
		ok: true,
		change: {
			subscriptionId: isIdLike(body.subscriptionId) ? String(body.subscriptionId) : '',
			resourceType: String(body.resourceType),
			eventType: String(body.eventType),
			resourceId: String(body.resourceId),
			resource: isObject(body.resource) ? body.resource : {},
		},
	};
}

/** `Event-Situations`, `EVENT_SITUATION` and `event situation` are the same name. */
export const normalizeName = (name: string) =>
	name
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '')
		.replace(/S$/, '');

/** The verb of an event type: `EVENT-SITUATION.CREATED` → `CREATED`, `CREATED` → `CREATED`. */
export const eventVerb = (eventType: string) => eventType.slice(eventType.lastIndexOf('.') + 1).toUpperCase();

/** Why the change does not pass the filters (empty filter = any), or undefined when it does. */
export function filteredOut(change: ResourceChange, resourceTypes: string[], eventTypes: string[]): string | undefined {
	if (resourceTypes.length && !resourceTypes.some((t) => normalizeName(t) === normalizeName(change.resourceType))) {
		return `resource type ${change.resourceType} is not one the trigger listens to`;
	}
	if (
		eventTypes.length &&
		!eventTypes.some((t) =>
			t.includes('.') ? normalizeName(t) === normalizeName(change.eventType) : t.toUpperCase() === eventVerb(change.eventType),
		)
	) {
		return `event type ${change.eventType} is not one the trigger listens to`;
	}
	return undefined;
}

const ENVELOPE_FIELDS = ['subscriptionId', 'resourceType', 'eventType', 'resourceId', 'action', 'envelope'];

/**
 * One item per event: the resource's own fields at the top (a field named like an envelope field
 * keeps the envelope's), the envelope's fields, `action` (the verb) and the raw `envelope`.
 */
export function eventItem(change: ResourceChange, rawBody: IDataObject): IDataObject {
	const flat: IDataObject = {};
	for (const [k, v] of Object.entries(change.resource)) if (!ENVELOPE_FIELDS.includes(k)) flat[k] = v;
	return {
		...flat,
		subscriptionId: change.subscriptionId,
		resourceType: change.resourceType,
		eventType: change.eventType,
		action: eventVerb(change.eventType),
		resourceId: change.resourceId,
		envelope: rawBody,
	};
}
