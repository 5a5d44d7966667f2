/**
 * n8n's UI conventions for the SAP BTP node, checked on its description so they stay: list
 * operations are "Get Many", placeholders start with "e.g.", collections are sorted, every
 * resource and operation says what it is, and the version-gated defaults (Return All: on in v1,
 * off from v2) resolve the way n8n resolves them.
 */
import {
	NodeHelpers,
	type INode,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeParameters,
} from 'n8n-workflow';
import { SapBtp } from '../../../nodes/SapBtp/SapBtp.node';

const description = new SapBtp().description;
const properties = description.properties;

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every property, also those inside collections and fixed collections. */
function allProperties(list: Entry[] = properties): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const p of list) {
		if (!('type' in p) || !('name' in p) || !('displayName' in p)) continue;
		const prop = p as INodeProperties;
		out.push(prop);
		if (prop.type === 'collection' || prop.type === 'fixedCollection') {
			for (const o of (prop.options ?? []) as Entry[]) {
				if ('values' in o) out.push(...allProperties(o.values));
				else out.push(...allProperties([o]));
			}
		}
	}
	return out;
}

const resourceProperty = properties.find((p) => p.name === 'resource')!;
const resources = (resourceProperty.options as INodePropertyOptions[]).map((o) => String(o.value));
const operationsOf = (resource: string) =>
	properties
		.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
		.flatMap((p) => p.options as INodePropertyOptions[]);

/** The parameters n8n resolves for a node of this version (defaults of the shown properties filled in). */
function resolved(typeVersion: number, parameters: INodeParameters): INodeParameters {
	const node = { typeVersion, parameters, name: 'SAP BTP', type: 'sapBtp', id: 'x', position: [0, 0] } as unknown as INode;
	return NodeHelpers.getNodeParameters(properties, parameters, true, false, node, description) ?? {};
}

describe('SAP BTP node: n8n UI conventions', () => {
	it('is version [1, 2] with 2 as the default', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('every resource has a description in the dropdown', () => {
		for (const option of resourceProperty.options as INodePropertyOptions[]) {
			expect({ resource: option.name, description: option.description ?? '' }).toEqual({
				resource: option.name,
				description: expect.stringMatching(/\S/),
			});
		}
	});

	it('every list operation is "Get Many" (value list, action "Get many …"); every operation has a description and an action', () => {
		let lists = 0;
		for (const resource of resources) {
			const operations = operationsOf(resource);
			expect(operations.length).toBeGreaterThan(0);
			for (const op of operations) {
				expect(op.description).toMatch(/\S/);
				expect(op.action).toMatch(/\S/);
				if (op.value === 'list') {
					lists++;
					expect({ resource, name: op.name, action: op.action }).toEqual({ resource, name: 'Get Many', action: expect.stringMatching(/^Get many /) });
				}
				expect(op.name).not.toMatch(/^List\b/);
			}
			// n8n sorts operations by name
			const names = operations.map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		}
		expect(lists).toBe(3); // entitlements, service instances, service bindings
	});

	it('the Enable action names the product as SAP spells it', () => {
		expect(operationsOf('cloudAlmApi').find((o) => o.value === 'enable')?.action).toBe('Enable the API for a subaccount');
	});

	it('every placeholder of a field or of a resource locator mode starts with "e.g."', () => {
		const placeholders: Array<{ field: string; placeholder: string }> = [];
		for (const p of allProperties()) {
			// a collection's placeholder is the label of its "add" button, not an example
			if (p.placeholder && p.type !== 'collection' && p.type !== 'fixedCollection') {
				placeholders.push({ field: p.displayName, placeholder: p.placeholder });
			}
			for (const mode of p.modes ?? []) {
				if (mode.placeholder) placeholders.push({ field: `${p.displayName} → ${mode.displayName}`, placeholder: mode.placeholder });
			}
		}
		expect(placeholders.length).toBeGreaterThan(5);
		expect(placeholders.filter((x) => !x.placeholder.startsWith('e.g. '))).toEqual([]);
	});

	it('options of every collection are in alphabetical order', () => {
		const collections = allProperties().filter((p) => p.type === 'collection' || p.type === 'fixedCollection');
		expect(collections.length).toBeGreaterThan(0);
		for (const c of collections) {
			const names = (c.options as Array<{ displayName: string }>).map((o) => o.displayName);
			expect({ collection: c.displayName, names }).toEqual({ collection: c.displayName, names: [...names].sort((a, b) => a.localeCompare(b)) });
		}
	});

	it('labels carry no API jargon (field paths, OData options, code); that belongs in descriptions', () => {
		const jargon = allProperties()
			.filter((p) => p.type !== 'notice')
			.map((p) => p.displayName)
			.filter((label) => /[$`{}]|\b\w+\.\w+\b|_/.test(label));
		expect(jargon).toEqual([]);
	});

	it('fields several operations share are one definition: each name has one label everywhere', () => {
		const labels = new Map<string, Set<string>>();
		for (const p of allProperties()) labels.set(p.name, (labels.get(p.name) ?? new Set()).add(p.displayName));
		const differing = [...labels].filter(([, set]) => set.size > 1).map(([name, set]) => ({ name, labels: [...set] }));
		expect(differing).toEqual([]);
	});

	it.each([
		['entitlement', { subaccount: { __rl: true, mode: 'id', value: 'x' } }],
		['serviceInstance', {}],
		['serviceBinding', {}],
	])('Get Many of %s: Return All is on by default in v1 (saved workflows), off with Limit 50 from v2', (resource, extra) => {
		const base: INodeParameters = { resource, operation: 'list', ...extra };
		expect(resolved(1, base)).toMatchObject({ returnAll: true });
		expect(resolved(2, base)).toMatchObject({ returnAll: false, limit: 50 });
		// a v1 workflow that turned Return All off keeps its limit
		expect(resolved(1, { ...base, returnAll: false, limit: 7 })).toMatchObject({ returnAll: false, limit: 7 });
	});

	it('Offering and Plan default to "From List", preset to the Cloud ALM API; a saved "By Name" stays', () => {
		for (const operation of ['create', 'createOrUpdate']) {
			const params = resolved(2, { resource: 'serviceInstance', operation });
			expect(params.offering).toMatchObject({ mode: 'list', value: 'SAPCloudALMAPIs' });
			expect(params.plan).toMatchObject({ mode: 'list', value: 'standard' });
			const saved = resolved(1, { resource: 'serviceInstance', operation, offering: { __rl: true, mode: 'name', value: 'xsuaa' } });
			expect(saved.offering).toMatchObject({ mode: 'name', value: 'xsuaa' });
		}
	});
});
