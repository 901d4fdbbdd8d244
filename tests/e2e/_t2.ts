import { launchFirefox } from './harness/firefox';
import { startFixtureServer } from './harness/server';
const srv = await startFixtureServer();
const b = await launchFirefox();
for (let i = 0; i < 3; i++) {
  let t = Date.now();
  const p = await b.openExtensionPage('popup.html', 'body'); console.log('ext page body', Date.now() - t); t = Date.now();
  await p.close();
  const q = await b.openExtensionPage('popup.html', 'input[role="switch"]'); console.log('ext page switch', Date.now() - t); t = Date.now();
  await q.close();
  const r = await b.open(srv.url('/search.html')); console.log('open http', Date.now() - t); t = Date.now();
  await r.close();
}
await b.close(); await srv.close();
