/**
 * Connect SAP Cloud ALM to n8n: the destination in the Cloud ALM subaccount that Cloud ALM's
 * outbound webhooks post to, pointing at an n8n production webhook URL with that webhook's
 * authentication; then what only the Cloud ALM UI can do, as a checklist.
 *
 * Cloud ALM sends its "Resource Changes" events (External API Management) to a webhook whose target
 * is a BTP destination in the Cloud ALM subaccount; the destination may use Basic authentication,
 * a client certificate, OAuth2 client credentials or none; webhooks and subscriptions are created in
 * the Cloud ALM UI, no public API is known (SAP Community posts "SAP Cloud ALM integration: event
 * situations transformation mapping" ba-p/13538900 and "events to tickets" ba-p/13536733, third party).
 *
 * Never a duplicate: the destination is found by name and adopted (updated only when it differs);
 * a create whose answer was lost, or that answers 409, is read back by name (DestinationClient).
 */
import type { IDataObject } from 'n8n-workflow';
import type { DestinationClient, DestinationProperties } from '../api/destinations';

export interface ConnectInput {
	destinationName: string;
	webhookUrl: string;
	authentication: 'basic' | 'none';
	user?: string;
	password?: string;
	description?: string;
}

export type ConnectAction = 'created' | 'updated' | 'unchanged';

/** Properties this operation owns; anything else on an adopted destination is kept. */
const OWNED = ['Type', 'URL', 'Authentication', 'ProxyType', 'User', 'Password', 'Description'];

export function desiredDestination(input: ConnectInput): DestinationProperties {
	return {
		Name: input.destinationName,
		Type: 'HTTP',
		URL: input.webhookUrl,
		Authentication: input.authentication === 'basic' ? 'BasicAuthentication' : 'NoAuthentication',
		ProxyType: 'Internet',
		...(input.authentication === 'basic' ? { User: input.user, Password: input.password } : {}),
		...(input.description ? { Description: input.description } : {}),
	};
}

/** The adopted destination with our properties: others kept, User/Password dropped when there is no auth. */
function merged(existing: DestinationProperties, desired: DestinationProperties): DestinationProperties {
	const out: DestinationProperties = { ...existing, ...desired };
	for (const key of OWNED) if (!(key in desired) && key !== 'Description') delete out[key];
	return out;
}

function differs(existing: DestinationProperties, wanted: DestinationProperties): boolean {
	const keys = new Set([...Object.keys(existing), ...Object.keys(wanted)]);
	for (const key of keys) if (String(existing[key] ?? '') !== String(wanted[key] ?? '')) return true;
	return false;
}

export async function connectCloudAlmToN8n(client: DestinationClient, input: ConnectInput): Promise<{ action: ConnectAction; destination: DestinationProperties }> {
	const desired = desiredDestination(input);
	let existing = await client.get(desired.Name);
	if (!existing) {
		const created = await client.create(desired);
		if (created.created) return { action: 'created', destination: desired };
		existing = created.existing;
	}
	const wanted = merged(existing, desired);
	if (!differs(existing, wanted)) return { action: 'unchanged', destination: existing };
	// gone between the read and the write (deleted by someone else): create it after all
	if (!(await client.update(wanted))) {
		await client.create(desired);
		return { action: 'created', destination: desired };
	}
	return { action: 'updated', destination: wanted };
}

/** What only the Cloud ALM UI can do (no public API is known for webhooks, subscriptions or mappings). */
export function cloudAlmChecklist(destinationName: string, authentication: ConnectInput['authentication']): IDataObject[] {
	return [
		{
			step: 1,
			where: 'SAP Cloud ALM → Administration → External API Management → Webhooks',
			what: `Create a webhook whose target is the destination "${destinationName}" (its URL and ${authentication === 'basic' ? 'Basic authentication' : 'no authentication'} come from the destination).`,
		},
		{
			step: 2,
			where: 'SAP Cloud ALM → External API Management → Subscriptions',
			what: 'Subscribe the webhook to the resource types and event types the workflow handles (tasks of a project, event situations, status events, operation flows, approval workflows).',
		},
		{
			step: 3,
			where: 'SAP Cloud ALM → Intelligent Event Processing (for alerts and event situations)',
			what: 'Map the situation to the webhook (event action / transformation mapping), so that the external id the workflow answers is stored on the situation.',
		},
		{
			step: 4,
			where: 'n8n',
			what: 'Publish the workflow of the SAP Cloud ALM Trigger (the destination points at its Production URL), then send a test event from Cloud ALM and check the execution.',
		},
	];
}
