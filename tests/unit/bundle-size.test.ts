/**
 * The content script's size budget (issue 7): it runs on every page the reader opens, so it stays
 * at most CONTENT_SCRIPT_BUDGET_GZIP_BYTES gzipped, and the knowledge base stays out of it (the
 * background worker parses and indexes it once, not every page). The content script is a loader
 * and the session module it imports (docs/adr/0010-content-script-loader.md): the budget is theirs
 * together, and the loader, compiled on the page's main thread, stays small. Reads the build:
 * `npm test` builds first; without a build the test is skipped, saying so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONTENT_LOADER_BUDGET_GZIP_BYTES, CONTENT_SCRIPT_BUDGET_GZIP_BYTES } from '../../core/constants';
import { CONTENT_SESSION_PATH } from '../../entrypoints/content/matches';

const root = join(import.meta.dirname, '..', '..');
const contentScript = join(root, '.output', 'chrome-mv3', 'content-scripts', 'content.js');
const contentSession = join(root, '.output', 'chrome-mv3', CONTENT_SESSION_PATH);
const kbFile = join(root, '.generated', 'kb.json');
const built = existsSync(contentScript) && existsSync(contentSession);
if (!built) console.warn(`bundle-size: skipped, no build at ${contentScript}. Run \`npm run build\` (npm test builds first).`);

describe.skipIf(!built)('content script bundle (.output/chrome-mv3)', () => {
  it(`is at most ${CONTENT_SCRIPT_BUDGET_GZIP_BYTES / 1024} KB gzipped, the loader and the session it imports together`, () => {
    const loader = gzipSync(readFileSync(contentScript)).length;
    const session = gzipSync(readFileSync(contentSession)).length;
    expect(loader + session, `content.js is ${(loader / 1024).toFixed(1)} KB and content-session.js ${(session / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(
      CONTENT_SCRIPT_BUDGET_GZIP_BYTES,
    );
    expect(loader, `content.js, compiled on the page's main thread, is ${(loader / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(CONTENT_LOADER_BUDGET_GZIP_BYTES);
  });

  it.skipIf(!existsSync(kbFile))('does not carry the knowledge base', () => {
    const code = readFileSync(contentScript, 'utf8') + readFileSync(contentSession, 'utf8');
    const entries = JSON.parse(readFileSync(kbFile, 'utf8')) as { id: string; background?: string }[];
    const carried = entries.filter((e) => code.includes(e.id) || (e.background && code.includes(e.background.slice(0, 80))));
    expect(carried.map((e) => e.id)).toEqual([]);
  });
});

// ADR 0006: the worker's script carries the names detection reads; the cards are a file of the package.
describe.skipIf(!built || !existsSync(kbFile))('background worker bundle (.output/*-mv3)', () => {
  const entries = () => JSON.parse(readFileSync(kbFile, 'utf8')) as { id: string; name: string; background: string }[];

  for (const target of ['chrome-mv3', 'firefox-mv3']) {
    it(`${target}: carries every entry's name and no entry's background`, () => {
      const code = readFileSync(join(root, '.output', target, 'background.js'), 'utf8');
      const all = entries();
      expect(all.filter((e) => !code.includes(JSON.stringify(e.id).slice(1, -1))).map((e) => e.id)).toEqual([]);
      expect(all.filter((e) => code.includes(e.background.slice(0, 80))).map((e) => e.id)).toEqual([]);
    });

    it(`${target}: packages every entry whole as kb.json`, () => {
      const packaged = join(root, '.output', target, 'kb.json');
      expect(existsSync(packaged), `${packaged} is missing`).toBe(true);
      expect(readFileSync(packaged, 'utf8')).toBe(readFileSync(kbFile, 'utf8'));
    });
  }
});
