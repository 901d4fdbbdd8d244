/** Checks knowledge-base files against the schema and against each other. Pure: no file system. */
import * as v from 'valibot';
import { EntrySchema, KbFileSchema, type KbEntry, type Pronoun } from './schema';

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

/** The file around the entries: checked on its own, so that a broken entry costs only itself. */
const FileShellSchema = v.strictObject({ about: KbFileSchema.entries.about, entries: v.array(v.unknown()) });
const ID_SHAPE = /^(person|place|organization|event|term)\/[a-z0-9]+(-[a-z0-9]+)*$/;

/** How a problem names an entry: its id when it is one, else its index (and the start of what it holds). */
function entryLabel(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && ID_SHAPE.test(id) && id.length <= 200) return id;
  return typeof id === 'string' ? `#${index} (id ${JSON.stringify(id.slice(0, 60))})` : `#${index}`;
}

/**
 * Validates one parsed file. Returns its valid entries and the problems found: an entry with a
 * problem is dropped (the others are kept, so cross-file checks do not report knock-on errors).
 */
export function validateKbFile(file: string, data: unknown): { entries: KbEntry[]; problems: KbProblem[] } {
  const problems: KbProblem[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const got = data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data;
    return { entries: [], problems: [{ file, entry: '(file)', field: '(root)', message: `must be an object { "about", "entries" }, not ${got}` }] };
  }
  const shell = v.safeParse(FileShellSchema, data);
  if (!shell.success) {
    for (const issue of shell.issues) {
      const path = pathOf(issue);
      if (path[0] === 'entries' && path.length > 1) continue; // the entries are checked below
      problems.push({ file, entry: '(file)', field: path.join('.') || '(root)', message: issue.message });
    }
  }
  const raw = Object.hasOwn(data, 'entries') ? (data as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(raw)) return { entries: [], problems };
  const entries: KbEntry[] = [];
  raw.forEach((item, i) => {
    const r = v.safeParse(EntrySchema, item);
    if (r.success) {
      entries.push(r.output);
      return;
    }
    const entry = entryLabel(item, i);
    for (const issue of r.issues) problems.push({ file, entry, field: pathOf(issue).join('.') || '(entry)', message: issue.message });
  });
  return { entries, problems };
}

/**
 * Whether a fact ends before it starts. Partial dates cover their whole year or month, so they
 * are compared at the shorter precision: "2024-05" to "2024" is fine, "2024-05" to "2024-04" is not.
 */
function endsBeforeStart(start: string, end: string): boolean {
  const n = Math.min(start.length, end.length);
  return end.slice(0, n) < start.slice(0, n);
}

/** The other pronoun, opening a sentence of the background ("She ..." for a "he"). */
const OTHER_PRONOUN_OPENS: Record<Pronoun, { word: string; re: RegExp }> = {
  he: { word: 'She', re: /(?:^|[.!?]\s+)She\b/ },
  she: { word: 'He', re: /(?:^|[.!?]\s+)He\b/ },
};

/** The other pronoun where a sentence of the background opens with it, or null. */
function pronounContradicting(background: string, pronoun: Pronoun): string | null {
  const other = OTHER_PRONOUN_OPENS[pronoun];
  return other.re.test(background) ? other.word : null;
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
      if (e.everyday && e.type !== 'term') problems.push({ file, entry: e.id, field: 'everyday', message: 'only a term can be everyday vocabulary; a name is never left unmarked for being common' });
      if (e.pronoun && e.type !== 'person') problems.push({ file, entry: e.id, field: 'pronoun', message: 'only a person has a pronoun' });
      const opener = e.pronoun ? pronounContradicting(e.background, e.pronoun) : null;
      if (opener) problems.push({ file, entry: e.id, field: 'pronoun', message: `"${e.pronoun}", but the background opens a sentence with "${opener}"` });
      // The index keeps a form once per entry, as the full name it was first given as: a short form
      // that is also the name or an alias would always count, context or not.
      const full = new Set([e.name, ...(e.aliases ?? [])].map((n) => n.trim()));
      (e.shortForms ?? []).forEach((s, i) => {
        if (full.has(s.trim()))
          problems.push({ file, entry: e.id, field: `shortForms.${i}`, message: `"${s}" is also the entry's name or an alias, so it would always count: rename the entry or drop the alias` });
      });
      (e.facts ?? []).forEach((f, i) => {
        if (f.start && f.end && endsBeforeStart(f.start, f.end))
          problems.push({ file, entry: e.id, field: `facts.${i}.end`, message: `"${f.label}" ends (${f.end}) before it starts (${f.start})` });
      });
    }
  }
  for (const { file, entries } of files) {
    for (const e of entries) {
      if (e.metonymOf === e.id) problems.push({ file, entry: e.id, field: 'metonymOf', message: 'refers to the entry itself' });
      else if (e.metonymOf && !seen.has(e.metonymOf)) problems.push({ file, entry: e.id, field: 'metonymOf', message: `unknown id ${e.metonymOf}` });
    }
  }
  return problems;
}
