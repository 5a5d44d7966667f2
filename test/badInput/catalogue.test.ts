/**
 * The bad-input catalogue (cases.ts) through the in-process n8n runner against the simulator: each
 * case must fail with its message naming the field and the fix, reach the simulator no further
 * than the case allows, and change nothing there.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { CredentialStore, runWorkflow } from '../runner';
import { useSimulator } from '../../simulator/testkit';
import { calmWorkflow } from '../nodes/sapCloudAlm/harness';
import { btpWorkflow } from '../nodes/sapBtp/harness';
import { pollTrigger } from '../nodes/sapBtpTrigger/pollHarness';
import { CASES, CONNECT_WEBHOOK_CREDENTIAL, type BadInputCase } from './cases';

/** A store whose Cloud Management credential holds `data` (pasted or field by field) whatever the trigger harness puts there. */
function storeWith(data: IDataObject): CredentialStore {
	const store = new CredentialStore();
	const put = store.put.bind(store);
	store.put = (entry) => put(entry.type === 'sapBtpCloudManagementApi' ? { ...entry, data: data as ICredentialDataDecryptedObject } : entry);
	return store;
}

const sim = useSimulator();

const keyText = (key: unknown) => (typeof key === 'string' ? key : JSON.stringify(key));

async function runCase(c: BadInputCase) {
	const target = c.target(sim);
	const since = sim.log.summary().lastSeq;
	const before = JSON.stringify({ ...sim.context.state, tokens: [], smCreateLog: {} });
	const store = new CredentialStore();
	let run: { status: string; error?: { message?: string; description?: unknown } };
	if (target.node === 'sapBtpTrigger') {
		// the trigger's credential data as given (pasted or field by field), polled as "Fetch Test Event"
		const { error } = await pollTrigger(sim, { mode: 'manual', store: storeWith(target.cis) });
		run = { status: error ? 'error' : 'success', error: error as { message?: string; description?: unknown } | undefined };
	} else if (target.node === 'sapBtp') {
		// Connect Cloud ALM to a Webhook (issue 14) is a version-2 operation; the older cases keep version 1
		const connect = target.destinationKey !== undefined;
		const workflow = btpWorkflow(target.parameters, connect ? { typeVersion: 2, destinationKey: target.destinationKey, webhookCredential: target.webhookCredential ?? CONNECT_WEBHOOK_CREDENTIAL } : {});
		run = await runWorkflow(workflow, {
			store,
			credentials: {
				sapBtpCloudManagementApi: { inputMode: 'json', serviceKey: keyText(target.cisKey ?? sim.keys.cisCentral) },
				sapBtpServiceManagerApi: { inputMode: 'json', serviceKey: keyText(target.smKey ?? sim.keys.serviceManager) },
				...(target.destinationKey !== undefined ? { sapBtpDestinationServiceApi: { inputMode: 'json', serviceKey: keyText(target.destinationKey) } } : {}),
				...(connect ? { sapCloudAlmWebhookApi: target.webhookCredential ?? CONNECT_WEBHOOK_CREDENTIAL } : {}),
			},
		});
	} else {
		run = await runWorkflow(calmWorkflow(target.parameters), {
			store,
			credentials: { sapCloudAlmApi: { inputMode: 'json', serviceKey: keyText(target.key ?? sim.keys.cloudAlm) } },
		});
	}
	const calls = sim.log.summary(since).entries;
	const after = JSON.stringify({ ...sim.context.state, tokens: [], smCreateLog: {} });
	return { run, calls, changed: before !== after };
}

test('the catalogue has at least 25 cases, all different', () => {
	expect(CASES.length).toBeGreaterThanOrEqual(25);
	expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
	test('fails with a message naming the field and the fix; the simulator is unchanged', async () => {
		const { run, calls, changed } = await runCase(c);
		expect(run.status).toBe('error');
		const message = run.error?.message ?? '';
		const text = `${message}\n${run.error?.description ?? ''}`;
		if (typeof c.message === 'string') expect(message).toBe(c.message);
		else expect(message).toMatch(c.message);
		if (typeof c.field === 'string') expect(text).toContain(c.field);
		else expect(text).toMatch(c.field);
		expect(text).toMatch(c.fix);
		expect(changed).toBe(false);
		const writes = calls.filter((e) => e.method !== 'GET' && e.service !== 'uaa' && e.service !== 'uaaCert');
		if (c.reach === 'none') expect(calls.filter((e) => e.service !== 'uaa' && e.service !== 'uaaCert')).toEqual([]);
		if (c.reach === 'readOnly') expect(writes).toEqual([]);
		if (c.reach === 'rejected') for (const w of writes) expect(w.status).toBeGreaterThanOrEqual(400);
	});
});
