/**
 * Runs Backstory's core on a file, outside the browser:
 *   npm run annotate -- FILE [--lines] [--everyday]
 * FILE is .txt (the article's text) or .html (a page: the article body is found as in the
 * browser). Prints { mentions, passages } as JSON; offsets index the article text. `--everyday`
 * also marks everyday terms, as the reader's setting of that name does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotate } from '../core/annotate';
import { buildIndex } from '../core/kb/index';
import { loadKbDir, loadPacks } from './lib/kb-files';
import { htmlToArticleText } from './lib/html-text';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run annotate -- FILE [--lines] [--everyday]   (FILE: .txt or .html)`);
  process.exit(2);
}

const args = process.argv.slice(2);
const lines = args.includes('--lines');
const everydayTerms = args.includes('--everyday');
const file = args.find((a) => !a.startsWith('--'));
if (!file) usage('annotate: no input file');
let raw: string;
try {
  raw = readFileSync(file, 'utf8');
} catch (err) {
  usage(`annotate: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
}

const index = buildIndex(loadKbDir(join(import.meta.dirname, '..', 'data', 'kb')));
const isHtml = /\.html?$/i.test(file) || /^\s*<(!doctype|html)/i.test(raw);
const { text, blocks, opinionSection } = isHtml ? await htmlToArticleText(raw) : { text: raw, blocks: undefined, opinionSection: undefined };
const packs = loadPacks(join(import.meta.dirname, '..', 'data', 'articles'));
const { mentions, passages } = annotate(text, index, { blocks, lines, packs, everydayTerms, ...(opinionSection ? { opinionSection } : {}) });
const out = {
  mentions: mentions.map(({ text, start, end, type, entity }) => ({ text, start, end, type, entity })),
  passages: passages.map(({ text, start, end, label, source, cues }) => ({ text, start, end, label, source, cues })),
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
