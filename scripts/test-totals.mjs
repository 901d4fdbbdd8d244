// Sums the Vitest JSON reports in a folder. Prints a per-suite table, or with --line only
// "N passed, N failed". Exits 1 when a report is missing or any test failed.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
const lineOnly = process.argv.includes('--line');
let passed = 0;
let failed = 0;
const rows = [];
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
for (const f of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  } catch {
    failed += 1;
    rows.push([f, 0, 1]);
    continue;
  }
  // Failed files (a suite that did not even load) count as failures too.
  const broken = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  // Vitest failed outside any test (scripts/test.sh notes its exit code): one failure.
  const outside = report.vitestExitCode ? 1 : 0;
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + broken + outside;
  rows.push([f.replace(/\.json$/, ''), report.numPassedTests ?? 0, (report.numFailedTests ?? 0) + broken + outside]);
}
if (!files.length) failed += 1;
if (lineOnly) console.log(`${passed} passed, ${failed} failed`);
else for (const [name, p, fl] of rows) console.log(`${name.padEnd(16)} ${String(p).padStart(4)} passed ${String(fl).padStart(4)} failed`);
process.exit(failed ? 1 : 0);
