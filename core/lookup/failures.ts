/** What can go wrong with a look-up, and what the card says about it. */
import type { LookupFailure } from '../cards';

export type { LookupFailure } from '../cards';

export const LOOKUP_FAILURES: readonly LookupFailure[] = [
  'not-found',
  'no-summary',
  'ambiguous',
  'busy',
  'rate-limited',
  'server',
  'timeout',
  'malformed',
  'too-large',
  'empty',
  'network',
];

/** The card's sentence for a failure: what happened, and whether trying again may help. */
export function failureMessage(failure: LookupFailure, name: string): string {
  const n = `“${name}”`;
  switch (failure) {
    case 'not-found':
      return `Wikipedia has no page for ${n}.`;
    case 'no-summary':
      return `Wikipedia's page for ${n} has no summary.`;
    case 'ambiguous':
      return `Wikipedia has several pages for ${n}, and none clearly matches this article.`;
    case 'busy':
      return 'Wikipedia is busy; try again later.';
    case 'rate-limited':
      return 'Too many look-ups at once; try again in a moment.';
    case 'server':
      return 'Wikipedia could not answer (a server error); try again later.';
    case 'timeout':
      return 'Wikipedia did not answer in time; try again later.';
    case 'malformed':
      return "Wikipedia's answer could not be read.";
    case 'too-large':
      return "Wikipedia's answer was too large to show.";
    case 'empty':
      return 'Wikipedia sent an empty answer.';
    case 'network':
      return 'Wikipedia could not be reached; check the connection.';
  }
}

/** The failure an HTTP status stands for, or null when the status is a success. */
export function failureForStatus(status: number): LookupFailure | null {
  if (status >= 200 && status < 300) return status === 204 ? 'empty' : null;
  if (status === 404 || status === 400 || status === 410) return 'not-found';
  if (status === 429 || status === 503) return 'busy';
  return 'server';
}

/** Whether trying the same look-up again later may give another answer. */
export function isTransient(failure: LookupFailure): boolean {
  return failure === 'busy' || failure === 'rate-limited' || failure === 'server' || failure === 'timeout' || failure === 'network';
}

/**
 * How long to hold all requests after a 429: the Retry-After header (seconds or an HTTP date),
 * bounded, else the default.
 */
export function backoffMs(retryAfter: string | null, now: number, fallbackMs: number, maxMs: number): number {
  if (retryAfter) {
    const secs = Number(retryAfter.trim());
    if (Number.isFinite(secs) && secs >= 0) return Math.min(secs * 1000, maxMs);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.min(Math.max(at - now, 0), maxMs);
  }
  return fallbackMs;
}
