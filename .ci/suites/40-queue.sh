#!/usr/bin/env bash
# n8n queue mode (main + workers + Redis on loopback): issue 8's ticket-triggered example; issue 17's
# 300 subaccounts on 3 workers (~2.5 min) and the worker SIGKILLed at 4 kill points (~4 min).
# Figures: artifacts/queue-workers.figures.json, artifacts/queue-crash.figures.json.
# Installs Debian's redis-server when it is missing (CI machines are clean; runs as root there).
# Jest results: artifacts/queue.results.json.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p artifacts
if ! command -v redis-server >/dev/null; then
	echo "--- installing redis-server (apt)"
	if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null \
		|| echo "redis-server install failed; the queue suite will fail and say so"
fi
# the package's redis-server service is not needed: the test starts its own on a free loopback port
npm run --silent n8n:install || { echo "n8n install failed"; exit 1; }
npm run --silent test:queue -- --ci --json --outputFile=artifacts/queue.results.json
