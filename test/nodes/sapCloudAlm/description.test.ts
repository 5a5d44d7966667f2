/**
 * n8n's UI conventions for the SAP Cloud ALM node, checked on its description (what the editor
 * renders), so a new operation or field cannot drift from them: "Get Many" for lists, sorted
 * options and collections, "e.g." placeholders, plain labels, resource descriptions, locators whose
 * list method exists. `npm run lint` (n8n's own rules) checks what it can see in the source; these
 * are the rules it cannot see through helpers and spreads.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { SapCloudAlm } from '../../../nodes/SapCloudAlm/SapCloudAlm.node';

const node = new SapCloudAlm();
const { description } = node;

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;
const isProperty = (e: Entry): e is INodeProperties => 'displayName' in e && 'type' in e;

/** Every property, with the ones inside collections and fixed collections, and where it sits. */
function allProperties(list: Entry[] = description.properties, path = ''): Array<{ path: string; p: INodeProperties }> {
	const out: Array<{ path: string; p: INodeProperties }> = [];
	for (const entry of list) {
		if (isProperty(entry)) {
			const here = `${path}${entry.displayName}`;
			out.push({ path: here, p: entry });
			if (entry.options) out.push(...allProperties(entry.options as Entry[], `${here} > `));
		} else if ('values' in entry) {
			out.push(...allProperties(entry.values, `${path}${entry.displayName} > `));
		}
	}
	return out;
}

const properties = allProperties();
const operationProperties = description.properties.filter((p) => p.name === 'operation');
const resourceOf = (p: INodeProperties) => String(p.displayOptions?.show?.resource?.[0]);
const optionsOf = (p: INodeProperties) => (p.options ?? []) as INodePropertyOptions[];
const names = (entries: Array<{ name: string }>) => entries.map((e) => e.name);
const sorted = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));

describe('SAP Cloud ALM node description: n8n UI conventions', () => {
	it('is version 1 and 2, new nodes get version 2', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('every resource has a description, and the resources are sorted', () => {
		const resource = description.properties.find((p) => p.name === 'resource')!;
		const options = optionsOf(resource);
		expect(names(options)).toEqual(sorted(names(options)));
		for (const o of options) expect({ resource: o.name, description: o.description }).toEqual({ resource: o.name, description: expect.any(String) });
	});

	it('every list operation is "Get Many …" with an action "Get many …"; its value is unchanged', () => {
		const lists = operationProperties.flatMap((p) => optionsOf(p).filter((o) => String(o.value).startsWith('list')));
		expect(lists.map((o) => [o.value, o.name])).toEqual([
			['list', 'Get Many'],
			['listTimeboxes', 'Get Many Timeboxes'],
			['list', 'Get Many'],
			['listComments', 'Get Many Comments'],
			['listProcessAssignments', 'Get Many Process Assignments'],
			['listReferences', 'Get Many References'],
			['list', 'Get Many'],
			// Document (issue 15)
			['list', 'Get Many'],
			// Process Hierarchy, Process Scope (issue 15)
			['list', 'Get Many'],
			['list', 'Get Many'],
			['listSolutionProcesses', 'Get Many Solution Processes'],
			// Business Process, Custom Process (issue 15)
			['list', 'Get Many'],
			['list', 'Get Many'],
			['list', 'Get Many'],
			// Landscape Object, Library Element (issue 15)
			['list', 'Get Many'],
			['list', 'Get Many'],
			// Test Case (issue 15)
			['list', 'Get Many'],
			['listAutomated', 'Get Many Automated'],
			// Test Plan (issue 15)
			['list', 'Get Many'],
			['listProviders', 'Get Many Providers'],
		]);
		for (const o of lists) expect(o.action).toMatch(/^Get many [a-z]/);
		const allNames = operationProperties.flatMap((p) => names(optionsOf(p)));
		expect(allNames.filter((n) => /^List\b/.test(n))).toEqual([]);
	});

	it('operations are sorted, each has an action and a description naming its scope', () => {
		for (const p of operationProperties) {
			const options = optionsOf(p);
			expect({ resource: resourceOf(p), names: names(options) }).toEqual({ resource: resourceOf(p), names: sorted(names(options)) });
			for (const o of options) {
				expect(o.action).toEqual(expect.any(String));
				expect(o.description).toEqual(expect.any(String));
				if (resourceOf(p) !== 'customApiCall') expect(o.description).toMatch(/\(scope calm-api\.[a-z]+\.(read|write|delete)\)$/); // test cases have their own .delete scope
			}
		}
	});

	it('collection options are in alphabetical order', () => {
		const collections = properties.filter(({ p }) => p.type === 'collection');
		expect(collections.length).toBeGreaterThan(5);
		for (const { path, p } of collections) {
			const labels = (p.options as INodeProperties[]).map((o) => o.displayName);
			expect({ path, labels }).toEqual({ path, labels: sorted(labels) });
		}
	});

	it('placeholders: "e.g." for values, "Add …" for collections, "Select a …" for lists', () => {
		const seen: string[] = [];
		for (const { path, p } of properties) {
			if (p.placeholder !== undefined) {
				seen.push(path);
				const want = ['collection', 'fixedCollection'].includes(p.type) ? /^Add [A-Z]/ : /^e\.g\. /;
				expect({ path, placeholder: p.placeholder }).toEqual({ path, placeholder: expect.stringMatching(want) });
			}
			for (const mode of p.modes ?? []) {
				const want = mode.type === 'list' ? /^Select a [a-z]+( [a-z]+)?\.\.\.$/ : /^e\.g\. /;
				expect({ path, mode: mode.name, placeholder: mode.placeholder }).toEqual({ path, mode: mode.name, placeholder: expect.stringMatching(want) });
			}
		}
		expect(seen.length).toBeGreaterThan(10);
	});

	it('labels are plain words: no API jargon, and "Name or ID" only where the list is loaded from the API', () => {
		for (const { path, p } of properties) {
			if (p.type === 'notice') continue;
			expect({ path, label: p.displayName }).not.toEqual({ path, label: expect.stringMatching(/\$|endpoints\.|\.Api\b|OData|\bUUID\b/) });
			if (/Name or ID/.test(p.displayName)) expect({ path, loadOptions: p.typeOptions?.loadOptionsMethod }).toEqual({ path, loadOptions: expect.any(String) });
		}
		expect(properties.filter(({ p }) => p.name === 'status').map(({ p }) => p.displayName)).toEqual(['Status', 'Status', 'Status', 'Status', 'Status']);
		// descriptions put together from parts end each sentence once
		for (const { path, p } of properties) expect({ path, description: p.description }).not.toEqual({ path, description: expect.stringMatching(/[^.]\.\.(?!\.)/) });
	});

	it('Task, Feature, Project, Landscape Object, Custom Process and Business Process are resource locators whose list method exists and whose By ID checks its form', () => {
		const locators = properties.filter(({ p }) => p.type === 'resourceLocator');
		expect(new Set(locators.map(({ p }) => `${p.name}: ${p.displayName}`))).toEqual(
			new Set(['projectId: Project', 'taskId: Task', 'featureId: Feature', 'lmsId: Landscape Object', 'customProcessId: Custom Process', 'businessProcessId: Business Process']),
		);
		for (const { path, p } of locators) {
			expect({ path, default: p.default }).toEqual({ path, default: { mode: 'list', value: '' } });
			expect((p.modes ?? []).map((m) => m.name)).toEqual(['list', 'id']);
			const method = p.modes![0].typeOptions?.searchListMethod;
			expect({ path, method, exists: typeof node.methods.listSearch[method as keyof typeof node.methods.listSearch] }).toEqual({
				path,
				method,
				exists: 'function',
			});
			const id = p.modes![1];
			expect(id.validation?.[0]).toMatchObject({ type: 'regex' });
			// no extractValue on By ID: the node's own check of the value names the field in its error
			expect(id.extractValue).toBeUndefined();
		}
		// every task operation but Get Many (which takes the project) addresses its task by the locator
		const taskOps = optionsOf(operationProperties.find((p) => resourceOf(p) === 'task')!).map((o) => String(o.value));
		const withTask = locators.filter(({ p }) => p.name === 'taskId').flatMap(({ p }) => p.displayOptions?.show?.operation ?? []);
		expect(sorted(withTask.map(String))).toEqual(sorted(taskOps.filter((o) => !['count', 'create', 'list'].includes(o))));
	});

	it('version-gated copies exist only where a saved workflow would otherwise change (Feature > Get Many)', () => {
		const gated = properties.filter(({ p }) => p.displayOptions?.show?.['@version']);
		expect(gated.map(({ p }) => `${p.name} ${JSON.stringify(p.displayOptions!.show!['@version'])}`)).toEqual([
			'projectId [{"_cnd":{"gte":2}}]',
			'options [1]',
			'options [{"_cnd":{"gte":2}}]',
		]);
	});

	it('Return All is off and Limit is 50 by default on every Get Many', () => {
		const returnAll = properties.filter(({ p }) => p.name === 'returnAll');
		// six lists of version 1; Status Events, Analytics' providers and data, Test Cases, Documents, Get Metrics, Task process assignments, automated test cases, test plans, hierarchy nodes, process scopes and their solution processes, landscape objects, library elements, custom processes, business processes (issue 15)
		expect(returnAll).toHaveLength(22);
		for (const { p } of returnAll) expect(p.default).toBe(false);
		for (const { p } of properties.filter(({ p }) => p.name === 'limit')) expect(p.default).toBe(50);
	});
});
