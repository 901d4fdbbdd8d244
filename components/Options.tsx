import { ENTITY_TYPES } from '../core/kb/schema';
import type { Settings } from '../core/settings';

export interface OptionsProps {
  settings: Settings;
  onChange(change: (s: Settings) => Partial<Settings>): void;
}

const TYPE_NAMES = { person: 'People', place: 'Places', organization: 'Organizations', event: 'Events', term: 'Terms' } as const;

/** Every setting, on one page. */
export function Options({ settings, onChange }: OptionsProps) {
  return (
    <main class="options">
      <h1>Backstory settings</h1>
      <section>
        <h2>Marks</h2>
        <label>
          <input type="checkbox" checked={settings.marks} onChange={() => onChange((s) => ({ marks: !s.marks }))} /> Mark names and terms in articles
        </label>
        <fieldset>
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
        <p class="privacy">
          When this is on and you hover a marked name that Backstory's built-in knowledge does not cover, Backstory sends that name, and nothing else, to
          Wikipedia's page-summary service (en.wikipedia.org) to fetch a short background. No page text, address or identifier is sent. When it is off,
          Backstory makes no network request at all.
        </p>
      </section>
      <section>
        <h2>Appearance</h2>
        <label>
          Card theme{' '}
          <select value={settings.theme} onChange={(e) => onChange(() => ({ theme: (e.currentTarget as HTMLSelectElement).value as Settings['theme'] }))}>
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
        <p>Muted names: {settings.muted.length ? settings.muted.join(', ') : 'none'}.</p>
        {settings.muted.length > 0 && (
          <button type="button" onClick={() => onChange(() => ({ muted: [] }))}>
            Unmute all
          </button>
        )}
      </section>
    </main>
  );
}
