/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core creates `<user folder>/.n8n/config` (with an encryption key) the first time it is imported.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-sap-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

// n8n's logger (winston, console transport) prints every node error of an execution with its stack
// trace; in tests most executions fail on purpose (bad input, SAP errors) and the tests assert those
// errors, so the blocks only look like failures. `N8N_LOG_LEVEL=debug npm test` brings them back.
process.env.N8N_LOG_LEVEL ??= 'silent';
