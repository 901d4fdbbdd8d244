/** Character classes and the one normalisation the core applies: same length in, same length out. */

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && WORD_CHAR.test(ch);
}

/** An ASCII letter or digit (the code of one UTF-16 unit). */
const isAsciiWordCode = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

/**
 * `isWordChar(text[i])` (one UTF-16 unit; false past the end), without the regex for ASCII: the
 * detector asks it at every candidate match's end.
 */
export function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiWordCode(c);
  return i < text.length && WORD_CHAR.test(text[i]);
}

/**
 * Whether the UTF-16 unit at `i` is white space as the regex `\s` defines it (false past the end).
 * Called for every character of some loops: a regex test per character costs far more.
 */
export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether the UTF-16 unit at `i` is the first half of a surrogate pair: a cut after it would split a character. */
export function isHighSurrogateAt(text: string, i: number): boolean {
  return (text.charCodeAt(i) & 0xfc00) === 0xd800;
}

const WORD_CODE_POINT = /^[\p{L}\p{N}\p{M}]$/u;
const WORD_CODE_POINT_NO_MARKS = /^[\p{L}\p{N}]$/u;

/**
 * The length (in UTF-16 units) of the word character at `i`: a letter, digit or (with `marks`)
 * combining mark, one code point, as `/[\p{L}\p{N}\p{M}]+/gu` reads it; 0 when there is none.
 * A hand-written word loop over this reads long texts several times faster than the regex in
 * Chromium: ASCII, most of a news text, never reaches the regex.
 */
export function wordCharLength(text: string, i: number, marks = true): number {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiWordCode(c) ? 1 : 0;
  if (c !== c) return 0; // NaN: past the end
  const low = c >= 0xd800 && c <= 0xdbff ? text.charCodeAt(i + 1) : 0;
  const units = low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  return (marks ? WORD_CODE_POINT : WORD_CODE_POINT_NO_MARKS).test(text.slice(i, i + units)) ? units : 0;
}

/** The end of the run of word characters that starts at `i` (`i` itself when none does). */
export function wordEnd(text: string, i: number, marks = true): number {
  let end = i;
  for (let len = wordCharLength(text, end, marks); len; len = wordCharLength(text, end, marks)) end += len;
  return end;
}

export function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Each typographic variant and the form it folds to: one UTF-16 unit for one. */
const FOLDS: ReadonlyMap<string, string> = new Map([
  ...[...'\u2018\u2019\u201A\u201B\u2032\u02BC'].map((c) => [c, "'"] as const),
  ...[...'\u201C\u201D\u201E\u201F\u2033'].map((c) => [c, '"'] as const),
  ...[...'\u00A0\u2007\u202F\u2009\u200A'].map((c) => [c, ' '] as const),
  ...[...'\u2010\u2011'].map((c) => [c, '-'] as const),
]);
const FOLDABLE = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u201C\u201D\u201E\u201F\u2033\u00A0\u2007\u202F\u2009\u200A\u2010\u2011]/g;

/** One UTF-16 unit as `foldText` folds it. */
export function foldChar(c: string): string {
  return FOLDS.get(c) ?? c;
}

/**
 * Folds typographic variants to one form, one UTF-16 unit for one unit so that offsets into the
 * folded text are offsets into the original: curly quotes and apostrophes to straight ones,
 * non-breaking and thin spaces to spaces, non-breaking hyphens to hyphens.
 */
export function foldText(text: string): string {
  return text.replace(FOLDABLE, foldChar);
}
