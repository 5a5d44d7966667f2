/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * n8n's community-package scanner (@n8n/scan-community-package 0.32.0) finds nothing in this
 * package: its own analysis (scripts/scan-package.mjs calls the scanner's exported analyzePackage
 * on the source, as the scanner does on the provenance-attested checkout, and on the `npm pack`
 * tarball extracted to a temp folder, as on the downloaded tarball). Its CLI cannot be used before
 * publishing: it downloads the package and its attested source from the registry.
 *
 * Packs dist/ as it is, so it needs `npm run build` first (CI builds before `npm test`); a missing
 * or older-than-the-sources dist/ fails with that instruction rather than scanning the wrong code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function newestMtime(dir: string, test: (file: string) => boolean): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, test));
		else if (test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
	}
	return newest;
}

function distProblem(): string | undefined {
	if (!existsSync(join(ROOT, 'dist', 'nodes'))) return 'dist/ is missing: run `npm run build` before `npm test` (CI builds first).';
	const sources = Math.max(...['nodes', 'credentials'].map((d) => newestMtime(join(ROOT, d), (f) => f.endsWith('.ts'))), statSync(join(ROOT, 'package.json')).mtimeMs);
	const built = newestMtime(join(ROOT, 'dist'), (f) => f.endsWith('.js'));
	if (built < sources) return 'dist/ is older than nodes/, credentials/ or package.json: run `npm run build` before `npm test`.';
	return undefined;
}

function run(cmd: string, args: string[], cwd = ROOT) {
	// jest sets NODE_ENV=test, which switches eslint-plugin-n8n-nodes-base into its own test mode
	// (ast/utils/filename.js: fixed filenames), so the scanner must not inherit it
	const env = { ...process.env };
	delete env.NODE_ENV;
	const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return { status: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

describe("n8n's community-package scanner on the packed tarball", () => {
	let packageDir = '';
	let dest = '';
	let files: string[] = [];

	afterAll(() => {
		if (dest) rmSync(dest, { recursive: true, force: true });
	});

	beforeAll(() => {
		const problem = distProblem();
		if (problem) throw new Error(problem);
		dest = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
		const pack = run('npm', ['pack', '--json', '--pack-destination', dest]);
		if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.err}`);
		const [{ filename, files: packed }] = JSON.parse(pack.out.slice(pack.out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
		files = packed.map((f) => f.path).sort();
		const untar = run('tar', ['-xzf', join(dest, filename), '-C', dest]);
		if (untar.status !== 0) throw new Error(`tar failed:\n${untar.err}`);
		packageDir = join(dest, 'package');
	}, 120_000);

	it('the tarball holds what n8n loads and nothing else: compiled nodes, credentials, icons, package.json (also compiled into dist/, as tsconfig includes it), README, LICENSE', () => {
		const unexpected = files.filter((f) => !/^(dist\/(nodes|credentials|icons)\/|(dist\/)?package\.json$|README\.md$|LICENSE$)/.test(f));
		expect(unexpected).toEqual([]);
		const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(files).toContain(entry);
	});

	it('0 findings (source as n8n lints the attested checkout, tarball as it lints the download)', () => {
		const scan = run('node', [join(ROOT, 'scripts', 'scan-package.mjs'), ROOT, packageDir]);
		const line = scan.out.trim().split('\n').pop() ?? '';
		const result = (line.startsWith('{') ? JSON.parse(line) : { passed: false, message: `${scan.out}\n${scan.err}` }) as { passed: boolean; details?: string; message?: string };
		if (!result.passed) throw new Error(`n8n's scanner reports findings:\n${result.details ?? result.message ?? ''}`);
		expect(result).toMatchObject({ passed: true, source: { passed: true }, tarball: { passed: true } });
	}, 120_000);

	it('package.json names one GitHub repository in repository, homepage and bugs (npm provenance checks repository against the publishing repo)', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string }; homepage: string; bugs: { url: string } };
		const repo = /^git\+(https:\/\/github\.com\/[\w.-]+\/[\w.-]+)\.git$/.exec(pkg.repository.url)?.[1];
		expect(repo).toBeDefined();
		expect(pkg.homepage).toBe(`${repo}#readme`);
		expect(pkg.bugs.url).toBe(`${repo}/issues`);
	});
});
