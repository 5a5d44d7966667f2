/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialStore, runWorkflow } from '../../runner';
import { useSimulator } from '../../../simulator/testkit';

const sim = useSimulator({ reset: false });

const fixture = (name: string) =>
	JSON.parse(readFileSync(join(__dirname, '../../fixtures/workflows/sapCloudAlm', name), 'utf8'));

describe('SAP Cloud ALM workflow fixture (npm run workflow)', () => {
	it('onboardingTicket: five chained node runs, one token, the user story ends up in progress', async () => {
		const result = await runWorkflow(fixture('onboardingTicket.workflow.json'), {
			credentials: { sapCloudAlmApi: { inputMode: 'json', serviceKey: JSON.stringify(sim.keys.cloudAlm) } },
			store: new CredentialStore(),
		});
		expect(result.status).toBe('success');
		expect(result.lastNodeExecuted).toBe('Start Work');
		const story = result.lastNodeItems[0];
		expect(story).toMatchObject({ type: 'CALMUS', status: 'CIPUSINP', externalId: 'T-4711' });
		expect(result.preAuthenticationCalls).toEqual({ sapCloudAlmApi: 1 });

		const calm = sim.context.state.calm;
		expect(calm.comments.filter((c) => c.taskId === story.id).map((c) => c.text)).toEqual([
			'Created by n8n from ticket T-4711',
		]);
		expect(calm.references.filter((r) => r.taskId === story.id).map((r) => r.url)).toEqual([
			'https://tickets.example.com/T-4711',
		]);
	});
});
