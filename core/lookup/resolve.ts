/**
 * From a name to the right Wikipedia page, the way Page Previews would show it, with the
 * article's context for names that several pages share:
 *   1. the page summary for the name itself (Wikipedia follows redirects: "Robert Menendez" ->
 *      "Bob Menendez");
 *   2. when that is a disambiguation page, a title search for the same name, whose candidates
 *      ("John Kirby (admiral)", "John Kirby (musician)") are scored against the article's words
 *      locally, and the summary of the clear winner, if there is one.
 * Only the name, and then titles Wikipedia itself offered, are ever requested: never the article's words.
 * The transport (fetching, caching, limits) is injected; this module only decides.
 */
import type { EntityType } from '../kb/schema';
import type { LookupFailure } from './failures';
import { contentWords } from './context';
import { readSearch, readSummary, typeHint, type OnlineSummary, type SearchPage } from './schema';
import { titleFor } from './origin';

export interface LookupQuery {
  name: string;
  /** The type the article's wording suggests. */
  type: EntityType;
  /** Words of the article around the name (stay in the browser). */
  context: readonly string[];
}

/** What the transport gives back for one address: parsed JSON, or why there is none. */
export type Fetched = { ok: true; json: unknown } | { ok: false; failure: LookupFailure | 'aborted' };

/** One step of a look-up, so that the gateway can cache between steps. */
export interface LookupSteps {
  /** The page summary for a title. */
  summary(title: string): Promise<Fetched>;
  /** The title search for a name. */
  search(name: string): Promise<Fetched>;
}

export type Resolved = { ok: true; summary: OnlineSummary } | { ok: false; failure: LookupFailure | 'aborted'; url?: string };

/** Topics that tie a description to an article without sharing a word ("admiral" and "Pentagon"). */
const TOPICS: Record<string, string[]> = {
  politics: 'politician government official minister ministry president presidential senator senate congress congressman congresswoman parliament parliamentary election diplomat diplomacy ambassador embassy spokesman spokeswoman spokesperson secretary state governor mayor white house press cabinet policy party campaign administration foreign'.split(' '),
  military: 'military admiral navy naval army general officer soldier pentagon defense defence war troops missile weapons nato forces commander air force marine'.split(' '),
  journalism: 'journalist journalism reporter reporters correspondent anchor host presenter broadcaster television news newspaper interview commentator editor columnist'.split(' '),
  sport: 'baseball football footballer soccer basketball hockey cricket cricketer rugby tennis golf player coach team league club olympic olympics athlete championship season'.split(' '),
  music: 'musician singer songwriter band album rapper composer jazz guitarist bassist drummer pianist orchestra record song'.split(' '),
  film: 'actor actress film films director producer screenwriter hollywood movie series cinema'.split(' '),
  business: 'businessman businesswoman company companies executive ceo chairman investor entrepreneur bank banker market markets industry corporation firm economist economy'.split(' '),
  science: 'scientist physicist chemist biologist researcher professor university academic mathematician engineer'.split(' '),
  law: 'lawyer judge court justice attorney prosecutor legal law trial'.split(' '),
  religion: 'bishop priest cleric church pope imam rabbi religious archbishop'.split(' '),
};
const TOPIC_OF = new Map<string, string[]>();
for (const [topic, words] of Object.entries(TOPICS)) for (const w of words) TOPIC_OF.set(w, [...(TOPIC_OF.get(w) ?? []), topic]);

function topicsOf(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of words) for (const t of TOPIC_OF.get(w) ?? []) out.add(t);
  return out;
}

const DISAMBIGUATION = /\b(disambiguation|topics referred to by the same term|may refer to|index of|list of)\b/i;

/** "John Kirby (admiral)" -> { base: "john kirby", qualifier: "admiral" }. */
function splitTitle(title: string): { base: string; qualifier: string } {
  const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(title.replace(/_/g, ' '));
  return { base: (m ? m[1] : title.replace(/_/g, ' ')).trim().toLowerCase(), qualifier: m ? m[2].toLowerCase() : '' };
}

export interface ScoredPage extends SearchPage {
  score: number;
}

/**
 * Scores same-named candidates against the article: +2 per shared word, +1 per shared topic,
 * +1 when the description's kind matches the article's type for the name (-1 when it clashes).
 * Candidates that are other names, lists or disambiguation pages are left out.
 */
export function scoreCandidates(pages: readonly SearchPage[], q: LookupQuery): ScoredPage[] {
  const name = q.name.replace(/\s+/g, ' ').trim().toLowerCase();
  const nameWords = new Set(contentWords(q.name));
  const ctx = new Set(q.context.flatMap((w) => contentWords(w)).filter((w) => !nameWords.has(w)));
  const ctxTopics = topicsOf(ctx);
  const out: ScoredPage[] = [];
  for (const p of pages) {
    const { base, qualifier } = splitTitle(p.title || p.key);
    if (base !== name) continue;
    const description = p.description ?? '';
    if (DISAMBIGUATION.test(description) || /disambiguation/i.test(qualifier)) continue;
    const words = contentWords(`${qualifier} ${description}`).filter((w) => !nameWords.has(w));
    let score = 0;
    for (const w of words) if (ctx.has(w)) score += 2;
    for (const t of topicsOf(words)) if (ctxTopics.has(t)) score += 1;
    const kind = typeHint(`${description} ${qualifier}`.trim());
    if (kind) score += kind === q.type ? 1 : -1;
    out.push({ ...p, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** The candidate the article clearly points to: a positive score ahead of every other; else null. */
export function choosePage(pages: readonly SearchPage[], q: LookupQuery): SearchPage | null {
  const [best, second] = scoreCandidates(pages, q);
  if (!best || best.score < 2) return null;
  if (second && second.score >= best.score) return null;
  return { key: best.key, title: best.title, ...(best.description ? { description: best.description } : {}) };
}

/** The whole look-up for one name. */
export async function resolveName(q: LookupQuery, steps: LookupSteps, origin: string): Promise<Resolved> {
  const title = titleFor(q.name);
  const first = await steps.summary(title);
  if (!first.ok) return { ok: false, failure: first.failure };
  const read = readSummary(first.json, origin, title);
  if (read.kind === 'failure') return { ok: false, failure: read.failure };
  if (read.kind === 'page') return { ok: true, summary: read.summary };
  // A disambiguation page: search the same name, choose with the article's words.
  const found = await steps.search(q.name);
  if (!found.ok) return { ok: false, failure: found.failure === 'not-found' ? 'ambiguous' : found.failure, url: read.url };
  const pages = readSearch(found.json);
  if (!pages) return { ok: false, failure: 'malformed', url: read.url };
  const pick = choosePage(pages, q);
  if (!pick) return { ok: false, failure: 'ambiguous', url: read.url };
  const second = await steps.summary(pick.key);
  if (!second.ok) return { ok: false, failure: second.failure, url: read.url };
  const page = readSummary(second.json, origin, pick.key);
  if (page.kind === 'failure') return { ok: false, failure: page.failure, url: read.url };
  if (page.kind === 'disambiguation') return { ok: false, failure: 'ambiguous', url: read.url };
  return { ok: true, summary: { ...page.summary, via: 'search' } };
}
