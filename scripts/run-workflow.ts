/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * npm run workflow -- <workflow.json> [--simulator <control URL>]
 *
 * Runs an exported n8n workflow in process on n8n-core's engine (test/runner) against the BTP
 * simulator: a fresh one, or the running one whose control API is given. Every credential the
 * workflow references is filled, by type, from the simulator's seed keys; the last node's items
 * are printed as JSON (secrets masked). A failed run prints the node's error and exits 1.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SEED_KEY_BY_CREDENTIAL: Record<string, string> = {
	sapCloudAlmApi: 'cloudAlm',
	sapBtpCloudManagementApi: 'cisCentral',
	sapBtpServiceManagerApi: 'serviceManager',
};

const SECRET_FIELD = /secret|password|token|^key$|private|certificate|authorization|assertion/i;
const JWT = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}$/;

function usage(message: string): never {
	console.error(`${message}\nusage: npm run workflow -- <workflow.json> [--simulator <control URL>]`);
	process.exit(2);
}

function parseArgs(argv: string[]) {
	let file: string | undefined;
	let simulator: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--simulator') simulator = argv[++i] ?? usage('--simulator needs the control URL');
		else if (argv[i].startsWith('--')) usage(`unknown option ${argv[i]}`);
		else file = argv[i];
	}
	if (!file) usage('missing workflow file');
	return { file: resolve(file), simulator: simulator?.replace(/\/+$/, '') };
}

/** Every string value under a secret-looking field, so it can be masked wherever it shows up. */
function collectSecrets(value: unknown, into = new Set<string>()): Set<string> {
	if (Array.isArray(value)) value.forEach((v) => collectSecrets(v, into));
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (typeof v === 'string' && SECRET_FIELD.test(k) && v.length >= 8) into.add(v);
			else collectSecrets(v, into);
		}
	}
	return into;
}

function mask(value: unknown, secrets: Set<string>): unknown {
	if (Array.isArray(value)) return value.map((v) => mask(v, secrets));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && SECRET_FIELD.test(k) ? '***' : mask(v, secrets)]),
		);
	}
	if (typeof value === 'string') {
		if (JWT.test(value)) return '***';
		let out = value;
		for (const s of secrets) out = out.split(s).join('***');
		return out;
	}
	return value;
}

async function main() {
	const { file, simulator } = parseArgs(process.argv.slice(2));
	// n8n-core writes an encryption key into N8N_USER_FOLDER on import; keep it out of $HOME
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-sap-workflow-'));
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	// n8n's logger writes to stdout; keep stdout for the result JSON (N8N_LOG_LEVEL=debug to see it)
	process.env.N8N_LOG_LEVEL ??= 'silent';
	console.log = (...args: unknown[]) => console.error(...args);

	const workflow = JSON.parse(readFileSync(file, 'utf8'));
	const { runWorkflow } = await import('../test/runner');

	let keys: Record<string, unknown>;
	let stop: (() => Promise<void>) | undefined;
	if (simulator) {
		const res = await fetch(`${simulator}/__sim/keys`);
		if (!res.ok) throw new Error(`GET ${simulator}/__sim/keys answered HTTP ${res.status}`);
		keys = (await res.json()) as Record<string, unknown>;
	} else {
		const { startSimulator } = await import('../simulator');
		const sim = await startSimulator();
		keys = sim.keys as unknown as Record<string, unknown>;
		stop = sim.stop;
		console.error(`simulator started: control ${sim.urls.control}`);
	}

	const credentials: Record<string, { inputMode: string; serviceKey: string }> = {};
	for (const node of workflow.nodes ?? []) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const seedKey = SEED_KEY_BY_CREDENTIAL[type];
			if (!seedKey || !keys[seedKey]) throw new Error(`no simulator key for credential type ${type} (node "${node.name}")`);
			credentials[type] = { inputMode: 'json', serviceKey: JSON.stringify(keys[seedKey]) };
		}
	}

	const secrets = collectSecrets(keys);
	try {
		const result = await runWorkflow(workflow, { credentials });
		if (result.status !== 'success') {
			const e = result.error;
			console.error(
				mask(`workflow failed in node "${e?.node ?? result.lastNodeExecuted}": ${e?.message}${e?.description ? `\n${e.description}` : ''}`, secrets),
			);
			process.exitCode = 1;
			return;
		}
		process.stdout.write(`${JSON.stringify(mask(result.lastNodeItems, secrets), null, 2)}\n`);
		console.error(`last node: ${result.lastNodeExecuted}; ${result.lastNodeItems.length} item(s); ${result.durationMs} ms`);
	} finally {
		await stop?.();
	}
}

main().catch((error: Error) => {
	console.error(`run-workflow: ${error.message}`);
	process.exit(1);
});
