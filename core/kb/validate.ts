/** Checks knowledge-base files against the schema and against each other. Pure: no file system. */
import * as v from 'valibot';
import { KbFileSchema, type KbEntry } from './schema';

export interface KbProblem {
  file: string;
  /** The entry's id, or its index when the id itself is broken. */
  entry: string;
  field: string;
  message: string;
}

export class KbError extends Error {
  constructor(readonly problems: KbProblem[]) {
    super(
      `Knowledge base rejected (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.file}: entry ${p.entry}: field ${p.field}: ${p.message}`).join('\n'),
    );
    this.name = 'KbError';
  }
}

function pathOf(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((p) => p.key as string | number);
}

/** Validates one parsed file. Returns its entries and the problems found (entries with problems are dropped). */
export function validateKbFile(file: string, data: unknown): { entries: KbEntry[]; problems: KbProblem[] } {
  const result = v.safeParse(KbFileSchema, data);
  if (result.success) return { entries: result.output.entries, problems: [] };
  const problems: KbProblem[] = [];
  const raw = (data as { entries?: unknown[] } | null)?.entries;
  for (const issue of result.issues) {
    const path = pathOf(issue);
    if (path[0] === 'entries' && typeof path[1] === 'number') {
      const rawEntry = Array.isArray(raw) ? (raw[path[1]] as { id?: unknown } | undefined) : undefined;
      const id = typeof rawEntry?.id === 'string' ? rawEntry.id : `#${path[1]}`;
      problems.push({ file, entry: id, field: path.slice(2).join('.') || '(entry)', message: issue.message });
    } else {
      problems.push({ file, entry: '(file)', field: path.join('.') || '(root)', message: issue.message });
    }
  }
  return { entries: [], problems };
}

/** Cross-file checks: unique ids, type matching the id, references that resolve. */
export function checkKbEntries(files: { file: string; entries: KbEntry[] }[]): KbProblem[] {
  const problems: KbProblem[] = [];
  const seen = new Map<string, string>();
  for (const { file, entries } of files) {
    for (const e of entries) {
      const other = seen.get(e.id);
      if (other) problems.push({ file, entry: e.id, field: 'id', message: `duplicate id (also in ${other})` });
      seen.set(e.id, file);
      if (!e.id.startsWith(`${e.type}/`)) problems.push({ file, entry: e.id, field: 'type', message: `type ${e.type} does not match the id` });
      for (const f of e.facts ?? []) {
        if (f.start && f.end && f.end < f.start) problems.push({ file, entry: e.id, field: 'facts', message: `"${f.label}" ends before it starts` });
      }
    }
  }
  for (const { file, entries } of files) {
    for (const e of entries) {
      if (e.metonymOf && !seen.has(e.metonymOf)) problems.push({ file, entry: e.id, field: 'metonymOf', message: `unknown id ${e.metonymOf}` });
    }
  }
  return problems;
}
