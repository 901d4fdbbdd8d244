import type { CardProvenance, EntityCardModel, PartSource } from '../core/cards';
import { factGroups, formatDate } from '../core/cards';

const TYPE_LABEL = { person: 'Person', place: 'Place', organization: 'Organization', event: 'Event', term: 'Term' } as const;

export interface EntityCardProps {
  model: EntityCardModel;
  onMute?: () => void;
  onShowPassage?: (start: number) => void;
}

const PART_LABEL: Record<keyof CardProvenance, string> = { type: 'type', description: 'description', background: 'background', image: 'picture' };

/** "Description, background and picture": the parts of a card that came from `source`. */
function partsFrom(p: CardProvenance, source: PartSource): string {
  const parts = (Object.keys(PART_LABEL) as (keyof CardProvenance)[]).filter((k) => p[k] === source).map((k) => PART_LABEL[k]);
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : (parts[0] ?? '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where the online parts of a card came from, and the state of its look-up. */
function OnlineStatus({ model }: { model: EntityCardModel }) {
  const o = model.online;
  if (!o || o.state === 'found') return null;
  if (o.state === 'loading')
    return (
      <p class="bs-lookup" role="status" data-lookup="loading" aria-busy="true">
        Looking up “{model.name}” on {o.service}…
      </p>
    );
  return (
    <p class="bs-lookup bs-lookup-failed" role="status" data-lookup="failed" data-failure={o.failure}>
      {o.message}
      {o.url && (
        <>
          {' '}
          <a href={o.url} target="_blank" rel="noopener noreferrer">
            See the pages on {o.service}
          </a>
        </>
      )}
    </p>
  );
}

/** The background card of one entity. Renders only what it is given; text only, never markup. */
export function EntityCard({ model, onMute, onShowPassage }: EntityCardProps) {
  const asOf = model.asOf ? formatDate(model.asOf) : null;
  // Three at most before the background: what held at the time comes first (core/cards.ts).
  const facts = model.facts;
  const found = model.online?.state === 'found' ? model.online : null;
  const prov = model.provenance;
  return (
    <>
      {found?.thumbnail && (
        // Only https pictures from upload.wikimedia.org get here (core/lookup); no referrer, no cookies.
        <img
          class="bs-thumb"
          src={found.thumbnail.url}
          alt=""
          width={Math.min(found.thumbnail.width, 72)}
          height={Math.round((Math.min(found.thumbnail.width, 72) / found.thumbnail.width) * found.thumbnail.height)}
          referrerPolicy="no-referrer"
          crossOrigin="anonymous"
          loading="lazy"
          decoding="async"
          onError={(e) => {
            (e.currentTarget as HTMLImageElement).hidden = true;
          }}
        />
      )}
      {/* Not <header>/<footer>: inside the card they would count as the page's banner and contentinfo landmarks. */}
      <div class="bs-head">
        <h2 class="bs-name">{model.name}</h2>
        <span class={`bs-type bs-type-${model.type}`}>{TYPE_LABEL[model.type]}</span>
      </div>
      <p class="bs-desc" data-source={prov?.description}>
        {model.description}
      </p>
      {/* Right under the description, which may already be of a later time ("President" on an article of his vice-presidency). */}
      {model.writtenLater && model.checked && (
        <p class="bs-note bs-later">Described as of {formatDate(model.checked)}, after this article.</p>
      )}
      {model.metonymNote && <p class="bs-note">{model.metonymNote}</p>}
      {/* What held on the article's date comes before the background: it is what the card is for. */}
      {facts.length > 0 && (
        <section class="bs-facts" aria-label={asOf ? `Facts as of ${asOf}` : 'Facts'}>
          {factGroups(facts, asOf).map((g) => (
            <>
              <h3>{g.title}</h3>
              <ul>
                {g.facts.map((f) => (
                  <li class={g.when === 'as-of' ? 'bs-current' : g.when === 'after' ? 'bs-after' : undefined}>
                    {f.label}
                    {f.when && <span class="bs-when"> ({f.when}{f.place ? `, ${f.place}` : ''})</span>}
                  </li>
                ))}
              </ul>
            </>
          ))}
        </section>
      )}
      {model.background && (
        <p class="bs-background" data-source={prov?.background}>
          {model.background}
        </p>
      )}
      <OnlineStatus model={model} />
      <section class="bs-article" aria-label="In this article">
        <h3>In this article</h3>
        <p>
          Mentioned {model.mentions} {model.mentions === 1 ? 'time' : 'times'}.
          {model.said.length > 0 && ` Reported as saying ${model.said.length === 1 ? 'once' : `${model.said.length} times`}:`}
        </p>
        {/* The article's sentences that report them, not their own words: no quotation marks of ours around them. */}
        {model.said.length > 0 && (
          <ul class="bs-said">
            {model.said.slice(0, 3).map((s) => (
              <li>
                <button type="button" class="bs-link" onClick={() => onShowPassage?.(s.start)}>
                  {s.text.length > 140 ? `${s.text.slice(0, 137)}…` : s.text}
                </button>
              </li>
            ))}
            {model.said.length > 3 && <li class="bs-more">and {model.said.length - 3} more in the article</li>}
          </ul>
        )}
      </section>
      <div class="bs-foot">
        {model.origin === 'embedded' && model.source ? (
          <span>
            Source:{' '}
            <a href={model.source.url} target="_blank" rel="noopener noreferrer">
              {model.source.title}
            </a>
            {model.checked && `; checked up to ${formatDate(model.checked)}`}
          </span>
        ) : found && prov ? (
          <ul class="bs-sources" aria-label="Where this comes from" data-lookup="found">
            <li data-source="wikipedia">
              {partsFrom(prov, 'wikipedia')}: from {found.service},{' '}
              <a href={found.url} target="_blank" rel="noopener noreferrer">
                “{found.title}”
              </a>{' '}
              (CC BY-SA){found.cached ? '; kept on this device' : ''}.
            </li>
            {partsFrom(prov, 'article') && <li data-source="article">{partsFrom(prov, 'article')}: the article's own wording.</li>}
            <li data-source="article">Mentions: this article. Not in Backstory's knowledge base.</li>
          </ul>
        ) : (
          <span>Found in the article's text; not in Backstory's knowledge base.</span>
        )}
        {onMute && (
          <button type="button" class="bs-mute" onClick={onMute}>
            Don’t mark “{model.name}” again
          </button>
        )}
      </div>
    </>
  );
}
