/**
 * Hand labels for the mention evaluation, written by reading the article rather than by copying the
 * detector's output, and turned into offsets here. A labels file (tests/fixtures/eval/*.labels.txt):
 *
 *   # a comment
 *   about: what the article is and where it comes from
 *   skip: Related coverage ... Helsinki stops      boilerplate from the first "Related coverage" to
 *                                                  the end of the next "Helsinki stops"
 *   skip: ADVERTISEMENT                            one snippet, every occurrence
 *   skip-line: G20                                 every line that is exactly "G20"
 *   skip-from: Share this:                         from the first "Share this:" to the end
 *   Vilnius | all | place | Vilnius                surface | which | type | entity
 *   Georgia | 2,3 | place | Georgia (U.S. state)
 *   Harris | ~Vice President Kamala Harris | person | Kamala Harris
 *
 * `which` counts the surface's occurrences on word boundaries outside boilerplate and outside
 * longer labels (longer surfaces are placed first): `all`, 1-based numbers, or `~snippet` (the
 * occurrences inside the first occurrence of the snippet). Quotes and spaces are folded as the
 * detector folds them, so labels may use straight quotes. A snippet that is not in the text (the
 * extraction dropped it) is skipped with a warning; a label that matches nothing is an error.
 */
import { ENTITY_TYPES, type EntityType } from '../../core/kb/schema';
import { foldText, isWordChar } from '../../core/text/chars';

export interface GoldMention {
  text: string;
  start: number;
  end: number;
  type: EntityType;
  entity: string;
}

export interface Span {
  start: number;
  end: number;
}

/** A gold file: the hand-checked mentions of one article, offsets into its article text. */
export interface GoldFile {
  about: string;
  mentions: GoldMention[];
  /** Text the extraction returns that is not the article (related links, comments...): nothing in it should be marked. */
  boilerplate?: Span[];
}

type Which = { kind: 'all' } | { kind: 'nth'; n: number[] } | { kind: 'within'; snippet: string };

export interface LabelLine {
  line: number;
  surface: string;
  which: Which;
  type: EntityType;
  entity: string;
}

type Skip = { line: number; kind: 'range'; from: string; to: string } | { line: number; kind: 'each'; text: string } | { line: number; kind: 'line'; text: string } | { line: number; kind: 'from'; text: string };

export interface LabelsFile {
  about: string;
  labels: LabelLine[];
  skips: Skip[];
}

export function parseLabels(src: string, file = 'labels'): LabelsFile {
  let about = '';
  const labels: LabelLine[] = [];
  const skips: Skip[] = [];
  src.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (!s || s.startsWith('#')) return;
    const directive = /^(about|skip|skip-line|skip-from):\s*(.*)$/.exec(s);
    if (directive) {
      const [, key, value] = directive;
      if (key === 'about') about = value;
      else if (key === 'skip-line') skips.push({ line, kind: 'line', text: value });
      else if (key === 'skip-from') skips.push({ line, kind: 'from', text: value });
      else {
        const parts = value.split(' ... ');
        if (parts.length === 2) skips.push({ line, kind: 'range', from: parts[0], to: parts[1] });
        else skips.push({ line, kind: 'each', text: value });
      }
      return;
    }
    const cols = s.split('|').map((c) => c.trim());
    if (cols.length !== 4 || cols.some((c) => !c)) throw new Error(`${file}:${line}: expected "surface | which | type | entity"`);
    const [surface, w, type, entity] = cols;
    if (!(ENTITY_TYPES as readonly string[]).includes(type)) throw new Error(`${file}:${line}: unknown type "${type}"`);
    let which: Which;
    if (w === 'all') which = { kind: 'all' };
    else if (w.startsWith('~')) which = { kind: 'within', snippet: w.slice(1) };
    else if (/^\d+(,\d+)*$/.test(w)) which = { kind: 'nth', n: w.split(',').map(Number) };
    else throw new Error(`${file}:${line}: "which" must be all, numbers like 1,3, or ~snippet`);
    labels.push({ line, surface, which, type: type as EntityType, entity });
  });
  return { about, labels, skips };
}

function indexesOf(hay: string, needle: string, from = 0): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle, from); i >= 0; i = hay.indexOf(needle, i + 1)) out.push(i);
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Turns labels into gold mentions over `text`. Throws on labels that cannot be placed. */
export function resolveLabels(text: string, labels: LabelsFile, file = 'labels'): { gold: GoldFile; warnings: string[] } {
  const folded = foldText(text);
  const warnings: string[] = [];
  const errors: string[] = [];
  const boilerplate: Span[] = [];
  for (const skip of labels.skips) {
    const where = `${file}:${skip.line}`;
    if (skip.kind === 'each') {
      const hits = indexesOf(folded, foldText(skip.text));
      if (!hits.length) warnings.push(`${where}: boilerplate "${skip.text}" is not in the text`);
      for (const i of hits) boilerplate.push({ start: i, end: i + skip.text.length });
    } else if (skip.kind === 'from') {
      const i = folded.indexOf(foldText(skip.text));
      if (i < 0) warnings.push(`${where}: boilerplate "${skip.text}" is not in the text`);
      else boilerplate.push({ start: i, end: text.length });
    } else if (skip.kind === 'line') {
      let found = false;
      let pos = 0;
      for (const l of folded.split('\n')) {
        if (l.trim() === foldText(skip.text).trim() && l.trim()) {
          const s = pos + l.indexOf(l.trim());
          boilerplate.push({ start: s, end: s + l.trim().length });
          found = true;
        }
        pos += l.length + 1;
      }
      if (!found) warnings.push(`${where}: boilerplate line "${skip.text}" is not in the text`);
    } else {
      const a = folded.indexOf(foldText(skip.from));
      const b = a < 0 ? -1 : folded.indexOf(foldText(skip.to), a);
      if (a < 0 || b < 0) warnings.push(`${where}: boilerplate "${skip.from} ... ${skip.to}" is not in the text`);
      else boilerplate.push({ start: a, end: b + skip.to.length });
    }
  }

  const mentions: GoldMention[] = [];
  const placed: Span[] = [];
  const order = labels.labels.map((l, i) => ({ l, i })).sort((a, b) => b.l.surface.length - a.l.surface.length || a.i - b.i);
  for (const { l } of order) {
    const where = `${file}:${l.line}`;
    const surface = foldText(l.surface);
    const free = indexesOf(folded, surface)
      .filter((i) => !isWordChar(folded[i - 1]) && !isWordChar(folded[i + surface.length]))
      .map((i) => ({ start: i, end: i + surface.length }))
      .filter((s) => !boilerplate.some((b) => overlaps(s, b)) && !placed.some((p) => overlaps(s, p)));
    let chosen: Span[] = [];
    if (l.which.kind === 'all') {
      chosen = free;
      if (!chosen.length) errors.push(`${where}: "${l.surface}" is not in the article text`);
    } else if (l.which.kind === 'nth') {
      for (const n of l.which.n) {
        if (n < 1 || n > free.length) errors.push(`${where}: "${l.surface}" has ${free.length} free occurrences, not ${n}`);
        else chosen.push(free[n - 1]);
      }
    } else {
      const snippet = foldText(l.which.snippet);
      const at = folded.indexOf(snippet);
      if (at < 0) {
        warnings.push(`${where}: snippet "${l.which.snippet}" is not in the text; label skipped`);
        continue;
      }
      chosen = free.filter((s) => s.start >= at && s.end <= at + snippet.length);
      if (!chosen.length) errors.push(`${where}: "${l.surface}" is not inside "${l.which.snippet}"`);
    }
    for (const s of chosen) {
      placed.push(s);
      mentions.push({ text: text.slice(s.start, s.end), start: s.start, end: s.end, type: l.type, entity: l.entity });
    }
  }
  if (errors.length) throw new Error(errors.join('\n'));
  mentions.sort((a, b) => a.start - b.start);
  boilerplate.sort((a, b) => a.start - b.start);
  return { gold: { about: labels.about, mentions, ...(boilerplate.length ? { boilerplate } : {}) }, warnings };
}

/**
 * Capitalised words that no label and no boilerplate covers, with the words around them: a reading
 * aid for labellers, to catch names they forgot. Sentence-initial function words are left out.
 */
export function uncoveredCapitals(text: string, gold: GoldFile): string[] {
  const covered = [...gold.mentions, ...(gold.boilerplate ?? [])];
  const out: string[] = [];
  const common = /^(?:The|A|An|In|On|At|It|Its|He|She|They|But|And|As|After|Before|Under|Last|Several|Hours|Officials|Leaders|With|No|This|That|What|Why|How|Is|Every|Two|Ships|Wheat|Dozens|Freed|Speaking)$/;
  for (const m of foldText(text).matchAll(/\p{Lu}[\p{L}\p{M}'-]*(?:\s+\p{Lu}[\p{L}\p{M}'-]*)*/gu)) {
    const s = { start: m.index, end: m.index + m[0].length };
    if (covered.some((c) => overlaps(s, c))) continue;
    if (common.test(m[0])) continue;
    out.push(`${m[0]}  «${text.slice(Math.max(0, s.start - 30), s.end + 30).replace(/\s+/g, ' ')}»`);
  }
  return out;
}
