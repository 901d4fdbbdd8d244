/**
 * `npm run eval`: every evaluation in one run.
 *  1. mentions: precision and recall on the labeled fixture articles (scripts/eval-mentions.ts);
 *  2. passages: labels and sources on the sample article, and macro-F1 on the CLEF CheckThat!
 *     subjectivity data (scripts/eval-passages.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const here = import.meta.dirname;
let failed = false;
for (const [title, script] of [
  ['Mentions', 'eval-mentions.ts'],
  ['Passages', 'eval-passages.ts'],
] as const) {
  console.log(`\n=== ${title} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, script), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
