import type { Settings } from '../core/settings';
import { isSiteEnabled, markersOn, toggleSiteMarkers } from '../core/settings';
import type { ArticleSummary } from '../core/messages';
import { formatDate } from '../core/cards';

export interface PopupProps {
  settings: Settings;
  summary: ArticleSummary | null;
  host: string | null;
  onChange(change: (s: Settings) => Partial<Settings>): void;
  onOpenOptions(): void;
}

function Switch({ label, checked, onToggle, hint, disabled }: { label: string; checked: boolean; onToggle(): void; hint?: string; disabled?: boolean }) {
  return (
    <label class={disabled ? 'switch disabled' : 'switch'}>
      <input type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={onToggle} />
      <span>
        {label}
        {hint && <small>{hint}</small>}
      </span>
    </label>
  );
}

/** The toolbar popup: the article's summary and the main switches. */
export function Popup({ settings, summary, host, onChange, onOpenOptions }: PopupProps) {
  const siteOn = host ? isSiteEnabled(settings, host) : true;
  const siteMarkers = host ? markersOn(settings, host) : settings.markers;
  return (
    <main class="popup">
      <h1>Backstory</h1>
      <section aria-label="Switches" class="switches">
        {/* With Backstory off on this site, the switches of what it shows here do nothing: greyed out. */}
        <Switch label="Mark names and terms" checked={settings.marks} disabled={!siteOn} onToggle={() => onChange((s) => ({ marks: !s.marks }))} />
        <Switch
          label="Opinion markers (all sites)"
          checked={settings.markers}
          onToggle={() => onChange((s) => ({ markers: !s.markers }))}
        />
        {host && (
          <Switch
            label={`Opinion markers on ${host}`}
            hint="This site's own choice, over the all-sites switch."
            checked={siteMarkers}
            disabled={!siteOn}
            onToggle={() => onChange((s) => toggleSiteMarkers(s, host))}
          />
        )}
        {host && (
          <Switch
            label={`Backstory on ${host}`}
            checked={siteOn}
            onToggle={() =>
              onChange((s) => ({ disabledSites: isSiteEnabled(s, host) ? [...s.disabledSites, host] : s.disabledSites.filter((x) => x !== host) }))
            }
          />
        )}
        <Switch
          label="Online look-ups"
          hint="When you rest on a name the built-in knowledge lacks, sends that name, and nothing else, to Wikipedia (en.wikipedia.org). Off: no request at all."
          checked={settings.lookups}
          onToggle={() => onChange((s) => ({ lookups: !s.lookups }))}
        />
      </section>
      <section aria-label="This article" class="summary">
        {!siteOn ? (
          <p class="muted">Backstory is off on {host}: it leaves this site's pages alone. Switch it on above to mark them.</p>
        ) : !summary ? (
          <p class="muted">Backstory has not read this page.</p>
        ) : !summary.isArticle ? (
          <p class="muted">This page does not look like an article, so Backstory leaves it alone.</p>
        ) : (
          <>
            <h2>This article</h2>
            <dl class="counts">
              <div>
                <dt>Opinion</dt>
                <dd data-count="opinion">{summary.counts.opinion}</dd>
              </div>
              <div>
                <dt>Reported</dt>
                <dd data-count="reported">{summary.counts.reported}</dd>
              </div>
              <div>
                <dt>Fact</dt>
                <dd data-count="fact">{summary.counts.fact}</dd>
              </div>
            </dl>
            {summary.firstPublished && (
              <p class="origin" data-testid="first-published">
                Known article: first published by <strong>{summary.firstPublished.publisher}</strong>, {formatDate(summary.firstPublished.date)}.
              </p>
            )}
            {summary.quoted.length > 0 && (
              <>
                <h3>Who is quoted</h3>
                <ul class="quoted">
                  {summary.quoted.map((q) => (
                    <li>
                      {q.source} <span class="muted">×{q.count}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h3>Found ({summary.entities.length})</h3>
            <ul class="entities">
              {summary.entities.slice(0, 24).map((e) => (
                <li class={`type-${e.type}`}>
                  {e.name} <span class="muted">{e.type}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <footer>
        <button type="button" class="link" onClick={onOpenOptions}>
          All settings
        </button>
        <span class="muted">Shortcuts: Alt+Shift+O toggles the markers; Alt+Shift+J and Alt+Shift+K step from mark to mark on the page.</span>
      </footer>
    </main>
  );
}
