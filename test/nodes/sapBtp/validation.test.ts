import type { IDataObject } from 'n8n-workflow';
import { useSimulator } from '../../../simulator/testkit';
import { SUBACCOUNT_IDS } from '../../../simulator/seed';
import { FAST_PROFILE, NO_FAULTS, rl, runBtp } from './harness';

const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });

const createInstance = (extra: IDataObject): IDataObject => ({
	resource: 'serviceInstance',
	operation: 'create',
	serviceManagerAccess: 'serviceManagerCredential',
	...extra,
});

describe('SAP BTP node: bad input fails before any call', () => {
	it('a 33-character instance name names the field and the rule; no request is sent', async () => {
		const name = 'a'.repeat(33);
		const run = await runBtp(sim, createInstance({ instanceName: name }));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Instance Name is 33 characters long; SAP allows at most 32');
		expect(run.error?.description).toContain('Shorten');
		expect(run.calls).toEqual([]);
	});

	it('illegal characters are listed', async () => {
		const run = await runBtp(sim, createInstance({ instanceName: 'my instance/1' }));
		expect(run.error?.message).toBe('Instance Name contains characters SAP does not allow: space, "/"');
		expect(run.calls).toEqual([]);
	});

	it('invalid JSON parameters name the field; no request is sent', async () => {
		const run = await runBtp(sim, createInstance({ instanceName: 'ok-name', parametersMode: 'json', parametersJson: '{"xs-security": ' }));
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/^Parameters \(JSON\) is not valid JSON/);
		expect(run.calls).toEqual([]);
	});

	it('an unknown subaccount fails with a clear message after one read, with no mutating request', async () => {
		const unknown = '7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0aff';
		const run = await runBtp(sim, { resource: 'cloudAlmApi', operation: 'enable', subaccount: rl(unknown) });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(`Subaccount "${unknown}" is not in the global account of the Cloud Management credential`);
		expect(run.error?.description).toContain('Nothing was changed');
		expect(run.mutations).toEqual([]);
		expect(run.calls.filter((c) => c.service !== 'uaa').map((c) => c.route)).toEqual(['/accounts/v1/subaccounts']);
	});

	it('a subaccount that is not a GUID is refused before any call (also when it comes from an expression)', async () => {
		const run = await runBtp(sim, { resource: 'entitlement', operation: 'get', subaccount: rl('={{ "not-a-guid" }}') });
		expect(run.error?.message).toBe('Subaccount "not-a-guid" is not a GUID');
		expect(run.calls).toEqual([]);
	});

	it('a timeout of 0 or less is refused before any call', async () => {
		const run = await runBtp(sim, {
			resource: 'entitlement',
			operation: 'configure',
			subaccount: rl(SUBACCOUNT_IDS.dev),
			waitTimeout: -5,
		});
		expect(run.error?.message).toBe('Wait Timeout must be greater than 0 (got -5)');
		expect(run.calls).toEqual([]);
	});

	it('continueOnFail: the bad item becomes an error item naming the field, the others run, order is kept', async () => {
		const names = ['good-one', 'b'.repeat(40), 'good-two'];
		const run = await runBtp(
			sim,
			{
				resource: 'entitlement',
				operation: 'configure',
				subaccount: rl(`={{ ${JSON.stringify([SUBACCOUNT_IDS.dev, 'nope', SUBACCOUNT_IDS.qa])}[$json.n] }}`),
				serviceName: 'auditlog-viewer',
				planName: 'free',
			},
			{ count: 3, continueOnFail: true },
		);
		expect(run.status).toBe('success');
		expect(names).toHaveLength(3);
		expect(run.out).toHaveLength(3);
		expect(run.paired).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(run.out[0]).toMatchObject({ action: 'assigned', assignedWith: 'enable' });
		expect(run.out[1].error).toBe('Subaccount "nope" is not a GUID');
		expect(run.out[2]).toMatchObject({ action: 'assigned', assignedWith: 'enable' });
	});
});
