/** The gateway to the knowledge base and the known-article packs bundled with the extension. */
import type { KbEntry } from '../core/kb/schema';
import { buildIndex, type KbIndex } from '../core/kb/index';
import { detectMentions } from '../core/detect/mentions';
import { matchPack, type ArticlePack } from '../core/articles/packs';
import type { DetectResponse } from '../core/messages';
import type { Block } from '../core/types';

export class EmbeddedKnowledge {
  private built: { index: KbIndex; byId: Map<string, KbEntry> } | null = null;

  constructor(
    private readonly entries: readonly KbEntry[],
    private readonly packs: readonly ArticlePack[] = [],
  ) {}

  /** The index is built once per worker, on first use. */
  private get kb() {
    this.built ??= { index: buildIndex(this.entries), byId: new Map(this.entries.map((e) => [e.id, e])) };
    return this.built;
  }

  detect(text: string, blocks?: Block[]): DetectResponse {
    const pack = matchPack(text, this.packs);
    let info: DetectResponse['pack'] = null;
    if (pack) {
      const { fingerprint: _f, ...rest } = pack;
      info = rest;
    }
    return { mentions: detectMentions(text, this.kb.index, blocks), pack: info };
  }

  entry(id: string): KbEntry | null {
    return this.kb.byId.get(id) ?? null;
  }
}
