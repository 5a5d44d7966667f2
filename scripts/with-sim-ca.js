#!/usr/bin/env node
// Runs a command with NODE_EXTRA_CA_CERTS pointing at the simulator's CA, creating the CA first.
// Node reads NODE_EXTRA_CA_CERTS only at start-up, so it has to be set before the test runner
// (or n8n) starts; mTLS token requests to the simulator's `certurl` then verify like real ones.
require('./check-node').checkNode();
const { spawnSync } = require('node:child_process');
const path = require('node:path');
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
const { loadOrCreatePki, pkiDir } = require('../simulator/pki');
loadOrCreatePki();
const env = { ...process.env, NODE_EXTRA_CA_CERTS: path.join(pkiDir(), 'ca.pem') };
// NODE_EXTRA_CA_CERTS names one file: what the machine trusted through it (e.g. a TLS proxy's CA for the npm
// registry) is kept aside for the n8n installer's npm (scripts/n8n/install.ts cleanNpmEnv); tests trust the simulator's CA.
if (process.env.NODE_EXTRA_CA_CERTS && !process.env.MACHINE_NODE_EXTRA_CA_CERTS) {
	env.MACHINE_NODE_EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
}
const [cmd, ...args] = process.argv.slice(2);
const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });
process.exit(r.status === null ? 1 : r.status);
