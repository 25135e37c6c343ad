#!/usr/bin/env bash
# `npm test`: every Vitest project (unit, server, react, browser, stories), then the end-to-end
# suite against a real livekit-server and Debian's chromium (installed first when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-tools.sh
npx vitest run
npx vitest run -c vitest.e2e.config.ts
