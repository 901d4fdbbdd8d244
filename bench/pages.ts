/**
 * Benchmark pages: the sample article as a news page, and long articles written from the sample
 * article's paragraphs plus generated news paragraphs that name many knowledge-base entities
 * (people with their titles and short forms, countries, capitals, organizations, events, terms),
 * with reported statements, opinion and plain facts mixed as a real article mixes them.
 * Everything is deterministic (seeded), so runs compare.
 */
import type { KbEntry } from '../core/kb/schema';
import { articlePage } from '../tests/fixtures/article-page';

/** A small, fast, seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

interface Pools {
  people: KbEntry[];
  countries: KbEntry[];
  capitals: KbEntry[];
  orgs: KbEntry[];
  events: KbEntry[];
  terms: KbEntry[];
}

function pools(entries: readonly KbEntry[]): Pools {
  const places = entries.filter((e) => e.type === 'place');
  return {
    people: entries.filter((e) => e.type === 'person'),
    countries: places.filter((e) => /^Country\b/.test(e.description ?? '')),
    capitals: places.filter((e) => /capital/i.test(e.description ?? '') && !/^Country\b/.test(e.description ?? '')),
    orgs: entries.filter((e) => e.type === 'organization'),
    // Events and terms whose names read well inside a sentence.
    events: entries.filter((e) => e.type === 'event' && e.name.length < 40),
    terms: entries.filter((e) => e.type === 'term' && e.name.length < 30 && !/[()]/.test(e.name)),
  };
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Section headings: questions, which the page layout turns into <h2>. */
const HEADINGS = ['What Happens Next?', 'Is Diplomacy Still Possible?', 'Who Pays for It?', 'Where Does the Alliance Stand?', 'What Do the Markets Say?', 'What Is Happening on the Ground?', 'How Did the Capitals React?', 'What Do the Numbers Show?'];

/**
 * Generated paragraphs, as a stream: `next()` returns one paragraph (or a section heading now and
 * then) in the style of a wire report mixed with commentary.
 */
export function paragraphStream(entries: readonly KbEntry[], seed = 7): { next(): { kind: 'p' | 'h2'; text: string } } {
  const p = pools(entries);
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    // Full name first, short form ("Blinken") after it, as a reporter writes.
  const named = new Set<string>();
  const person = () => {
    const e = pick(p.people);
    const short = e.shortForms?.[0];
    if (named.has(e.id) && short && r() < 0.6) return { e, ref: short };
    named.add(e.id);
    const role = (e.description ?? '').replace(/\s*\([^)]*\)\s*$/, '');
    return { e, ref: role && r() < 0.5 ? `${e.name}, ${role},` : e.name };
  };
  /** A person as the subject of a sentence, without the role in apposition. */
  const who = () => {
    const { e, ref } = person();
    return ref.endsWith(',') ? e.name : ref;
  };
  const THE = /(?:Islands|States|Republic|Emirates|Kingdom|Netherlands|Philippines|Bahamas|Gambia|Maldives|Seychelles|Comoros)$/;
  const country = () => {
    const name = pick(p.countries).name;
    return THE.test(name) ? `the ${name}` : name;
  };
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const capital = () => pick(p.capitals).name;
  const org = () => pick(p.orgs).name;
  const event = () => pick(p.events).name;
  /** Terms as written in running text: their lower-case alias where they have one. */
  const term = () => {
    const e = pick(p.terms);
    return [e.name, ...(e.aliases ?? [])].find((a) => a === a.toLowerCase()) ?? e.name;
  };
  const day = () => pick(DAYS);
  const month = () => pick(MONTHS);
  const n = () => 2 + Math.floor(r() * 90);

  const sentences: (() => string)[] = [
    () => `${person().ref} told reporters in ${capital()} on ${day()} that ${country()} would not accept any deal on ${term()} that ignored its security concerns.`,
    () => `According to officials at the ${org()}, talks on the ${event()} could resume as early as next month, although no date has been set.`,
    () => `${who()} said the ${org()} had been briefed on the plan and that ${country()} expected a reply within ${n()} days.`,
    () => `The meeting in ${capital()} came a week after ${who()} visited ${country()} and ${country()} for talks on ${term()}.`,
    () => `${cap(country())} and ${country()} signed an agreement worth $${n()} billion in ${month()}, the latest sign of their growing economic ties.`,
    () => `Critics say the move is a reckless gamble that will only embolden ${country()}, and they are right to worry.`,
    () => `“We will not be intimidated by threats,” ${who()} said in a statement released by the ${org()}.`,
    () => `Frankly, it is hard to see how the leaders in ${capital()} can keep pretending that nothing has changed since the ${event()}.`,
    () => `The ${org()} estimated that ${n()} percent of the aid pledged after the ${event()} had yet to arrive.`,
    () => `${who()} alleged that ${country()} had used ${term()} to shield its allies, a claim that ${capital()} denied.`,
    () => `Analysts in ${capital()} expect the question of ${term()} to dominate the ${org()} meeting later this year.`,
    () => `${cap(country())} has long insisted that it remains neutral, but its actions tell a different and far more troubling story.`,
    () => `On ${day()}, ${who()} met ${who()} on the sidelines of a summit in ${capital()}, officials said.`,
    () => `The ${event()} remains a sore point in relations between ${country()} and ${country()}, diplomats say.`,
    () => `Trade between ${country()} and ${country()} rose by ${n()} percent last year, according to figures from the ${org()}.`,
    () => `This is a shameful betrayal of everything the ${org()} was supposed to stand for.`,
    () => `${who()} called the sanctions “a dangerous escalation” and warned of “serious consequences” for ${country()}.`,
    () => `Officials in ${capital()} said they were studying the proposal carefully and would respond through diplomatic channels.`,
    () => `The decision follows months of pressure from ${country()}, which has pushed for tougher rules on ${term()} since ${month()}.`,
    () => `Surely no one in ${capital()} still believes that ${term()} alone will bring ${country()} back to the table.`,
  ];
  let sinceHeading = 0;
  return {
    next() {
      if (sinceHeading >= 10 && r() < 0.15) {
        sinceHeading = 0;
        return { kind: 'h2', text: pick(HEADINGS) };
      }
      sinceHeading++;
      const count = 3 + Math.floor(r() * 3);
      const parts: string[] = [];
      for (let i = 0; i < count; i++) parts.push(pick(sentences)());
      return { kind: 'p', text: parts.join(' ') };
    },
  };
}

/**
 * An article of about `words` words: the sample article (headline, then its paragraphs), then
 * generated paragraphs. Returns the plain text in the form `articlePage` lays out (one block per
 * line; short lines ending in "?" become headings).
 */
export function longArticleText(sample: string, entries: readonly KbEntry[], words: number, seed = 7): string {
  const lines = sample.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let total = wordCount(lines.join(' '));
  const stream = paragraphStream(entries, seed);
  while (total < words) {
    const { text } = stream.next();
    lines.push(text);
    total += wordCount(text);
  }
  return lines.join('\n\n');
}

/** The HTML page for an article text (the same layout as the tests' and the demo's page). */
export function pageFor(text: string): string {
  return articlePage(text);
}
