import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entityCard, factAsOf, factGroups, formatDate, mentionNames, namesAny, passageCard, sourceLabel, textOnlyCard, unreadEntryCard } from '../../core/cards';
import type { Fact, KbEntry } from '../../core/kb/schema';
import type { Mention, Passage } from '../../core/types';
import { loadKbDir } from '../../scripts/lib/kb-files';
import { CARD_MAX_FACTS } from '../../core/constants';

const src = { title: 'Antony Blinken - Wikipedia', url: 'https://en.wikipedia.org/wiki/Antony_Blinken' };
const blinken: KbEntry = {
  id: 'person/antony-blinken',
  type: 'person',
  name: 'Antony Blinken',
  description: 'U.S. Secretary of State (2021-2025)',
  background: 'Antony Blinken is an American diplomat who served as Secretary of State.',
  facts: [
    { kind: 'office', label: 'Deputy Secretary of State', start: '2015-01-09', end: '2017-01-20', source: src },
    { kind: 'office', label: 'U.S. Secretary of State', start: '2021-01-26', end: '2025-01-20', source: src },
    { kind: 'event', label: 'Met Wang Yi in Munich', start: '2023-02-18', source: src },
  ],
  source: src,
  asOf: '2025-01-31',
};
const mention = (text: string, start: number, extra: Partial<Mention> = {}): Mention => ({
  text,
  start,
  end: start + text.length,
  type: 'person',
  entity: 'Antony Blinken',
  id: 'person/antony-blinken',
  confidence: 1,
  ...extra,
});
const said: Passage = { text: 'Blinken says this would have serious consequences.', start: 40, end: 90, label: 'reported', source: 'Antony Blinken', sourceId: 'person/antony-blinken', cues: ['says'] };

describe('cards', () => {
  it('formats partial ISO dates', () => {
    expect(formatDate('2021-01-26')).toBe('26 Jan 2021');
    expect(formatDate('2023-02')).toBe('Feb 2023');
    expect(formatDate('2022')).toBe('2022');
  });

  it('reads offices as of the article date, the one held then first', () => {
    const card = entityCard(blinken, { date: '2023-02-21', mentions: [mention('Antony Blinken', 0), mention('Blinken', 40)], passages: [said] });
    expect(card.facts[0]).toMatchObject({ label: 'U.S. Secretary of State', current: true, when: '26 Jan 2021 – 20 Jan 2025' });
    expect(card.facts.find((f) => f.label === 'Deputy Secretary of State')?.current).toBe(false);
    expect(card.facts.find((f) => f.label.startsWith('Met'))?.current).toBe(false);
    expect(card.mentions).toBe(2);
    expect(card.said).toEqual([{ text: said.text, start: 40 }]);
    // A pull quote that repeats the statement is not a second one.
    const pull: Passage = { ...said, text: '“This would have serious consequences.”', start: 0, end: 39, cues: [] };
    expect(entityCard(blinken, { mentions: [mention('Antony Blinken', 0)], passages: [pull, said] }).said).toEqual([{ text: said.text, start: 40 }]);
    expect(card.asOf).toBe('2023-02-21');
    expect(card.checked).toBe('2025-01-31');
    // Its background was written after the article: the card says so.
    expect(card.writtenLater).toBe(true);
    expect(entityCard(blinken, { date: '2025-03-01', mentions: [], passages: [] }).writtenLater).toBeUndefined();
    expect(entityCard(blinken, { date: '2025-01', mentions: [], passages: [] }).writtenLater).toBeUndefined();
    expect(entityCard(blinken, { date: '2024', mentions: [], passages: [] }).writtenLater).toBe(true);
    expect(entityCard(blinken, { mentions: [], passages: [] }).writtenLater).toBeUndefined();
  });

  it('treats a month or year as the whole period', () => {
    expect(factAsOf({ kind: 'office', label: 'x', start: '2021', end: '2021', source: src }, '2021-12-31').current).toBe(true);
    expect(factAsOf({ kind: 'office', label: 'x', start: '2023-02', source: src }, '2023-02-01').current).toBe(true);
    expect(factAsOf({ kind: 'office', label: 'x', start: '2023-03', source: src }, '2023-02-28').current).toBe(false);
    expect(factAsOf({ kind: 'office', label: 'x', start: '2021-01-26', source: src }).current).toBe(false);
  });

  it('counts a fact over a span, or with no date, as holding while it holds, and one dated fact as a happening', () => {
    const other = (f: Partial<Fact>) => factAsOf({ kind: 'other', label: 'x', source: src, ...f }, '2023-02-21');
    // NATO's 30 members (until Finland joined on 4 Apr 2023) were its count on 21 Feb 2023.
    expect(other({ label: '30 member states', start: '2020-03-27', end: '2023-04-04' })).toMatchObject({ current: true, later: false });
    expect(other({ start: '2017-06-05', end: '2020-03-26' })).toMatchObject({ current: false, later: false });
    expect(other({ start: '2023-04-04', end: '2024-03-06' })).toMatchObject({ current: false, later: true });
    // A capital is one with no date: it holds on any date.
    expect(other({ label: 'Capital of Lithuania' }).current).toBe(true);
    // One date is when it happened, not a state that began then.
    expect(other({ label: 'Founded', start: '1949-04-04' }).current).toBe(false);
    // ... except on the article's own day: an event of that day, or running through it, is what holds as of it (reader review 9).
    expect(factAsOf({ kind: 'event', label: 'Summit', start: '2022-06-28', end: '2022-06-30', source: src }, '2022-06-29').current).toBe(true);
    expect(factAsOf({ kind: 'event', label: 'Convicted on 34 counts', start: '2024-05-30', source: src }, '2024-05-30T21:45:00-04:00').current).toBe(true);
    expect(factAsOf({ kind: 'event', label: 'Convicted on 34 counts', start: '2024-05-30', source: src }, '2024-05-31').current).toBe(false);
    // A month's or a year's event is not known to be of that day.
    expect(factAsOf({ kind: 'event', label: 'Summit', start: '2022-06', source: src }, '2022-06-29').current).toBe(false);
  });

  it('dates an event on its day and an office from its start, and marks what came after the article as later, last', () => {
    expect(factAsOf({ kind: 'event', label: 'Born in Kryvyi Rih', start: '1978-01-25', source: src }, '2023-02-21').when).toBe('25 Jan 1978');
    expect(factAsOf({ kind: 'office', label: 'President', start: '2019-05-20', source: src }, '2023-02-21').when).toBe('since 20 May 2019');
    const nato = {
      ...blinken,
      id: 'organization/nato',
      facts: [
        { kind: 'office' as const, label: 'Secretary General: Mark Rutte', start: '2024-10-01', source: src },
        { kind: 'office' as const, label: 'Secretary General: Jens Stoltenberg', start: '2014-10-01', end: '2024-09-30', source: src },
        { kind: 'event' as const, label: 'Sweden joined', start: '2024-03-07', source: src },
        { kind: 'event' as const, label: 'Finland joined', start: '2023-04-04', source: src },
        { kind: 'event' as const, label: 'Founded', start: '1949-04-04', source: src },
      ],
    };
    const card = entityCard(nato, { date: '2023-02-21', mentions: [], passages: [] });
    expect(card.facts.map((f) => [f.label, f.current, f.later])).toEqual([
      ['Secretary General: Jens Stoltenberg', true, false],
      ['Founded', false, false],
      ['Finland joined', false, true],
      ['Sweden joined', false, true],
      ['Secretary General: Mark Rutte', false, true],
    ]);
    // Without the article's date nothing is later.
    expect(entityCard(nato, { mentions: [], passages: [] }).facts.some((f) => f.later)).toBe(false);
  });

  it("says what a name stands for: a country's government, or an organisation itself", () => {
    const note = (name: string, type: 'place' | 'organization') => entityCard(blinken, { mentions: [], passages: [] }, { name, type }).metonymNote;
    expect(note('China', 'place')).toBe('Often stands for the government of China.');
    expect(note('United States', 'place')).toBe('Often stands for the government of the United States.');
    expect(note('European Union', 'organization')).toBe('Often stands for the European Union.');
    expect(note('NATO', 'organization')).toBe('Often stands for NATO.');
  });

  it('labels a source in the margin as the article names it, else by the surname', () => {
    const people = mentionNames([
      mention('Antony Blinken', 0),
      mention('Blinken’s', 20),
      mention('Joe Biden', 40, { entity: 'Joe Biden', id: 'person/joe-biden' }),
      mention('Luiz Inácio Lula da Silva', 60, { entity: 'Luiz Inácio Lula da Silva', id: 'person/lula' }),
      mention('Lula', 90, { entity: 'Luiz Inácio Lula da Silva', id: 'person/lula' }),
      mention('Mohammed bin Salman', 100, { entity: 'Mohammed bin Salman', id: 'person/mbs' }),
      mention('Lai Ching-te', 130, { entity: 'Lai Ching-te', id: 'person/lai' }),
      mention('State Department', 150, { type: 'organization', entity: 'United States Department of State', id: 'organization/state' }),
    ]);
    expect(sourceLabel('Joe Biden, Antony Blinken', people)).toBe('Biden, Blinken');
    expect(sourceLabel('Luiz Inácio Lula da Silva', people)).toBe('Lula');
    expect(sourceLabel('Mohammed bin Salman', people)).toBe('bin Salman');
    expect(sourceLabel('Lai Ching-te', people)).toBe('Lai Ching-te');
    // A capitalised particle starts the surname too (reader review 13), not a Vietnamese "Do".
    const found = (name: string) => mentionNames([mention(name, 0, { entity: name, id: undefined })]);
    expect(sourceLabel('Abdulrahman Al Gwaiz', found('Abdulrahman Al Gwaiz'))).toBe('Al Gwaiz');
    expect(sourceLabel('Marine Le Pen', found('Marine Le Pen'))).toBe('Le Pen');
    expect(sourceLabel('Tran Do Minh', found('Tran Do Minh'))).toBe('Minh');
    // Anyone else by the full name, unless it is too long for the margin and the article has a shorter one.
    expect(sourceLabel('United States Department of State', people)).toBe('State Department');
    expect(sourceLabel('United States', mentionNames([mention('US', 0, { type: 'place', entity: 'United States', id: 'place/united-states' })]))).toBe('United States');
    // The passage's own name for it first, where it fits: "Conservatives" beside "The Conservatives said", not the article's "Tories".
    const party = (text: string, start: number) => mention(text, start, { type: 'organization', entity: 'Conservative and Unionist Party', id: 'organization/conservative-party' });
    const tories = [party('Tories', 0), party('Conservatives', 40)];
    expect(sourceLabel('Conservative and Unionist Party', mentionNames(tories), [tories[1]!])).toBe('Conservatives');
    expect(sourceLabel('Conservative and Unionist Party', mentionNames(tories))).toBe('Tories');
  });

  it('labels a person the article names only in full by the knowledge base’s short name, not by the last word', () => {
    const person = (text: string, start: number, shortName?: string) => mention(text, start, { entity: text, id: `person/${start}`, ...(shortName ? { shortName } : {}) });
    const people = mentionNames([
      person('Wang Yi', 0, 'Wang'),
      person('Xi Jinping', 10, 'Xi'),
      person('Le Duc Tho', 30, 'Le Duc Tho'),
      person('Robert F. Kennedy Jr.', 50, 'Kennedy'),
      // Too long for the margin whole: the surname.
      person('Volodymyr Zelenskyy', 80, 'Volodymyr Zelenskyy'),
      // Found only in the text: the last word.
      mention('Margarethe Lindqvist', 110, { entity: 'Margarethe Lindqvist', id: undefined }),
    ]);
    expect(['Wang Yi', 'Xi Jinping', 'Le Duc Tho', 'Robert F. Kennedy Jr.', 'Volodymyr Zelenskyy', 'Margarethe Lindqvist'].map((n) => sourceLabel(n, people))).toEqual([
      'Wang',
      'Xi',
      'Le Duc Tho',
      'Kennedy',
      'Zelenskyy',
      'Lindqvist',
    ]);
    // The surname rule leaves out a generation and a realm.
    const full = mentionNames([mention('Martin Luther King Jr.', 0, { entity: 'Martin Luther King Jr.', id: undefined }), mention('Salman of Saudi Arabia', 30, { entity: 'Salman of Saudi Arabia', id: undefined })]);
    expect(sourceLabel('Martin Luther King Jr.', full)).toBe('King');
    expect(sourceLabel('Salman of Saudi Arabia', full)).toBe('Salman');
  });

  it('puts a card’s facts under the article’s date, before it and after it; one list for an undated article', () => {
    // The article names Wang Yi, whom the event names (events an article does not touch on come later: below).
    const wang = mention('Wang Yi', 30, { entity: 'Wang Yi', id: 'person/wang-yi' });
    const groups = (date?: string) => factGroups(entityCard(blinken, { date, mentions: [wang], passages: [] }).facts, date ? formatDate(date) : null).map((g) => [g.title, g.facts.map((f) => f.label)]);
    expect(groups('2023-02-20')).toEqual([
      ['As of 20 Feb 2023', ['U.S. Secretary of State']],
      ['Before 20 Feb 2023', ['Met Wang Yi in Munich', 'Deputy Secretary of State']],
    ]);
    expect(groups('2016-03-01').map(([title]) => title)).toEqual(['As of 1 Mar 2016', 'After 1 Mar 2016']);
    expect(groups()).toEqual([['Facts', ['Met Wang Yi in Munich', 'U.S. Secretary of State', 'Deputy Secretary of State']]]);
  });

  it('tells who led a country on the article’s date, its leader before its premier (data/countries/leaders.json)', () => {
    const kb = new Map(loadKbDir(join(import.meta.dirname, '..', '..', 'data', 'kb')).map((e) => [e.id, e]));
    const firstFacts = (id: string, date: string) => entityCard(kb.get(id)!, { date, mentions: [], passages: [] }).facts.slice(0, 3).map((f) => f.label);
    expect(firstFacts('place/china', '2023-02-20')).toEqual([
      'General Secretary of the Chinese Communist Party: Xi Jinping',
      'President: Xi Jinping',
      'Premier: Li Keqiang',
    ]);
    expect(firstFacts('place/china', '2024-06-01')[2]).toBe('Premier: Li Qiang');
    expect(firstFacts('place/united-kingdom', '2023-02-20').slice(0, 2)).toEqual(['Prime Minister: Rishi Sunak', 'King: Charles III']);
    expect(firstFacts('place/united-states', '2023-02-20')[0]).toBe('President: Joe Biden');
    expect(firstFacts('place/united-states', '2025-03-01')[0]).toBe('President: Donald Trump');
    expect(firstFacts('place/germany', '2024-06-01')[0]).toBe('Chancellor: Olaf Scholz');
    // An undated article: what came latest first, marked with its dates.
    const undated = entityCard(kb.get('place/germany')!, { mentions: [], passages: [] }).facts[0];
    expect(undated).toMatchObject({ label: 'Chancellor: Friedrich Merz', when: 'since 6 May 2025', current: false });
  });

  it('tells who holds a divided country, as of the article: Yemen on the day of the Red Sea strikes, and before the council', () => {
    const kb = new Map(loadKbDir(join(import.meta.dirname, '..', '..', 'data', 'kb')).map((e) => [e.id, e]));
    const yemen = kb.get('place/yemen')!;
    expect(yemen.background).toMatch(/Houthi movement holds the capital/);
    const current = (date: string) => entityCard(yemen, { date, mentions: [], passages: [] }).facts.filter((f) => f.current).map((f) => f.label);
    expect(current('2024-01-12')).toEqual(
      expect.arrayContaining([
        'Chairman of the Presidential Leadership Council: Rashad al-Alimi (the internationally recognised government)',
        'President of the Supreme Political Council: Mahdi al-Mashat (the Houthi authorities in Sanaa)',
      ]),
    );
    expect(current('2021-06-01')).toContain('President: Abdrabbuh Mansur Hadi');
    expect(current('2021-06-01').some((l) => /Rashad al-Alimi/.test(l))).toBe(false);
  });

  it('calls Trump president-elect on an article between his election and his inauguration', () => {
    const kb = new Map(loadKbDir(join(import.meta.dirname, '..', '..', 'data', 'kb')).map((e) => [e.id, e]));
    const card = entityCard(kb.get('person/donald-trump')!, { date: '2024-11-27', mentions: [], passages: [] });
    expect(card.facts.filter((f) => f.current).map((f) => f.label)).toEqual(['President-elect of the United States']);
  });

  it('lists a person’s earlier offices, not only the latest events, within CARD_MAX_FACTS', () => {
    const kb = new Map(loadKbDir(join(import.meta.dirname, '..', '..', 'data', 'kb')).map((e) => [e.id, e]));
    // Blinken on a Gaza article of 28 Nov 2023: his office, then what came before it, offices among it.
    const card = entityCard(kb.get('person/antony-blinken')!, { date: '2023-11-28', mentions: [], passages: [] });
    expect(card.facts.length).toBeLessThanOrEqual(CARD_MAX_FACTS);
    expect(card.facts[0]).toMatchObject({ label: 'U.S. Secretary of State', current: true });
    expect(card.facts.map((f) => f.label)).toEqual(expect.arrayContaining(['U.S. Deputy Secretary of State', 'U.S. Deputy National Security Advisor']));
  });

  it('chooses the earlier events an article does not touch on last, and lists what it chose in time order', () => {
    const kb = new Map(loadKbDir(join(import.meta.dirname, '..', '..', 'data', 'kb')).map((e) => [e.id, e]));
    const entry = kb.get('person/antony-blinken')!;
    const other = (text: string, start: number, type: Mention['type'] = 'place') => mention(text, start, { type, entity: text, id: `${type}/${text.toLowerCase()}` });
    const before = (card: ReturnType<typeof entityCard>) => card.facts.filter((f) => !f.current && !f.later).map((f) => f.label);
    // A Gaza article of 28 Nov 2023 names Israel and Gaza, not China: all his earlier offices and his
    // birth are chosen, and one of the two China stories of February 2023 fills the last place.
    const gaza = before(entityCard(entry, { date: '2023-11-28', mentions: [mention('Blinken', 0), other('Israel', 20), other('Gaza', 40)], passages: [] }));
    expect(gaza).toEqual(expect.arrayContaining(['U.S. Deputy Secretary of State', 'U.S. Deputy National Security Advisor', 'Born in New York City']));
    expect(gaza.filter((l) => /China/.test(l))).toHaveLength(1);
    // The sample article names China and Wang Yi: both events are chosen, and his birth is left out.
    const sample = before(entityCard(entry, { date: '2023-02-21', mentions: [mention('Blinken', 0), other('China', 20), other('Wang Yi', 40, 'person')], passages: [] }));
    expect(sample.filter((l) => /China/.test(l))).toHaveLength(2);
    expect(sample).not.toContain('Born in New York City');
    // Either way, what came before is listed latest first.
    for (const card of [
      entityCard(entry, { date: '2023-11-28', mentions: [other('Gaza', 0)], passages: [] }),
      entityCard(entry, { date: '2023-02-21', mentions: [other('China', 0)], passages: [] }),
    ]) {
      const starts = card.facts.filter((f) => !f.current && !f.later).map((f) => entry.facts!.find((x) => x.label === f.label)!.start!);
      expect(starts).toEqual([...starts].sort().reverse());
    }
  });

  it('finds a name in a fact only as whole words', () => {
    expect(namesAny("Met China's top diplomat Wang Yi", new Set(['wang yi']))).toBe(true);
    expect(namesAny("Met China's top diplomat", new Set(['china']))).toBe(true);
    expect(namesAny('Visited Chinatown', new Set(['china']))).toBe(false);
    expect(namesAny('Born in New York City', new Set(['york', 'paris']))).toBe(true);
    expect(namesAny('Born in New York City', new Set(['paris']))).toBe(false);
    // A name in capitals counts only in capitals: "WHO" is not "who", "US" not "us".
    expect(namesAny('Aid for families who fled', ['WHO'])).toBe(false);
    expect(namesAny('Rejoined the WHO', ['WHO'])).toBe(true);
    expect(namesAny('Told us of the plan', ['US'])).toBe(false);
    expect(namesAny('Met the U.S. envoy', ['U.S.'])).toBe(true);
    expect(namesAny('Anything at all', [''])).toBe(false);
  });

  it('says when a name was found only in the text', () => {
    const m = mention('StatesmanPost', 0, { type: 'organization', entity: 'StatesmanPost', id: undefined });
    const card = textOnlyCard(m, { mentions: [m], passages: [] });
    expect(card.origin).toBe('text');
    // No background to repeat what the card's foot says (reader review 20).
    expect(card.background).toBe('');
  });

  it('never says a known name is missing from the knowledge base when its entry could not be read', () => {
    const m = mention('Antony Blinken', 0, { type: 'person', entity: 'Antony Blinken', id: 'person/antony-blinken' });
    const card = unreadEntryCard(m, { mentions: [m], passages: [said] });
    expect(card.id).toBe('person/antony-blinken');
    expect(card.origin).toBe('embedded');
    expect(card.background).not.toMatch(/not in Backstory/);
    expect(card.background).toMatch(/could not read its background just now.*again/);
    expect(card.said).toHaveLength(1);
  });

  it('explains a passage with its label, cues and source', () => {
    expect(passageCard(said)).toEqual({ kind: 'passage', label: 'reported', source: 'Antony Blinken', sourceId: 'person/antony-blinken', cues: ['says'], text: said.text });
  });
});
