// @vitest-environment happy-dom
/**
 * What the page session paints under the reader's settings: a type switched off, a muted name and
 * the markers switch each take their marks away, and bring them back, as the settings change. The
 * lists of what is shown are kept between paints; this checks they follow every change. In
 * happy-dom, with the real core; the highlights are read from the session's calls to its
 * highlighter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageSession } from '../../adapters/page-session';
import { Highlighter, type HighlightKey } from '../../adapters/highlighter';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';
import { buildIndex } from '../../core/kb/index';
import { detectMentions } from '../../core/detect/mentions';
import { PERF_MARKS_COMPLETE } from '../../core/constants';
import { decodeDetectResponse, encodeDetectResponse } from '../../core/messages';
import { loadKbDir } from '../../scripts/lib/kb-files';

const root = join(import.meta.dirname, '..', '..');
const article = readFileSync(join(root, 'tests', 'fixtures', 'article.txt'), 'utf8');
const index = buildIndex(loadKbDir(join(root, 'data', 'kb')));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

afterEach(() => vi.restoreAllMocks());

describe('page session under the reader’s settings', () => {
  it('takes away and brings back the marks of a type switched off, of a muted name, and the passage markers', async () => {
    const [headline, ...paragraphs] = article.split('\n\n');
    document.head.innerHTML = '<title>News</title>';
    document.body.innerHTML = `<main><article><h1>${escape(headline)}</h1>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</article></main>`;
    // The text of each highlight's ranges, as the session last set them.
    const painted = new Map<HighlightKey, string[]>();
    vi.spyOn(Highlighter.prototype, 'set').mockImplementation((key, ranges) => {
      painted.set(key, ranges.map((r) => (r as Range).toString()));
    });
    let complete = false;
    const mark = performance.mark.bind(performance);
    vi.spyOn(performance, 'mark').mockImplementation((name: string, options?: PerformanceMarkOptions) => {
      if (name === PERF_MARKS_COMPLETE) complete = true;
      return mark(name, options);
    });
    const session = new PageSession(document, structuredClone(DEFAULT_SETTINGS), {
      css: '',
      detect: async (text) => decodeDetectResponse(encodeDetectResponse({ mentions: detectMentions(text, index), pack: null }), text)!,
      entry: async () => null,
      saveSettings: async () => undefined,
    });
    await session.start();
    for (let i = 0; i < 400 && !complete; i++) await new Promise((r) => setTimeout(r, 10));
    expect(complete).toBe(true);
    const shown = () => ({
      blinken: (painted.get('person') ?? []).filter((t) => /Blinken/.test(t)).length,
      people: (painted.get('person') ?? []).length,
      places: (painted.get('place') ?? []).length,
      opinion: (painted.get('opinion') ?? []).length,
      reported: (painted.get('reported') ?? []).length,
    });
    const all = shown();
    expect(all.blinken).toBeGreaterThan(3);
    expect(all.places).toBeGreaterThan(3);
    expect(all.opinion).toBeGreaterThan(3);
    expect(all.reported).toBeGreaterThan(3);

    const apply = (change: Partial<Settings>) => session.applySettings({ ...structuredClone(DEFAULT_SETTINGS), ...change });
    apply({ types: DEFAULT_SETTINGS.types.filter((t) => t !== 'place'), muted: ['person/antony-blinken'] });
    expect(shown()).toEqual({ ...all, blinken: 0, people: all.people - all.blinken, places: 0 });
    apply({ markers: false });
    expect(shown()).toEqual({ ...all, opinion: 0, reported: 0 });
    // Each name only where it first appears: one Blinken, each place once.
    apply({ marksPerName: 'first' });
    const first = shown();
    expect(first.blinken).toBe(1);
    expect(new Set(painted.get('place')).size).toBe(first.places);
    expect(first.places).toBeGreaterThan(3);
    expect(first.places).toBeLessThan(all.places);
    expect(painted.get('place')?.[0]).toBe('China');
    expect({ opinion: first.opinion, reported: first.reported }).toEqual({ opinion: all.opinion, reported: all.reported });
    apply({});
    expect(shown()).toEqual(all);
    session.destroy();
  });

  it('reads the page again for everyday terms when the reader asks for them, and again when not', async () => {
    const [headline, ...paragraphs] = article.split('\n\n');
    const everyday = 'Western sanctions followed, and talk of a ceasefire faded as drone strikes went on.';
    document.head.innerHTML = '<title>News</title>';
    document.body.innerHTML = `<main><article><h1>${escape(headline)}</h1>${[...paragraphs, everyday].map((p) => `<p>${escape(p)}</p>`).join('')}</article></main>`;
    const painted = new Map<HighlightKey, string[]>();
    vi.spyOn(Highlighter.prototype, 'set').mockImplementation((key, ranges) => {
      painted.set(key, ranges.map((r) => (r as Range).toString()));
    });
    let complete = 0;
    const mark = performance.mark.bind(performance);
    vi.spyOn(performance, 'mark').mockImplementation((name: string, options?: PerformanceMarkOptions) => {
      if (name === PERF_MARKS_COMPLETE) complete++;
      return mark(name, options);
    });
    const asked: (boolean | undefined)[] = [];
    const session = new PageSession(document, structuredClone(DEFAULT_SETTINGS), {
      css: '',
      detect: async (text, { blocks, everydayTerms }) => {
        asked.push(everydayTerms);
        return decodeDetectResponse(encodeDetectResponse({ mentions: detectMentions(text, index, blocks, { everydayTerms }), pack: null }), text)!;
      },
      entry: async () => null,
      saveSettings: async () => undefined,
    });
    const readings = async (n: number) => {
      for (let i = 0; i < 400 && complete < n; i++) await new Promise((r) => setTimeout(r, 10));
      expect(complete).toBe(n);
    };
    const terms = () => painted.get('term') ?? [];
    await session.start();
    await readings(1);
    expect(asked).toEqual([false]);
    expect(terms()).toContain('non-lethal');
    expect(terms()).not.toContain('ceasefire');

    session.applySettings({ ...structuredClone(DEFAULT_SETTINGS), everydayTerms: true });
    await readings(2);
    expect(asked).toEqual([false, true]);
    expect(terms()).toEqual(expect.arrayContaining(['non-lethal', 'sanctions', 'ceasefire', 'drone']));

    // Another setting leaves the detection as it is.
    session.applySettings({ ...structuredClone(DEFAULT_SETTINGS), everydayTerms: true, markers: false });
    session.applySettings(structuredClone(DEFAULT_SETTINGS));
    await readings(3);
    expect(asked).toEqual([false, true, false]);
    expect(terms()).toContain('non-lethal');
    expect(terms()).not.toContain('ceasefire');
    session.destroy();
  });
});
