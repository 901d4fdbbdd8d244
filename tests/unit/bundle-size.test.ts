/**
 * The content script's size budget (issue 7): it runs on every page the reader opens, so it stays
 * at most CONTENT_SCRIPT_BUDGET_GZIP_BYTES gzipped, and the knowledge base stays out of it (the
 * background worker parses and indexes it once, not every page). Reads the build: `npm test` builds
 * first; without a build the test is skipped, saying so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_BUDGET_GZIP_BYTES } from '../../core/constants';

const root = join(import.meta.dirname, '..', '..');
const contentScript = join(root, '.output', 'chrome-mv3', 'content-scripts', 'content.js');
const kbFile = join(root, '.generated', 'kb.json');
const built = existsSync(contentScript);
if (!built) console.warn(`bundle-size: skipped, no build at ${contentScript}. Run \`npm run build\` (npm test builds first).`);

describe.skipIf(!built)('content script bundle (.output/chrome-mv3)', () => {
  it(`is at most ${CONTENT_SCRIPT_BUDGET_GZIP_BYTES / 1024} KB gzipped`, () => {
    const gzipped = gzipSync(readFileSync(contentScript)).length;
    expect(gzipped, `content.js is ${(gzipped / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP_BYTES);
  });

  it.skipIf(!existsSync(kbFile))('does not carry the knowledge base', () => {
    const code = readFileSync(contentScript, 'utf8');
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
