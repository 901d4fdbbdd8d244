import { ENTITY_TYPES } from '../core/kb/entity-types';
import type { Settings } from '../core/settings';

export interface OptionsProps {
  settings: Settings;
  onChange(change: (s: Settings) => Partial<Settings>): void;
  /** The names of muted entries, by id, as far as they are known; the rest are named from their id. */
  names?: ReadonlyMap<string, string>;
}

/** "place/venezuela" -> "venezuela": a muted entry the knowledge base no longer names. */
const nameFromId = (id: string): string => id.slice(id.indexOf('/') + 1).replace(/-/g, ' ');

const TYPE_NAMES = { person: 'People', place: 'Places', organization: 'Organizations', event: 'Events', term: 'Terms' } as const;

/** Every setting, on one page. */
export function Options({ settings, onChange, names }: OptionsProps) {
  return (
    <main class="options">
      <h1>Backstory settings</h1>
      <section>
        <h2>Marks</h2>
        <label>
          <input type="checkbox" checked={settings.marks} onChange={() => onChange((s) => ({ marks: !s.marks }))} /> Mark names and terms in articles
        </label>
        {/* With marks off, what to mark and how often do nothing: greyed out. */}
        <fieldset disabled={!settings.marks}>
          <legend>What to mark</legend>
          {ENTITY_TYPES.map((t) => (
            <label>
              <input
                type="checkbox"
                name="types"
                value={t}
                checked={settings.types.includes(t)}
                onChange={() => onChange((s) => ({ types: s.types.includes(t) ? s.types.filter((x) => x !== t) : [...s.types, t] }))}
              />{' '}
              {TYPE_NAMES[t]}
            </label>
          ))}
          <label>
            <input
              type="checkbox"
              name="everydayTerms"
              checked={settings.everydayTerms}
              disabled={!settings.types.includes('term')}
              onChange={() => onChange((s) => ({ everydayTerms: !s.everydayTerms }))}
            />{' '}
            Everyday terms too (ceasefire, sanctions, drone)
          </label>
        </fieldset>
        <fieldset disabled={!settings.marks}>
          <legend>Mark each name</legend>
          <label>
            <input type="radio" name="marksPerName" value="every" checked={settings.marksPerName === 'every'} onChange={() => onChange(() => ({ marksPerName: 'every' }))} /> every
            time the article names it
          </label>
          <label>
            <input type="radio" name="marksPerName" value="first" checked={settings.marksPerName === 'first'} onChange={() => onChange(() => ({ marksPerName: 'first' }))} /> only
            where it first appears
          </label>
        </fieldset>
      </section>
      <section>
        <h2>Opinion markers</h2>
        <label>
          <input type="checkbox" checked={settings.markers} onChange={() => onChange((s) => ({ markers: !s.markers }))} /> Mark opinion and reported
          passages (all sites)
        </label>
        {Object.keys(settings.siteMarkers).length > 0 && (
          <>
            <p>Sites with their own choice:</p>
            <ul>
              {Object.entries(settings.siteMarkers).map(([host, on]) => (
                <li>
                  {host}: {on ? 'on' : 'off'}{' '}
                  <button type="button" onClick={() => onChange((s) => ({ siteMarkers: Object.fromEntries(Object.entries(s.siteMarkers).filter(([h]) => h !== host)) }))}>
                    Forget
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section>
        <h2>Online look-ups</h2>
        <label>
          <input type="checkbox" checked={settings.lookups} onChange={() => onChange((s) => ({ lookups: !s.lookups }))} /> Look up names that the built-in
          knowledge base lacks
        </label>
        <div class="privacy" aria-label="What online look-ups send">
          <p>
            <strong>What is sent:</strong> only the name, as the article writes it (for example “Chuck Todd”), in the address of a request for
            Wikipedia's page summary. For a name with several Wikipedia pages, Backstory also searches Wikipedia's titles for the same name and
            chooses the page that fits the article on your device. No page address, page text, cookies, referrer or identifier are sent.
          </p>
          <p>
            <strong>When:</strong> only when you rest the pointer on a marked name (or open its card from the keyboard) and the name is missing from
            Backstory's built-in knowledge. Names the built-in knowledge covers are never looked up. A look-up still running when you move away is
            cancelled.
          </p>
          <p>
            <strong>To whom:</strong> Wikipedia (en.wikipedia.org, run by the Wikimedia Foundation), which sees your IP address as with any web
            request; pictures come from upload.wikimedia.org. Answers are kept on this device for up to 7 days so that a second hover sends nothing.
          </p>
          <p>
            <strong>Default:</strong> on, for names missing from the built-in knowledge only. <strong>Off:</strong> Backstory makes no network request
            at all.
          </p>
        </div>
      </section>
      <section>
        <h2>Appearance</h2>
        <label>
          Card theme{' '}
          <select
            value={settings.theme}
            onChange={(e) => {
              // Read the choice now: the change is applied later, when the event's currentTarget is gone.
              const theme = (e.currentTarget as HTMLSelectElement).value as Settings['theme'];
              onChange(() => ({ theme }));
            }}
          >
            <option value="auto">Match the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </section>
      <section>
        <h2>Sites and muted names</h2>
        <p>Backstory is off on: {settings.disabledSites.length ? settings.disabledSites.join(', ') : 'no site'}.</p>
        {settings.disabledSites.length > 0 && (
          <button type="button" onClick={() => onChange(() => ({ disabledSites: [] }))}>
            Turn Backstory back on everywhere
          </button>
        )}
        {settings.muted.length === 0 ? (
          <p>Muted names: none.</p>
        ) : (
          <>
            <p>Muted names, which Backstory does not mark:</p>
            <ul class="muted-names">
              {settings.muted.map((id) => (
                <li>
                  {names?.get(id) ?? nameFromId(id)}{' '}
                  <button type="button" class="link" onClick={() => onChange((s) => ({ muted: s.muted.filter((x) => x !== id) }))}>
                    Unmute
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => onChange(() => ({ muted: [] }))}>
              Unmute all
            </button>
          </>
        )}
      </section>
    </main>
  );
}
