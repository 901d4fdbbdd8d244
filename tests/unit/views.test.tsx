// @vitest-environment happy-dom
/**
 * The Preact views render what they are given: a quotation cue keeps only its own quotation marks,
 * and the options and popup grey out what a switch above them has made moot.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PassageCard } from '../../components/PassageCard';
import { EntityCard } from '../../components/EntityCard';
import { entityCard, textOnlyCard } from '../../core/cards';
import { loadKbDir } from '../../scripts/lib/kb-files';
import { Options } from '../../components/Options';
import { Popup } from '../../components/Popup';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';
import type { PassageCardModel } from '../../core/cards';

const host = () => document.body.appendChild(document.createElement('div'));
afterEach(() => {
  document.body.innerHTML = '';
});
const settings = (change: Partial<Settings> = {}): Settings => ({ ...structuredClone(DEFAULT_SETTINGS), ...change });

describe('views', () => {
  it('shows a quotation cue with its own quotation marks only, and a word cue in quotation marks', () => {
    const el = host();
    const model: PassageCardModel = { kind: 'passage', label: 'reported', source: null, cues: ['says', '“the war in Ukraine” and…'], text: 'The text refers to “the war in Ukraine” and says so.' };
    render(<PassageCard model={model} />, el);
    const cues = el.querySelector('.bs-cues')!;
    expect(Array.from(cues.querySelectorAll('q'), (q) => q.textContent)).toEqual(['says']);
    expect(cues.querySelector('.bs-cue')?.textContent).toBe('“the war in Ukraine” and…');
  });

  it('greys out what to mark, and how often, while marks are off', () => {
    const el = host();
    const fieldsets = () => Array.from(el.querySelectorAll('fieldset'), (f) => [f.querySelector('legend')?.textContent, f.disabled]);
    render(<Options settings={settings()} onChange={() => undefined} />, el);
    expect(fieldsets()).toEqual([['What to mark', false], ['Mark each name', false]]);
    render(<Options settings={settings({ marks: false })} onChange={() => undefined} />, el);
    expect(fieldsets()).toEqual([['What to mark', true], ['Mark each name', true]]);
  });

  it('says Backstory is off on the site, with no summary, and greys out the switches that no longer apply there', () => {
    const el = host();
    const summary = { isArticle: true, counts: { opinion: 3, reported: 2, fact: 1 }, quoted: [], entities: [], firstPublished: null } as never;
    const switches = () => Array.from(el.querySelectorAll<HTMLInputElement>('input[role="switch"]'), (i) => i.disabled);
    render(<Popup settings={settings()} summary={summary} host="example.com" onChange={() => undefined} onOpenOptions={() => undefined} />, el);
    expect(el.textContent).toContain('Opinion3');
    expect(switches()).toEqual([false, false, false, false, false]);
    render(<Popup settings={settings({ disabledSites: ['example.com'] })} summary={summary} host="example.com" onChange={() => undefined} onOpenOptions={() => undefined} />, el);
    expect(el.querySelector('.summary')?.textContent).toMatch(/^Backstory is off on example\.com/);
    expect(el.textContent).not.toContain('Opinion3');
    // Marks and this site's markers are greyed out; the all-sites markers, the site switch and look-ups are not.
    expect(switches()).toEqual([true, false, true, false, false]);
  });

  it('says right under the description when the card was written after the article', () => {
    const lai = loadKbDir(join(import.meta.dirname, '..', '..', 'data', 'kb')).find((e) => e.id === 'person/lai-ching-te')!;
    const el = host();
    // Taiwan's election of 13 Jan 2024: Lai was still vice-president; the description is of 2025.
    render(<EntityCard model={entityCard(lai, { date: '2024-01-13', mentions: [], passages: [] })} />, el);
    const desc = el.querySelector('.bs-desc')!;
    expect(desc.textContent).toMatch(/^President of Taiwan/);
    expect(desc.nextElementSibling?.className).toBe('bs-note bs-later');
    expect(desc.nextElementSibling?.textContent).toBe('Described as of 30 Jun 2025, after this article.');
    expect(el.querySelector('li.bs-current')?.textContent).toMatch(/^Vice President of Taiwan/);
    // Written before the article, it says nothing of the kind.
    render(<EntityCard model={entityCard(lai, { date: '2025-12-01', mentions: [], passages: [] })} />, el);
    expect(el.querySelector('.bs-later')).toBeNull();
  });

  it('lists three of the sentences a person is reported in, and says how many more there are', () => {
    const lai = loadKbDir(join(import.meta.dirname, '..', '..', 'data', 'kb')).find((e) => e.id === 'person/lai-ching-te')!;
    const said = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `Lai said thing ${i + 1}.`, start: i * 20, end: i * 20 + 16, label: 'reported' as const, source: 'Lai Ching-te', sourceId: 'person/lai-ching-te', cues: ['said'] }));
    const el = host();
    render(<EntityCard model={entityCard(lai, { date: '2024-01-13', mentions: [], passages: said(5) })} />, el);
    expect(el.querySelector('.bs-article p')?.textContent).toContain('Reported as saying 5 times');
    expect(el.querySelectorAll('.bs-said button')).toHaveLength(3);
    expect(el.querySelector('.bs-said .bs-more')?.textContent).toBe('and 2 more in the article');
    render(<EntityCard model={entityCard(lai, { date: '2024-01-13', mentions: [], passages: said(3) })} />, el);
    expect(el.querySelector('.bs-said .bs-more')).toBeNull();
  });

  it('says once, in its foot, that a name found only in the text is not in the knowledge base (reader review 20)', () => {
    const m = { text: 'Hartley Vance', start: 0, end: 13, type: 'organization' as const, entity: 'Hartley Vance', confidence: 0.8 };
    const el = host();
    render(<EntityCard model={textOnlyCard(m, { mentions: [m], passages: [] })} />, el);
    expect(el.querySelector('.bs-background')).toBeNull();
    expect(el.textContent?.match(/not in Backstory/g)).toHaveLength(1);
    expect(el.querySelector('.bs-foot')?.textContent).toContain("Found in the article's text; not in Backstory's knowledge base.");
  });
});
