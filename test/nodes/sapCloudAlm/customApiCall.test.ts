import { useSimulator } from '../../../simulator/testkit';
import { queryOf, runCalm, SEEDED_PROJECT } from './harness';

const sim = useSimulator();

const call = (method: string, path: string, extra: Record<string, unknown> = {}) => ({
	resource: 'customApiCall',
	operation: 'request',
	method,
	path,
	...extra,
});

describe('SAP Cloud ALM node: Custom API Call', () => {
	it('GET with query parameters; an array answer becomes one item per element', async () => {
		const run = await runCalm(
			sim,
			call('GET', '/calm-tasks/v1/tasks', {
				query: { parameter: [{ name: 'projectId', value: SEEDED_PROJECT }, { name: 'limit', value: '2' }] },
			}),
		);
		expect(run.status).toBe('success');
		expect(run.out.map((t) => t.title)).toEqual(['Seeded task 1', 'Seeded task 2']);
		expect(run.paired).toEqual([{ item: 0 }, { item: 0 }]);
		expect(queryOf(run.calls[0].path)).toEqual({ projectId: SEEDED_PROJECT, limit: '2' });
	});

	it('POST with a JSON body, PATCH with an extra header, DELETE answering 204', async () => {
		const created = await runCalm(
			sim,
			call('POST', 'calm-tasks/v1/tasks', {
				body: JSON.stringify({ projectId: SEEDED_PROJECT, type: 'CALMTASK', title: 'Raw call' }),
			}),
		);
		expect(created.out[0]).toMatchObject({ title: 'Raw call', status: 'CIPTKOPEN' });
		const id = created.out[0].id as string;

		const patched = await runCalm(
			sim,
			call('PATCH', `/calm-tasks/v1/tasks/${id}`, {
				body: { status: 'CIPTKINP' },
				headers: { header: [{ name: 'X-Request-Source', value: 'n8n' }] },
			}),
		);
		expect(patched.out[0]).toMatchObject({ id, status: 'CIPTKINP' });

		const deleted = await runCalm(sim, call('DELETE', `/calm-tasks/v1/tasks/${id}`));
		expect(deleted.out).toEqual([{ success: true }]);
		expect(deleted.calls).toEqual([{ method: 'DELETE', path: `/api/calm-tasks/v1/tasks/${id}`, status: 204 }]);
	});

	it('accepts a full URL when it lies under endpoints.Api', async () => {
		const run = await runCalm(sim, call('GET', `${sim.keys.cloudAlm.endpoints.Api}/calm-features/v1/Features?$top=2`));
		expect(run.status).toBe('success');
		expect((run.out[0].value as unknown[]).length).toBe(2);
	});

	it.each([
		['another host', () => 'https://evil.example.com/api/calm-tasks/v1/tasks', 'absolute URLs to other hosts are refused'],
		['another simulator service', () => `${sim.urls.serviceManager}/v1/service_instances`, 'absolute URLs to other hosts are refused'],
		['a dot-segment path', () => '/calm-tasks/../../__sim/keys', '"." or ".." segments'],
	])('refuses %s before any token or call', async (_label, path, message) => {
		const run = await runCalm(sim, call('GET', path()));
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain(message);
		expect(run.tokensIssued).toBe(0);
		expect(sim.log.summary().entries).toEqual([]);
	});

	it('refuses invalid JSON and an Authorization header before any call', async () => {
		const badJson = await runCalm(sim, call('POST', '/calm-tasks/v1/tasks', { body: '{"title": ' }));
		expect(badJson.error?.message).toContain('Body (JSON) is not valid JSON');
		const notObject = await runCalm(sim, call('POST', '/calm-tasks/v1/tasks', { body: '42' }));
		expect(notObject.error?.message).toContain('must be a JSON object or array');
		const auth = await runCalm(
			sim,
			call('GET', '/calm-tasks/v1/tasks', { headers: { header: [{ name: 'authorization', value: 'Bearer x' }] } }),
		);
		expect(auth.error?.message).toContain('cannot be overridden');
		expect([...badJson.calls, ...notObject.calls, ...auth.calls]).toEqual([]);
	});

	it('a route Cloud ALM does not have is a 404 NodeApiError', async () => {
		const run = await runCalm(sim, call('GET', '/calm-nothing/v1/things'));
		expect(run.status).toBe('error');
		expect(run.error?.httpCode).toBe('404');
	});
});
