/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * The packed package, installed into `~/.n8n/nodes/node_modules` as users install it, loads in a
 * real n8n 2.41.1: every node and credential that package.json lists shows up in the type lists
 * the editor fetches, under `n8n-nodes-sap-cloud-alm.<name>`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtTypeNames, createN8nInstance, type N8nInstance, type OwnerLogin } from './harness';
import { PACKAGE_NAME, packageType } from './harness/workflows';

interface NodeTypeDescription {
	name: string;
	version: number | number[];
	properties: Array<{ name: string }>;
	credentials?: Array<{ name: string }>;
}
interface CredentialTypeDescription {
	name: string;
	properties: Array<{ name: string; type: string; options?: Array<{ value: string }> }>;
}

let n8n: N8nInstance;
let owner: OwnerLogin;
const expected = builtTypeNames();

beforeAll(async () => {
	n8n = await createN8nInstance();
	await n8n.start();
	owner = await n8n.setupOwner();
});

afterAll(async () => {
	if (n8n) console.log(`[e2e] ${expect.getState().testPath?.split('/').pop()}: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
});

test('n8n 2.41.1 serves the editor with the package installed in the community-nodes folder', async () => {
	const settings = await n8n.getJson<{ versionCli: string }>('/rest/settings', owner.cookie);
	expect(settings.versionCli).toBe('2.41.1');
	expect(n8n.packageDir).toMatch(new RegExp(`/\\.n8n/nodes/node_modules/${PACKAGE_NAME}$`));
	// the published tarball carries dist + package.json (+ README/LICENSE), never sources or tests
	expect(existsSync(join(n8n.packageDir, 'dist'))).toBe(true);
	expect(readdirSync(n8n.packageDir).sort()).not.toEqual(expect.arrayContaining(['nodes']));
	expect(readdirSync(n8n.packageDir)).not.toContain('test');
	expect(n8n.logs()).not.toMatch(/Error loading package|Failed to load (custom|community)/i);
});

test('every node in package.json is loaded as n8n-nodes-sap-cloud-alm.<name>', async () => {
	expect(expected.nodes.length).toBeGreaterThan(0);
	const types = await n8n.getJson<NodeTypeDescription[]>('/types/nodes.json', owner.cookie);
	const ours = types.filter((t) => t.name.startsWith(`${PACKAGE_NAME}.`));
	expect(ours.map((t) => t.name).sort()).toEqual(expect.arrayContaining(expected.nodes.map(packageType)));
	for (const t of ours) {
		expect(t.properties.length).toBeGreaterThan(1); // resource/operation at least: the description really loaded
	}
});

/**
 * Credentials that hold no SAP key: what n8n itself checks (the SAP Cloud ALM Trigger's incoming
 * Basic auth), and n8n's own API key for Rotate's hand-off.
 */
const NOT_A_SERVICE_KEY: Record<string, string[]> = { sapCloudAlmWebhookApi: ['user', 'password'], sapN8nApi: ['apiKey', 'baseUrl'] };

test('every credential type is loaded; every SAP key credential accepts a pasted service key (inputMode=json, serviceKey)', async () => {
	expect(expected.credentials.length).toBeGreaterThan(0);
	const types = await n8n.getJson<CredentialTypeDescription[]>('/types/credentials.json', owner.cookie);
	for (const name of expected.credentials) {
		const cred = types.find((t) => t.name === name);
		expect(cred).toBeDefined();
		const fields = NOT_A_SERVICE_KEY[name];
		if (fields) {
			expect(cred!.properties.map((p) => p.name)).toEqual(expect.arrayContaining(fields));
			continue;
		}
		const inputMode = cred!.properties.find((p) => p.name === 'inputMode');
		expect(inputMode?.options?.map((o) => o.value)).toContain('json');
		expect(cred!.properties.find((p) => p.name === 'serviceKey')).toBeDefined();
	}
	expect(expected.credentials).toEqual(expect.arrayContaining(Object.keys(NOT_A_SERVICE_KEY)));
	// the harness maps the simulator's keys onto exactly these three types
	expect(expected.credentials.sort()).toEqual(
		expect.arrayContaining(['sapBtpCloudManagementApi', 'sapBtpServiceManagerApi', 'sapCloudAlmApi']),
	);
});

const btpBuilt = expected.nodes.includes('sapBtp');
(btpBuilt ? test : test.skip)(
	`SAP BTP node (${packageType('sapBtp')}) is loaded${btpBuilt ? '' : ' — SKIPPED: package.json lists no sapBtp node yet'}`,
	async () => {
		const types = await n8n.getJson<NodeTypeDescription[]>('/types/nodes.json', owner.cookie);
		const btp = types.find((t) => t.name === packageType('sapBtp'));
		expect(btp).toBeDefined();
		expect(btp!.credentials?.map((c) => c.name)).toEqual(expect.arrayContaining(['sapBtpCloudManagementApi']));
	},
);
