#!/usr/bin/env node
// Adds up jest JSON result files (`--json --outputFile=…`) and prints "N passed, N failed".
// A step that failed outside jest (build, lint, a crashed runner) counts as one failed test, so
// CI can never be green with a red step.
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2] || 'artifacts';
const stepFailed = process.argv[3] === '1';
let passed = 0;
let failed = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.results.json'))) {
	const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
	passed += r.numPassedTests;
	failed += r.numFailedTests;
	// a suite that failed to run (syntax error, crash) has no failed tests but is still a failure
	failed += r.numRuntimeErrorTestSuites || 0;
	console.log(`${f}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numRuntimeErrorTestSuites || 0} suites crashed`);
}
if (stepFailed && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
