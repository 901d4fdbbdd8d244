/** The core's one entry point: article text in, mentions and passages out. */
import type { KbIndex } from './kb/index';
import type { Annotation, Block } from './types';
import { detectMentions, type DetectOptions } from './detect/mentions';
import { classifyPassages, classifySentence } from './classify/classify';
import { applyCorrections, matchPack, type ArticlePack } from './articles/packs';

export interface AnnotateOptions extends DetectOptions {
  blocks?: readonly Block[];
  /** Each line is one passage, labeled on its own. */
  lines?: boolean;
  /** Known-article packs: a matching pack's curated labels apply. */
  packs?: readonly ArticlePack[];
  /** The page files the article under an opinion section (its label): see core/classify/classify.ts, opinionBar. */
  opinionSection?: string;
}

export function annotate(text: string, index: KbIndex, options: AnnotateOptions = {}): Annotation {
  const mentions = detectMentions(text, index, options.blocks, options);
  if (!options.lines) {
    const passages = classifyPassages(text, mentions, options.blocks as Block[] | undefined, options);
    return { mentions, passages: applyCorrections(passages, matchPack(text, options.packs ?? [])) };
  }
  const passages = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    if (line.trim()) {
      const lineMentions = mentions.filter((m) => m.start >= start && m.end <= end).map((m) => ({ ...m, start: m.start - start, end: m.end - start }));
      const p = classifySentence(line, { mentions: lineMentions });
      passages.push({ ...p, start: start + p.start, end: start + p.end });
    }
    start = end + 1;
  }
  return { mentions, passages };
}
