/**
 * Each node's router map (typed by actions/node.type.ts, so the compiler already refuses a missing
 * or misspelt operation there) lists exactly the resources and operations its description offers:
 * an option without an operation would fail at run time with "not supported", and an operation
 * without an option could never be chosen.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { OPERATIONS as BTP_OPERATIONS } from '../../nodes/SapBtp/actions/router';
import { SapBtp } from '../../nodes/SapBtp/SapBtp.node';
import { OPERATIONS as CALM_OPERATIONS } from '../../nodes/SapCloudAlm/actions/router';
import { SapCloudAlm } from '../../nodes/SapCloudAlm/SapCloudAlm.node';

const values = (p: INodeProperties | undefined) => (p?.options ?? []).map((o) => String((o as { value: unknown }).value)).sort();

/** resource → its operation values, as the editor offers them (any node version). */
function offered(description: INodeTypeDescription): Record<string, string[]> {
	const resources = values(description.properties.find((p) => p.name === 'resource'));
	const out: Record<string, string[]> = {};
	for (const resource of resources) {
		const ops = description.properties.filter(
			(p) => p.name === 'operation' && ((p.displayOptions?.show?.resource ?? []) as unknown[]).includes(resource),
		);
		out[resource] = [...new Set(ops.flatMap((p) => values(p)))].sort();
	}
	return out;
}

const mapped = (map: Record<string, object>) =>
	Object.fromEntries(Object.entries(map).map(([resource, ops]) => [resource, Object.keys(ops).sort()]));

describe('operation maps match the descriptions', () => {
	it.each([
		['SAP BTP', new SapBtp().description, BTP_OPERATIONS],
		['SAP Cloud ALM', new SapCloudAlm().description, CALM_OPERATIONS],
	])('%s: every offered operation has an execute and every execute is offered', (_node, description, map) => {
		expect(mapped(map)).toEqual(offered(description));
		for (const ops of Object.values(map)) {
			for (const op of Object.values(ops as Record<string, { execute?: unknown }>)) expect(typeof op.execute).toBe('function');
		}
	});
});
