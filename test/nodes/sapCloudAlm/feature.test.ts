import { useSimulator } from '../../../simulator/testkit';
import { queryOf, runCalm, SEEDED_PROJECT } from './harness';

const sim = useSimulator();

const featureUuid = (n: number) => `5e8c1f00-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('SAP Cloud ALM node: Feature (OData)', () => {
	it('Return All follows @odata.nextLink over several server pages', async () => {
		const run = await runCalm(sim, { resource: 'feature', operation: 'list', returnAll: true });
		expect(run.status).toBe('success');
		expect(run.out.map((f) => f.uuid)).toEqual([1, 2, 3, 4, 5, 6, 7].map(featureUuid));
		// first page without $top (server-driven paging), then the server's own next link
		expect(run.calls).toHaveLength(2);
		expect(queryOf(run.calls[0].path)).toEqual({});
		// (the simulator's log masks every *token= value, $skiptoken included)
		expect(Object.keys(queryOf(run.calls[1].path))).toEqual(['$skiptoken']);
	});

	it('Limit sends $top and fetches one page only', async () => {
		const run = await runCalm(sim, { resource: 'feature', operation: 'list', limit: 3 });
		expect(run.out.map((f) => f.uuid)).toEqual([1, 2, 3].map(featureUuid));
		expect(run.calls).toHaveLength(1);
		expect(queryOf(run.calls[0].path)).toEqual({ $top: '3' });
	});

	it('combines Project ID, $filter, $orderby, $select and $skip', async () => {
		await runCalm(sim, {
			resource: 'feature',
			operation: 'update',
			featureId: featureUuid(2),
			updateFields: { statusCode: 'CIPFEATINP' },
		});
		const run = await runCalm(sim, {
			resource: 'feature',
			operation: 'list',
			returnAll: true,
			options: {
				projectId: SEEDED_PROJECT,
				filter: "statusCode eq 'CIPFEATOPEN'",
				orderby: 'title desc',
				select: 'uuid,title',
				skip: 1,
			},
		});
		expect(run.status).toBe('success');
		expect(queryOf(run.calls[0].path)).toEqual({
			$filter: `projectId eq '${SEEDED_PROJECT}' and (statusCode eq 'CIPFEATOPEN')`,
			$orderby: 'title desc',
			$select: 'uuid,title',
			$skip: '1',
		});
		// 6 open features, newest title first, the first skipped
		expect(run.out.map((f) => f.title)).toEqual([
			'Seeded feature 6',
			'Seeded feature 5',
			'Seeded feature 4',
			'Seeded feature 3',
			'Seeded feature 1',
		]);
		expect(Object.keys(run.out[0]).sort()).toEqual(['title', 'uuid']);
	});

	it('creates, gets and updates a feature', async () => {
		const created = await runCalm(sim, {
			resource: 'feature',
			operation: 'create',
			projectId: { __rl: true, mode: 'id', value: SEEDED_PROJECT },
			title: 'Cloud ALM API enablement',
			additionalFields: { description: 'via n8n', priorityCode: 20, responsibleId: 'bob@example.com' },
		});
		expect(created.status).toBe('success');
		const feature = created.out[0];
		expect(feature).toMatchObject({ title: 'Cloud ALM API enablement', priorityCode: 20, responsibleId: 'bob@example.com' });
		expect(created.calls).toEqual([{ method: 'POST', path: '/api/calm-features/v1/Features', status: 201 }]);

		const got = await runCalm(sim, { resource: 'feature', operation: 'get', featureId: feature.uuid });
		expect(got.out[0]).toMatchObject({ uuid: feature.uuid, displayId: feature.displayId });

		const updated = await runCalm(sim, {
			resource: 'feature',
			operation: 'update',
			featureId: feature.uuid,
			updateFields: { title: 'Renamed', statusCode: 'CIPFEATINP' },
		});
		expect(updated.out[0]).toMatchObject({ uuid: feature.uuid, title: 'Renamed', statusCode: 'CIPFEATINP' });
		expect(updated.calls[0]).toMatchObject({ method: 'PATCH', path: `/api/calm-features/v1/Features/${feature.uuid}` });
	});

	it('a missing feature is a 404 with the OData error message', async () => {
		const run = await runCalm(sim, { resource: 'feature', operation: 'get', featureId: featureUuid(99) });
		expect(run.status).toBe('error');
		expect(run.error?.httpCode).toBe('404');
		expect(run.error?.message).toContain(`Feature with key ${featureUuid(99)} not found`);
	});

	it('a 403 names the authority to add: features.write on Create (read-only binding), features.read on Get Many', async () => {
		const key = sim.keys.cloudAlmReadOnly;
		const create = await runCalm(sim, { resource: 'feature', operation: 'create', projectId: { __rl: true, mode: 'id', value: SEEDED_PROJECT }, title: 'T' }, { key });
		expect(create.error?.httpCode).toBe('403');
		expect(create.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.features.write"');
		const client = sim.context.state.uaaClients.find((c) => c.clientid === key.uaa.clientid)!;
		client.scopes = client.scopes.filter((scope) => !scope.endsWith('calm-api.features.read'));
		const list = await runCalm(sim, { resource: 'feature', operation: 'list', returnAll: true }, { key });
		expect(list.error?.httpCode).toBe('403');
		expect(list.error?.message).toContain('"$XSMASTERAPPNAME.calm-api.features.read"');
	});

	it('bad input is refused before any call, naming the field and the fix', async () => {
		const path = await runCalm(sim, { resource: 'feature', operation: 'get', featureId: '../Features' });
		expect(path.error?.message).toBe('Feature UUID "../Features" is not an ID (it contains /, \\, ? or #)');
		const nothing = await runCalm(sim, { resource: 'feature', operation: 'update', featureId: featureUuid(1), updateFields: {} });
		expect(nothing.error?.message).toBe('Nothing to update: add at least one Update Field');
		const untitled = await runCalm(sim, { resource: 'feature', operation: 'create', projectId: { __rl: true, mode: 'id', value: SEEDED_PROJECT }, title: '  ' });
		expect(untitled.error?.message).toBe('Title is empty');
		for (const run of [path, nothing, untitled]) expect(run.calls).toEqual([]);
	});
});
