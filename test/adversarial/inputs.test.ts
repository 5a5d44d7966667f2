/**
 * Issue 12, weaknesses 6, 8, 9 and 11: inputs that must be refused (or coerced) before anything is
 * sent, run in n8n's real engine (test/runner) against the simulator over real HTTP. Every refusal
 * asserts the exact message and that no token was fetched and no request reached any service.
 * Paging (7) and X.509 (10) have their own files: paging.test.ts, x509.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import { useSimulator } from '../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { runCalm, SEEDED_PROJECT } from '../nodes/sapCloudAlm/harness';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp, simState } from '../nodes/sapBtp/harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });

const nothingSent = () => expect(sim.log.summary().entries).toEqual([]);
const entitleDev = async () =>
	expect((await runBtp(sim, { resource: 'entitlement', operation: 'configure', subaccount: rl(SUBACCOUNT_IDS.dev) })).status).toBe('success');

// ------------------------------------------------------------------------------------ 6. paths
describe('weakness 6: Custom API Call paths stay under endpoints.Api', () => {
	const FIX = "Give a path under the binding's endpoints.Api, e.g. /calm-tasks/v1/tasks.";
	const dots = (segment: string) =>
		`Path must not contain "." or ".." segments (also encoded, like ".%2e" or "%2e%2e"): "${segment}" would leave endpoints.Api. ${FIX}`;
	const ABSOLUTE =
		"Path must be relative to the binding's endpoints.Api (e.g. /calm-tasks/v1/tasks); absolute URLs to other hosts are refused so the Cloud ALM token never leaves the Cloud ALM host";
	const call = (path: string): IDataObject => ({ resource: 'customApiCall', operation: 'request', method: 'GET', path });

	it.each([
		['.%2e', '/calm-tasks/v1/.%2e/.%2e/.%2e/__sim/keys', dots('.%2e')],
		['.%2E', '/calm-tasks/.%2E/.%2E/__sim/state', dots('.%2E')],
		['%2e%2e', '/calm-tasks/%2e%2e/%2e%2e/__sim/state', dots('%2e%2e')],
		['%2E.', 'calm-tasks/%2E./x', dots('%2E.')],
		['a single %2e', '/calm-tasks/%2e/v1/tasks', dots('%2e')],
		['..;x (servlet path parameter)', '/calm-tasks/..;x/..;x/admin', dots('..;x')],
		['.\\t. (a tab URL parsing drops)', '/calm-tasks/.\t./.\t./__sim/state', `Path contains a tab; remove it. ${FIX}`],
		['.\\n. (a line break URL parsing drops)', '/calm-tasks/.\n./__sim/state', `Path contains a line break; remove it. ${FIX}`],
		['a NUL byte', '/calm-tasks/v1/tasks\u0000', `Path contains \\u0000; remove it. ${FIX}`],
		['backslashes', '/calm-tasks\\..\\..\\__sim\\state', `Path must not contain backslashes (\\); use / between segments. ${FIX}`],
		['an encoded slash', '/calm-tasks/..%2f..%2f__sim/state', `Path must not contain an encoded slash or backslash (%2F, %5C); use / between segments. ${FIX}`],
		['an encoded backslash', '/calm-tasks/..%5C__sim', `Path must not contain an encoded slash or backslash (%2F, %5C); use / between segments. ${FIX}`],
		['a broken percent escape', '/calm-tasks/%zz/tasks', `Path segment "%zz" has a broken percent escape (% must be followed by two hex digits). ${FIX}`],
		['//host (protocol-relative)', '//127.0.0.2/api/calm-tasks/v1/tasks', ABSOLUTE],
		['an absolute URL to another host', 'https://evil.example.com/api/calm-tasks/v1/tasks', ABSOLUTE],
		['http to a non-loopback host', 'http://10.0.0.1/api/calm-tasks/v1/tasks', ABSOLUTE],
	])('refuses %s before any token or call', async (_label, path, message) => {
		const run = await runCalm(sim, call(path));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(message);
		expect(run.error?.description).toContain('Field: Path. Nothing was sent');
		expect(run.tokensIssued).toBe(0);
		nothingSent();
	});

	it('refuses an absolute URL on the Cloud ALM origin whose encoded dots climb out of endpoints.Api', async () => {
		const run = await runCalm(sim, call(`${sim.keys.cloudAlm.endpoints.Api}/calm-tasks/%2e%2e/%2e%2e/__sim/state`));
		expect(run.error?.message).toBe(dots('%2e%2e'));
		expect(run.tokensIssued).toBe(0);
		nothingSent();
	});

	it('refuses a URL on the same host but another port (another origin)', async () => {
		const api = new URL(sim.keys.cloudAlm.endpoints.Api);
		const run = await runCalm(sim, call(`${api.protocol}//${api.hostname}:${Number(api.port) + 1}${api.pathname}/calm-tasks/v1/tasks`));
		expect(run.error?.message).toBe(ABSOLUTE);
		nothingSent();
	});

	it('neighbour: dots and encoded slashes in the query are data, not path; the call goes to the path as resolved', async () => {
		const run = await runCalm(sim, call(`calm-tasks/v1/tasks?projectId=${SEEDED_PROJECT}&x=..%2f..`));
		expect(run.status).toBe('success');
		expect(run.calls.map((c) => c.path.split('?')[0])).toEqual(['/api/calm-tasks/v1/tasks']);
	});

	it('neighbour: "..." and "a..b" are ordinary segments (sent as written, answered 404 by Cloud ALM)', async () => {
		const run = await runCalm(sim, call('/calm-tasks/v1/tasks/.../a..b'));
		expect(run.error?.httpCode).toBe('404');
		expect(run.calls).toEqual([{ method: 'GET', path: '/api/calm-tasks/v1/tasks/.../a..b', status: 404 }]);
	});
});

// ------------------------------------------------------------------------------------ 8. timeouts
describe('weakness 8: timeouts outside 1 s … 2,147,483 s are refused before any call', () => {
	const entitlementGet = (extra: IDataObject = {}) => ({
		resource: 'entitlement',
		operation: 'get',
		subaccount: rl(SUBACCOUNT_IDS.dev),
		serviceName: 'SAPCloudALMAPIs',
		planName: 'standard',
		...extra,
	});
	const configure = (extra: IDataObject) => ({ ...entitlementGet(), operation: 'configure', ...extra });

	it.each([
		['Request Timeout of 2,147,484 s', entitlementGet({ options: { requestTimeout: 2_147_484 } }), 'Request Timeout must be at most 2147483 seconds (about 24.8 days) (got 2147484)'],
		['Request Timeout Infinity from an expression', entitlementGet({ options: { requestTimeout: '={{ 1/0 }}' } }), 'Request Timeout must be at most 2147483 seconds (about 24.8 days) (got Infinity)'],
		['Request Timeout of half a second', entitlementGet({ options: { requestTimeout: 0.5 } }), 'Request Timeout must be at least 1 second (got 0.5)'],
		['Request Timeout that is not a number', entitlementGet({ options: { requestTimeout: '={{ "soon" }}' } }), 'Request Timeout must be a number of seconds (got "soon")'],
		['Wait Timeout of 2,147,484 s', configure({ waitTimeout: 2_147_484 }), 'Wait Timeout must be at most 2147483 seconds (about 24.8 days) (got 2147484)'],
		['Wait Timeout Infinity from an expression', configure({ waitTimeout: '={{ Infinity }}' }), 'Wait Timeout must be at most 2147483 seconds (about 24.8 days) (got Infinity)'],
		['Wait Timeout of 0.2 s', configure({ waitTimeout: 0.2 }), 'Wait Timeout must be at least 1 second (got 0.2)'],
		['Plan Grace Period below 0', entitlementGet({ options: { planGracePeriod: -1 } }), 'Plan Grace Period must be at least 0 seconds (got -1)'],
		['Plan Grace Period of 1e9 s', entitlementGet({ options: { planGracePeriod: 1e9 } }), 'Plan Grace Period must be at most 2147483 seconds (about 24.8 days) (got 1000000000)'],
	])('%s', async (_label, parameters, message) => {
		const run = await runBtp(sim, parameters);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(message);
		expect(run.error?.description).toMatch(/^Step: Check input\n/);
		expect(run.calls).toEqual([]);
	});

	it('the fix names the option and, above the cap, why', async () => {
		const run = await runBtp(sim, entitlementGet({ options: { requestTimeout: 2_147_484 } }));
		expect(run.error?.description).toBe(
			'Step: Check input\nOptions → Request Timeout (Seconds): e.g. 60. Longer waits cannot be timed: Node.js would cut them to 1 ms.',
		);
	});

	it('neighbour: the edges 1 s and 2,147,483 s are accepted and the calls succeed', async () => {
		const run = await runBtp(sim, entitlementGet({ options: { requestTimeout: 2_147_483, planGracePeriod: 0 } }));
		expect(run.error).toBeUndefined();
		expect(run.out[0]).toMatchObject({ serviceName: 'SAPCloudALMAPIs' });
		const short = await runBtp(sim, entitlementGet({ options: { requestTimeout: 1 } }));
		expect(short.error).toBeUndefined();
	});
});

// ------------------------------------------------------------------------------------ 9. text
describe('weakness 9: names and IDs from expressions are read as text', () => {
	const sm = { serviceManagerAccess: 'serviceManagerCredential' };

	it('Create or Update: an Instance Name that is a number creates the instance "42"', async () => {
		await entitleDev();
		const run = await runBtp(sim, { resource: 'serviceInstance', operation: 'createOrUpdate', ...sm, instanceName: '={{ 42 }}' });
		expect(run.error).toBeUndefined();
		expect(run.out[0]).toMatchObject({ action: 'created', instance: { name: '42' } });
	});

	it('Create binding: a Binding Name that is a number creates the binding "7"', async () => {
		await entitleDev();
		const created = await runBtp(sim, { resource: 'serviceInstance', operation: 'create', ...sm, instanceName: 'text-test' });
		const instance = rl(String((created.out[0].instance as IDataObject).id));
		const run = await runBtp(sim, { resource: 'serviceBinding', operation: 'create', ...sm, instance, bindingName: '={{ 7 }}' });
		expect(run.error).toBeUndefined();
		expect(run.out[0]).toMatchObject({ name: '7' });
	});

	it('a boolean is its text: Get by name looks up "true"', async () => {
		const run = await runBtp(sim, { resource: 'serviceInstance', operation: 'get', ...sm, instance: rl('={{ true }}', 'name') });
		expect(run.error?.message).toBe('Service instance "true" does not exist');
		expect(run.mutations).toEqual([]);
	});

	it('a number as Subaccount GUID is checked as text', async () => {
		const run = await runBtp(sim, { ...entitlementOf(), subaccount: rl('={{ 12 }}') });
		expect(run.error?.message).toBe('Subaccount "12" is not a GUID');
		expect(run.calls).toEqual([]);
	});

	it.each([
		['an object as Instance Name', { resource: 'serviceInstance', operation: 'createOrUpdate', ...sm, instanceName: '={{ { name: "x" } }}' }, 'Instance Name must be text, but the expression gave an object'],
		['a list as Binding Name (Enable)', { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(SUBACCOUNT_IDS.dev), bindingName: '={{ ["a", "b"] }}' }, 'Binding Name must be text, but the expression gave a list'],
		['an object as Service Instance (by name)', { resource: 'serviceInstance', operation: 'delete', ...sm, instance: rl('={{ $json }}', 'name') }, 'Service Instance must be text, but the expression gave an object'],
		['an object as New Name', { resource: 'serviceInstance', operation: 'update', ...sm, instance: rl('x', 'name'), newName: '={{ {} }}' }, 'New Name must be text, but the expression gave an object'],
		['an object as Service Manager Access Binding Name', { ...entitlementOf(), options: { serviceManagerAccessBindingName: '={{ {} }}' } }, 'Service Manager Access Binding Name must be text, but the expression gave an object'],
	])('SAP BTP refuses %s before any call', async (_label, parameters, message) => {
		const run = await runBtp(sim, parameters as IDataObject);
		expect(run.error?.message).toBe(message);
		expect(run.error?.description).toContain('Make the expression return text, e.g. {{ $json.name }} instead of {{ $json }}');
		expect(run.calls).toEqual([]);
	});

	it('Cloud ALM: an object as Path is refused before any token or call', async () => {
		const run = await runCalm(sim, { resource: 'customApiCall', operation: 'request', method: 'GET', path: '={{ { p: 1 } }}' });
		expect(run.error?.message).toBe('Path must be text, but the expression gave an object');
		expect(run.tokensIssued).toBe(0);
		nothingSent();
	});

	it('Cloud ALM: a boolean Task ID is its text (GET …/tasks/true, 404), not "Task ID is empty"', async () => {
		const run = await runCalm(sim, { resource: 'task', operation: 'get', taskId: '={{ true }}' });
		expect(run.error?.httpCode).toBe('404');
		expect(run.calls.map((c) => c.path)).toEqual(['/api/calm-tasks/v1/tasks/true']);
	});

	it('Cloud ALM: a number as Custom API Call path is the path "/42"', async () => {
		const run = await runCalm(sim, { resource: 'customApiCall', operation: 'request', method: 'GET', path: '={{ 42 }}' });
		expect(run.calls.map((c) => c.path)).toEqual(['/api/42']);
	});
});

function entitlementOf(): IDataObject {
	return { resource: 'entitlement', operation: 'get', subaccount: rl(SUBACCOUNT_IDS.dev), serviceName: 'SAPCloudALMAPIs', planName: 'standard' };
}

// ------------------------------------------------------------------------------------ 11. same names
describe('weakness 11: two Service Manager instances of one name are never patched or deleted silently', () => {
	const sm = { serviceManagerAccess: 'serviceManagerCredential' };
	const DUPLICATE_ID = '0dd0dd00-0000-4000-8000-0000000000d2';

	/** SAP keeps names unique on its platform; the second one is injected into the simulator's state. */
	async function twoOfOneName(): Promise<string> {
		await entitleDev();
		const created = await runBtp(sim, { resource: 'serviceInstance', operation: 'create', ...sm, instanceName: 'dup-me' });
		expect(created.error).toBeUndefined();
		const original = sim.context.state.instances.find((i) => i.name === 'dup-me')!;
		sim.context.state.instances.push({ ...original, id: DUPLICATE_ID, paging_sequence: sim.context.state.seq.paging++ });
		return original.id;
	}
	const dupNames = async () => ((await simState(sim)).instances as IDataObject[]).filter((i) => i.name === 'dup-me').map((i) => i.id).sort();

	it.each([
		['Create or Update', { resource: 'serviceInstance', operation: 'createOrUpdate', ...sm, instanceName: 'dup-me', scopes: ['calm-api.tasks.read'] }],
		['Delete (by name)', { resource: 'serviceInstance', operation: 'delete', ...sm, instance: rl('dup-me', 'name'), deleteBindings: true }],
		['Update (by name)', { resource: 'serviceInstance', operation: 'update', ...sm, instance: rl('dup-me', 'name'), newName: 'renamed' }],
	])('%s refuses, listing both', async (_label, parameters) => {
		const originalId = await twoOfOneName();
		const run = await runBtp(sim, parameters as IDataObject);
		expect(run.error?.message).toBe('Service instance name "dup-me" is ambiguous: Service Manager lists 2 matches');
		expect(run.error?.description).toBe(
			`Step: Find the service instance by name\nMatches: ${originalId} (platform service-manager), ${DUPLICATE_ID} (platform service-manager)\n` +
				'Service Manager keeps instance names unique on its own platform; rename or delete one of them in the BTP cockpit.',
		);
		expect(run.mutations).toEqual([]);
		expect(await dupNames()).toEqual([originalId, DUPLICATE_ID].sort());
	});

	it('neighbour: Delete by ID removes exactly that one', async () => {
		const originalId = await twoOfOneName();
		const run = await runBtp(sim, { resource: 'serviceInstance', operation: 'delete', ...sm, instance: rl(DUPLICATE_ID) });
		expect(run.error).toBeUndefined();
		expect(run.mutations.map((m) => `${m.method} ${m.path.split('?')[0]}`)).toEqual([`DELETE /v1/service_instances/${DUPLICATE_ID}`]);
		expect(await dupNames()).toEqual([originalId]);
	});
});
