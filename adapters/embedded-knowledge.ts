/**
 * The gateway to the knowledge base and the known-article packs bundled with the extension.
 * Detection needs only the names (bundled in the worker's script); the entries' cards are read
 * from a file of the package on first use, so that each start of the worker loads 15% of the
 * knowledge base (docs/adr/0006-knowledge-base-split.md). A page asks for an entry at hover intent,
 * well before its card opens, which leaves time for that first read.
 */
import type { KbEntry, KbNames } from '../core/kb/schema';
import { buildIndex, type KbIndex } from '../core/kb/index';
import { detectMentions, type DetectOptions } from '../core/detect/mentions';
import { matchPack, type ArticlePack } from '../core/articles/packs';
import type { DetectResponse } from '../core/messages';
import type { Block } from '../core/types';

export class EmbeddedKnowledge {
  private index: KbIndex | null = null;
  private cards: Promise<Map<string, KbEntry>> | null = null;

  constructor(
    private readonly names: readonly KbNames[],
    private readonly packs: readonly ArticlePack[],
    /** Every entry, whole; called once (again only after a failure). */
    private readonly loadEntries: () => Promise<readonly KbEntry[]>,
  ) {}

  detect(text: string, blocks?: Block[], options: DetectOptions = {}): DetectResponse {
    const pack = matchPack(text, this.packs);
    let info: DetectResponse['pack'] = null;
    if (pack) {
      const { fingerprint: _f, ...rest } = pack;
      info = rest;
    }
    // The index is built once per worker, on first use.
    this.index ??= buildIndex(this.names);
    return { mentions: detectMentions(text, this.index, blocks, options), pack: info };
  }

  /** The whole entry for a card; null for an id the knowledge base does not hold. Rejects when the cards cannot be read. */
  async entry(id: string): Promise<KbEntry | null> {
    return (await this.entries()).get(id) ?? null;
  }

  private entries(): Promise<Map<string, KbEntry>> {
    if (!this.cards) {
      const loading = this.loadEntries().then((all) => new Map(all.map((e) => [e.id, e])));
      this.cards = loading;
      // A failed read is not kept: the next card asks again.
      loading.catch(() => {
        if (this.cards === loading) this.cards = null;
      });
    }
    return this.cards;
  }
}
