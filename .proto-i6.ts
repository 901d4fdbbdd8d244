import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { locateArticle } from '/work/main/adapters/article';
import { buildTextMap } from '/work/main/adapters/text-map';
import { annotate } from '/work/main/core/annotate';
import { buildIndex } from '/work/main/core/kb/index';
import { loadKbDir, loadPacks } from '/work/main/scripts/lib/kb-files';
import { matchPack } from '/work/main/core/articles/packs';

const index = buildIndex(loadKbDir('/work/main/data/kb'));
const packs = loadPacks('/work/main/data/articles');
const dir = '/work/main/tests/fixtures/pages/issue6/';
const fold = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
async function run(name: string) {
  const window = new Window({ url: 'https://localhost/', settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  const doc = window.document as unknown as Document;
  doc.write(readFileSync(dir + name, 'utf8'));
  const art = locateArticle(doc);
  if (!art) { await window.happyDOM.close(); return { name, article: false } as any; }
  const map = buildTextMap(art.root, art.textNodes);
  const a = annotate(map.text, index, { blocks: map.blocks, packs });
  const pack = matchPack(map.text, packs);
  await window.happyDOM.close();
  return { name, article: true, root: (art.root as Element).tagName + '.' + (art.root as Element).className, text: map.text,
    mentions: a.mentions.map((m) => `${m.type}:${fold(m.text)}`).sort(),
    passages: a.passages.filter((p) => p.label === 'opinion' || p.label === 'reported').map((p) => `${p.label}:${fold(p.text)}`).sort(),
    pack: pack?.publisher };
}
const names = process.argv.slice(2);
const ref = await run('plain-blog.html');
const diff = (a: string[], b: string[]) => { const m = new Map<string, number>(); for (const x of a) m.set(x, (m.get(x) ?? 0) + 1); for (const x of b) m.set(x, (m.get(x) ?? 0) - 1); return [...m].filter(([, v]) => v !== 0).map(([k, v]) => `${v > 0 ? '+' : ''}${v} ${k}`); };
for (const n of names) {
  const r = await run(n);
  if (!r.article) { console.log(n, 'NOT ARTICLE'); continue; }
  console.log('==', n, r.root, 'pack', r.pack, 'len', r.text.length);
  console.log(' mentions diff vs plain:', diff(r.mentions, ref.mentions));
  console.log(' passages diff vs plain:', diff(r.passages, ref.passages));
  if (process.env.TEXT) console.log(r.text);
}
