import type { EntityCardModel } from '../core/cards';
import { formatDate } from '../core/cards';

const TYPE_LABEL = { person: 'Person', place: 'Place', organization: 'Organization', event: 'Event', term: 'Term' } as const;

export interface EntityCardProps {
  model: EntityCardModel;
  onMute?: () => void;
  onShowPassage?: (start: number) => void;
}

/** The background card of one entity. Renders only what it is given; text only, never markup. */
export function EntityCard({ model, onMute, onShowPassage }: EntityCardProps) {
  const asOf = model.asOf ? formatDate(model.asOf) : null;
  const facts = model.facts.slice(0, 5);
  return (
    <>
      <header class="bs-head">
        <h2 class="bs-name">{model.name}</h2>
        <span class={`bs-type bs-type-${model.type}`}>{TYPE_LABEL[model.type]}</span>
      </header>
      <p class="bs-desc">{model.description}</p>
      {model.metonymNote && <p class="bs-note">{model.metonymNote}</p>}
      <p class="bs-background">{model.background}</p>
      {facts.length > 0 && (
        <section class="bs-facts" aria-label={asOf ? `Facts as of ${asOf}` : 'Facts'}>
          <h3>{asOf ? `As of ${asOf}` : 'Facts'}</h3>
          <ul>
            {facts.map((f) => (
              <li class={f.current ? 'bs-current' : undefined}>
                {f.current && <span class="bs-now">At the time: </span>}
                {f.label}
                {f.when && <span class="bs-when"> ({f.when}{f.place ? `, ${f.place}` : ''})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="bs-article" aria-label="In this article">
        <h3>In this article</h3>
        <p>
          Mentioned {model.mentions} {model.mentions === 1 ? 'time' : 'times'}.
          {model.said.length > 0 && ` Reported as saying ${model.said.length === 1 ? 'once' : `${model.said.length} times`}:`}
        </p>
        {model.said.length > 0 && (
          <ul class="bs-said">
            {model.said.slice(0, 3).map((s) => (
              <li>
                <button type="button" class="bs-link" onClick={() => onShowPassage?.(s.start)}>
                  “{s.text.length > 140 ? `${s.text.slice(0, 137)}…` : s.text}”
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <footer class="bs-foot">
        {model.origin === 'embedded' && model.source ? (
          <span>
            Source:{' '}
            <a href={model.source.url} target="_blank" rel="noopener noreferrer">
              {model.source.title}
            </a>
          </span>
        ) : (
          <span>Found in the article's text; not in Backstory's knowledge base.</span>
        )}
        {onMute && (
          <button type="button" class="bs-mute" onClick={onMute}>
            Don’t mark “{model.name}” again
          </button>
        )}
      </footer>
    </>
  );
}
