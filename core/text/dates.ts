/** Dates written out in a page's text ("6 June 2024", "June 6, 2024", "2024-06-06"), as YYYY-MM-DD. */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The month (1-12) a word names, in full or cut short ("Sept", "Jun."), or 0. */
function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return 0;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i + 1;
}

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return undefined;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/;
const DAY_MONTH_YEAR = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}{3,9}\.?),?\s+(\d{4})\b/u;
const MONTH_DAY_YEAR = /\b(\p{L}{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/u;

/** The first full date `text` writes, or undefined. */
export function isoDateFromText(text: string): string | undefined {
  const t = text.slice(0, 200);
  const candidates: { at: number; date: string | undefined }[] = [];
  const isoMatch = ISO.exec(t);
  if (isoMatch) candidates.push({ at: isoMatch.index, date: iso(+isoMatch[1]!, +isoMatch[2]!, +isoMatch[3]!) });
  const dmy = DAY_MONTH_YEAR.exec(t);
  if (dmy && monthOf(dmy[2]!)) candidates.push({ at: dmy.index, date: iso(+dmy[3]!, monthOf(dmy[2]!), +dmy[1]!) });
  const mdy = MONTH_DAY_YEAR.exec(t);
  if (mdy && monthOf(mdy[1]!)) candidates.push({ at: mdy.index, date: iso(+mdy[3]!, monthOf(mdy[1]!), +mdy[2]!) });
  return candidates.filter((c) => c.date).sort((a, b) => a.at - b.at)[0]?.date;
}
