/** An HTML page's article text, read with the same adapters as the content script, on happy-dom. */
import { Window } from 'happy-dom';
import { locateArticle } from '../../adapters/article';
import { buildTextMap } from '../../adapters/text-map';
import type { Block } from '../../core/types';

export async function htmlToArticleText(html: string): Promise<{ text: string; blocks: Block[]; opinionSection?: string }> {
  const window = new Window({ url: 'https://localhost/', settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  try {
    const doc = window.document as unknown as Document;
    doc.write(html);
    const article = locateArticle(doc);
    const root = article?.root ?? doc.body;
    if (!root) throw new Error('the page has no body');
    const map = buildTextMap(article?.more ? [root, ...article.more] : root, article?.textNodes);
    return { text: map.text, blocks: map.blocks, ...(article?.opinionSection ? { opinionSection: article.opinionSection } : {}) };
  } finally {
    await window.happyDOM.close();
  }
}
