#!/usr/bin/env bash
# `npm test`: every check and every suite, then one line `N passed, N failed, N skipped`.
# Checks (typecheck, lint, package) count as one test each; Vitest suites report their own counts.
set -u
cd "$(dirname "$0")/.."
out=test-results
rm -rf "$out" && mkdir -p "$out"
passed=0 failed=0 skipped=0

check() { # check NAME COMMAND...: one pass or one fail
  local name=$1; shift
  echo "== $name"
  if "$@" > "$out/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "   ok"
  else
    failed=$((failed + 1)); echo "   FAILED ($out/$name.log):"; tail -n 40 "$out/$name.log"
  fi
}

suite() { # suite NAME VITEST_ARGS...: counts from Vitest's JSON report
  local name=$1; shift
  echo "== $name"
  npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$out/$name.json" 2>&1 | tee "$out/$name.log" | grep -E '✓|✗|×|FAIL|Test Files|Tests ' | tail -n 200
  local counts
  counts=$(node -e '
    const fs = require("node:fs");
    try {
      const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      // A file that fails to load, or a run that fails with no failed test, counts as one failure.
      const crashed = r.numTotalTestSuites === 0 || (r.success === false && r.numFailedTests === 0) ? 1 : 0;
      console.log(r.numPassedTests, r.numFailedTests + crashed, r.numPendingTests + r.numTodoTests);
    } catch { console.log("0 1 0"); }' "$out/$name.json")
  read -r p f s <<< "$counts"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  echo "   $name: $p passed, $f failed, $s skipped"
}

# Browser, story and e2e suites need chromium, livekit-server and redis-server: install them when missing.
check setup-tools bash scripts/setup-tools.sh
check typecheck npx tsc --noEmit -p tsconfig.json
check lint npx eslint .
check build npm run build
check publint npx publint --strict
check attw npx attw --pack . --profile esm-only
check build-storybook npm run build-storybook
suite vitest
if [ -f vitest.e2e.config.ts ]; then suite e2e -c vitest.e2e.config.ts; fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
