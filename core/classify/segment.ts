/**
 * Sentence segmentation for news text. Pure: no DOM, no extension or Node APIs.
 *
 * `segmentSentences(text, blocks?)` cuts the article text into passages: sentences, and the
 * structural pieces that are not sentences (headings, captions, list items, bylines,
 * datelines). Offsets index `text`, end exclusive, and every segment is trimmed of
 * surrounding white space.
 *
 * Text comes either as plain article text whose blocks are separated by blank lines, or with
 * explicit `blocks` (from the page or an HTML file). Without blocks, headings, bylines,
 * captions and list items are recognised from the text itself.
 *
 * The sentence splitter is rule based and knows the usual traps of news prose: abbreviations
 * ("U.S.", "Feb. 24", "Sen.", "Mr.", "a.m.", "No. 1"), initials ("J. Smith"), decimals, a
 * closing quote or bracket after the final period (it stays with its sentence), ellipses,
 * quotations of several sentences (split at their sentence boundaries), and datelines
 * ("KYIV, Ukraine (AP) —").
 */
import type { Block } from '../types';

/** `label`: a fact box's or a table's entry that is no sentence ("Born", "1969–1975", "Eagle Pass, Texas"). */
export type SegmentKind = 'sentence' | 'heading' | 'caption' | 'list-item' | 'label' | 'byline' | 'dateline';

export interface Segment {
  start: number;
  end: number;
  kind: SegmentKind;
}

/** Titles that always precede a name: a period after them never ends a sentence. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sen', 'sens', 'rep', 'reps', 'gov', 'govs', 'gen', 'lt',
  'col', 'capt', 'cpt', 'sgt', 'cmdr', 'adm', 'maj', 'brig', 'cpl', 'pvt', 'rev', 'fr', 'hon',
  'pres', 'supt', 'insp', 'det', 'messrs', 'mme', 'mlle', 'atty', 'amb', 'sec', 'vs', 'v', 'cf', 'ald', 'alds', 'cllr', 'supv',
  'approx', 'ca', 'fig', 'figs', 'vol', 'vols', 'pp', 'nos', 'op', 'ed', 'eds', 'dept', 'est',
]);

/**
 * Abbreviations that usually sit inside a sentence but can end one ("Apple Inc.", "Main St.",
 * "Martin Luther King Jr."): the period ends the sentence only when a typical sentence opener
 * follows.
 */
const SOFT_ABBREVIATIONS = new Set([
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'jr', 'sr', 'st', 'ave', 'blvd', 'rd', 'mt',
  'ft', 'etc', 'al', 'ibid', 'dist', 'univ', 'assn', 'natl', 'intl', 'govt',
]);

/** Month abbreviations, and "No.": before a number the period never ends the sentence. */
const BEFORE_NUMBER = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no',
  'art', 'sec', 'ch', 'p', 'para',
]);

/** Words that typically open a sentence: after an ambiguous abbreviation they signal a break. */
const SENTENCE_OPENERS = new Set([
  'The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'But', 'And', 'Or', 'So', 'Yet',
  'In', 'On', 'At', 'For', 'From', 'With', 'As', 'If', 'When', 'While', 'After', 'Before',
  'Since', 'Although', 'Though', 'Because', 'This', 'That', 'These', 'Those', 'There', 'Here',
  'His', 'Her', 'Its', 'Their', 'Our', 'My', 'Your', 'Meanwhile', 'However', 'Still', 'Now',
  'Then', 'Also', 'Some', 'Many', 'Most', 'Other', 'Others', 'One', 'Two', 'Officials', 'What',
  'Why', 'How', 'Who', 'Where', 'Last', 'Next', 'Earlier', 'Later', 'Such', 'Both', 'Each',
  'No', 'Not', 'Yes', 'Instead', 'Indeed', 'Moreover', 'Despite', 'Under', 'According',
]);

const TERMINATORS = '.!?…';
const CLOSERS = '"”’\')]}»';
const OPENERS = '"“‘\'([{«¿¡';

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isUpperStart = (c: string | undefined): boolean =>
  c !== undefined && (/\p{Lu}/u.test(c) || /\p{Nd}/u.test(c));
const isLowerStart = (c: string | undefined): boolean => c !== undefined && /\p{Ll}/u.test(c);

/** Trim a [start, end) range of `text` of white space; null when nothing is left. */
function trimRange(text: string, start: number, end: number): [number, number] | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return s < e ? [s, e] : null;
}

/** The word that starts at `pos`, skipping opening quotes and brackets. */
function wordAt(text: string, pos: number, end: number): string {
  let p = pos;
  while (p < end && OPENERS.includes(text[p]!)) p++;
  let q = p;
  while (q < end && /[\p{L}\p{N}'’-]/u.test(text[q]!)) q++;
  return text.slice(p, q);
}

/** The token that ends just before `pos` (letters, digits and inner periods), without openers. */
function tokenBefore(text: string, pos: number, start: number): string {
  let p = pos;
  while (p > start && !isSpace(text[p - 1]) && !OPENERS.includes(text[p - 1]!) && text[p - 1] !== '—') p--;
  return text.slice(p, pos);
}

/** Does a sentence plausibly start at `pos` (first char after the white space)? */
function looksLikeStart(text: string, pos: number, end: number): boolean {
  let p = pos;
  while (p < end && OPENERS.includes(text[p]!)) p++;
  const c = text[p];
  if (c === undefined) return false;
  if (isLowerStart(c)) return false;
  if (isUpperStart(c)) return true;
  // Dashes, bullets, symbols: a new sentence only if something capitalised follows closely.
  return /[—–\-•*$£€#]/.test(c);
}

/**
 * Decide whether the terminator cluster text[i, j) (closers up to k, next text at n) ends a
 * sentence.
 */
function isBoundary(text: string, i: number, j: number, n: number, rangeStart: number, end: number): boolean {
  const term = text.slice(i, j);
  if (!looksLikeStart(text, n, end)) return false;
  const next = wordAt(text, n, end);
  if (/[?!]/.test(term)) return true;
  if (term.length > 1 || term === '…') {
    // An ellipsis: a break when a capitalised word follows (lowercase was already excluded).
    return true;
  }
  // A single period: look at the token it closes.
  const tok = tokenBefore(text, i, rangeStart);
  const bare = tok.replace(/^[^\p{L}\p{N}]+/u, '');
  const lower = bare.toLowerCase();
  if (bare === '') return true;
  if (TITLES.has(lower)) return false;
  const nextIsNumber = /^\p{Nd}/u.test(next);
  if (BEFORE_NUMBER.has(lower) && nextIsNumber) return false;
  const multiDot = /^(\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(bare); // U.S, a.m, Ph.D, e.g
  const initial = /^\p{Lu}$/u.test(bare) && !tok.includes('°'); // "J" in "J. Smith", not the "C" of "0.13 °C."
  if (multiDot || initial || SOFT_ABBREVIATIONS.has(lower)) {
    return SENTENCE_OPENERS.has(next);
  }
  return true;
}

/** Split text[start, end) into sentence ranges (trimmed). */
export function splitSentenceRanges(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let segStart = start;
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (!TERMINATORS.includes(c)) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && TERMINATORS.includes(text[j]!)) j++;
    let k = j;
    while (k < end && CLOSERS.includes(text[k]!)) k++;
    if (k < end && !isSpace(text[k])) {
      i = k > i ? k : i + 1;
      continue;
    }
    let n = k;
    while (n < end && isSpace(text[n])) n++;
    if (n >= end) break; // the rest is one sentence
    if (isBoundary(text, i, j, n, segStart, end)) {
      const r = trimRange(text, segStart, k);
      if (r) out.push(r);
      segStart = n;
      i = n;
    } else {
      i = k;
    }
  }
  const r = trimRange(text, segStart, end);
  if (r) out.push(r);
  return out;
}

const MINOR_WORDS = new Set([
  'a', 'an', 'the', 'and', 'but', 'or', 'nor', 'for', 'of', 'in', 'on', 'at', 'to', 'by', 'with',
  'from', 'as', 'vs', 'via', 'into', 'onto', 'over', 'per', 'up', 'off', 'out', 'than', 'is', 'be',
]);

/** Title case: nearly every word that is not a short function word is capitalised. */
export function isTitleCase(line: string): boolean {
  const words = line.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2) return false;
  let content = 0;
  let capital = 0;
  words.forEach((w, idx) => {
    if (idx > 0 && MINOR_WORDS.has(w.toLowerCase()) && !isUpperStart(w[0])) return;
    content++;
    if (isUpperStart(w[0])) capital++;
  });
  return content >= 2 && capital / content >= 0.8;
}

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** The line without trailing closing quotes and brackets. */
const stripClosers = (s: string): string => s.replace(/["”’')\]}»\s]+$/u, '');

/** A heading line: short, without final punctuation, or a title-case question. */
export function isHeadingLine(line: string): boolean {
  const t = line.trim();
  if (t === '' || t.length > 160) return false;
  const n = wordCount(t);
  if (n === 0 || n > 16) return false;
  if (!/^["“‘'(\[]?[\p{L}\p{N}]/u.test(t)) return false;
  const bare = stripClosers(t);
  const last = bare[bare.length - 1] ?? '';
  if (last === '?' || last === '!') return n <= 14 && isTitleCase(t);
  if (/[.…,;:—–-]/.test(last)) return false;
  if (/[.!?]\s+\p{Lu}/u.test(bare)) return false; // holds a sentence break: prose, not a heading
  return true;
}

// Case-sensitive on purpose: with the `i` flag \p{Lu} takes lower case too, the name words and the
// particles ("and", "de", "al") overlap, and a line that fails backtracks exponentially.
const BYLINE_START = String.raw`^(?:(?:[Ww]ritten|[Rr]eported|[Ss]tory|[Ww]ords)\s+)?(?:[Bb]y|BY)\s+\p{Lu}`;
// Each word is a name's (capitalised) or one of the particles, "in" among them: "By Samir Haddad in
// Doha and Rachel Stein in Jerusalem". No word matches two alternatives, so a failing line fails at once.
const BYLINE = new RegExp(`${BYLINE_START}[\\p{L}.'’-]*(?:\\s+(?:\\p{Lu}[\\p{L}.'’-]*|and|&|,|de|van|von|al|bin|in))*(?:\\s*[,|–—·•-]\\s*[\\p{L}\\p{N} .,:&'’|–—·•-]{0,60})?$`, 'u');
const BYLINE_OPENING = new RegExp(BYLINE_START, 'u');

/** "By Jane Smith", "By Jane Smith and John Doe, Reuters", "By Jonas Weber in Frankfurt", "By Ann Lee in Doha and Tom Park in Jerusalem". */
export function isBylineLine(line: string): boolean {
  const t = line.trim();
  if (t.length > 120 || !BYLINE_OPENING.test(t)) return false;
  // Ends like a sentence; not an initial ("By Jane Q.") or a time ("· Published March 27, 2024, 6:15 a.m.").
  if (/[.!?]["”’]?$/.test(t) && !/\b\p{Lu}\.$/u.test(t) && !/\b\d{1,2}(?::\d\d)? ?[ap]\.m\.$/.test(t)) return false;
  return BYLINE.test(t);
}

const CAPTION = /^(?:photo|photograph|image|picture|caption|file photo|pictured|above|top|left|right|video)\s*[:|—–-]|\((?:AP|Reuters|AFP|Getty|EPA)?\s*(?:photo|photograph|image|images|picture)[^)]*\)\s*$|\b(?:Photo|Photograph|Image)\s*(?:by|credit|:)[^.]*$|\bGetty Images\)?\s*$/i;

/** Photo captions and credits. */
export function isCaptionLine(line: string): boolean {
  return CAPTION.test(line.trim());
}

/**
 * A fact box's or a table's entry written as prose: it ends as a sentence does and has words in lower
 * case ("A long-acting HIV capsid inhibitor made by Gilead Sciences."), unlike a value such as
 * "Nov. 29, 2023, Kent, Conn.".
 */
function readsAsProse(entry: string): boolean {
  return /[.!?]["”’)\]]?\s*$/u.test(entry) && (entry.match(/(?:^|\s)\p{Ll}/gu)?.length ?? 0) >= 3;
}
/** A list item that opens with a short label and a colon: "Midlife: ...", "Born: ...". */
const LABELLED_ITEM = /^[^:.!?\n"“”]{1,30}:\s/u;
const LIST_MARKER = /^[ \t]*(?:[-*•·▪‣◦–]|\d{1,3}[.)]|\(?[a-z][.)])[ \t]+(?=\S)/u;

/** Length of a list marker ("- ", "• ", "1. ") at the start of the line, or 0. */
function listMarkerLength(line: string): number {
  const m = LIST_MARKER.exec(line);
  return m ? m[0].length : 0;
}

/**
 * A dateline at the start of a paragraph: "KYIV, Ukraine (AP) —", "LONDON (Reuters) -",
 * "WASHINGTON —". The place is in capitals; an optional region and date, an optional agency.
 */
const DATELINE = /^\p{Lu}[\p{Lu}.'’ -]{1,40}(?:,\s*[\p{L}\p{N}.'’ -]{2,40}){0,3}(?:\s*\([\p{L}&. ]{2,30}\))?\s*(?:—|–|--?|:)(?=\s)/u;

function datelineEnd(text: string, start: number, end: number): number {
  const slice = text.slice(start, Math.min(end, start + 140));
  const m = DATELINE.exec(slice);
  if (!m) return -1;
  const head = m[0];
  // The place itself must be written in capitals (at least 3 letters), and something must follow.
  const place = head.split(/[,(—–:-]/)[0]!.trim();
  if (!/^[\p{Lu} .'’]{3,}$/u.test(place) || !/\p{Lu}{3,}/u.test(place.replace(/[ .'’]/g, ''))) return -1;
  if (!/\(|,/.test(head) && !/—|–|--/.test(head)) return -1; // "WASHINGTON -" alone is too weak
  return start + head.length;
}

function pushSentences(text: string, start: number, end: number, kind: SegmentKind, out: Segment[], allowDateline: boolean): void {
  let s = start;
  if (allowDateline) {
    const r = trimRange(text, start, end);
    if (!r) return;
    const d = datelineEnd(text, r[0], r[1]);
    if (d > 0) {
      const dr = trimRange(text, r[0], d);
      if (dr) out.push({ start: dr[0], end: dr[1], kind: 'dateline' });
      s = d;
    }
  }
  for (const [a, b] of splitSentenceRanges(text, s, end)) out.push({ start: a, end: b, kind });
}

function pushWhole(text: string, start: number, end: number, kind: SegmentKind, out: Segment[]): void {
  const r = trimRange(text, start, end);
  if (r) out.push({ start: r[0], end: r[1], kind });
}

/** Segment one blank-line-separated block of plain text, recognising its structure. */
function segmentPlainBlock(text: string, start: number, end: number, out: Segment[]): void {
  // Lines with their offsets.
  const lines: Array<[number, number]> = [];
  let ls = start;
  for (let p = start; p <= end; p++) {
    if (p === end || text[p] === '\n') {
      const r = trimRange(text, ls, p);
      if (r) lines.push(r);
      ls = p + 1;
    }
  }
  const single = lines.length === 1;
  let runStart = -1;
  let runEnd = -1;
  let runIsFirst = true;
  const flush = (): void => {
    if (runStart >= 0) pushSentences(text, runStart, runEnd, 'sentence', out, runIsFirst);
    runStart = -1;
    runIsFirst = false;
  };
  lines.forEach(([a, b], idx) => {
    const line = text.slice(a, b);
    const marker = listMarkerLength(line);
    const nextLine = lines[idx + 1];
    if (marker > 0 && (lines.length > 1 || /^[-*•·▪‣◦]/u.test(line))) {
      flush();
      pushSentences(text, a + marker, b, 'list-item', out, false);
    } else if (isBylineLine(line)) {
      flush();
      pushWhole(text, a, b, 'byline', out);
    } else if (isCaptionLine(line)) {
      flush();
      pushSentences(text, a, b, 'caption', out, false);
    } else if (
      isHeadingLine(line) &&
      (single || (nextLine !== undefined && isTitleCase(line) && runStart < 0) || (runStart < 0 && nextLine === undefined))
    ) {
      flush();
      pushWhole(text, a, b, 'heading', out);
    } else {
      if (runStart < 0) runStart = a;
      runEnd = b;
      // A line that ends a sentence closes the run, so sentences never run across a hard line
      // break that the writer meant (a hard-wrapped paragraph keeps running).
      const bare = stripClosers(line);
      if (nextLine !== undefined && /[.!?…:]$/.test(bare) && !/^\p{Ll}/u.test(text.slice(nextLine[0], nextLine[0] + 1))) {
        flush();
      }
    }
  });
  flush();
}

/**
 * Cut `text` into segments. With `blocks`, each block is segmented by its kind (headings and
 * bylines whole; captions and list items sentence by sentence with their kind; paragraphs and
 * quotes into sentences, with a leading dateline split off). Without blocks, the text is cut
 * at blank lines and each block's structure is recognised from the text.
 */
export function segmentSentences(text: string, blocks?: readonly Block[]): Segment[] {
  const out: Segment[] = [];
  if (typeof text !== 'string' || text.length === 0) return out;
  if (blocks && blocks.length > 0) {
    const sorted = [...blocks]
      .filter((b) => Number.isFinite(b.start) && Number.isFinite(b.end) && b.end > b.start)
      .sort((a, b) => a.start - b.start);
    let cursor = 0;
    for (const b of sorted) {
      const s = Math.max(b.start, cursor, 0);
      const e = Math.min(b.end, text.length);
      if (e <= s) continue;
      cursor = e;
      switch (b.kind) {
        case 'heading':
          pushWhole(text, s, e, 'heading', out);
          break;
        case 'byline':
          pushWhole(text, s, e, 'byline', out);
          break;
        case 'caption':
          pushSentences(text, s, e, 'caption', out, false);
          break;
        case 'list-item':
          // A box's labelled list ("Midlife: hearing loss, depression, ...") is labels and values too.
          if (LABELLED_ITEM.test(text.slice(s, e)) && !readsAsProse(text.slice(s, e))) pushWhole(text, s, e, 'label', out);
          else pushSentences(text, s, e, 'list-item', out, false);
          break;
        case 'entry':
          // A fact box's or a table's entries are labels and values, not statements, unless written as sentences.
          if (readsAsProse(text.slice(s, e))) pushSentences(text, s, e, 'list-item', out, false);
          else pushWhole(text, s, e, 'label', out);
          break;
        default:
          // A byline the page did not class as one ("By Kevin Marsh · Published March 27, 2024").
          if (isBylineLine(text.slice(s, e))) pushWhole(text, s, e, 'byline', out);
          else pushSentences(text, s, e, 'sentence', out, true);
      }
    }
    return out;
  }
  const sep = /\n[ \t\r]*\n\s*/g;
  let bs = 0;
  let m: RegExpExecArray | null;
  while ((m = sep.exec(text)) !== null) {
    segmentPlainBlock(text, bs, m.index, out);
    bs = m.index + m[0].length;
  }
  segmentPlainBlock(text, bs, text.length, out);
  return out;
}
