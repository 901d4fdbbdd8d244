/** Character classes and the one normalisation the core applies: same length in, same length out. */

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && WORD_CHAR.test(ch);
}

export function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * Folds typographic variants to one form, one UTF-16 unit for one unit so that offsets into the
 * folded text are offsets into the original: curly quotes and apostrophes to straight ones,
 * non-breaking and thin spaces to spaces, non-breaking hyphens to hyphens.
 */
export function foldText(text: string): string {
  return text.replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]|[\u201C\u201D\u201E\u201F\u2033]|[\u00A0\u2007\u202F\u2009\u200A]|[\u2010\u2011]/g, (c) => {
    if ('\u201C\u201D\u201E\u201F\u2033'.includes(c)) return '"';
    if ('\u00A0\u2007\u202F\u2009\u200A'.includes(c)) return ' ';
    if ('\u2010\u2011'.includes(c)) return '-';
    return "'";
  });
}
