/**
 * The frames the content script is never injected into (entrypoints/content/not-articles.ts, ADR
 * 0009): every entry must be a match pattern the browsers accept (a bad one fails the install),
 * and each must be as narrow as its embed, so that no article on the same site is left unread.
 */
import { describe, expect, it } from 'vitest';
import { NEVER_ARTICLES } from '../../entrypoints/content/not-articles';

/** A match pattern's grammar (scheme://host/path), as Chromium and Firefox read it. */
const MATCH_PATTERN = /^(\*|https?|file):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/;

function matches(pattern: string, url: string): boolean {
  const [, scheme, host, path] = MATCH_PATTERN.exec(pattern)!;
  const u = new URL(url);
  if (scheme === '*' ? !['http:', 'https:'].includes(u.protocol) : u.protocol !== `${scheme}:`) return false;
  if (host !== '*' && !(host.startsWith('*.') ? u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1)) : u.hostname === host)) return false;
  const glob = new RegExp(`^${path.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return glob.test(u.pathname + u.search);
}

const excluded = (url: string) => NEVER_ARTICLES.some((p) => matches(p, url));

describe('frames that are never articles', () => {
  it('are valid match patterns, each naming a host', () => {
    for (const p of NEVER_ARTICLES) {
      expect(p, p).toMatch(MATCH_PATTERN);
      expect(MATCH_PATTERN.exec(p)![2], p).not.toBe('*');
    }
    expect(new Set(NEVER_ARTICLES).size).toBe(NEVER_ARTICLES.length);
  });

  it('take in the embeds news pages carry', () => {
    for (const url of [
      'https://tpc.googlesyndication.com/safeframe/1-0-40/html/container.html',
      'https://www.youtube.com/embed/dQw4w9WgXcQ',
      'https://players.brightcove.net/1234567890/default_default/index.html?videoId=1',
      'https://cdn.jwplayer.com/players/AbCdEf12-XyZ98765.html',
      'https://datawrapper.dwcdn.net/Ab1Cd/3/',
      'https://flo.uri.sh/visualisation/123456/embed',
      'https://embed.podcasts.apple.com/us/podcast/the-daily/id1200361736',
      'https://platform.twitter.com/embed/Tweet.html?id=1',
      'https://embed.bsky.app/embed/did:plc:abc/app.bsky.feed.post/xyz',
      'https://www.instagram.com/p/C1a2b3/embed/captioned',
      'https://www.google.com/recaptcha/api2/anchor?k=x',
      'https://cdn.privacy-mgmt.com/index.html?message_id=1',
    ])
      expect(excluded(url), url).toBe(true);
  });

  it('leave the same sites\' own pages and articles alone', () => {
    for (const url of [
      'https://www.example-news.com/2023/02/21/china-russia-ukraine.html',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://www.reddit.com/r/worldnews/comments/abc/some_story/',
      'https://www.linkedin.com/pulse/some-article-by-someone',
      'https://www.threads.net/@someone/post/C1a2b3',
      'https://www.instagram.com/p/C1a2b3/',
      'https://www.google.com/search?q=news',
      'https://www.datawrapper.de/blog/some-article',
      'https://flourish.studio/blog/some-article/',
      'https://www.facebook.com/somepage/posts/1',
      'http://localhost:8080/article.html',
    ])
      expect(excluded(url), url).toBe(false);
  });
});
