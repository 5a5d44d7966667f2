#!/usr/bin/env bash
# Issue 8 in a real n8n: the fault run (100 subaccounts under ~30 % injected faults at a fixed
# seed, then again without) and the secret check on n8n's debug log. Figures of the fault run:
# artifacts/faults.figures.json. Jest results: artifacts/faults.results.json.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p artifacts
npm run --silent n8n:install || { echo "n8n install failed"; exit 1; }
npm run --silent test:faults -- --ci --json --outputFile=artifacts/faults.results.json
