/**
 * The README's screenshots: the sample article in each browser (1280×900), markers on, the card of
 * "Antony Blinken" open. Uses the end-to-end harness and the built extension (`npm run build`).
 *
 *   npx tsx tests/e2e/screenshots.ts            both browsers
 *   npx tsx tests/e2e/screenshots.ts firefox    one of them
 *
 * Writes docs/screenshots/chromium.png and docs/screenshots/firefox.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from './harness/chromium';
import { launchFirefox } from './harness/firefox';
import { startFixtureServer } from './harness/server';
import { ROOT, waitUntil } from './harness/common';
import type { BrowserName, BrowserUnderTest } from './harness/types';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const LAUNCH: Record<BrowserName, () => Promise<BrowserUnderTest>> = { chromium: launchChromium, firefox: launchFirefox };

async function shoot(name: BrowserName): Promise<string> {
  const server = await startFixtureServer();
  const browser = await LAUNCH[name]();
  try {
    const page = await browser.open(server.url('/article.html'));
    await page.setViewport(1280, 900);
    await waitUntil(
      async () => {
        const h = await browser.highlights(page);
        return (h['backstory-person'] ?? []).includes('Antony Blinken') && (h['backstory-reported']?.length ?? 0) > 0;
      },
      { message: 'the sample article to be marked' },
    );
    // The paragraph with "Antony Blinken" near the top, so that the card opens below it with the
    // margin notes and both kinds of markers in view.
    const spot = await page.evaluate(() => {
      let mark: Range | null = null;
      (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('backstory-person')?.forEach((r) => {
        if (!mark && r.toString() === 'Antony Blinken') mark = r;
      });
      const range = mark as Range | null;
      if (!range) return null;
      const top = range.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, Math.max(0, top - 230));
      const rect = range.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    if (!spot) throw new Error('no "Antony Blinken" mark');
    await page.mouseMove(2, 2);
    await page.mouseMove(Math.round(spot.x) - 1, Math.round(spot.y));
    await page.mouseMove(Math.round(spot.x), Math.round(spot.y));
    // The card is open and has settled where it belongs (two reads 150 ms apart agree).
    let last = '';
    await waitUntil(
      async () => {
        const now = await page.evaluate(() => {
          const card = document.querySelector('backstory-ui')?.shadowRoot?.querySelector('[role="dialog"]');
          return card?.getAttribute('aria-label') === 'Antony Blinken' ? JSON.stringify(card.getBoundingClientRect()) : '';
        });
        const settled = now !== '' && now === last;
        last = now;
        return settled;
      },
      { interval: 150, message: 'the Antony Blinken card to open' },
    );
    mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot(file);
    return file;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = (wanted.length ? wanted : ['chromium', 'firefox']) as BrowserName[];
  for (const n of names) if (!(n in LAUNCH)) throw new Error(`unknown browser "${n}": chromium or firefox`);
  for (const n of names) console.log(`${n}: ${path.relative(ROOT, await shoot(n))}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
