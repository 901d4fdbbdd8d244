/** Reads the knowledge base's JSON files from disk and validates them (Node only). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as v from 'valibot';
import type { KbEntry } from '../../core/kb/schema';
import { PackSchema, compilePack, type ArticlePack } from '../../core/articles/packs';
import { KbError, checkKbEntries, validateKbFile, type KbProblem } from '../../core/kb/validate';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

/** All entries of every file below dir; throws KbError listing every problem. */
export function loadKbDir(dir: string): KbEntry[] {
  const problems: KbProblem[] = [];
  const files: { file: string; entries: KbEntry[] }[] = [];
  for (const path of jsonFiles(dir)) {
    const file = relative(process.cwd(), path);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      problems.push({ file, entry: '(file)', field: '(json)', message: (err as Error).message });
      continue;
    }
    const result = validateKbFile(file, data);
    problems.push(...result.problems);
    files.push({ file, entries: result.entries });
  }
  problems.push(...checkKbEntries(files));
  if (problems.length) throw new KbError(problems);
  return files.flatMap((f) => f.entries);
}

/** The known-article packs in dir (data/articles), validated and compiled with their fingerprints. */
export function loadPacks(dir: string): ArticlePack[] {
  const problems: KbProblem[] = [];
  const packs: ArticlePack[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = relative(process.cwd(), join(dir, name));
    try {
      const parsed = v.safeParse(PackSchema, JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!parsed.success) {
        for (const issue of parsed.issues)
          problems.push({ file, entry: '(pack)', field: (issue.path ?? []).map((p) => p.key).join('.') || '(root)', message: issue.message });
        continue;
      }
      packs.push(compilePack(parsed.output, readFileSync(join(dir, parsed.output.textFile), 'utf8')));
    } catch (err) {
      problems.push({ file, entry: '(pack)', field: '(file)', message: (err as Error).message });
    }
  }
  if (problems.length) throw new KbError(problems);
  return packs;
}
