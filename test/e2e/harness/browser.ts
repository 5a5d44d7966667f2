/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Debian's chromium driven by playwright-core (no browser download: CI has only npm and apt).
 * A fresh profile per run, and flags that keep it offline and quiet.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox', // CI runs as root
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Console errors that say nothing about the package or the editor, each with why:
 * - offline: the editor fetches from api.n8n.io (templates, news, MCP registry, telemetry) and
 *   the browser reports the failed lookup;
 * - the sign-in page first probes for a session: `GET /rest/login` answers 401 until one signs in.
 */
export const KNOWN_NOISE: RegExp[] = [
	/api\.n8n\.io/,
	/ERR_NAME_NOT_RESOLVED/,
	/telemetry|rudderstack|posthog/i,
	/status of 401 \(Unauthorized\) \(https?:\/\/[^/]+\/rest\/login\)$/,
];

export interface EditorBrowser {
	context: BrowserContext;
	page: Page;
	/** console errors and page errors, minus KNOWN_NOISE */
	errors: string[];
	/** what was filtered, so the report can name it */
	ignored: string[];
	close(): Promise<void>;
}

export async function openBrowser(): Promise<EditorBrowser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium (.ci/extra-suites does this)`);
	}
	const profile = mkdtempSync(join(tmpdir(), 'chromium-e2e-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: { width: 1600, height: 1000 },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const errors: string[] = [];
	const ignored: string[] = [];
	const record = (text: string) => (KNOWN_NOISE.some((re) => re.test(text)) ? ignored : errors).push(text);
	page.on('console', (msg: ConsoleMessage) => {
		if (msg.type() !== 'error') return;
		const where = msg.location()?.url ?? '';
		record(`${msg.text()}${where ? ` (${where})` : ''}`);
	});
	page.on('pageerror', (err) => record(`pageerror: ${err.message}`));
	return {
		context,
		page,
		errors,
		ignored,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
