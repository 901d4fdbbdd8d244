#!/usr/bin/env bash
# `npm test`: unit tests, then the end-to-end tests in headless Chromium and Firefox ESR against
# the built extension, then a summary per browser. Exits non-zero when anything failed.
#   scripts/test.sh            build when the build is older than the sources, run everything
#   BUILD=always|never         force or skip the build
#   ONLY=unit|e2e              run one project only
set -uo pipefail
cd "$(dirname "$0")/.."

RESULTS=test-results
mkdir -p "$RESULTS"
status=0
build_failed=0

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# ---- browsers ----
if [ "${ONLY:-}" != unit ]; then
  step "Browsers"
  bash scripts/ensure-browsers.sh || exit 1
  /usr/bin/chromium --version 2>/dev/null | head -1 || true
  /usr/bin/firefox-esr --version 2>/dev/null | head -1 || true
fi

# ---- build ----
needs_build() {
  local m
  for m in .output/chrome-mv3/manifest.json .output/firefox-mv3/manifest.json; do
    [ -f "$m" ] || return 0
    # Any source, data or config file newer than the build?
    if [ -n "$(find entrypoints components core adapters data public assets wxt.config.ts package.json tsconfig.json \
      -newer "$m" -type f -print -quit 2>/dev/null)" ]; then
      return 0
    fi
  done
  return 1
}
if [ "${ONLY:-}" != unit ]; then
  case "${BUILD:-auto}" in
    always) do_build=1 ;;
    never) do_build=0 ;;
    *) if needs_build; then do_build=1; else do_build=0; fi ;;
  esac
  if [ "$do_build" = 1 ]; then
    step "Build (npm run build)"
    if ! npm run build --silent; then
      echo "The build failed: the end-to-end tests need .output/chrome-mv3 and .output/firefox-mv3; running the unit tests only." >&2
      build_failed=1
      status=1
    fi
  else
    step "Build is up to date (.output/)"
  fi
fi

run_project() {
  local name=$1
  step "vitest --project $name"
  rm -f "$RESULTS/$name.json"
  npx vitest run --project "$name" --reporter=default --reporter=json --outputFile.json="$RESULTS/$name.json"
  local rc=$?
  [ $rc -eq 0 ] || status=1
  # Vitest failed with no test failed (an unhandled error, a timer that threw after a test): its
  # report says success, so the report is told, and the totals count it as a failure.
  if [ $rc -ne 0 ] && [ -f "$RESULTS/$name.json" ]; then
    node -e 'const fs = require("fs"); const f = process.argv[1]; const r = JSON.parse(fs.readFileSync(f, "utf8")); if (!r.numFailedTests) { r.vitestExitCode = Number(process.argv[2]); fs.writeFileSync(f, JSON.stringify(r)); }' "$RESULTS/$name.json" "$rc" || true
  fi
  return 0
}

start=$(date +%s)
[ "${ONLY:-}" = e2e ] || run_project unit
unit_done=$(date +%s)
if [ "${ONLY:-}" != unit ] && [ "$build_failed" = 0 ]; then run_project e2e; fi
end=$(date +%s)

# ---- summary, from the JSON reports ----
step "Summary"
[ "$build_failed" = 1 ] && rm -f "$RESULTS/e2e.json"
BUILD_FAILED=$build_failed node --input-type=module - "$RESULTS" "${ONLY:-}" "$((unit_done - start))" "$((end - unit_done))" <<'JS' || status=1
import { existsSync, readFileSync } from 'node:fs';
const [dir, only, unitSecs, e2eSecs] = process.argv.slice(2);
let failed = false;
const projects = ['unit', 'e2e'].filter((p) => !only || p === only);
for (const project of projects) {
  const file = `${dir}/${project}.json`;
  if (!existsSync(file)) {
    console.log(project === 'e2e' && process.env.BUILD_FAILED === '1' ? 'e2e: not run, the build failed' : `${project}: no report (${file}): vitest did not finish`);
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const groups = new Map();
  const group = (name) => {
    if (!groups.has(name)) groups.set(name, { passed: 0, failed: 0, skipped: 0, failures: [] });
    return groups.get(name);
  };
  for (const f of report.testResults ?? []) {
    const rel = f.name.replace(process.cwd() + '/', '');
    for (const t of f.assertionResults ?? []) {
      // e2e: per top-level describe (one per browser); unit: one line in all.
      const g = group(project === 'e2e' ? (t.ancestorTitles?.[0] ?? rel) : `${(report.testResults ?? []).length} files`);
      if (t.status === 'passed') g.passed++;
      else if (t.status === 'failed') {
        g.failed++;
        g.failures.push(`${t.fullName ?? t.title}`);
      } else g.skipped++;
    }
    // A file that failed outside its tests (import error, failing beforeAll) counts as a failure.
    if (f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed')) {
      const g = group(project === 'e2e' ? rel : `${(report.testResults ?? []).length} files`);
      g.failed++;
      g.failures.push(`${rel}: ${(f.message || 'failed outside its tests (see the log above)').split('\n')[0]}`);
    }
  }
  const secs = project === 'unit' ? unitSecs : e2eSecs;
  console.log(`${project} (${secs} s)`);
  if (!groups.size) {
    console.log('  no tests ran');
    failed = true;
  }
  const width = Math.max(...[...groups.keys()].map((k) => k.length), 8);
  for (const [name, g] of groups) {
    const mark = g.failed ? '\u2717' : '\u2713';
    console.log(`  ${mark} ${name.padEnd(width)}  ${g.passed} passed, ${g.failed} failed${g.skipped ? `, ${g.skipped} skipped` : ''}`);
    for (const f of g.failures) console.log(`      failed: ${f}`);
    if (g.failed) failed = true;
  }
  if ((report.numFailedTestSuites ?? 0) > 0 || report.success === false) failed = true;
}
process.exit(failed ? 1 : 0);
JS

if [ $status -ne 0 ]; then
  printf '\n\033[31mTests failed.\033[0m Reports: %s/*.json\n' "$RESULTS"
else
  printf '\n\033[32mAll tests passed.\033[0m\n'
fi
exit $status
