import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedKnowledge } from '../../adapters/embedded-knowledge';
import { namesOf, type KbEntry, type KbNames } from '../../core/kb/schema';
import { personShortName } from '../../core/kb/index';
import { loadKbDir } from '../../scripts/lib/kb-files';
import { decodeDetectResponse, encodeDetectResponse } from '../../core/messages';
import { mentionNames } from '../../core/cards';

const root = join(import.meta.dirname, '..', '..');
const entries: KbEntry[] = loadKbDir(join(root, 'data', 'kb'));
const sample = readFileSync(join(root, 'data', 'articles', 'china-russia-ukraine-2023.txt'), 'utf8');

describe('embedded knowledge: names for detection, cards read on first use', () => {
  // The names the worker bundles (.generated/kb-names.json, written by `npm run kb:check`), or made here.
  const namesFile = join(root, '.generated', 'kb-names.json');
  const names: KbNames[] = existsSync(namesFile) ? JSON.parse(readFileSync(namesFile, 'utf8')) : entries.map(namesOf);

  it('detects with the names alone, exactly as with the whole entries', () => {
    const reads: number[] = [];
    expect(names.map((n) => n.id)).toEqual(entries.map((e) => e.id));
    const fromNames = new EmbeddedKnowledge(names, [], async () => (reads.push(1), entries));
    const fromWhole = new EmbeddedKnowledge(entries, [], async () => entries);
    const mentions = fromNames.detect(sample).mentions;
    expect(mentions.length).toBeGreaterThan(20);
    expect(mentions).toEqual(fromWhole.detect(sample).mentions);
    expect(reads).toEqual([]);
  });

  it('answers a detection that crosses the message channel unchanged, in a fraction of the size', () => {
    const knowledge = new EmbeddedKnowledge(names, [], async () => entries);
    const answer = knowledge.detect(sample);
    expect(answer.mentions.length).toBeGreaterThan(50);
    const sent = JSON.stringify(encodeDetectResponse(answer));
    expect(decodeDetectResponse(JSON.parse(sent), sample)).toEqual({ ...answer, names: mentionNames(answer.mentions) });
    expect(sent.length).toBeLessThan(JSON.stringify(answer).length / 2);
  });

  it('keeps no card text in the names', () => {
    const blinken = namesOf(entries.find((e) => e.id === 'person/antony-blinken')!);
    expect(Object.keys(blinken).sort()).toEqual(expect.arrayContaining(['id', 'name', 'type']));
    for (const field of ['background', 'description', 'facts', 'source', 'links', 'asOf']) expect(blinken).not.toHaveProperty(field);
    // A person's short name for the margin is the short form inside the name, else the name.
    const shortName = (id: string) => personShortName(names.find((n) => n.id === id)!);
    expect(['person/xi-jinping', 'person/wang-yi', 'person/le-duc-tho', 'person/marine-le-pen', 'person/antony-blinken'].map(shortName)).toEqual(['Xi', 'Wang', 'Le Duc Tho', 'Le Pen', 'Blinken']);
    // Whom "he said" may stand for travels with the names.
    expect(blinken.pronoun).toBe('he');
    expect(names.find((n) => n.id === 'person/kamala-harris')?.pronoun).toBe('she');
  });

  it('reads the cards once for every entry asked, and answers null for an unknown id', async () => {
    let reads = 0;
    const kb = new EmbeddedKnowledge(entries.map(namesOf), [], async () => (reads++, entries));
    const [a, b] = await Promise.all([kb.entry('person/antony-blinken'), kb.entry('organization/nato')]);
    expect(a?.background).toMatch(/Blinken/);
    expect(b?.name).toBe('NATO');
    expect(await kb.entry('person/nobody-at-all')).toBeNull();
    expect(reads).toBe(1);
  });

  it('says clearly when the cards cannot be read, and reads them again on the next ask', async () => {
    let reads = 0;
    const kb = new EmbeddedKnowledge(entries.map(namesOf), [], async () => {
      reads++;
      if (reads === 1) throw new Error('Backstory could not read its knowledge base (/kb.json: HTTP 404)');
      return entries;
    });
    await expect(kb.entry('person/antony-blinken')).rejects.toThrow(/could not read its knowledge base/);
    expect((await kb.entry('person/antony-blinken'))?.name).toBe('Antony Blinken');
    expect(reads).toBe(2);
  });
});
