/** The core's vocabulary: what goes in (text, blocks) and what comes out (mentions, passages). */
import type { EntityType, Pronoun } from './kb/entity-types';
export type { EntityType } from './kb/entity-types';

export const PASSAGE_LABELS = ['opinion', 'reported', 'fact', 'other'] as const;
export type PassageLabel = (typeof PASSAGE_LABELS)[number];

/** A structural block of the article text, as the page (or an HTML file) shows it. */
/** `entry`: a fact box's or a table's term or value (<dt>, <dd>, <th>, <td>): "Born", "May 27, 1923, Fürth", "Eagle Pass, Texas". */
export type BlockKind = 'heading' | 'paragraph' | 'caption' | 'list-item' | 'entry' | 'quote' | 'byline';
export interface Block {
  start: number;
  end: number;
  kind: BlockKind;
  /** A paragraph set wholly in bold (<p><strong>...</strong></p>): a print interview's question, or a lead-in. */
  bold?: true;
}

/** An entity mention: offsets index the article text, end exclusive. */
export interface Mention {
  text: string;
  start: number;
  end: number;
  type: EntityType;
  /** Canonical name: the knowledge base's, or the text's own for a name found only in the text. */
  entity: string;
  /** Knowledge-base id; absent for names found only from the text. */
  id?: string;
  /** 0..1: how sure the detector is that this is the entity. */
  confidence: number;
  /** A person's pronoun, from the knowledge base: who "she said" may stand for. */
  pronoun?: Pronoun;
  /** A person's short name from the knowledge base, for the margin ("Xi" of "Xi Jinping"). */
  shortName?: string;
}

/** A sentence (or heading, caption...) with its label. Offsets index the article text. */
export interface Passage {
  text: string;
  start: number;
  end: number;
  label: PassageLabel;
  /** For `reported`: who said it, canonical name where known ("Antony Blinken") or a description ("US officials"). */
  source: string | null;
  /** Knowledge-base id of the source, when it resolves to one. */
  sourceId?: string;
  /** The words that decided the label, as they appear in the text. */
  cues: string[];
}

export interface Annotation {
  mentions: Mention[];
  passages: Passage[];
}
