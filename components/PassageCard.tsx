import type { PassageCardModel } from '../core/cards';

const LABEL = { opinion: 'Opinion', reported: 'Reported statement', fact: 'Fact', other: 'Other' } as const;
const WHY = {
  opinion: 'The writer’s own evaluation or speculation, with no source given.',
  reported: 'Attributed to a source: the article reports what they said.',
  fact: 'A neutral statement with no attribution.',
  other: 'A heading, caption or note.',
} as const;

export interface PassageCardProps {
  model: PassageCardModel;
  onOpenSource?: () => void;
}

/** Explains why a passage was marked: its label, the cue words and the source. */
export function PassageCard({ model, onOpenSource }: PassageCardProps) {
  return (
    <>
      <div class="bs-head">
        <h2 class="bs-name">{LABEL[model.label]}</h2>
        <span class={`bs-type bs-type-${model.label}`}>{model.label}</span>
      </div>
      <p class="bs-desc">{WHY[model.label]}</p>
      {model.source && (
        <p class="bs-source-line">
          Source:{' '}
          {model.sourceId && onOpenSource ? (
            <button type="button" class="bs-link" onClick={onOpenSource}>
              {model.source}
            </button>
          ) : (
            <strong>{model.source}</strong>
          )}
        </p>
      )}
      {model.cues.length > 0 && (
        <p class="bs-cues">
          Cues:{' '}
          {model.cues.map((c, i) => (
            <>
              {i > 0 && ', '}
              {/* A quotation cue carries its own quotation marks. */}
              {/^["“‘'«]/.test(c) ? <span class="bs-cue">{c}</span> : <q>{c}</q>}
            </>
          ))}
        </p>
      )}
    </>
  );
}
