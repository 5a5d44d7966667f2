/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import axios from 'axios';
import { CredentialStore } from '../../runner';
import { useSimulator } from '../../../simulator/testkit';
import { runCalm, SEEDED_PROJECT, seededTaskId } from './harness';

const sim = useSimulator({ profile: { latencyMs: 0 } });

const project = { __rl: true, mode: 'id', value: SEEDED_PROJECT };
const revokeAllTokens = async () => (await axios.post(`${sim.urls.control}/__sim/tokens/revoke`)).data.revoked as number;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('SAP Cloud ALM node: missing scope', () => {
	it('a 403 names the authority to add and where; reads with the same key still work', async () => {
		const key = sim.keys.cloudAlmReadOnly;
		const read = await runCalm(sim, { resource: 'task', operation: 'list', projectId: project, limit: 2 }, { key });
		expect(read.status).toBe('success');
		expect(read.out).toHaveLength(2);

		const write = await runCalm(
			sim,
			{ resource: 'task', operation: 'create', projectId: project, type: 'CALMTASK', title: 'Needs write' },
			{ key },
		);
		expect(write.status).toBe('error');
		expect(write.error?.httpCode).toBe('403');
		expect(write.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.tasks.write"');
		expect(write.error?.message).toContain("service instance's xs-security.authorities");
		expect(write.error?.message).toContain('SAP BTP node: Service Instance → Create or Update');
		expect(write.error?.description).toContain('Cloud ALM said: Missing scope calm-api.tasks.write');
		// one fresh token is tried before the error (see the next test for why)
		expect(write.calls).toEqual([
			{ method: 'POST', path: '/api/calm-tasks/v1/tasks', status: 403 },
			{ method: 'POST', path: '/api/calm-tasks/v1/tasks', status: 403 },
		]);
	});

	it('after the scope is added to the instance, the next run gets a new token instead of reusing the old one', async () => {
		const key = sim.keys.cloudAlmReadOnly;
		const store = new CredentialStore();
		const create = { resource: 'task', operation: 'create', projectId: project, type: 'CALMTASK', title: 'Needs write' };
		const read = await runCalm(sim, { resource: 'project', operation: 'list', returnAll: true }, { key, store });
		expect(read.tokensIssued).toBe(1);

		// what Service Instance → Update with the new authority does in XSUAA: the binding's client gets the scope
		const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
		const granted = client.scopes.find((scope) => scope.endsWith('calm-api.tasks.read'))!;
		client.scopes = [...client.scopes, granted.replace(/read$/, 'write')];

		const write = await runCalm(sim, create, { key, store });
		expect(write.status).toBe('success');
		expect(write.calls.map((c) => c.status)).toEqual([403, 201]);
		expect(write.tokensIssued).toBe(1);
	});

	it('many items with a missing scope cost one extra token per execution, not one per item', async () => {
		const run = await runCalm(
			sim,
			{ resource: 'task', operation: 'update', taskId: '={{ $json.id }}', updateFields: { status: 'CIPTKINP' } },
			{ key: sim.keys.cloudAlmReadOnly, feed: { resource: 'task', operation: 'list', projectId: project, limit: 4 }, continueOnFail: true },
		);
		expect(run.out).toHaveLength(4);
		expect(run.out.every((o) => String(o.error).includes('calm-api.tasks.write'))).toBe(true);
		expect(run.tokensIssued).toBe(2);
		expect(run.calls.filter((c) => c.method === 'PATCH').map((c) => c.status)).toEqual([403, 403, 403, 403, 403]);
	});

	it('names the scope of any API reached through Custom API Call', async () => {
		const run = await runCalm(
			sim,
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'PATCH',
				path: '/calm-features/v1/Features/5e8c1f00-0000-4000-8000-000000000001',
				body: '{"title":"x"}',
			},
			{ key: sim.keys.cloudAlmReadOnly },
		);
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.message).toContain('$XSMASTERAPPNAME.calm-api.features.write');
	});

	it('the error text never carries the client secret or the token', async () => {
		const key = sim.keys.cloudAlmReadOnly;
		const run = await runCalm(sim, { resource: 'project', operation: 'create', name: 'x' }, { key });
		const text = JSON.stringify(run.error);
		expect(text).toContain('calm-api.projects.write');
		expect(text).not.toContain(String(key.uaa.clientsecret));
		expect(text).not.toMatch(/eyJ[\w-]{5,}\.[\w-]{5,}/);
	});
});

describe('SAP Cloud ALM node: token reuse and refresh', () => {
	it('reuses the stored token across runs and mints exactly one new token after revocation', async () => {
		const store = new CredentialStore();
		const list = { resource: 'project', operation: 'list', returnAll: true };
		const first = await runCalm(sim, list, { store });
		expect(first.tokensIssued).toBe(1);
		const second = await runCalm(sim, list, { store });
		expect(second.status).toBe('success');
		expect(second.tokensIssued).toBe(0);

		expect(await revokeAllTokens()).toBeGreaterThan(0);
		const third = await runCalm(sim, list, { store });
		expect(third.status).toBe('success');
		expect(third.out).toHaveLength(1);
		expect(third.tokensIssued).toBe(1);
		expect(third.calls.map((c) => c.status)).toEqual([401, 200]);
	});

	it('recovers when the token is revoked between two items of one run', async () => {
		await axios.post(`${sim.urls.control}/__sim/profile`, { latencyMs: 120 });
		const running = runCalm(
			sim,
			{ resource: 'task', operation: 'get', taskId: '={{ $json.id }}' },
			{ feed: { resource: 'task', operation: 'list', projectId: project, limit: 3 } },
		);
		// revoke as soon as the first item's GET has been answered; the second item's call is then refused
		const firstItemAnswered = () =>
			sim.log.entries.some((e) => e.route.endsWith('/tasks/:id') && e.status === 200);
		for (let waited = 0; !firstItemAnswered() && waited < 10_000; waited += 5) await sleep(5);
		expect(await revokeAllTokens()).toBeGreaterThan(0);

		const run = await running;
		expect(run.status).toBe('success');
		expect(run.out.map((t) => t.id)).toEqual([1, 2, 3].map(seededTaskId));
		expect(run.tokensIssued).toBe(2);
		const gets = run.calls.filter((c) => c.path.includes('/tasks/4d7b'));
		expect(gets.map((c) => c.status)).toEqual([200, 401, 200, 200]);
	});
});
