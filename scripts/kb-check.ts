/**
 * Validates every knowledge-base file in data/kb and compiles them into one file the extension
 * bundles. Exits non-zero, naming file, entry and field, when anything is wrong.
 *   npx tsx scripts/kb-check.ts            check, and write .generated/kb.json (every entry whole, for
 *                                          cards) and .generated/kb-names.json (what detection reads)
 *   npx tsx scripts/kb-check.ts --dir D    check the files in D instead (used by tests)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadKbDir, loadPacks } from './lib/kb-files';
import { namesOf } from '../core/kb/schema';

const args = process.argv.slice(2);
const dirFlag = args.indexOf('--dir');
const dir = dirFlag >= 0 ? args[dirFlag + 1] : join(import.meta.dirname, '..', 'data', 'kb');
try {
  const entries = loadKbDir(dir);
  const counts: Record<string, number> = {};
  for (const e of entries) counts[e.type] = (counts[e.type] ?? 0) + 1;
  if (dirFlag < 0) {
    const packs = loadPacks(join(import.meta.dirname, '..', 'data', 'articles'));
    const out = join(import.meta.dirname, '..', '.generated');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'kb.json'), JSON.stringify(entries));
    writeFileSync(join(out, 'kb-names.json'), JSON.stringify(entries.map(namesOf)));
    writeFileSync(join(out, 'packs.json'), JSON.stringify(packs));
    console.log(`article packs ok: ${packs.length} (${packs.map((p) => p.id).join(', ')})`);
  }
  console.log(`knowledge base ok: ${entries.length} entries (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}) from ${relative(process.cwd(), dir) || '.'}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
