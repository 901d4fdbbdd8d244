/** The gateway to the knowledge base bundled with the extension. */
import type { KbEntry } from '../core/kb/schema';
import { buildIndex, type KbIndex } from '../core/kb/index';
import { detectMentions } from '../core/detect/mentions';
import type { Block, Mention } from '../core/types';

export class EmbeddedKnowledge {
  private built: { index: KbIndex; byId: Map<string, KbEntry> } | null = null;

  constructor(private readonly entries: readonly KbEntry[]) {}

  /** The index is built once per worker, on first use. */
  private get kb() {
    this.built ??= { index: buildIndex(this.entries), byId: new Map(this.entries.map((e) => [e.id, e])) };
    return this.built;
  }

  detect(text: string, blocks?: Block[]): Mention[] {
    return detectMentions(text, this.kb.index, blocks);
  }

  entry(id: string): KbEntry | null {
    return this.kb.byId.get(id) ?? null;
  }
}
