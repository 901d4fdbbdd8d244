/**
 * The reader's settings: a schema with typed defaults. Whatever storage holds (nothing, an older
 * version, garbage) comes out as valid settings: unknown or broken fields fall back to defaults.
 */
import * as v from 'valibot';
import { ENTITY_TYPES, type EntityType } from './kb/entity-types';

export const SETTINGS_VERSION = 1;

export const SettingsSchema = v.object({
  version: v.literal(SETTINGS_VERSION),
  /** Entity marks on pages. */
  marks: v.boolean(),
  /** Opinion and reported passage markers. */
  markers: v.boolean(),
  /** Online look-ups for names the embedded knowledge base lacks. */
  lookups: v.boolean(),
  /** Which entity types to mark. */
  types: v.array(v.picklist(ENTITY_TYPES)),
  /** Also mark everyday vocabulary the knowledge base explains (ceasefire, drone): off, since a reader knows those words. */
  everydayTerms: v.boolean(),
  /** Mark a name every time the article names it, or only where it first does (a calmer page; its card still counts them all). */
  marksPerName: v.picklist(['every', 'first']),
  /** Hosts where Backstory is switched off. */
  disabledSites: v.array(v.pipe(v.string(), v.maxLength(253))),
  /** Per-site override of the opinion markers: host -> on/off. */
  siteMarkers: v.record(v.pipe(v.string(), v.maxLength(253)), v.boolean()),
  /** Knowledge-base ids the reader muted for good. */
  muted: v.array(v.pipe(v.string(), v.maxLength(200))),
  /** Card theme. */
  theme: v.picklist(['auto', 'light', 'dark']),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  version: SETTINGS_VERSION,
  marks: true,
  markers: true,
  lookups: true,
  types: [...ENTITY_TYPES],
  everydayTerms: false,
  marksPerName: 'every',
  disabledSites: [],
  siteMarkers: {},
  muted: [],
  theme: 'auto',
}) as Settings;

/**
 * Settings from whatever storage returned. Each field is taken when it is valid on its own, so one
 * corrupt field does not cost the reader the others; a different version starts from defaults.
 */
export function parseSettings(stored: unknown): Settings {
  const defaults = structuredClone(DEFAULT_SETTINGS);
  if (!stored || typeof stored !== 'object') return defaults;
  const raw = stored as Record<string, unknown>;
  if (raw.version !== SETTINGS_VERSION) return defaults;
  const out: Record<string, unknown> = defaults;
  for (const [key, schema] of Object.entries(SettingsSchema.entries)) {
    const r = v.safeParse(schema, raw[key]);
    if (r.success) out[key] = r.output;
  }
  return out as Settings;
}

/** Whether Backstory runs on this host at all. */
export function isSiteEnabled(s: Settings, host: string): boolean {
  return !s.disabledSites.includes(host);
}

/**
 * The opinion markers for a host: its own choice when it has one, else the global switch. Only
 * the record's own entries count: a host named "constructor" must not read Object.prototype's.
 */
export function markersOn(s: Settings, host: string): boolean {
  const own = Object.hasOwn(s.siteMarkers, host) ? s.siteMarkers[host] : undefined;
  return typeof own === 'boolean' ? own : s.markers;
}

/**
 * The change that switches the opinion markers on `host` (the legend, Alt+Shift+O, the popup). A
 * site whose choice comes back to the global switch's loses its own, so that the global switch
 * reaches it again: off and on again leaves no trace.
 */
export function toggleSiteMarkers(s: Settings, host: string): Pick<Settings, 'siteMarkers'> {
  const on = !markersOn(s, host);
  const others = Object.fromEntries(Object.entries(s.siteMarkers).filter(([h]) => h !== host));
  return { siteMarkers: on === s.markers ? others : { ...others, [host]: on } };
}

export function typeEnabled(s: Settings, type: EntityType): boolean {
  return s.types.includes(type);
}
