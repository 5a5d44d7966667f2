/**
 * How the harness reads `n8n execute --rawOutput`: the run JSON sits between log lines, nested
 * objects have their own `}` lines, and output without a run must be recognisable as "no run".
 */
import { findRunJson, maskSecrets, toExecutionResult } from '../../../scripts/n8n/runOutput';

const run = {
	status: 'success',
	finished: true,
	data: {
		resultData: {
			runData: {
				'Manual Trigger': [{ executionTime: 1, data: { main: [[{ json: {} }]] } }],
				'List Projects': [{ executionTime: 42, data: { main: [[{ json: { id: 'p1', nested: { a: { b: 1 } } } }, { json: { id: 'p2' } }]] } }],
			},
			lastNodeExecuted: 'List Projects',
		},
	},
};

const mixed = [
	'Initializing n8n process',
	'n8n Task Broker ready on 127.0.0.1, port 5679',
	'[license SDK] Skipping renewal on init: license cert is not initialized',
	'{ "not": "the run" }',
	JSON.stringify(run, null, 2),
	'Registered runner "JS Task Runner" (abc)',
].join('\n');

test('finds the run among log lines and other JSON, across nested closing braces', () => {
	const found = findRunJson(mixed);
	expect(found?.data?.resultData?.lastNodeExecuted).toBe('List Projects');
	const result = toExecutionResult(found!, 0, 1234);
	expect(result.status).toBe('success');
	expect(result.nodes['List Projects'].items.map((i) => i.id)).toEqual(['p1', 'p2']);
	expect(result.nodes['List Projects'].executionTimeMs).toBe(42);
	expect(result.error).toBeUndefined();
});

test('a failed run carries the workflow error and the failing node', () => {
	const failed = {
		status: 'error',
		data: {
			resultData: {
				runData: { 'Get Project': [{ executionTime: 3, error: { message: 'The resource you are requesting could not be found', httpCode: '404' } }] },
				lastNodeExecuted: 'Get Project',
				error: { message: 'The resource you are requesting could not be found', httpCode: '404', node: { name: 'Get Project' } },
			},
		},
	};
	const result = toExecutionResult(findRunJson(`Execution was NOT successful\n${JSON.stringify(failed, null, 2)}\nError executing workflow`)!, 1, 10);
	expect(result.error).toMatchObject({ node: 'Get Project', httpCode: '404' });
	expect(result.nodes['Get Project'].error?.message).toMatch(/could not be found/);
});

test('output without a run (the `--file` trap, a crash) yields nothing', () => {
	expect(findRunJson('"--id" has to be set!\n')).toBeUndefined();
	expect(findRunJson('{ "truncated": \n')).toBeUndefined();
});

test('secrets are masked before CLI output goes into an error message', () => {
	const text = [
		'"clientsecret": "s3cr3t-value$with|chars"',
		'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
		'-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----',
		'"serviceKey": "{\\"uaa\\":{}}"',
	].join('\n');
	const masked = maskSecrets(text);
	expect(masked).not.toMatch(/s3cr3t|eyJhbGci|MIIEv|uaa/);
	expect(masked).toContain('"clientsecret": "***"');
});
