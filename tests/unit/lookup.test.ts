/** core/lookup: Wikipedia's answers read safely, the right page chosen, failures named, the cache kept, cards filled. */
import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  choosePage,
  cutExtract,
  evictions,
  failureForStatus,
  failureMessage,
  hostPermissionFor,
  isFresh,
  loadingCard,
  lookupContext,
  lookupOriginFrom,
  readSearch,
  readSummary,
  resolveName,
  safeThumbnail,
  scoreCandidates,
  searchUrl,
  summaryUrl,
  titleFor,
  typeHint,
  withLookup,
  LOOKUP_FAILURES,
  type Fetched,
  type LookupSteps,
  type OnlineSummary,
} from '../../core/lookup';
import { textOnlyCard, type EntityCardModel } from '../../core/cards';
import { LookupResultSchema, RequestSchema, parseOr } from '../../core/messages';
import { LOOKUP_MAX_CONTEXT_WORDS, LOOKUP_MAX_EXTRACT_CHARS, LOOKUP_SHOWN_EXTRACT_CHARS, PRODUCT_LOOKUP_ORIGIN } from '../../core/constants';
import type { Mention, Passage } from '../../core/types';
import { summaryBody } from '../e2e/harness/wikipedia-mock';

const ORIGIN = 'https://en.wikipedia.org';

const chuck = () =>
  summaryBody({
    title: 'Chuck Todd',
    description: 'American television journalist (born 1972)',
    extract: 'Charles David Todd is an American television journalist.',
    wikibase: 'Q5086858',
    thumbnail: { source: 'https://upload.wikimedia.org/wikipedia/commons/thumb/0/0a/Chuck.jpg/320px-Chuck.jpg', width: 320, height: 400 },
  });

describe('look-up origin and addresses', () => {
  it('is the product origin unless a build sets an https origin or a local test server', () => {
    expect(lookupOriginFrom(undefined)).toBe(PRODUCT_LOOKUP_ORIGIN);
    expect(lookupOriginFrom('')).toBe(PRODUCT_LOOKUP_ORIGIN);
    expect(lookupOriginFrom('http://127.0.0.1:47831')).toBe('http://127.0.0.1:47831');
    expect(lookupOriginFrom('http://localhost:9000/')).toBe('http://localhost:9000');
    expect(lookupOriginFrom('http://evil.example')).toBe(PRODUCT_LOOKUP_ORIGIN);
    expect(lookupOriginFrom('https://en.wikipedia.org/wiki/')).toBe(PRODUCT_LOOKUP_ORIGIN);
    expect(lookupOriginFrom('javascript:alert(1)')).toBe(PRODUCT_LOOKUP_ORIGIN);
    expect(lookupOriginFrom('not a url')).toBe(PRODUCT_LOOKUP_ORIGIN);
  });

  it('asks the manifest for that one host and nothing broader', () => {
    expect(hostPermissionFor(PRODUCT_LOOKUP_ORIGIN)).toBe('https://en.wikipedia.org/*');
    expect(hostPermissionFor('http://127.0.0.1:47831')).toBe('http://127.0.0.1/*');
  });

  it('puts only the name in the address', () => {
    expect(titleFor('  Chuck   Todd ')).toBe('Chuck_Todd');
    expect(titleFor('de Gaulle')).toBe('De_Gaulle');
    expect(summaryUrl(ORIGIN, titleFor('AC/DC'))).toBe('https://en.wikipedia.org/api/rest_v1/page/summary/AC%2FDC');
    expect(summaryUrl(ORIGIN, titleFor('Chuck Todd?x=1#y'))).toBe('https://en.wikipedia.org/api/rest_v1/page/summary/Chuck_Todd%3Fx%3D1%23y');
    expect(searchUrl(ORIGIN, 'John Kirby', 5)).toBe('https://en.wikipedia.org/w/rest.php/v1/search/title?q=John%20Kirby&limit=5');
  });
});

describe('reading a page summary', () => {
  it('reads a standard page: plain text, Wikidata id, type hint, https link', () => {
    const r = readSummary(chuck(), ORIGIN, 'Chuck_Todd');
    expect(r.kind).toBe('page');
    if (r.kind !== 'page') return;
    expect(r.summary).toMatchObject({
      title: 'Chuck Todd',
      canonical: 'Chuck_Todd',
      description: 'American television journalist (born 1972)',
      extract: 'Charles David Todd is an American television journalist.',
      url: 'https://en.wikipedia.org/wiki/Chuck_Todd',
      wikidata: 'Q5086858',
      typeHint: 'person',
      via: 'direct',
    });
    expect(r.summary.thumbnail?.url).toMatch(/^https:\/\/upload\.wikimedia\.org\//);
  });

  it('notices a redirect followed by Wikipedia', () => {
    const body = summaryBody({ title: 'Bob Menendez', description: 'American politician', extract: 'Robert Menendez is an American politician.' });
    const r = readSummary(body, ORIGIN, 'Robert_Menendez');
    expect(r.kind === 'page' && r.summary.via).toBe('redirect');
    expect(r.kind === 'page' && r.summary.title).toBe('Bob Menendez');
  });

  it('tells disambiguation pages, missing pages and pages without a summary apart', () => {
    expect(readSummary(summaryBody({ title: 'John Kirby', type: 'disambiguation', extract: 'John Kirby may refer to:' }), ORIGIN, 'John_Kirby')).toMatchObject({
      kind: 'disambiguation',
      url: 'https://en.wikipedia.org/wiki/John_Kirby',
    });
    expect(readSummary({ type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found', title: 'Not found.' }, ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'not-found' });
    expect(readSummary(summaryBody({ title: 'X', extract: '' }), ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'no-summary' });
    expect(readSummary(summaryBody({ title: 'X', type: 'no-extract', extract: 'x' }), ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'no-summary' });
  });

  it('refuses what is empty, malformed or too large', () => {
    expect(readSummary(null, ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'empty' });
    expect(readSummary('', ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'empty' });
    expect(readSummary([1, 2], ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'malformed' });
    expect(readSummary({ type: 'standard', extract: 'no title' }, ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'malformed' });
    expect(readSummary({ type: 'standard', title: 42, extract: 'x' }, ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'malformed' });
    expect(readSummary({ type: 'something-else', title: 'X', extract: 'x' }, ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'malformed' });
    const huge = summaryBody({ title: 'X', extract: 'a'.repeat(LOOKUP_MAX_EXTRACT_CHARS + 1) });
    expect(readSummary(huge, ORIGIN, 'X')).toEqual({ kind: 'failure', failure: 'too-large' });
  });

  it('keeps hostile markup as inert text and never takes a picture from elsewhere', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const r = readSummary(
      summaryBody({ title: 'Corentin Lusk', description: `diplomat ${hostile}`, extract: `A diplomat. ${hostile}`, thumbnail: { source: 'http://evil.invalid/x.png', width: 10, height: 10 } }),
      ORIGIN,
      'Corentin_Lusk',
    );
    expect(r.kind).toBe('page');
    if (r.kind !== 'page') return;
    // Shown as text: the characters stay, nothing is parsed (the views render text only).
    expect(r.summary.extract).toContain('<img src=x onerror="alert(1)">');
    expect(r.summary.thumbnail).toBeUndefined();
  });

  it('uses extract_html only as stripped text when there is no plain extract', () => {
    const body = { ...summaryBody({ title: 'X', extract: '' }), extract_html: '<p><b>X</b> is a <script>alert(1)</script>thing.</p>' };
    const r = readSummary(body, ORIGIN, 'X');
    expect(r.kind === 'page' && r.summary.extract).toBe('X is a thing.');
  });

  it('accepts pictures only over https from upload.wikimedia.org', () => {
    const t = (source: string) => safeThumbnail({ source, width: 10, height: 10 });
    expect(t('https://upload.wikimedia.org/a.jpg')?.url).toBe('https://upload.wikimedia.org/a.jpg');
    expect(t('http://upload.wikimedia.org/a.jpg')).toBeUndefined();
    expect(t('https://upload.wikimedia.org.evil.example/a.jpg')).toBeUndefined();
    expect(t('https://user@upload.wikimedia.org/a.jpg')).toBeUndefined();
    expect(t('https://upload.wikimedia.org:8443/a.jpg')).toBeUndefined();
    expect(t('javascript:alert(1)')).toBeUndefined();
    expect(t('data:image/png;base64,AAAA')).toBeUndefined();
  });

  it('takes the page link only from Wikipedia over https, else builds it', () => {
    const body = { ...chuck(), content_urls: { desktop: { page: 'javascript:alert(1)' } } };
    const r = readSummary(body, ORIGIN, 'Chuck_Todd');
    expect(r.kind === 'page' && r.summary.url).toBe('https://en.wikipedia.org/wiki/Chuck_Todd');
    const evil = { ...chuck(), content_urls: { desktop: { page: 'https://evil.example/wiki/Chuck_Todd' } } };
    const r2 = readSummary(evil, ORIGIN, 'Chuck_Todd');
    expect(r2.kind === 'page' && r2.summary.url).toBe('https://en.wikipedia.org/wiki/Chuck_Todd');
  });

  it('cuts long extracts for the card at a sentence', () => {
    const text = 'One sentence here. '.repeat(60).trim();
    const cut = cutExtract(text);
    expect(cut.length).toBeLessThanOrEqual(LOOKUP_SHOWN_EXTRACT_CHARS);
    expect(cut.endsWith('here.')).toBe(true);
    expect(cutExtract('word '.repeat(200)).endsWith('…')).toBe(true);
    expect(cutExtract('short')).toBe('short');
  });

  it('reads title search results and refuses malformed ones', () => {
    expect(readSearch({ pages: [{ key: 'A_(b)', title: 'A (b)', description: null }] })).toEqual([{ key: 'A_(b)', title: 'A (b)' }]);
    expect(readSearch({ pages: 'x' })).toBeNull();
    expect(readSearch(null)).toBeNull();
  });
});

describe('type hints from descriptions', () => {
  it.each([
    ['American television journalist (born 1972)', 'person'],
    ['49th vice president of the United States', 'person'],
    ['American government official and retired admiral', 'person'],
    ['City in Arizona, United States', 'place'],
    ['Hotel in Munich, Germany', 'place'],
    ['Political party in Germany', 'organization'],
    ['American multinational technology company', 'organization'],
    ['2022 invasion of Ukraine by Russia', 'event'],
    ['Annual conference on international security policy', 'event'],
  ] as const)('%s -> %s', (description, type) => {
    expect(typeHint(description)).toBe(type);
  });

  it('says nothing when the description does not tell', () => {
    expect(typeHint(undefined)).toBeUndefined();
    expect(typeHint('Topics referred to by the same term')).toBeUndefined();
  });
});

const KIRBY = [
  { key: 'John_Kirby', title: 'John Kirby', description: 'Topics referred to by the same term' },
  { key: 'John_Kirby_(baseball)', title: 'John Kirby (baseball)', description: 'American baseball player' },
  { key: 'John_Kirby_(admiral)', title: 'John Kirby (admiral)', description: 'American government official and retired admiral' },
  { key: 'John_Kirby_(musician)', title: 'John Kirby (musician)', description: 'American jazz bassist' },
  { key: 'John_Kirby_Allen', title: 'John Kirby Allen', description: 'American businessman' },
];

describe('choosing the page for a name', () => {
  it('picks the candidate the article points to', () => {
    const q = { name: 'John Kirby', type: 'person' as const, context: ['pentagon', 'spokesman', 'reporters', 'ukraine', 'united', 'states'] };
    expect(choosePage(KIRBY, q)?.key).toBe('John_Kirby_(admiral)');
    const sport = { name: 'John Kirby', type: 'person' as const, context: ['pitcher', 'season', 'league', 'team'] };
    expect(choosePage(KIRBY, sport)?.key).toBe('John_Kirby_(baseball)');
  });

  it('leaves out other names and disambiguation pages', () => {
    const keys = scoreCandidates(KIRBY, { name: 'John Kirby', type: 'person', context: [] }).map((p) => p.key);
    expect(keys).not.toContain('John_Kirby');
    expect(keys).not.toContain('John_Kirby_Allen');
  });

  it('chooses nothing when the article does not settle it', () => {
    expect(choosePage(KIRBY, { name: 'John Kirby', type: 'person', context: ['weather', 'garden'] })).toBeNull();
    expect(choosePage([], { name: 'John Kirby', type: 'person', context: ['pentagon'] })).toBeNull();
  });

  it('reads "Harris" in an article about the Munich Security Conference as Kamala Harris', () => {
    const pages = [
      { key: 'Harris', title: 'Harris', description: 'Topics referred to by the same term' },
      { key: 'Harris_(surname)', title: 'Harris (surname)', description: 'Surname list' },
      { key: 'Harris,_Scotland', title: 'Harris, Scotland', description: 'Island in Scotland' },
    ];
    // "Kamala Harris" is another name, so a search for "Harris" must offer "Harris (politician)"-style titles to win.
    const withKamala = [...pages, { key: 'Harris_(vice_president)', title: 'Harris (vice president)', description: '49th vice president of the United States' }];
    const q = { name: 'Harris', type: 'person' as const, context: ['munich', 'security', 'conference', 'vice', 'president', 'blinken', 'united', 'states'] };
    expect(choosePage(withKamala, q)?.key).toBe('Harris_(vice_president)');
  });

  it('gives the background the article words around the name, and the best-known entities', () => {
    const text = 'Pentagon spokesman John Kirby told reporters the aid would continue.';
    const m: Mention = { text: 'John Kirby', start: 19, end: 29, type: 'person', entity: 'John Kirby', confidence: 0.8 };
    const mentions: Mention[] = [m, { text: 'Pentagon', start: 0, end: 8, type: 'organization', entity: 'United States Department of Defense', id: 'organization/dod', confidence: 1 }];
    const passages: Passage[] = [{ text, start: 0, end: text.length, label: 'reported', source: 'John Kirby', cues: ['told'] }];
    const ctx = lookupContext(m, mentions, passages);
    expect(ctx).toEqual(expect.arrayContaining(['pentagon', 'spokesman', 'reporters', 'department', 'defense']));
    expect(ctx).not.toContain('john');
    expect(ctx).not.toContain('kirby');
    expect(ctx.length).toBeLessThanOrEqual(LOOKUP_MAX_CONTEXT_WORDS);
  });
});

/** Steps that answer from a table and record what was asked. */
function fakeSteps(summaries: Record<string, Fetched>, searches: Record<string, Fetched> = {}) {
  const asked: string[] = [];
  const steps: LookupSteps = {
    summary: async (title) => {
      asked.push(`summary:${title}`);
      return summaries[title] ?? { ok: false, failure: 'not-found' };
    },
    search: async (name) => {
      asked.push(`search:${name}`);
      return searches[name] ?? { ok: true, json: { pages: [] } };
    },
  };
  return { steps, asked };
}

describe('resolving a name', () => {
  it('takes the name\u2019s own page when it is one', async () => {
    const { steps, asked } = fakeSteps({ Chuck_Todd: { ok: true, json: chuck() } });
    const r = await resolveName({ name: 'Chuck Todd', type: 'person', context: [] }, steps, ORIGIN);
    expect(r.ok && r.summary.title).toBe('Chuck Todd');
    expect(asked).toEqual(['summary:Chuck_Todd']);
  });

  it('follows a disambiguation page through the search, asking only for the name and offered titles', async () => {
    const { steps, asked } = fakeSteps(
      {
        John_Kirby: { ok: true, json: summaryBody({ title: 'John Kirby', type: 'disambiguation', extract: 'John Kirby may refer to:' }) },
        'John_Kirby_(admiral)': { ok: true, json: summaryBody({ title: 'John Kirby (admiral)', description: 'American government official and retired admiral', extract: 'John Francis Kirby is a retired admiral.' }) },
      },
      { 'John Kirby': { ok: true, json: { pages: KIRBY } } },
    );
    const r = await resolveName({ name: 'John Kirby', type: 'person', context: ['pentagon', 'spokesman', 'secret-article-word'] }, steps, ORIGIN);
    expect(r.ok && r.summary).toMatchObject({ title: 'John Kirby (admiral)', via: 'search' });
    expect(asked).toEqual(['summary:John_Kirby', 'search:John Kirby', 'summary:John_Kirby_(admiral)']);
    expect(asked.join(' ')).not.toContain('secret');
  });

  it('says "ambiguous" with a link when the article does not settle it', async () => {
    const { steps } = fakeSteps(
      { John_Kirby: { ok: true, json: summaryBody({ title: 'John Kirby', type: 'disambiguation', extract: 'John Kirby may refer to:' }) } },
      { 'John Kirby': { ok: true, json: { pages: KIRBY } } },
    );
    const r = await resolveName({ name: 'John Kirby', type: 'person', context: [] }, steps, ORIGIN);
    expect(r).toEqual({ ok: false, failure: 'ambiguous', url: 'https://en.wikipedia.org/wiki/John_Kirby' });
  });

  it('passes failures through', async () => {
    for (const failure of ['not-found', 'busy', 'server', 'timeout', 'malformed', 'too-large', 'empty', 'network'] as const) {
      const { steps } = fakeSteps({ X: { ok: false, failure } });
      expect(await resolveName({ name: 'X', type: 'person', context: [] }, steps, ORIGIN)).toEqual({ ok: false, failure });
    }
    const { steps } = fakeSteps({ X: { ok: true, json: '{"broken' } });
    expect(await resolveName({ name: 'X', type: 'person', context: [] }, steps, ORIGIN)).toEqual({ ok: false, failure: 'malformed' });
  });
});

describe('failures', () => {
  it('maps HTTP statuses', () => {
    expect(failureForStatus(200)).toBeNull();
    expect(failureForStatus(204)).toBe('empty');
    expect(failureForStatus(404)).toBe('not-found');
    expect(failureForStatus(429)).toBe('busy');
    expect(failureForStatus(503)).toBe('busy');
    expect(failureForStatus(500)).toBe('server');
    expect(failureForStatus(502)).toBe('server');
  });

  it('gives every failure a clear sentence', () => {
    for (const f of LOOKUP_FAILURES) expect(failureMessage(f, 'Chuck Todd')).toMatch(/\S/);
    expect(failureMessage('not-found', 'Chuck Todd')).toBe('Wikipedia has no page for “Chuck Todd”.');
    expect(failureMessage('busy', 'Chuck Todd')).toBe('Wikipedia is busy; try again later.');
  });

  it('honours Retry-After within bounds', () => {
    expect(backoffMs('3', 0, 10_000, 60_000)).toBe(3_000);
    expect(backoffMs('99999', 0, 10_000, 60_000)).toBe(60_000);
    expect(backoffMs(null, 0, 10_000, 60_000)).toBe(10_000);
    expect(backoffMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'), 10_000, 60_000)).toBe(5_000);
  });
});

describe('cache bookkeeping', () => {
  const limits = { ttlMs: 1000, maxEntries: 3, maxBytes: 100 };
  it('drops expired entries first, then the least recently used', () => {
    const index = {
      old: { savedAt: 0, usedAt: 900, bytes: 10 },
      a: { savedAt: 500, usedAt: 600, bytes: 10 },
      b: { savedAt: 500, usedAt: 700, bytes: 10 },
      c: { savedAt: 500, usedAt: 800, bytes: 10 },
      d: { savedAt: 500, usedAt: 650, bytes: 10 },
    };
    expect(evictions(index, 1200, limits)).toEqual(['old', 'a']);
  });

  it('keeps within the byte budget', () => {
    const index = { a: { savedAt: 0, usedAt: 1, bytes: 60 }, b: { savedAt: 0, usedAt: 2, bytes: 60 } };
    expect(evictions(index, 10, limits)).toEqual(['a']);
    expect(isFresh(index.b, 10, 1000)).toBe(true);
    expect(isFresh(index.b, 2000, 1000)).toBe(false);
    expect(isFresh(undefined, 10, 1000)).toBe(false);
  });
});

describe('cards with online data', () => {
  const mention: Mention = { text: 'Chuck Todd', start: 0, end: 10, type: 'person', entity: 'Chuck Todd', confidence: 0.8 };
  const base = () => textOnlyCard(mention, { mentions: [mention], passages: [] });
  const summary = (): OnlineSummary => {
    const r = readSummary(chuck(), ORIGIN, 'Chuck_Todd');
    if (r.kind !== 'page') throw new Error('fixture');
    return r.summary;
  };

  it('fills a text-only card from Wikipedia and says where each part came from', () => {
    const card = withLookup(base(), { status: 'found', summary: summary(), cached: false });
    expect(card.origin).toBe('online');
    expect(card.description).toBe('American television journalist (born 1972)');
    expect(card.background).toBe('Charles David Todd is an American television journalist.');
    expect(card.provenance).toEqual({ type: 'article', description: 'wikipedia', background: 'wikipedia', image: 'wikipedia' });
    expect(card.online).toMatchObject({ state: 'found', title: 'Chuck Todd', url: 'https://en.wikipedia.org/wiki/Chuck_Todd', cached: false });
  });

  it('never overrides embedded knowledge', () => {
    const embedded: EntityCardModel = { ...base(), origin: 'embedded', description: 'Ours', background: 'Ours too', provenance: { type: 'embedded', description: 'embedded', background: 'embedded' } };
    const card = withLookup(embedded, { status: 'found', summary: { ...summary(), typeHint: 'place' }, cached: true });
    expect(card).toMatchObject({ origin: 'embedded', description: 'Ours', background: 'Ours too', type: 'person' });
    expect(card.provenance).toMatchObject({ type: 'embedded', description: 'embedded', background: 'embedded' });
  });

  it('shows loading, then the failure with its reason; off leaves the text-only card', () => {
    expect(loadingCard(base()).online).toEqual({ state: 'loading', service: 'Wikipedia' });
    const failed = withLookup(base(), { status: 'failed', failure: 'not-found' });
    expect(failed.origin).toBe('text');
    expect(failed.online).toMatchObject({ state: 'failed', failure: 'not-found', message: 'Wikipedia has no page for “Chuck Todd”.' });
    expect(withLookup(loadingCard(base()), { status: 'off' }).online).toBeUndefined();
  });
});

describe('look-up messages', () => {
  it('accept a name with context words, and nothing oversized', () => {
    const ok = { type: 'lookup', id: 'a1-b2', name: 'Chuck Todd', entityType: 'person', context: ['nbc', 'sunday'] };
    expect(parseOr(RequestSchema, ok)).toEqual(ok);
    expect(parseOr(RequestSchema, { ...ok, name: 'x'.repeat(201) })).toBeNull();
    expect(parseOr(RequestSchema, { ...ok, context: Array(LOOKUP_MAX_CONTEXT_WORDS + 1).fill('w') })).toBeNull();
    expect(parseOr(RequestSchema, { ...ok, id: 'has space' })).toBeNull();
    expect(parseOr(RequestSchema, { type: 'lookup-abort', id: 'a1-b2' })).toEqual({ type: 'lookup-abort', id: 'a1-b2' });
  });

  it('let through only safe answers to the content script', () => {
    const s = summary();
    expect(parseOr(LookupResultSchema, { status: 'found', summary: s, cached: false })).not.toBeNull();
    expect(parseOr(LookupResultSchema, { status: 'found', summary: { ...s, url: 'javascript:alert(1)' }, cached: false })).toBeNull();
    expect(parseOr(LookupResultSchema, { status: 'found', summary: { ...s, thumbnail: { url: 'https://evil.example/x.png', width: 1, height: 1 } }, cached: false })).toBeNull();
    expect(parseOr(LookupResultSchema, { status: 'failed', failure: 'nope' })).toBeNull();
    expect(parseOr(LookupResultSchema, { status: 'off' })).toEqual({ status: 'off' });
  });

  function summary(): OnlineSummary {
    const r = readSummary(chuck(), ORIGIN, 'Chuck_Todd');
    if (r.kind !== 'page') throw new Error('fixture');
    return r.summary;
  }
});
