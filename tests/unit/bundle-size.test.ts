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
