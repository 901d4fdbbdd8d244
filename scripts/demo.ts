/**
 * Serves the sample article as a news page on localhost and opens it in Debian Chromium with
 * Backstory loaded. With a display, the window stays open until you close it; without one, it runs
 * headless, saves a screenshot with a card open and prints what Backstory found.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { articlePage } from '../tests/fixtures/article-page';
import { PERF_MARKS_COMPLETE } from '../core/constants';

const root = resolve(import.meta.dirname, '..');
const extension = join(root, '.output', 'chrome-mv3');
const html = articlePage(readFileSync(join(root, 'data', 'articles', 'china-russia-ukraine-2023.txt'), 'utf8'));
const server = createServer((req, res) => {
  if (req.url === '/' || req.url?.startsWith('/article')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  } else {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
const url = `http://127.0.0.1:${port}/article.html`;
const headed = !!process.env.DISPLAY && !process.argv.includes('--headless');
const home = mkdtempSync(join(tmpdir(), 'backstory-demo-'));
const context = await chromium.launchPersistentContext(join(home, 'profile'), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: !headed,
  viewport: { width: 1280, height: 900 },
  env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
  args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const cleanup = async () => {
  await context.close().catch(() => undefined);
  server.close();
  rmSync(home, { recursive: true, force: true });
};
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  console.log(`Backstory demo: ${url}`);
  // The names are painted first, the opinion and reported markers once the article is classified.
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, PERF_MARKS_COMPLETE, { timeout: 20_000 });
  const found = await page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const [name, h] of CSS.highlights) if (name.startsWith('backstory-')) out[name] = [...h].map((r) => r.toString());
    return out;
  });
  for (const [name, texts] of Object.entries(found)) {
    const shown = name.endsWith('opinion') || name.endsWith('reported') ? texts.map((t) => `"${t.slice(0, 60)}${t.length > 60 ? '…' : ''}"`) : [...new Set(texts)];
    console.log(`${name} (${texts.length}): ${shown.join(name.endsWith('opinion') || name.endsWith('reported') ? '\n    ' : ', ')}`);
  }
  if (headed) {
    console.log('Hover a marked name. Close the browser window to finish.');
    await new Promise<void>((r) => context.on('close', () => r()));
  } else {
    // Hover "Antony Blinken" to show a card, then save a screenshot.
    const box = await page.evaluate(() => {
      const range = [...CSS.highlights.get('backstory-person')!].find((r) => r.toString().includes('Blinken')) as Range;
      const rect = range.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await page.waitForSelector('backstory-ui >> [role="dialog"]', { timeout: 5_000 });
    mkdirSync(join(root, 'docs', 'screenshots'), { recursive: true });
    const shot = join(root, 'docs', 'screenshots', 'demo-chromium.png');
    await page.screenshot({ path: shot });
    const label = await page.locator('backstory-ui >> [role="dialog"]').getAttribute('aria-label');
    console.log(`Card open on hover: "${label}". Screenshot: ${shot}`);
  }
} finally {
  await cleanup();
}
