/**
 * Names the knowledge base lacks, found from the text itself: runs of capitalised words with a cue
 * that says what they are (a title, "said", "in", an organisation word). Without a cue, a
 * capitalised run is left alone: headlines and sentence starts are full of capitals that name
 * nothing ("What Happens Now?").
 */
import type { Block, EntityType, Mention } from '../types';
import { blockAt } from '../text/blocks';

const TITLE_BEFORE =
  /\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|President|Vice President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Secretary|Chancellor|Senator|Governor|Mayor|Ambassador|Judge|Justice|General|Admiral|Commander|spokesman|spokeswoman|spokesperson|Pope|King|Queen|Prince|Princess|Sheikh|host|anchor|analyst|professor|economist|director|chief|CEO|chairman|chairwoman)\.?\s+$/;
const LEADING_TITLE =
  /^(?:(?:Former|Acting|Deputy|Vice|Foreign|Defen[cs]e|Prime|Interior|Finance|Trade|Chief|Senior|Top)\s+)*(?:President|Minister|Secretary(?:\s+of\s+State)?|Chancellor|Senator|Governor|Mayor|Ambassador|General|Admiral|Spokesman|Spokeswoman|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sen\.|Rep\.|Gov\.|Gen\.|Prof\.|King|Queen|Prince|Princess|Pope|Sheikh|Judge|Justice)\s+/;
const SAID_AFTER = /^,?\s+(?:said|says|told|added|argued|wrote|stated|tweeted|noted|warned|explained|claimed|asked|replied|insisted)\b/;
const PLACE_BEFORE = /\b(?:in|from|near|to|across|outside|inside|around|at|visited|visit)\s+$/;
const ORG_WORD =
  /\b(?:Ministry|Department|Party|Council|Agency|Bank|Inc|Corp|Corporation|Company|Co|Group|Institute|University|College|Committee|Commission|Association|Foundation|Fund|Union|Organization|Organisation|Office|Bureau|Court|Parliament|Assembly|Army|Navy|Force|Forces|Guard|Times|Post|News|Press|Herald|Journal|Tribune|Gazette|Network|Media|Reuters|Airlines|Industries|Holdings|Motors|Labs|Centre|Center|Club|Federation|Alliance|Front|Movement|Brigade)\b/;
const PLACE_WORD = /\b(?:City|Province|Oblast|County|Region|District|Island|Islands|Valley|River|Sea|Bay|Mountains|Strait|Street|Square|Airport|Hotel|Palace)\b/;
/** Capitalised words that are not names on their own. */
const STOP = new Set(
  'A An The This That These Those It Its He She They We I You His Her Their Our My Your Is Are Was Were Be What Who Why When Where How Which Now Then Here There Despite Though Although However But And Or If As At By For From In Into Of On To With Ever Since After Before Even Still Yet Also Not No Yes Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
    ' ',
  ),
);

const CAP_WORD = "(?:[\\p{Lu}][\\p{L}\\p{M}'.-]*[\\p{L}\\p{M}]|[\\p{Lu}]\\.)";
/** White space between the words of a name: a line break at most, never a blank line (a block boundary). */
const GAP = '(?:[^\\S\\n]*\\n[^\\S\\n]*|[^\\S\\n]+)';
const NAME_RUN = new RegExp(`${CAP_WORD}(?:${GAP}(?:(?:de|da|del|der|van|von|al|bin|of|the|la|le)${GAP})?${CAP_WORD}){0,4}`, 'gu');

function isHeading(text: string, start: number, end: number, blocks?: readonly Block[]): boolean {
  if (blocks) {
    const b = blockAt(blocks, start);
    return !!b && end <= b.end && b.kind !== 'paragraph' && b.kind !== 'quote';
  }
  const lineStart = text.lastIndexOf('\n', start) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).trim();
  return line.length < 90 && !/[.!"']$/.test(line);
}

function atSentenceStart(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start);
  return start === 0 || /(?:^|[.!?:"]\s+|\n\s*)$/.test(before);
}

/** Unknown names with a type cue, skipping text already covered by `known`. `text` is folded. */
export function findUnknownNames(text: string, known: readonly Mention[], blocks?: readonly Block[]): Mention[] {
  const found: Mention[] = [];
  // Runs come in text order, and so do the known mentions: one moving index answers "covered?".
  let k = 0;
  const covered = (s: number, e: number) => {
    while (k < known.length && known[k].end <= s) k++;
    return k < known.length && known[k].start < e;
  };
  for (const m of text.matchAll(NAME_RUN)) {
    let start = m.index;
    let name = m[0].replace(/[.'-]+$/, '');
    // Drop leading function words ("The", "In") that start the run.
    while (true) {
      const first = /^\S+/.exec(name)?.[0] ?? '';
      if (!STOP.has(first.replace(/\.$/, ''))) break;
      const rest = name.slice(first.length).trimStart();
      start += name.length - rest.length;
      name = rest;
      if (!name) break;
    }
    // Titles that open the run ("Foreign Minister Wang Yi") say who follows; they are not the name.
    let titled = false;
    const title = LEADING_TITLE.exec(name);
    if (title) {
      titled = true;
      start += title[0].length;
      name = name.slice(title[0].length);
    }
    if (!name || name.length < 3) continue;
    const end = start + name.length;
    if (covered(start, end) || isHeading(text, start, end, blocks)) continue;
    const words = name.split(/\s+/);
    if (words.every((w) => STOP.has(w))) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 30);
    const camel = words.length === 1 && /^\p{Lu}\p{Ll}+\p{Lu}/u.test(name);
    let type: EntityType | null = null;
    let confidence = 0;
    if (camel || (ORG_WORD.test(name) && words.length >= 2 && !titled)) [type, confidence] = ['organization', camel ? 0.7 : 0.8];
    else if ((titled || TITLE_BEFORE.test(before)) && words.length >= 2) [type, confidence] = ['person', 0.85];
    else if (SAID_AFTER.test(after) && words.length >= 2 && words.length <= 3) [type, confidence] = ['person', 0.8];
    else if (PLACE_WORD.test(name)) [type, confidence] = ['place', 0.7];
    else if (PLACE_BEFORE.test(before) && words.length <= 2 && !atSentenceStart(text, start)) [type, confidence] = ['place', 0.65];
    if (!type) continue;
    found.push({ text: name, start, end, type, entity: name, confidence });
  }
  return found;
}
