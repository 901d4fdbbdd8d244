/**
 * Online data on a card. Embedded knowledge wins wherever it has a part; Wikipedia only fills the
 * parts that would otherwise come from the article's wording alone, and the card records where
 * each part came from.
 */
import type { CardProvenance, EntityCardModel, LookupFailure } from '../cards';
import { failureMessage } from './failures';
import type { OnlineSummary } from './schema';

export const LOOKUP_SERVICE = 'Wikipedia';

/** The answer a content script gets for a look-up. */
export type LookupResult =
  | { status: 'found'; summary: OnlineSummary; cached: boolean }
  | { status: 'failed'; failure: LookupFailure; url?: string }
  /** Look-ups are switched off: nothing was requested. */
  | { status: 'off' }
  /** The reader left before the answer came. */
  | { status: 'aborted' };

const DEFAULT_PROVENANCE = (card: EntityCardModel): CardProvenance =>
  card.provenance ?? (card.origin === 'embedded' ? { type: 'embedded', description: 'embedded', background: 'embedded' } : { type: 'article', description: 'article', background: 'article' });

/** The card while its look-up runs. */
export function loadingCard(card: EntityCardModel): EntityCardModel {
  return { ...card, provenance: DEFAULT_PROVENANCE(card), online: { state: 'loading', service: LOOKUP_SERVICE } };
}

/** The card with a look-up's answer: filled where it had gaps, or saying why the look-up failed. */
export function withLookup(card: EntityCardModel, result: LookupResult): EntityCardModel {
  const provenance = { ...DEFAULT_PROVENANCE(card) };
  if (result.status === 'off' || result.status === 'aborted') {
    const { online: _drop, ...rest } = card;
    return { ...rest, provenance };
  }
  if (result.status === 'failed') {
    return {
      ...card,
      provenance,
      online: {
        state: 'failed',
        service: LOOKUP_SERVICE,
        failure: result.failure,
        message: failureMessage(result.failure, card.name),
        ...(result.url ? { url: result.url } : {}),
      },
    };
  }
  const s = result.summary;
  const next: EntityCardModel = { ...card };
  let used = false;
  if (provenance.description !== 'embedded' && s.description) {
    next.description = s.description;
    provenance.description = 'wikipedia';
    used = true;
  }
  if (provenance.background !== 'embedded' && s.extract) {
    next.background = s.extract;
    provenance.background = 'wikipedia';
    used = true;
  }
  if (provenance.type !== 'embedded' && s.typeHint && s.typeHint !== card.type) {
    next.type = s.typeHint;
    provenance.type = 'wikipedia';
  }
  if (s.thumbnail) provenance.image = 'wikipedia';
  return {
    ...next,
    origin: card.origin === 'embedded' ? 'embedded' : used ? 'online' : card.origin,
    provenance,
    online: {
      state: 'found',
      service: LOOKUP_SERVICE,
      title: s.title,
      url: s.url,
      ...(s.thumbnail ? { thumbnail: s.thumbnail } : {}),
      ...(s.wikidata ? { wikidata: s.wikidata } : {}),
      cached: result.cached,
    },
  };
}
