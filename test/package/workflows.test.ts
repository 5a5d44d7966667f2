/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The GitHub Actions workflows (.github/workflows/ci.yml, publish.yml) are valid for GitHub:
 * actionlint finds nothing in them. Also proves the check bites: a workflow with a broken
 * expression and an unknown `needs` is reported.
 */
import { formatFindings, lintWorkflows, workflowFiles } from '../../scripts/check-workflows';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('GitHub workflow files (actionlint)', () => {
	it('ci.yml and publish.yml are there and have no actionlint findings', async () => {
		const files = workflowFiles();
		expect(files.map((f) => f.split('/').pop())).toEqual(expect.arrayContaining(['ci.yml', 'publish.yml']));
		const findings = await lintWorkflows(files);
		if (findings.length) throw new Error(`actionlint findings:\n${formatFindings(findings)}`);
		expect(findings).toEqual([]);
	});

	it('publish.yml publishes with provenance: id-token write and `npm run release` (n8n-node release)', () => {
		const publish = readFileSync(workflowFiles().find((f) => f.endsWith('publish.yml')) ?? 'publish.yml', 'utf8');
		expect(publish).toMatch(/id-token: write/);
		expect(publish).toMatch(/npm run release/);
		expect(publish).toMatch(/npm ci/);
	});

	it('reports a broken workflow (the check is not a no-op)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
		const broken = join(dir, 'broken.yml');
		writeFileSync(
			broken,
			['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    needs: nonexistent', '    steps:', '      - run: echo ${{ github.nope( }}', ''].join('\n'),
		);
		const findings = await lintWorkflows([broken]);
		rmSync(dir, { recursive: true, force: true });
		expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['job-needs', 'expression']));
	});
});
