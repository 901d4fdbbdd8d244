import { startFixtureServer } from './harness/server';
import { launchChromium } from './harness/chromium';
import { launchFirefox } from './harness/firefox';
import { readCard, waitUntil, domReport, pageText, readSwitches } from './harness/common';

const which = process.argv[2];
const server = await startFixtureServer();
const t0 = Date.now();
const b = which === 'firefox' ? await launchFirefox() : await launchChromium();
console.log('launched', Date.now() - t0, b.extensionOrigin);
try {
  const page = await b.open(server.url('/article.html'));
  const hl = await waitUntil(async () => { const h = await b.highlights(page); return h['backstory-person']?.length ? h : null; }, { message: 'hl', timeout: 15000 });
  console.log(Object.fromEntries(Object.entries(hl).map(([k, v]) => [k, v.slice(0, 6)])));
  await b.hoverText(page, /Blinken/, 'backstory-person');
  const card = await waitUntil(() => readCard(page), { message: 'card' });
  console.log('card', card);
  const popup = await b.openPopup(page);
  console.log(await readSwitches(popup));
  console.log((await pageText(popup)).slice(0, 300));
  await page.press('Alt+Shift+O');
  await new Promise((r) => setTimeout(r, 1000));
  console.log('opinion after key', (await b.highlights(page))['backstory-opinion']?.length);
  const rep = await domReport(page);
  console.log('before==after', rep.before === rep.after, rep.hosts, rep.mutations);
} finally {
  await b.close();
  await server.close();
}
