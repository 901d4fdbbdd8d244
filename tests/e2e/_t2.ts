import { launchChromium } from './harness/chromium';
import { startFixtureServer } from './harness/server';
const srv = await startFixtureServer();
const b = await launchChromium();
const a = await b.open(srv.url('/article.html'));
for (let i = 0; i < 3; i++) {
  let t = Date.now();
  const p = await b.openExtensionPage('popup.html', 'body'); console.log('ext page body', Date.now() - t); t = Date.now();
  await p.close();
  const q = await b.openExtensionPage('popup.html?tab=5', 'input[role="switch"]'); console.log('ext page switch', Date.now() - t); t = Date.now();
  await q.close();
  const r = await b.open(srv.url('/search.html')); console.log('open http', Date.now() - t); t = Date.now();
  await r.close();
  const pp = await b.openPopup(a); console.log('popup', Date.now() - t); t = Date.now();
  await pp.close();
}
await b.close(); await srv.close();
