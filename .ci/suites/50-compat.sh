#!/usr/bin/env bash
# Issue 18: the packed package in the newest n8n 1.x and in the pinned 2.41.1, side by side
# (test/compat/smoke.test.ts: loads, node versions 1 and 2, credentials, the subaccount picker's
# REST call, a version 2 node run headless, the ticket example on its production webhook).
# Jest's global setup installs n8n 1.x into its own .cache/n8n-1 when cold (~5 min on a CI
# machine) and says how long it took. Jest results: artifacts/compat.results.json.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p artifacts
started=$(date +%s)
npm run --silent test:compat -- --ci --json --outputFile=artifacts/compat.results.json
status=$?
echo "compat suite (install included) in $(( $(date +%s) - started )) s"
exit $status
