/**
 * Loads the CLEF CheckThat! subjectivity sentences (shared/eval/subjectivity, CC BY-NC-SA 4.0)
 * for training and evaluation. Node only; nothing here is shipped in the extension.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SubjLabel = 'SUBJ' | 'OBJ';
export interface LabeledSentence {
  id: string;
  sentence: string;
  label: SubjLabel;
  /** The annotators disagreed and the label was settled afterwards (solved_conflict=True). */
  conflict?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The shared folder: $BACKSTORY_SHARED, or ../shared beside the repo, or /work/shared. */
export function sharedDir(): string {
  const candidates = [process.env.BACKSTORY_SHARED, resolve(here, '../../../shared'), resolve(here, '../../shared'), '/work/shared'];
  for (const c of candidates) if (c && existsSync(join(c, 'eval', 'subjectivity'))) return c;
  throw new Error('shared/eval/subjectivity not found (set BACKSTORY_SHARED)');
}

/** A TSV field, unquoted the way the data set quotes it ("...""..."""). */
function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/""/g, '"');
  return s;
}

export function loadSplit(name: 'train' | 'dev' | 'test2024'): LabeledSentence[] {
  const file = join(sharedDir(), 'eval', 'subjectivity', `${name}.tsv`);
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0]!.split('\t');
  const si = header.indexOf('sentence');
  const li = header.indexOf('label');
  const ii = header.indexOf('sentence_id');
  const ci = header.indexOf('solved_conflict');
  const out: LabeledSentence[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const cols = line.split('\t');
    const label = cols[li]?.trim();
    if (label !== 'SUBJ' && label !== 'OBJ') continue;
    const item: LabeledSentence = { id: cols[ii] ?? '', sentence: unquote(cols[si] ?? ''), label };
    if (ci >= 0 && cols[ci]?.trim() === 'True') item.conflict = true;
    out.push(item);
  }
  return out;
}
