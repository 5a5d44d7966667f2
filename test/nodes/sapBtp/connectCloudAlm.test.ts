/**
 * SAP BTP → Cloud ALM API → Connect Cloud ALM to a Webhook, in n8n-core's engine against the simulator's
 * Destination service (its own key, XSUAA client and token): the destination is created, found and
 * adopted (updated only when it differs, other properties kept), never duplicated (two items at once:
 * one POST wins, the other's 409 is answered by reading it), never shows the password, and the output
 * carries the Cloud ALM checklist. Bad input fails before any call.
 */
import type { IDataObject } from 'n8n-workflow';
import { SUBACCOUNT_IDS } from '../../../simulator/seed';
import { useSimulator } from '../../../simulator/testkit';
import { CredentialStore, runWorkflow, testCredential } from '../../runner';
import { btpWorkflow, FAST_PROFILE, NODE_NAME } from './harness';

const sim = useSimulator({ reset: { customers: 0 }, profile: FAST_PROFILE });

const BASE = {
	resource: 'cloudAlmApi',
	operation: 'connectN8n',
	webhookUrl: 'https://n8n.example.com/webhook/cloud-alm-events',
	webhookAuthentication: 'basic',
};
/** the SAP Cloud ALM Webhook API credential: the user and password the trigger checks */
const WEBHOOK = { user: 'calm', password: 'p+ss/w=rd' };

async function connect(parameters: IDataObject, count = 1, webhook: { user: string; password: string } = WEBHOOK) {
	const workflow = btpWorkflow({ ...BASE, ...parameters }, { count, typeVersion: 2 });
	const node = workflow.nodes.find((n) => n.name === NODE_NAME)!;
	node.credentials = {
		sapBtpDestinationServiceApi: { id: 'dest-cred', name: 'Destination (Cloud ALM subaccount)' },
		sapCloudAlmWebhookApi: { id: 'hook-basic', name: 'Cloud ALM webhook' },
	};
	const since = sim.log.summary().lastSeq;
	const run = await runWorkflow(workflow, {
		store: new CredentialStore(),
		credentials: {
			sapBtpDestinationServiceApi: { inputMode: 'json', serviceKey: JSON.stringify(sim.keys.destination) },
			sapCloudAlmWebhookApi: webhook,
		},
	});
	const calls = sim.log.summary(since).entries.filter((e) => e.service === 'destination').map((e) => `${e.method} ${e.status}`);
	return { run, out: run.nodes[NODE_NAME]?.items ?? [], calls };
}

const stored = () => sim.context.state.destinations.map((d) => ({ subaccount: d.subaccountGUID, ...d.properties }));

test('creates the destination in the Cloud ALM subaccount, without the password in the output, with the Cloud ALM checklist', async () => {
	const { run, out, calls } = await connect({});
	expect(run.status).toBe('success');
	expect(calls).toEqual(['GET 404', 'POST 201']);
	expect(stored()).toEqual([
		{
			subaccount: SUBACCOUNT_IDS.calm,
			Name: 'n8n-cloud-alm-events',
			Type: 'HTTP',
			URL: BASE.webhookUrl,
			Authentication: 'BasicAuthentication',
			ProxyType: 'Internet',
			User: 'calm',
			Password: 'p+ss/w=rd',
			Description: 'SAP Cloud ALM events to n8n',
		},
	]);
	expect(out[0]).toMatchObject({ destinationName: 'n8n-cloud-alm-events', action: 'created', authentication: 'BasicAuthentication', url: BASE.webhookUrl });
	expect(JSON.stringify(out)).not.toContain('p+ss/w=rd');
	// the password lives only in the credential: not in the workflow's node parameters, nor anywhere in the run
	expect(JSON.stringify(run.run)).not.toContain('p+ss/w=rd');
	const checklist = out[0].checklist as IDataObject[];
	expect(checklist.map((s) => s.where)).toEqual([
		expect.stringContaining('Webhooks'),
		expect.stringContaining('Subscriptions'),
		expect.stringContaining('Intelligent Event Processing'),
		'n8n',
	]);
	expect(String(checklist[0].what)).toContain('"n8n-cloud-alm-events"');
});

test('runs again: unchanged (no write); a new password or no auth: the found destination is updated, its other properties kept', async () => {
	await connect({});
	const again = await connect({});
	expect(again.out[0].action).toBe('unchanged');
	expect(again.calls).toEqual(['GET 200']);

	sim.context.state.destinations[0].properties['sap-client'] = '100'; // set by an admin in the cockpit
	const rotated = await connect({}, 1, { ...WEBHOOK, password: 'new-secret' });
	expect(rotated.out[0].action).toBe('updated');
	expect(rotated.calls).toEqual(['GET 200', 'PUT 200']);
	expect(stored()[0]).toMatchObject({ Password: 'new-secret', 'sap-client': '100' });

	const open = await connect({ webhookAuthentication: 'none' });
	expect(open.out[0]).toMatchObject({ action: 'updated', authentication: 'NoAuthentication' });
	expect(stored()[0]).not.toHaveProperty('User');
	expect(stored()[0]).not.toHaveProperty('Password');
	expect(stored()).toHaveLength(1);
});

test('two items at once never make two destinations: the second POST\'s 409 is answered by reading the first', async () => {
	const { run, out, calls } = await connect({}, 2);
	expect(run.status).toBe('success');
	expect(stored()).toHaveLength(1);
	expect(out.map((o) => o.action).sort()).toEqual(['created', 'unchanged']);
	expect(calls.filter((c) => c.startsWith('POST')).sort()).toEqual(['POST 201', 'POST 409']);
});

test('bad input fails before any call, naming the field', async () => {
	for (const [parameters, message] of [
		[{ webhookUrl: 'not a url' }, 'Webhook URL "not a url" is not an http(s) URL'],
		[{ webhookUrl: 'https://n8n.example.com/webhook-test/abc' }, 'Webhook URL is a test URL (/webhook-test/): Cloud ALM needs the Production URL'],
		[{ destinationName: 'bad name' }, 'Destination Name "bad name" is not a valid destination name'],
	] as const) {
		const { run, calls } = await connect(parameters);
		expect(run.error?.message).toBe(message);
		expect(calls).toEqual([]);
	}
	// the SAP Cloud ALM Webhook API credential's fields, named with the fix
	for (const [webhook, message, fix] of [
		[{ ...WEBHOOK, password: '' }, 'Password of the SAP Cloud ALM Webhook API credential is empty', 'Credential SAP Cloud ALM Webhook API → Password'],
		[{ ...WEBHOOK, user: '' }, 'User of the SAP Cloud ALM Webhook API credential is empty or contains ":"', 'Credential SAP Cloud ALM Webhook API → User'],
		[{ ...WEBHOOK, user: 'calm:admin' }, 'User of the SAP Cloud ALM Webhook API credential is empty or contains ":"', 'without ":"'],
	] as const) {
		const { run, calls } = await connect({}, 1, webhook);
		expect(run.error?.message).toBe(message);
		expect(String(run.error?.description)).toContain(fix);
		expect(calls).toEqual([]);
	}
	expect(stored()).toEqual([]);
});

test('the SAP BTP Destination Service API credential: its test passes with the key (pasted or field by field), and names what is wrong otherwise', async () => {
	const key = sim.keys.destination;
	const pasted = (k: unknown) => ({ inputMode: 'json', serviceKey: JSON.stringify(k) });
	expect(await testCredential('sapBtpDestinationServiceApi', pasted(key))).toEqual({ status: 'OK', message: expect.any(String) });
	const fields = { inputMode: 'fields', destinationUrl: key.uri, authType: 'secret', clientId: key.clientid, clientSecret: key.clientsecret, uaaUrl: key.url };
	expect((await testCredential('sapBtpDestinationServiceApi', fields)).status).toBe('OK');
	const wrongKind = await testCredential('sapBtpDestinationServiceApi', pasted(sim.keys.cisCentral));
	expect(wrongKind.message).toContain('SAP Cloud Management (cis) key');
	const noUri = await testCredential('sapBtpDestinationServiceApi', pasted({ ...key, uri: undefined }));
	expect(noUri.message).toContain('uri is missing');
	const badSecret = await testCredential('sapBtpDestinationServiceApi', pasted({ ...key, clientsecret: 'not-the-secret' }));
	expect(badSecret.status).toBe('Error');
	expect(badSecret.message).not.toContain('not-the-secret');
	// a token of another service's client at the Destination service: the 403 rule's message
	const otherClient = { ...sim.keys.serviceManager, uri: key.uri };
	delete (otherClient as Record<string, unknown>).sm_url;
	const foreign = await testCredential('sapBtpDestinationServiceApi', pasted(otherClient));
	expect(foreign.message).toContain('not of another service');
});
