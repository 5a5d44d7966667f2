import { useSimulator } from '../../../simulator/testkit';
import { runCalm, SEEDED_PROJECT } from './harness';

const sim = useSimulator();

describe('SAP Cloud ALM node: Project', () => {
	it('lists, creates and gets projects', async () => {
		const created = await runCalm(sim, { resource: 'project', operation: 'create', name: 'Onboarding ACME' });
		expect(created.status).toBe('success');
		expect(created.out).toHaveLength(1);
		expect(created.out[0]).toMatchObject({ name: 'Onboarding ACME', status: 'O' });
		expect(created.calls).toEqual([{ method: 'POST', path: '/api/calm-projects/v1/projects', status: 201 }]);
		expect(created.paired).toEqual([{ item: 0 }]);

		const id = created.out[0].id as string;
		const got = await runCalm(sim, {
			resource: 'project',
			operation: 'get',
			projectId: { __rl: true, mode: 'id', value: id },
		});
		expect(got.out).toEqual([expect.objectContaining({ id, name: 'Onboarding ACME' })]);

		const listed = await runCalm(sim, { resource: 'project', operation: 'list', returnAll: true });
		expect(listed.out.map((p) => p.name).sort()).toEqual(['Onboarding ACME', 'S/4HANA Implementation']);
	});

	it('Limit cuts a project list the server does not page', async () => {
		await runCalm(sim, { resource: 'project', operation: 'create', name: 'Second' });
		const listed = await runCalm(sim, { resource: 'project', operation: 'list', returnAll: false, limit: 1 });
		expect(listed.out).toHaveLength(1);
		expect(listed.calls).toHaveLength(1);
	});

	it('creates a sprint and lists the timeboxes of a project', async () => {
		const created = await runCalm(sim, {
			resource: 'project',
			operation: 'createTimebox',
			projectId: { __rl: true, mode: 'list', value: SEEDED_PROJECT },
			name: 'Sprint 1',
			timeboxType: 2,
			startDate: '2025-03-03T00:00:00',
			endDate: '2025-03-14T00:00:00',
		});
		expect(created.status).toBe('success');
		expect(created.out[0]).toMatchObject({ name: 'Sprint 1', type: 2, startDate: '2025-03-03', endDate: '2025-03-14', closed: false });

		const listed = await runCalm(sim, {
			resource: 'project',
			operation: 'listTimeboxes',
			projectId: { __rl: true, mode: 'id', value: SEEDED_PROJECT },
			returnAll: true,
		});
		expect(listed.out).toEqual([expect.objectContaining({ id: created.out[0].id, name: 'Sprint 1' })]);
	});

	it('refuses a timebox that ends before it starts, before any call', async () => {
		const run = await runCalm(sim, {
			resource: 'project',
			operation: 'createTimebox',
			projectId: { __rl: true, mode: 'id', value: SEEDED_PROJECT },
			name: 'Backwards',
			startDate: '2025-03-14',
			endDate: '2025-03-03',
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('End Date 2025-03-03 is before Start Date 2025-03-14');
		expect(run.calls).toEqual([]);
		expect(run.tokensIssued).toBe(0);
	});

	it('a missing project is a 404 NodeApiError naming it', async () => {
		const run = await runCalm(sim, {
			resource: 'project',
			operation: 'get',
			projectId: { __rl: true, mode: 'id', value: '00000000-0000-4000-8000-000000000000' },
		});
		expect(run.status).toBe('error');
		expect(run.error?.httpCode).toBe('404');
		expect(run.error?.message).toContain('Project 00000000-0000-4000-8000-000000000000 not found');
	});
});
