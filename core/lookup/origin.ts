/**
 * Where look-ups go. The product asks one host, fixed at build time; a test build may point at
 * a local server (http on 127.0.0.1 or localhost) and at nothing else. Nothing at run time (no
 * page, no message, no setting) can change it.
 */
import { PRODUCT_LOOKUP_ORIGIN } from '../constants';

/** The origin for a build: `raw` when it is a bare https origin or a local test server's, else the product's. */
export function lookupOriginFrom(raw: string | undefined | null): string {
  if (!raw) return PRODUCT_LOOKUP_ORIGIN;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return PRODUCT_LOOKUP_ORIGIN;
  }
  if (url.origin !== raw.replace(/\/$/, '')) return PRODUCT_LOOKUP_ORIGIN;
  const local = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  return url.protocol === 'https:' || local ? url.origin : PRODUCT_LOOKUP_ORIGIN;
}

/**
 * The manifest's host permission for an origin: exactly that host. Match patterns carry no
 * port in Firefox, so a local test server's pattern covers the host's ports.
 */
export function hostPermissionFor(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** "Chuck Todd" -> "Chuck_Todd": a name as a MediaWiki title (spaces as underscores, first letter upper case). */
export function titleFor(name: string): string {
  const t = name.normalize('NFC').replace(/[\s_]+/g, ' ').trim().replace(/ /g, '_');
  return t ? t.charAt(0).toLocaleUpperCase('en') + t.slice(1) : t;
}

/** The REST page-summary address for a title. Only the title goes in it. */
export function summaryUrl(origin: string, title: string): string {
  return `${origin}/api/rest_v1/page/summary/${encodeURIComponent(title)}`;
}

/** The title-search address for a name. Only the name (and a fixed limit) goes in it. */
export function searchUrl(origin: string, name: string, limit: number): string {
  return `${origin}/w/rest.php/v1/search/title?q=${encodeURIComponent(name.trim())}&limit=${limit}`;
}

/** A page's address on the look-up host, for when the answer carries none we accept. */
export function pageUrl(origin: string, title: string): string {
  return `${origin}/wiki/${encodeURIComponent(titleFor(title))}`;
}
