/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * The editor in a real browser (Debian chromium + playwright-core): sign in as the owner, open a
 * workflow with the SAP BTP node, open the node, and check that its parameters render, that the
 * subaccount list is filled through the credential from the simulator, and that the page logs no
 * console errors. Screenshots go to artifacts/screenshots/ (git-ignored, kept by CI); with
 * UPDATE_SCREENSHOTS=1 the ones the README shows are also written to docs/screenshots/ (committed):
 * `UPDATE_SCREENSHOTS=1 node scripts/with-sim-ca.js npx jest -c jest.e2e.config.js test/e2e/editor.test.ts`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXAMPLES, loadExample } from '../../scripts/demo/examples';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { SUBACCOUNT_IDS } from '../../simulator/seed';
import { builtTypeNames, createN8nInstance, type N8nInstance, type OwnerLogin } from './harness';
import { openBrowser, type EditorBrowser } from './harness/browser';
import { chain, manualTrigger, packageType, sapNode } from './harness/workflows';

const SCREENSHOT_DIR = resolve(__dirname, '../../artifacts/screenshots');
const DOCS_SCREENSHOT_DIR = resolve(__dirname, '../../docs/screenshots');
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const NODE_NAME = 'SAP BTP';
const CALM_NODE_NAME = 'SAP Cloud ALM';
const DIGEST_TRIGGER = 'New or Changed Tasks';

let sim: RunningSimulator;
let n8n: N8nInstance;
let owner: OwnerLogin;
let browser: EditorBrowser;

beforeAll(async () => {
	expect(builtTypeNames().nodes).toContain('sapBtp'); // the target of this check; fail loudly if it is gone
	sim = await startSimulator();
	n8n = await createN8nInstance({ simulatorControlUrl: sim.urls.control });
	await n8n.importSimulatorCredentials();
	await n8n.importWorkflow(
		chain(
			'editorSapBtp',
			'Editor check: enable Cloud ALM API',
			manualTrigger(),
			sapNode(NODE_NAME, 'sapBtp', 'sapBtpCloudManagementApi', {
				resource: 'cloudAlmApi',
				operation: 'enable',
				subaccount: { __rl: true, mode: 'list', value: '' },
			}),
		),
	);
	// a new SAP BTP node (version 2, the default): Get Many returns a page unless Return All is on
	await n8n.importWorkflow(
		chain(
			'editorSapBtpV2',
			'Editor check: service instances, version 2',
			manualTrigger(),
			{
				...sapNode(NODE_NAME, 'sapBtp', 'sapBtpCloudManagementApi', {
					resource: 'serviceInstance',
					operation: 'list',
					subaccount: { __rl: true, mode: 'list', value: '' },
				}),
				typeVersion: 2,
			},
		),
	);
	// a new node of the SAP Cloud ALM node's version 2 (the default): Task is a resource locator
	await n8n.importWorkflow(
		chain(
			'editorSapCloudAlm',
			'Editor check: get a Cloud ALM task',
			manualTrigger(),
			{
				...sapNode(CALM_NODE_NAME, 'sapCloudAlm', 'sapCloudAlmApi', {
					resource: 'task',
					operation: 'get',
					taskId: { __rl: true, mode: 'list', value: '' },
				}),
				typeVersion: 2,
			},
		),
	);
	// the README's pictures of a trigger and of an example with its sticky notes
	await n8n.importWorkflow(loadExample('digest'));
	await n8n.importWorkflow(loadExample('ticket'));
	await n8n.start();
	owner = await n8n.setupOwner();
	browser = await openBrowser();
});

afterAll(async () => {
	if (browser?.ignored.length) console.log(`[e2e] editor: ignored known console noise:\n  ${browser.ignored.join('\n  ')}`);
	await browser?.close();
	if (n8n) console.log(`[e2e] editor.test.ts: ${n8n.timingSummary()}`);
	await n8n?.cleanup();
	await sim?.stop();
});

test('sign in through the editor as the owner', async () => {
	const { page } = browser;
	await page.goto(`${n8n.baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
	await page.locator('input[name="password"]').fill(owner.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL(/\/home\//, { timeout: 30_000 });
});

test('the SAP BTP node opens and its parameters render, with the subaccount list loaded from BTP', async () => {
	const { page } = browser;
	await page.goto(`${n8n.baseUrl}/workflow/editorSapBtp`);
	const canvasNode = page.locator('[data-test-id="canvas-node"]').filter({ hasText: NODE_NAME });
	await canvasNode.waitFor({ timeout: 30_000 });
	await canvasNode.dblclick();

	const ndv = page.locator('[data-test-id="ndv"]');
	const params = ndv.locator('[data-test-id="node-parameters"]');
	await params.waitFor({ timeout: 30_000 });
	await expect(ndv.locator('[data-test-id="node-title-container"]').innerText()).resolves.toContain(NODE_NAME);
	for (const name of ['resource', 'operation', 'subaccount', 'serviceManagerAccess', 'instanceName', 'bindingName']) {
		await expect(params.locator(`[data-test-id="parameter-input-${name}"]`).isVisible()).resolves.toBe(true);
	}
	await expect(params.locator('[data-test-id="parameter-input-resource"] input').inputValue()).resolves.toBe('Cloud ALM API');
	await expect(params.locator('[data-test-id="node-credentials-select"] input').inputValue()).resolves.toBe(
		'SAP BTP Cloud Management API (simulator)',
	);

	// "From List" asks the node's listSearch, which calls the CIS Accounts service with the credential
	const dev = sim.context.state.subaccounts.find((s) => s.guid === SUBACCOUNT_IDS.dev)!;
	await params.locator('[data-test-id="rlc-input"]').click();
	const option = page.getByText(`${dev.displayName} (${dev.subdomain})`, { exact: true });
	await option.waitFor({ timeout: 30_000 });
	await option.click();
	await expect(params.locator('[data-test-id="rlc-input"]').inputValue()).resolves.toContain(dev.displayName);
	expect(sim.log.entries.some((e) => e.service === 'accounts' && e.path.includes('/subaccounts') && e.status === 200)).toBe(true);

	const file = await screenshot('sap-btp-node.png');
	console.log(`[e2e] screenshot of ${packageType('sapBtp')} in the editor: ${file}`);
});

test('SAP BTP v2: Get Many shows Return All off with a Limit; Enable shows which keys it needs and how a binding becomes a credential', async () => {
	const { page } = browser;
	let params = await openNode('editorSapBtpV2', NODE_NAME);
	await expect(params.locator('[data-test-id="parameter-input-resource"] input').inputValue()).resolves.toBe('Service Instance');
	await expect(params.locator('[data-test-id="parameter-input-operation"] input').inputValue()).resolves.toBe('Get Many');
	const returnAll = params.locator('[data-test-id="parameter-input-returnAll"]');
	await returnAll.waitFor({ timeout: 30_000 });
	await expect(returnAll.locator('.is-checked').count()).resolves.toBe(0);
	await expect(params.locator('[data-test-id="parameter-input-limit"]').isVisible()).resolves.toBe(true);
	await screenshot('sap-btp-get-many-v2.png');

	// switch this node to Cloud ALM API → Enable: the notices render
	await params.locator('[data-test-id="parameter-input-resource"] input').click();
	await page.getByText('Cloud ALM API', { exact: true }).first().click();
	params = page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]');
	await params.getByText('Keys this needs', { exact: false }).first().waitFor({ timeout: 30_000 });
	await params.getByText('paste the output', { exact: false }).first().waitFor({ timeout: 30_000 });
	const file = await screenshot('sap-btp-enable-v2.png', { fullPage: true, docsName: 'sap-btp-enable.png' });
	console.log(`[e2e] screenshot of ${packageType('sapBtp')} v2 Enable in the editor: ${file}`);
});

/**
 * Screenshot of the page into artifacts/screenshots/<file>; with UPDATE_SCREENSHOTS=1 also copied
 * to docs/screenshots/<docsName> (the README's images of the nodes as users see them).
 */
async function screenshot(
	file: string,
	options: { fullPage?: boolean; docsName?: string; clip?: { x: number; y: number; width: number; height: number } } = {},
): Promise<string> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const path = join(SCREENSHOT_DIR, file);
	await browser.page.screenshot({ path, fullPage: options.fullPage ?? false, clip: options.clip });
	if (UPDATE_SCREENSHOTS && options.docsName) {
		mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
		copyFileSync(path, join(DOCS_SCREENSHOT_DIR, options.docsName));
		console.log(`[e2e] docs/screenshots/${options.docsName} updated`);
	}
	return path;
}

/** Opens the workflow, double-clicks the node and returns the parameter panel. */
async function openNode(workflowId: string, nodeName: string) {
	const { page } = browser;
	await page.goto(`${n8n.baseUrl}/workflow/${workflowId}`);
	const canvasNode = page.locator('[data-test-id="canvas-node"]').filter({ hasText: nodeName });
	await canvasNode.waitFor({ timeout: 30_000 });
	await canvasNode.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	const params = ndv.locator('[data-test-id="node-parameters"]');
	await params.waitFor({ timeout: 30_000 });
	return params;
}

test('SAP Cloud ALM v2: the Task locator lists the simulator\'s tasks, and list operations read "Get Many"', async () => {
	const { page } = browser;
	const params = await openNode('editorSapCloudAlm', CALM_NODE_NAME);
	await expect(params.locator('[data-test-id="parameter-input-resource"] input').inputValue()).resolves.toBe('Task');
	await expect(params.locator('[data-test-id="parameter-input-operation"] input').inputValue()).resolves.toBe('Get');

	// "From List" asks the node's listSearch, which reads the projects and their tasks with the binding's token
	const seeded = sim.context.state.calm.tasks.find((t) => t.title === 'Seeded task 3')!;
	await params.locator('[data-test-id="parameter-input-taskId"] [data-test-id="rlc-input"]').click();
	const option = page.getByText('Seeded task 3', { exact: false }).first();
	await option.waitFor({ timeout: 30_000 });
	await option.click();
	expect(sim.log.entries.some((e) => e.service === 'cloudAlm' && e.path.includes('/calm-tasks/v1/tasks') && e.status === 200)).toBe(true);
	await expect(params.locator('[data-test-id="parameter-input-taskId"] [data-test-id="rlc-input"]').inputValue()).resolves.toContain('Seeded task 3');

	// the operation dropdown names list operations the way n8n does
	await params.locator('[data-test-id="parameter-input-operation"] input').click();
	await page.getByText('Get Many', { exact: true }).first().waitFor({ timeout: 30_000 });
	await screenshot('sap-cloud-alm-operations-v2.png', { docsName: 'sap-cloud-alm-task-operations.png' });
	await page.keyboard.press('Escape');
	await page.getByText('Add Comment', { exact: true }).first().waitFor({ state: 'hidden', timeout: 30_000 });
	expect(seeded.id).toMatch(/^[0-9a-f-]{36}$/);

	const file = await screenshot('sap-cloud-alm-node-v2.png', { docsName: 'sap-cloud-alm-task.png' });
	console.log(`[e2e] screenshot of ${packageType('sapCloudAlm')} v2 in the editor: ${file}`);
});

test('the SAP Cloud ALM Polling Trigger of the digest example opens with its project picked from the list', async () => {
	const params = await openNode(EXAMPLES.digest.id, DIGEST_TRIGGER);
	await expect(params.locator('[data-test-id="parameter-input-resource"] input').inputValue()).resolves.toBe('Task');
	// a saved "From list" value shows its cached name in the locator's input
	await expect(params.locator('[data-test-id="rlc-input"]').first().inputValue()).resolves.toContain('S/4HANA Implementation');
	await screenshot('sap-cloud-alm-polling-trigger.png', { docsName: 'sap-cloud-alm-polling-trigger.png' });
});

test('the ticket example opens on the canvas with its sticky notes, as a template shows it', async () => {
	const { page } = browser;
	await page.goto(`${n8n.baseUrl}/workflow/${EXAMPLES.ticket.id}`);
	await page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Enable Cloud ALM API' }).waitFor({ timeout: 30_000 });
	const notes = page.locator('[data-test-id="sticky"]');
	await notes.first().waitFor({ timeout: 30_000 });
	const expected = loadExample('ticket').nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').length;
	await expect(notes.count()).resolves.toBe(expected);
	await page.getByText('Ticket-triggered onboarding', { exact: true }).first().waitFor({ timeout: 30_000 });
	// a wide window fits the workflow at a readable zoom; the picture is cut to the notes (they frame every node)
	await page.setViewportSize({ width: 2200, height: 900 });
	await page.locator('[data-test-id="zoom-to-fit"]').click();
	await page.waitForTimeout(800); // the zoom animates
	const rects = await notes.evaluateAll((els) =>
		els.map((e) => {
			const r = e.getBoundingClientRect();
			return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
		}),
	);
	const x = Math.max(0, Math.min(...rects.map((r) => r.left)) - 16);
	const y = Math.max(0, Math.min(...rects.map((r) => r.top)) - 16);
	const clip = { x, y, width: Math.max(...rects.map((r) => r.right)) + 16 - x, height: Math.max(...rects.map((r) => r.bottom)) + 16 - y };
	await screenshot('example-ticket-onboarding.png', { docsName: 'example-ticket-onboarding.png', clip });
	await page.setViewportSize({ width: 1600, height: 1000 });
});

test('the editor logged no console errors (beyond known offline noise)', () => {
	expect(browser.errors).toEqual([]);
});
