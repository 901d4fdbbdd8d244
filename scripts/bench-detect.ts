/**
 * Detection throughput in Node: words per second on a long text made of the sample article
 * repeated, with the full knowledge base. `npm run bench:detect [-- --words 200000]`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildIndex } from '../core/kb/index';
import { detectMentions } from '../core/detect/mentions';
import { classifyPassages } from '../core/classify/classify';
import { loadKbDir } from './lib/kb-files';

const root = join(import.meta.dirname, '..');
const wordsWanted = Number(process.argv[process.argv.indexOf('--words') + 1]) || 200_000;
const article = readFileSync(join(root, 'data', 'articles', 'china-russia-ukraine-2023.txt'), 'utf8');
const perCopy = article.split(/\s+/).filter(Boolean).length;
const text = Array.from({ length: Math.ceil(wordsWanted / perCopy) }, () => article).join('\n\n');
const words = text.split(/\s+/).filter(Boolean).length;

let t = performance.now();
const entries = loadKbDir(join(root, 'data', 'kb'));
const index = buildIndex(entries);
const indexMs = performance.now() - t;

const runs = 5;
const times: number[] = [];
let mentions = 0;
for (let i = 0; i < runs; i++) {
  t = performance.now();
  mentions = detectMentions(text, index).length;
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(runs / 2)];
t = performance.now();
const passages = classifyPassages(text, detectMentions(text, index));
const classifyMs = performance.now() - t;

console.log(`knowledge base: ${entries.length} entries, ${index.size} aliases, indexed in ${indexMs.toFixed(1)} ms`);
console.log(`text: ${words.toLocaleString('en')} words (${text.length.toLocaleString('en')} characters)`);
console.log(`detection: ${median.toFixed(1)} ms median of ${runs} -> ${Math.round(words / (median / 1000)).toLocaleString('en')} words/s (${mentions} mentions)`);
console.log(`detection + classification: ${(classifyMs).toFixed(1)} ms for ${passages.length} passages -> ${((classifyMs * 1000) / passages.length).toFixed(1)} µs per sentence`);
