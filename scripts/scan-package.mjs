// n8n's community-package scanner (@n8n/scan-community-package, what n8n runs before verifying a
// community node) on this repository and its packed tarball, without the registry: its CLI only
// scans a published package (it downloads the tarball and the provenance-attested source), so
// this calls the scanner's own exported analysis the way its analyzePackageByName does
// (scanner/scanner.mjs): analyzePackage(source checkout, SOURCE_FILE_PATTERNS) and
// analyzePackage(extracted tarball, ['**/*.js', 'package.json']).
// Usage: node scripts/scan-package.mjs <source dir> <extracted package dir>; prints one JSON line
// { passed, message, details } and exits 1 when a leg fails. ESM because the scanner is ESM.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

import { resolve } from 'node:path';

const [sourceDir, packageDir] = process.argv.slice(2).map((dir) => resolve(dir));
if (process.argv.length < 4) {
	process.stderr.write('usage: node scripts/scan-package.mjs <source dir> <extracted package dir>\n');
	process.exit(2);
}
const sourceResult = await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS);
const distResult = await analyzePackage(packageDir, ['**/*.js', 'package.json']);
const result = {
	passed: sourceResult.passed && distResult.passed,
	source: { passed: sourceResult.passed, message: sourceResult.message },
	tarball: { passed: distResult.passed, message: distResult.message },
	details: [sourceResult.details, distResult.details].filter(Boolean).join('\n') || undefined,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(result.passed ? 0 : 1);
