/**
 * A call whose answer never arrived must say which service and step did not answer. n8n's
 * NodeApiError rewrites messages that contain connection codes (ECONNABORTED, ECONNRESET, …) into
 * a generic "perhaps the server is offline"; the fault suite caught that in a real n8n.
 */
import type { INode } from 'n8n-workflow';
import { connectionFailureInWords, lostError } from '../../nodes/shared/transport/request';

const node: INode = {
	id: '1',
	name: 'SAP BTP',
	type: 'n8n-nodes-sap-cloud-alm.sapBtp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const call = { service: 'serviceManager', step: 'Find the service instance by name', method: 'GET', url: 'http://127.0.0.1/v1/service_instances' } as const;

test.each([
	['ECONNABORTED: timeout of 2000ms exceeded', 'no answer within the request timeout'],
	['ECONNRESET: socket hang up', 'the connection was reset'],
	['connection error: The connection to the server was closed unexpectedly, perhaps it is offline.', 'the connection was reset'],
	['ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4015', 'the connection was refused'],
])('%s → the service, the step and "%s" survive NodeApiError', (reason, words) => {
	const error = lostError(node, call as never, reason, 5);
	expect(error.message).toBe(`Service Manager did not answer "Find the service instance by name" after 5 attempt(s): ${words}`);
	expect(error.message).not.toMatch(/perhaps the server is offline/);
	expect(error.description).toContain('Step: Find the service instance by name');
	expect(error.description).toContain(`Detail: ${reason}`);
	expect(connectionFailureInWords(reason)).toBe(words);
});
