/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * `npm run demo` as a user runs it (a child process with its own simulator and n8n): it must exit 0
 * and print the summary: what was entitled/created, the binding, the project and its tasks, with
 * secrets masked.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

test('npm run demo prints the onboarding and follow-up summary and exits 0', async () => {
	const child = spawn('npm', ['run', '--silent', 'demo'], { cwd: REPO_ROOT, env: { ...process.env, N8N_E2E_KEEP: '' } });
	let out = '';
	child.stdout.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr.on('data', (d: Buffer) => (out += d.toString()));
	const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
	if (code !== 0) throw new Error(`npm run demo exited ${code}:\n${out}`);
	expect(out).toMatch(/Ticket SR-1001 → POST \/webhook\/cloud-alm\/onboard: HTTP 200/);
	expect(out).toMatch(/subaccount\s+Acme Dev \(acme-dev, 7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a01\)/);
	expect(out).toMatch(/entitlement\s+SAPCloudALMAPIs\/standard: \w+/);
	expect(out).toMatch(/instance\s+cloud-alm-api: created/);
	expect(out).toMatch(/binding\s+cloud-alm-api-key: created/);
	expect(out).toMatch(/outcome\s+enabled; secrets in the answer: none/);
	expect(out).toMatch(/Invalid ticket → HTTP 400/);
	expect(out).toMatch(/project\s+"Cloud ALM API onboarding: acme-dev" \[created\]/);
	expect(out).toMatch(/tasks \(3\)/);
	expect(out).toMatch(/issued to the new binding’s client/);
	expect(out).toMatch(/client secret: \*\*\*\*/);
	expect(out).not.toMatch(/"clientsecret"|access_token|BEGIN [A-Z ]*PRIVATE KEY/);
	expect(out).toMatch(/Simulator stopped, temporary n8n folder removed/);
}, 300_000);
