/**
 * Wikipedia's answers as Backstory reads them: the REST page summary
 * (/api/rest_v1/page/summary/{title}) and the title search (/w/rest.php/v1/search/title), with
 * size limits, and the normalized summary the background hands to content scripts. Nothing in an
 * answer is trusted until it parses here.
 */
import * as v from 'valibot';
import { ENTITY_TYPES, type EntityType } from '../kb/entity-types';
import { LOOKUP_MAX_EXTRACT_CHARS, LOOKUP_SHOWN_EXTRACT_CHARS } from '../constants';
import type { LookupFailure } from './failures';
import { pageUrl, titleFor } from './origin';

const Str = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** An optional field that is dropped, not fatal, when it does not parse. */
const Opt = <T extends v.GenericSchema>(schema: T) => v.fallback(v.optional(schema), undefined);

export const ThumbnailSchema = v.object({
  source: Str(2_000),
  width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
});

/** /api/rest_v1/page/summary/{title} (Summary 1.4 spec), the fields Backstory uses. */
export const RestSummarySchema = v.object({
  /** standard | disambiguation | mainpage | no-extract, or an error type URI (…/not_found). */
  type: Str(300),
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  displaytitle: Opt(Str(2_000)),
  description: Opt(Str(500)),
  extract: v.optional(Str(LOOKUP_MAX_EXTRACT_CHARS)),
  extract_html: v.optional(Str(LOOKUP_MAX_EXTRACT_CHARS * 4)),
  thumbnail: Opt(ThumbnailSchema),
  wikibase_item: Opt(v.pipe(v.string(), v.regex(/^Q[1-9]\d{0,11}$/))),
  content_urls: Opt(v.object({ desktop: v.object({ page: Str(2_000) }) })),
  titles: Opt(v.object({ canonical: Str(512), normalized: v.optional(Str(512)), display: v.optional(Str(2_000)) })),
  lang: Opt(Str(20)),
});
export type RestSummary = v.InferOutput<typeof RestSummarySchema>;

/** /w/rest.php/v1/search/title?q=…&limit=… */
export const SearchResultsSchema = v.object({
  pages: v.pipe(
    v.array(
      v.object({
        key: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
        title: Str(512),
        description: Opt(v.nullable(Str(500))),
      }),
    ),
    v.maxLength(50),
  ),
});
export type SearchPage = { key: string; title: string; description?: string };

/** What the background sends a content script about a page: normalized, plain text, checked. */
export const OnlineSummarySchema = v.object({
  /** The page's title as shown ("Bob Menendez"). */
  title: Str(512),
  /** Its canonical title ("Bob_Menendez"). */
  canonical: Str(512),
  description: v.optional(Str(500)),
  /** Plain text, cut for the card. */
  extract: v.pipe(v.string(), v.minLength(1), v.maxLength(LOOKUP_SHOWN_EXTRACT_CHARS + 2)),
  url: v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//)),
  thumbnail: v.optional(
    v.object({
      url: v.pipe(v.string(), v.regex(/^https:\/\/upload\.wikimedia\.org\/[^\s"'<>\\]+$/)),
      width: v.number(),
      height: v.number(),
    }),
  ),
  wikidata: v.optional(v.pipe(v.string(), v.regex(/^Q\d+$/))),
  typeHint: v.optional(v.picklist(ENTITY_TYPES)),
  /** How the page was found: the name's own page, a redirect, or a search among same-named pages. */
  via: v.picklist(['direct', 'redirect', 'search']),
});
export type OnlineSummary = v.InferOutput<typeof OnlineSummarySchema>;

export type ReadSummary =
  | { kind: 'page'; summary: OnlineSummary }
  | { kind: 'disambiguation'; title: string; url: string }
  | { kind: 'failure'; failure: LookupFailure };

/** Plain text: no control characters, tags stripped (only for extract_html), runs of space folded. */
export function plainText(s: string, stripTags = false): string {
  let t = s;
  if (stripTags) t = t.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' ');
  // eslint-disable-next-line no-control-regex
  return t.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
}

/** The extract cut to `max` characters, at a sentence end when one is near, else at a word, with an ellipsis. */
export function cutExtract(text: string, max = LOOKUP_SHOWN_EXTRACT_CHARS): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentence >= max * 0.5) return head.slice(0, sentence + 1);
  const word = head.lastIndexOf(' ');
  return `${head.slice(0, word > max * 0.5 ? word : max).trimEnd()}…`;
}

/** Only https pictures from Wikimedia's image host are shown; anything else is dropped. */
export function safeThumbnail(t: RestSummary['thumbnail']): OnlineSummary['thumbnail'] {
  if (!t) return undefined;
  let url: URL;
  try {
    url = new URL(t.source);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.hostname !== 'upload.wikimedia.org' || url.port || url.username || url.password) return undefined;
  if (/[\s"'<>\\]/.test(url.href)) return undefined;
  return { url: url.href, width: t.width, height: t.height };
}

/** A page link from the answer when it is an https Wikipedia (or look-up host) address, else built from the title. */
function safePageUrl(raw: string | undefined, origin: string, title: string): string {
  if (raw) {
    try {
      const u = new URL(raw);
      const lookupHost = new URL(origin).host;
      if ((u.protocol === 'https:' && /(^|\.)wikipedia\.org$/.test(u.hostname) && !u.port) || u.host === lookupHost) {
        if (!u.username && !u.password) return u.href;
      }
    } catch {
      /* built below */
    }
  }
  return pageUrl(origin, title);
}

const HINTS: [EntityType, RegExp][] = [
  ['event', /\b(war|battle|summit|conference|election|referendum|crisis|attack|bombing|invasion|incident|treaty|protests?|uprising|festival|olympics|games|championship|cup|pandemic|earthquake|hurricane|scandal|trial)\b/i],
  ['organization', /\b(company|corporation|conglomerate|organi[sz]ation|agency|party|newspaper|magazine|broadcaster|network|university|college|institute|committee|council|ministry|department|bank|union|alliance|federation|association|foundation|think tank|charity|band|club|team|manufacturer|airline|court)\b/i],
  ['place', /\b(city|town|village|hamlet|county|state of|u\.s\. state|capital|country|region|province|oblast|river|lake|mountain|island|municipality|district|neighbou?rhood|suburb|borough|hotel|airport|square|street|building|palace|stadium|port)\b/i],
  ['person', /\b(politician|journalist|actor|actress|singer|musician|rapper|footballer|player|cricketer|athlete|writer|author|novelist|poet|businessman|businesswoman|entrepreneur|executive|diplomat|official|civil servant|admiral|officer|soldier|lawyer|judge|economist|historian|scientist|physicist|chemist|philosopher|presenter|anchor|host|commentator|activist|bishop|cleric|monarch|king|queen|prince|princess|president|minister|senator|governor|mayor|spokesperson|spokesman|spokeswoman)\b|\(born \d{4}\)|\(\d{4}[–-]\d{4}\)/i],
];

/**
 * What kind of thing a Wikipedia description names ("American journalist" -> person, "City in
 * Arizona" -> place), or undefined when it does not say. The first noun phrase decides: "Hotel in
 * Munich" is a place even though "Munich" follows.
 */
export function typeHint(description: string | undefined): EntityType | undefined {
  if (!description) return undefined;
  // "X in Y", "X of Y", "X from Y": the head is before the preposition.
  const head = description.split(/\b(?:in|of|from|for|at|on|and|who|that|based)\b|[,;(]/i)[0] || description;
  let best: { type: EntityType; at: number } | undefined;
  for (const text of [head, description]) {
    for (const [type, re] of HINTS) {
      const m = re.exec(text);
      if (m && (!best || m.index < best.at)) best = { type, at: m.index };
    }
    if (best) return best.type;
  }
  return undefined;
}

/**
 * Reads a page-summary answer: a page to show, a disambiguation page to resolve, or a failure.
 * `requested` is the title asked for; an answer for another title means Wikipedia followed a redirect.
 */
export function readSummary(json: unknown, origin: string, requested: string): ReadSummary {
  if (json === null || json === undefined || json === '') return { kind: 'failure', failure: 'empty' };
  if (typeof json !== 'object' || Array.isArray(json)) return { kind: 'failure', failure: 'malformed' };
  const raw = json as Record<string, unknown>;
  if (typeof raw.type === 'string' && /not_found/.test(raw.type)) return { kind: 'failure', failure: 'not-found' };
  for (const key of ['extract', 'extract_html'] as const) {
    const s = raw[key];
    if (typeof s === 'string' && s.length > (key === 'extract' ? LOOKUP_MAX_EXTRACT_CHARS : LOOKUP_MAX_EXTRACT_CHARS * 4)) return { kind: 'failure', failure: 'too-large' };
  }
  const r = v.safeParse(RestSummarySchema, json);
  if (!r.success) return { kind: 'failure', failure: 'malformed' };
  const s = r.output;
  const canonical = s.titles?.canonical || titleFor(s.title);
  const url = safePageUrl(s.content_urls?.desktop.page, origin, canonical);
  if (s.type === 'disambiguation') return { kind: 'disambiguation', title: plainText(s.title), url };
  if (s.type !== 'standard' && s.type !== 'no-extract' && s.type !== 'mainpage') return { kind: 'failure', failure: 'malformed' };
  const extract = plainText(s.extract ?? '') || plainText(s.extract_html ?? '', true);
  if (!extract || s.type === 'no-extract') return { kind: 'failure', failure: 'no-summary' };
  const description = s.description ? plainText(s.description) : '';
  const redirected = titleFor(canonical).replace(/_/g, ' ').toLowerCase() !== titleFor(requested).replace(/_/g, ' ').toLowerCase();
  return {
    kind: 'page',
    summary: {
      title: plainText(s.title).slice(0, 512),
      canonical,
      ...(description ? { description } : {}),
      extract: cutExtract(extract),
      url,
      ...(safeThumbnail(s.thumbnail) ? { thumbnail: safeThumbnail(s.thumbnail) } : {}),
      ...(s.wikibase_item ? { wikidata: s.wikibase_item } : {}),
      ...(typeHint(description) ? { typeHint: typeHint(description) } : {}),
      via: redirected ? 'redirect' : 'direct',
    },
  };
}

/** Reads a title-search answer; null when it does not parse. */
export function readSearch(json: unknown): SearchPage[] | null {
  const r = v.safeParse(SearchResultsSchema, json);
  if (!r.success) return null;
  return r.output.pages.map((p) => ({ key: p.key, title: plainText(p.title), ...(p.description ? { description: plainText(p.description) } : {}) }));
}
