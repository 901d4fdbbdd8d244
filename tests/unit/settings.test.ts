import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, isSiteEnabled, markersOn, parseSettings, toggleSiteMarkers } from '../../core/settings';

describe('settings', () => {
  it('gives defaults for nothing stored', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('falls back to defaults for garbage and for other versions', () => {
    expect(parseSettings('{"marks":false')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(42)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ version: 0, marks: false })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ marks: false })).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid fields and drops only the corrupt ones', () => {
    const s = parseSettings({ version: SETTINGS_VERSION, marks: false, markers: 'yes', types: ['person', 'alien'], muted: ['person/antony-blinken'] });
    expect(s.marks).toBe(false);
    expect(s.markers).toBe(DEFAULT_SETTINGS.markers);
    expect(s.types).toEqual(DEFAULT_SETTINGS.types);
    expect(s.muted).toEqual(['person/antony-blinken']);
  });

  it('does not share the defaults object with callers', () => {
    const s = parseSettings(undefined);
    s.muted.push('x');
    expect(DEFAULT_SETTINGS.muted).toEqual([]);
  });

  it('remembers markers per site over the global switch', () => {
    const s = parseSettings({ ...DEFAULT_SETTINGS, markers: true, siteMarkers: { 'example.com': false } });
    expect(markersOn(s, 'example.com')).toBe(false);
    expect(markersOn(s, 'other.org')).toBe(true);
    expect(isSiteEnabled({ ...s, disabledSites: ['example.com'] }, 'example.com')).toBe(false);
  });

  it('switches a site’s markers, and forgets the site once its choice is the global one again', () => {
    const on = { ...DEFAULT_SETTINGS, markers: true, siteMarkers: { 'other.org': false } };
    const off = { ...on, ...toggleSiteMarkers(on, 'example.com') };
    expect(off.siteMarkers).toEqual({ 'other.org': false, 'example.com': false });
    expect(markersOn(off, 'example.com')).toBe(false);
    const back = { ...off, ...toggleSiteMarkers(off, 'example.com') };
    expect(back.siteMarkers).toEqual({ 'other.org': false });
    expect(markersOn(back, 'example.com')).toBe(true);
    // With the global switch off, a site switched on keeps that choice of its own.
    const globalOff = { ...DEFAULT_SETTINGS, markers: false };
    expect(toggleSiteMarkers(globalOff, 'example.com').siteMarkers).toEqual({ 'example.com': true });
  });
});
