/**
 * Bad knowledge-base data is rejected at build time, and the error names the file, the entry and
 * the field. Markup and script in any field, links that are not public https: addresses, huge
 * strings and lists, missing and mistyped fields, invisible characters, impossible dates, broken
 * references, duplicate ids across files and malformed JSON. One case runs the real build check
 * (scripts/kb-check.ts) as a child process to prove that the build stops.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { checkKbEntries, validateKbFile, KbError, type KbProblem } from '../../core/kb/validate';
import { loadKbDir } from '../../scripts/lib/kb-files';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** A valid entry: each case breaks one thing in it. */
function good(): Record<string, unknown> {
  return {
    id: 'person/test-person',
    type: 'person',
    name: 'Test Person',
    aliases: ['T. Person'],
    shortForms: ['Person'],
    context: ['tests'],
    description: 'A person who exists only in these tests',
    background: 'Test Person exists only in the unit tests of Backstory, where each case breaks one field.',
    facts: [{ kind: 'office', label: 'Chief Tester', start: '2023-02-17', end: '2024-05-01', source: { title: 'Test register', url: 'https://example.org/register' } }],
    source: { title: 'Test source', url: 'https://example.org/test-person' },
    links: [{ label: 'Profile', url: 'https://example.org/profile' }],
    asOf: '2025-01-31',
  };
}

type Case = [what: string, change: (e: Record<string, unknown>) => void, field: string, message: RegExp];
const fact = (e: Record<string, unknown>) => (e.facts as Record<string, unknown>[])[0]!;
const src = (e: Record<string, unknown>) => e.source as Record<string, unknown>;
const link = (e: Record<string, unknown>) => (e.links as Record<string, unknown>[])[0]!;

const CASES: Case[] = [
  // Markup and script in the text fields.
  ['<script> in the name', (e) => (e.name = 'Test <script>alert(1)</script>'), 'name', /plain text/],
  ['<img onerror> in the description', (e) => (e.description = 'A person <img src=x onerror=alert(1)>'), 'description', /plain text/],
  ['markup in the background', (e) => (e.background = 'A long enough background that ends in markup: <iframe src="https://evil.example/">'), 'background', /plain text/],
  ['an escaped <script> (character references) in the background', (e) => (e.background = 'A long enough background that hides &lt;script&gt;alert(1)&lt;/script&gt; in entities.'), 'background', /character references/],
  ['a numeric character reference in an alias', (e) => (e.aliases = ['T. Person', '&#60;b&#62;Bold']), 'aliases.1', /character references/],
  ['markup in a short form', (e) => (e.shortForms = ['<b>Person</b>']), 'shortForms.0', /plain text/],
  ['markup in a context word', (e) => (e.context = ['<svg onload=alert(1)>']), 'context.0', /plain text/],
  ['markup in a fact label', (e) => (fact(e).label = '<a href="javascript:alert(1)">Chief</a>'), 'facts.0.label', /plain text/],
  ['markup in a fact place', (e) => (fact(e).place = 'Munich<script>'), 'facts.0.place', /plain text/],
  ['markup in a source title', (e) => (src(e).title = '<style>*{display:none}</style>'), 'source.title', /plain text/],
  ['markup in a link label', (e) => (link(e).label = '"><script>alert(1)</script>'), 'links.0.label', /plain text/],
  // Links: only public https: addresses.
  ['a javascript: source link', (e) => (src(e).url = 'javascript:alert(document.cookie)'), 'source.url', /https: link/],
  ['a JavaScript: link in mixed case', (e) => (link(e).url = 'JaVaScRiPt:alert(1)'), 'links.0.url', /https: link/],
  ['a javascript: link behind white space', (e) => (link(e).url = ' javascript:alert(1)'), 'links.0.url', /https: link|URL/],
  ['a java\\tscript: link', (e) => (link(e).url = 'java\tscript:alert(1)'), 'links.0.url', /https: link/],
  ['a vbscript: link', (e) => (link(e).url = 'vbscript:msgbox(1)'), 'links.0.url', /https: link/],
  ['an http: link', (e) => (src(e).url = 'http://example.org/test-person'), 'source.url', /https: link/],
  ['a percent-encoded source title', (e) => (src(e).title = 'Recep Tayyip Erdo%C4%9Fan - Wikipedia'), 'source.title', /percent-encoded/],
  ['a data: URL', (e) => (fact(e).source = { title: 'Data', url: 'data:text/html,<script>alert(1)</script>' }), 'facts.0.source.url', /https: link/],
  ['a protocol-relative link', (e) => (link(e).url = '//evil.example/'), 'links.0.url', /URL|https: link/],
  ['https: with credentials that disguise the host', (e) => (link(e).url = 'https://en.wikipedia.org@evil.example/wiki/Test'), 'links.0.url', /user name or password/],
  ['https: with a quote that breaks out of an attribute', (e) => (link(e).url = 'https://example.org/"onmouseover="alert(1)'), 'links.0.url', /double quotes/],
  ['https: with raw < and >', (e) => (link(e).url = 'https://example.org/<script>'), 'links.0.url', /double quotes, < or >/],
  ['https: to an IP address', (e) => (link(e).url = 'https://192.168.0.1/admin'), 'links.0.url', /public host/],
  ['https: to a local name', (e) => (link(e).url = 'https://localhost/'), 'links.0.url', /public host/],
  ['a link that is not a URL', (e) => (link(e).url = 'https://exa mple.org'), 'links.0.url', /URL/],
  ['a link over 500 characters', (e) => (link(e).url = `https://example.org/${'a'.repeat(500)}`), 'links.0.url', /at most 500/],
  // Huge strings and lists.
  ['a 1 MB background', (e) => (e.background = 'A'.repeat(1_000_000)), 'background', /at most 1200/],
  ['a 10,000-character name', (e) => (e.name = 'N'.repeat(10_000)), 'name', /at most 120/],
  ['a huge alias', (e) => (e.aliases = ['x'.repeat(121)]), 'aliases.0', /at most 120/],
  ['10,000 aliases', (e) => (e.aliases = Array.from({ length: 10_000 }, (_, i) => `Alias ${i}`)), 'aliases', /at most 50 items/],
  ['1,000 facts', (e) => (e.facts = Array.from({ length: 1000 }, () => fact(good()))), 'facts', /at most 100 items/],
  ['a background too short to be a sentence', (e) => (e.background = 'Short.'), 'background', /full sentence/],
  ['a name of white space only', (e) => (e.name = ' \t '), 'name', /must not be empty/],
  // Invisible and control characters.
  ['a NUL character in the name', (e) => (e.name = 'Test\u0000Person'), 'name', /control or invisible/],
  ['an escape sequence in the description', (e) => (e.description = 'A person \u001b[31mred'), 'description', /control or invisible/],
  ['a right-to-left override in an alias', (e) => (e.aliases = ['Test \u202enosreP']), 'aliases.0', /control or invisible/],
  ['a bidi isolate in the background', (e) => (e.background = 'A long enough background with an isolate \u2067hidden\u2069 in the middle of it.'), 'background', /control or invisible/],
  ['a zero-width space in a short form', (e) => (e.shortForms = ['Per\u200bson']), 'shortForms.0', /control or invisible/],
  ['a C1 control character in a fact label', (e) => (fact(e).label = 'Chief\u0085Tester'), 'facts.0.label', /control or invisible/],
  ['a line separator in the description', (e) => (e.description = 'A person\u2028who breaks lines'), 'description', /control or invisible/],
  ['a lone surrogate in the name', (e) => (e.name = 'Test \ud800Person'), 'name', /well-formed/],
  // Missing, mistyped and unknown fields.
  ['a missing description', (e) => delete e.description, 'description', /Expected "description"/],
  ['a missing source', (e) => delete e.source, 'source', /Expected "source"/],
  ['a missing asOf', (e) => delete e.asOf, 'asOf', /Expected "asOf"/],
  ['aliases as a string', (e) => (e.aliases = 'T. Person'), 'aliases', /Expected Array/],
  ['a number as a name', (e) => (e.name = 42), 'name', /Expected string/],
  ['null as the source', (e) => (e.source = null), 'source', /Expected Object/],
  ['an unknown type', (e) => (e.type = 'alien'), 'type', /Expected/],
  ['an unknown fact kind', (e) => (fact(e).kind = 'rumour'), 'facts.0.kind', /Expected/],
  ['an unknown field (onclick)', (e) => (e.onclick = 'alert(1)'), 'onclick', /Expected never/],
  ['an unknown field in a source', (e) => (src(e).html = '<b>x</b>'), 'source.html', /Expected never/],
  ['an id that is not type/slug', (e) => (e.id = 'Person/Test Person'), 'id', /type\/slug/],
  ['an id that climbs directories', (e) => (e.id = 'person/../../etc/passwd'), 'id', /type\/slug/],
  ['an id with markup', (e) => (e.id = 'person/<script>'), 'id', /type\/slug/],
  ['a metonymOf that is not an id', (e) => (e.metonymOf = '<script>alert(1)</script>'), 'metonymOf', /type\/slug/],
  // Dates.
  ['a date in words', (e) => (e.asOf = 'February 2023'), 'asOf', /YYYY/],
  ['month 13', (e) => (fact(e).start = '2023-13'), 'facts.0.start', /real date/],
  ['30 February', (e) => (fact(e).end = '2023-02-30'), 'facts.0.end', /real date/],
  ['29 February of a common year', (e) => (e.asOf = '2023-02-29'), 'asOf', /real date/],
];

/** Validates one file holding the entry (and cross-checks it), returning the problems. */
function problemsOf(entries: unknown[], about: unknown = 'Entries for the bad-data tests.'): KbProblem[] {
  const r = validateKbFile('data/kb/test.json', { about, entries });
  return [...r.problems, ...checkKbEntries([{ file: 'data/kb/test.json', entries: r.entries }])];
}

describe('knowledge base: bad data is rejected, naming file, entry and field', () => {
  it('accepts the valid entry every case starts from', () => {
    expect(problemsOf([good()])).toEqual([]);
  });

  it.each(CASES)('rejects %s', (_what, change, field, message) => {
    const e = good();
    change(e);
    const problems = problemsOf([e]);
    expect(problems.length).toBeGreaterThan(0);
    const p = problems.find((x) => x.field === field);
    expect(p, JSON.stringify(problems).slice(0, 500)).toBeDefined();
    expect(p!.file).toBe('data/kb/test.json');
    // The entry is named by its id, or by its index when the id itself is broken.
    expect(p!.entry).toEqual(field === 'id' ? expect.stringMatching(/^#0 \(id "/) : 'person/test-person');
    expect(p!.message).toMatch(message);
  });

  it('names a broken id by index and shows the start of what it holds', () => {
    const e = { ...good(), id: `person/${'<'.repeat(500)}` };
    const [p] = problemsOf([e]);
    expect(p!.entry).toMatch(/^#0 \(id "person\/<{20,}"\)$/);
    expect(p!.entry.length).toBeLessThan(90);
  });

  it('rejects markup in the file-level about, and files that are not { about, entries }', () => {
    expect(problemsOf([good()], 'About <script>alert(1)</script>')).toEqual([
      { file: 'data/kb/test.json', entry: '(file)', field: 'about', message: 'must be plain text (no < or >)' },
    ]);
    for (const data of [null, [], 'entries', 42, { about: 'x' }, { about: 'x', entries: {} }, { about: 'x', entries: [], extra: true }]) {
      const { problems } = validateKbFile('data/kb/test.json', data);
      expect(problems.length, JSON.stringify(data)).toBeGreaterThan(0);
      expect(problems[0]).toMatchObject({ file: 'data/kb/test.json', entry: '(file)' });
    }
  });

  it('rejects facts that end before they start, at the precision given', () => {
    const e = good();
    Object.assign(fact(e), { start: '2023-02-17', end: '2023-02-16' });
    expect(problemsOf([e])).toEqual([
      { file: 'data/kb/test.json', entry: 'person/test-person', field: 'facts.0.end', message: '"Chief Tester" ends (2023-02-16) before it starts (2023-02-17)' },
    ]);
    Object.assign(fact(e), { start: '2024-05', end: '2024-04-30' });
    expect(problemsOf([e])).toHaveLength(1);
    // A partial date covers its whole month or year: started May 2024, ended in 2024 is fine.
    for (const [start, end] of [['2024-05', '2024'], ['2024', '2024-01-01'], ['2024-05-31', '2024-05']]) {
      Object.assign(fact(e), { start, end });
      expect(problemsOf([e]), `${start}..${end}`).toEqual([]);
    }
  });

  it('rejects a metonymOf to an unknown id, or to the entry itself', () => {
    expect(problemsOf([{ ...good(), metonymOf: 'place/atlantis' }])).toEqual([
      { file: 'data/kb/test.json', entry: 'person/test-person', field: 'metonymOf', message: 'unknown id place/atlantis' },
    ]);
    expect(problemsOf([{ ...good(), metonymOf: 'person/test-person' }])).toEqual([
      { file: 'data/kb/test.json', entry: 'person/test-person', field: 'metonymOf', message: 'refers to the entry itself' },
    ]);
  });

  it('rejects a short form that is also the name or an alias: it would count without its context', () => {
    expect(problemsOf([{ ...good(), shortForms: ['Person'] }])).toEqual([]);
    const named = problemsOf([{ ...good(), shortForms: [good().name] }]);
    expect(named).toHaveLength(1);
    expect(named[0]).toMatchObject({ entry: 'person/test-person', field: 'shortForms.0' });
    expect(problemsOf([{ ...good(), aliases: ['T. Person'], shortForms: ['Person', 'T. Person'] }])).toMatchObject([{ field: 'shortForms.1' }]);
  });

  it('rejects an id whose type is not the entry type', () => {
    expect(problemsOf([{ ...good(), type: 'place' }])).toEqual([
      { file: 'data/kb/test.json', entry: 'person/test-person', field: 'type', message: 'type place does not match the id' },
    ]);
  });

  it('rejects everyday on a name, and anything but true, while a term may be everyday', () => {
    expect(problemsOf([{ ...good(), everyday: true }])).toMatchObject([{ entry: 'person/test-person', field: 'everyday', message: expect.stringMatching(/only a term/) }]);
    expect(problemsOf([{ ...good(), id: 'term/test-term', type: 'term', everyday: true }])).toEqual([]);
    expect(problemsOf([{ ...good(), id: 'term/test-term', type: 'term', everyday: 'yes' }])).toMatchObject([{ entry: 'term/test-term', field: 'everyday' }]);
  });

  it('takes a pronoun for a person only, "he" or "she", and not one its background contradicts', () => {
    expect(problemsOf([{ ...good(), pronoun: 'she', background: 'Test Person exists only in the unit tests. She breaks one field in each.' }])).toEqual([]);
    expect(problemsOf([{ ...good(), id: 'place/test-land', type: 'place', pronoun: 'she' }])).toMatchObject([{ entry: 'place/test-land', field: 'pronoun', message: 'only a person has a pronoun' }]);
    expect(problemsOf([{ ...good(), pronoun: 'it' }])).toMatchObject([{ entry: 'person/test-person', field: 'pronoun' }]);
    expect(problemsOf([{ ...good(), pronoun: 'he', background: 'Test Person exists only in the unit tests. She breaks one field in each.' }])).toMatchObject([
      { entry: 'person/test-person', field: 'pronoun', message: '"he", but the background opens a sentence with "She"' },
    ]);
  });

  it('drops only the broken entry, so the others still resolve (no knock-on errors)', () => {
    const target = { ...good(), id: 'place/test-land', type: 'place', name: 'Test Land' };
    const broken = { ...good(), id: 'person/broken', name: '<script>' };
    const pointer = { ...good(), id: 'organization/test-government', type: 'organization', name: 'Test Government', metonymOf: 'place/test-land' };
    const problems = problemsOf([target, broken, pointer]);
    expect(problems).toEqual([{ file: 'data/kb/test.json', entry: 'person/broken', field: 'name', message: 'must be plain text (no < or >)' }]);
  });
});

describe('knowledge base: files on disk', () => {
  const dirs: string[] = [];
  const dirWith = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-kb-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const file = (...entries: unknown[]) => JSON.stringify({ about: 'Entries for the bad-data tests.', entries }, null, 2);
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const problemsIn = (dir: string): KbProblem[] => {
    try {
      loadKbDir(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(KbError);
      return (err as KbError).problems;
    }
    return [];
  };

  it('rejects duplicate ids across files, naming both files', () => {
    const dir = dirWith({ 'a.json': file(good()), 'b.json': file(good()) });
    const [p, ...rest] = problemsIn(dir);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ entry: 'person/test-person', field: 'id' });
    expect(p!.file).toMatch(/b\.json$/);
    expect(p!.message).toMatch(/duplicate id \(also in .*a\.json\)/);
  });

  it('rejects malformed JSON, naming the file', () => {
    const dir = dirWith({ 'ok.json': file(good()), 'broken.json': '{ "about": "x", "entries": [ { "id": "person/x", } ' });
    const problems = problemsIn(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ entry: '(file)', field: '(json)' });
    expect(problems[0]!.file).toMatch(/broken\.json$/);
  });

  it('accepts the real knowledge base', () => {
    expect(loadKbDir(join(root, 'data', 'kb')).length).toBeGreaterThan(100);
  });

  it('stops the build: scripts/kb-check.ts exits non-zero and names file, entry and field', async () => {
    const dir = dirWith({
      'people.json': file(
        { ...good(), name: 'Test <script>alert(1)</script>' },
        { ...good(), id: 'person/linker', links: [{ label: 'Click', url: 'javascript:alert(1)' }] },
        { ...good(), id: 'person/twin' },
      ),
      'more.json': file({ ...good(), id: 'person/twin', name: 'Another Twin' }, { ...good(), id: 'place/test-land', type: 'place', metonymOf: 'place/atlantis' }),
      'broken.json': '{"about": "x", "entries": [',
    });
    const err = await run(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'kb-check.ts'), '--dir', dir], { cwd: root }).then(
      () => null,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(err, 'kb-check must fail').not.toBeNull();
    expect(err!.code).not.toBe(0);
    expect(err!.stdout).not.toMatch(/knowledge base ok/);
    const lines = err!.stderr.split('\n');
    expect(err!.stderr, err!.stderr).toMatch(/Knowledge base rejected \(5 problems\)/);
    const line = (re: RegExp) => lines.find((l) => re.test(l));
    expect(line(/people\.json: entry person\/test-person: field name: must be plain text/)).toBeDefined();
    expect(line(/people\.json: entry person\/linker: field links\.0\.url: must be an https: link/)).toBeDefined();
    expect(line(/people\.json: entry person\/twin: field id: duplicate id \(also in .*more\.json\)/)).toBeDefined();
    expect(line(/more\.json: entry place\/test-land: field metonymOf: unknown id place\/atlantis/)).toBeDefined();
    expect(line(/broken\.json: entry \(file\): field \(json\):/)).toBeDefined();
  }, 60_000);
});
