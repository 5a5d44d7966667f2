/**
 * Cloud ALM API → Connect Cloud ALM to a Webhook: creates or updates the destination in the Cloud ALM
 * subaccount that points at an n8n production webhook URL with the webhook's authentication, and
 * returns the checklist of the steps only the Cloud ALM UI can do. The procedure is
 * procedures/connectCloudAlmToN8n.ts; this file holds the fields, checks them, and shapes the output.
 */
import {
	NodeOperationError,
	updateDisplayOptions,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { DestinationClient } from '../../api/destinations';
import type { BtpSession } from '../../api/session';
import { maskParameters } from '../../../shared/credentialMask';
import { isLoopbackHost } from '../../../shared/urlSafety';
import { cloudAlmChecklist, connectCloudAlmToN8n, type ConnectInput } from '../../procedures/connectCloudAlmToN8n';

/** The credential the SAP Cloud ALM Trigger checks incoming Basic auth against. */
export const WEBHOOK_CREDENTIAL = 'sapCloudAlmWebhookApi';

export const DEFAULT_DESTINATION_NAME = 'n8n-cloud-alm-events';

const properties: INodeProperties[] = [
	{
		displayName:
			'Uses the SAP BTP Destination Service API credential: a key of the destination instance in the Cloud ALM subaccount (Cloud ALM posts its events to destinations of its own subaccount). With Basic Auth, the destination gets the user and password of the SAP Cloud ALM Webhook API credential, the one the SAP Cloud ALM Trigger checks. Webhook, subscription and mapping are then set up in Cloud ALM: the output lists the steps.',
		name: 'connectNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://n8n.example.com/webhook/cloud-alm-events/webhook',
		description: 'The Production URL of the SAP Cloud ALM Trigger (Cloud ALM must reach it from the internet)',
	},
	{
		displayName: 'Authentication',
		name: 'webhookAuthentication',
		type: 'options',
		options: [
			{ name: 'Basic Auth', value: 'basic', description: 'The user and password of the SAP Cloud ALM Webhook API credential, which the trigger checks' },
			{ name: 'None', value: 'none', description: 'The trigger accepts any caller' },
		],
		default: 'basic',
		description: 'What the trigger expects; the destination sends it with every event',
	},
	{
		displayName: 'Destination Name',
		name: 'destinationName',
		type: 'string',
		default: DEFAULT_DESTINATION_NAME,
		required: true,
		description: 'A destination of this name is adopted and updated when it differs; none is ever created twice',
	},
	{
		displayName: 'Description',
		name: 'destinationDescription',
		type: 'string',
		default: 'SAP Cloud ALM events to n8n',
		description: 'Description of the destination in the SAP BTP cockpit',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['cloudAlmApi'], operation: ['connectN8n'] } }, properties);

async function readInput(ctx: IExecuteFunctions, i: number): Promise<ConnectInput> {
	const node = ctx.getNode();
	const fail = (message: string, field: string) =>
		new NodeOperationError(node, message, { itemIndex: i, description: `Step: Check input\nField: ${field}. Nothing was changed.` });
	const text = (name: string) => String(ctx.getNodeParameter(name, i, '') ?? '').trim();

	const destinationName = text('destinationName');
	if (!/^[A-Za-z0-9_-]{1,200}$/.test(destinationName)) {
		throw fail(`Destination Name "${destinationName}" is not a valid destination name`, 'Destination Name: letters, digits, "-" and "_", e.g. n8n-cloud-alm-events');
	}
	const webhookUrl = text('webhookUrl');
	if (!webhookUrl) throw fail('Webhook URL is empty', "Webhook URL: the trigger's Production URL, e.g. https://n8n.example.com/webhook/cloud-alm-events/webhook");
	let parsed: URL | undefined;
	try {
		parsed = new URL(webhookUrl);
	} catch {
		parsed = undefined;
	}
	if (parsed && (parsed.username || parsed.password)) {
		// never quoted: the part before "@" may be a password
		throw fail('Webhook URL contains a user name or password ("…@" before the host)', 'Webhook URL: the Production URL without "user:password@"; put them in the SAP Cloud ALM Webhook API credential (Authentication: Basic Auth)');
	}
	if (!parsed || !['https:', 'http:'].includes(parsed.protocol)) {
		throw fail(`Webhook URL "${webhookUrl}" is not an http(s) URL`, "Webhook URL: the trigger's Production URL, e.g. https://n8n.example.com/webhook/cloud-alm-events/webhook");
	}
	if (/\/webhook-test\//.test(parsed.pathname)) {
		throw fail('Webhook URL is a test URL (/webhook-test/): Cloud ALM needs the Production URL', "Webhook URL: the trigger's Production URL (/webhook/…)");
	}
	const authentication = ctx.getNodeParameter('webhookAuthentication', i, 'basic') as ConnectInput['authentication'];
	if (authentication === 'basic' && parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
		// the destination would make Cloud ALM send the password unencrypted with every event
		throw fail(
			`Webhook URL uses plain http:// to ${parsed.host} with Basic Auth: Cloud ALM would send the password unencrypted`,
			"Webhook URL: the trigger's https:// Production URL (n8n behind TLS)",
		);
	}
	const input: ConnectInput = { destinationName, webhookUrl, authentication, description: text('destinationDescription') || undefined };
	if (authentication === 'basic') {
		// the trigger's own credential: trigger and destination can never disagree, and the password
		// lives only in n8n's encrypted credential store (never in the workflow's node parameters)
		let credential: ICredentialDataDecryptedObject;
		try {
			credential = await ctx.getCredentials(WEBHOOK_CREDENTIAL, i);
		} catch (error) {
			throw fail(
				`The node needs a ${WEBHOOK_CREDENTIAL} credential (SAP Cloud ALM Webhook API): ${(error as Error).message}`,
				'Credential: select the SAP Cloud ALM Webhook API credential the SAP Cloud ALM Trigger uses',
			);
		}
		input.user = String(credential.user ?? '').trim();
		input.password = String(credential.password ?? '');
		if (!input.user || input.user.includes(':')) {
			throw fail(
				'User of the SAP Cloud ALM Webhook API credential is empty or contains ":"',
				'Credential SAP Cloud ALM Webhook API → User: the user the trigger checks, without ":" (Basic auth separates user and password with it)',
			);
		}
		if (!input.password) {
			throw fail('Password of the SAP Cloud ALM Webhook API credential is empty', 'Credential SAP Cloud ALM Webhook API → Password: the password the trigger checks');
		}
	}
	return input;
}

/** The password (and the Basic credentials made of it) is a secret in use: redacted by value from every error. */
function rememberPassword(session: BtpSession, input: ConnectInput): void {
	if (!input.password) return;
	session.transport.secrets.add(input.password);
	session.transport.secrets.addClient({ clientId: input.user ?? '', clientSecret: input.password });
}

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const input = await readInput(this, i);
	rememberPassword(session, input);
	const { action, destination } = await connectCloudAlmToN8n(new DestinationClient(session), input);
	// the password stays in the destination: never in the output; an adopted destination's other
	// secrets (clientSecret, tokenServicePassword, … set in the cockpit) are hidden by name
	const shown: IDataObject = { ...destination };
	delete shown.Password;
	return {
		destinationName: input.destinationName,
		action,
		url: input.webhookUrl,
		authentication: destination.Authentication,
		destination: maskParameters(shown),
		checklist: cloudAlmChecklist(input.destinationName, input.authentication),
	};
}
