#!/usr/bin/env node
// The Node this repository's tools need (package.json "engines", .nvmrc): >= 20.19 — TypeScript,
// jest, eslint (typescript-eslint needs ^20.19) and the simulator run on it; CI uses the .nvmrc
// version. The real n8n the e2e suites and `npm run demo` start is NOT run on this Node: it gets
// its own Node 24 from scripts/n8n/install.ts. `npm install` on Node 20 warns "EBADENGINE
// isolated-vm ... node >=24": that package belongs to n8n-core (a devDependency used by the tests)
// and is only loaded inside the real n8n on Node 24; the warning is expected.
// Called by `npm test` (scripts/with-sim-ca.js), `npm run demo`, `npm run n8n` and .ci/run, so a
// too-old Node stops with this message instead of a syntax or engine error deep in a tool.
const REQUIRED = { major: 20, minor: 19 };

function nodeVersionProblem(version = process.versions.node) {
	const [major, minor] = version.split('.').map(Number);
	if (major > REQUIRED.major || (major === REQUIRED.major && minor >= REQUIRED.minor)) return undefined;
	return (
		`This repository needs Node >= ${REQUIRED.major}.${REQUIRED.minor} for development (package.json "engines", .nvmrc); ` +
		`this is Node ${version}. With nvm: \`nvm install && nvm use\` in the repository folder. ` +
		'(The real n8n used by the demo and e2e suites brings its own Node 24.)'
	);
}

function checkNode() {
	const problem = nodeVersionProblem();
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
}

module.exports = { REQUIRED, nodeVersionProblem, checkNode };

if (require.main === module) {
	checkNode();
	console.log(`Node ${process.versions.node}: ok (needs >= ${REQUIRED.major}.${REQUIRED.minor})`);
}
