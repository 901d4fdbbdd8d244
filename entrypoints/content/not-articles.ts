/**
 * Hosts and paths whose documents are never articles: ad servers' frames, and the players, charts,
 * consent dialogs and widgets that sites embed (docs/adr/0009-frames-that-are-never-articles.md).
 * The content script runs in every frame, so that an article embedded in a frame is read; on a
 * news page most frames are these, and each would otherwise pay the script's start (loading the
 * session module and starting it, 10-15 ms of the page's CPU since ADR 0010, about 40 ms before;
 * and 0.6 MB of heap) for nothing. Match patterns, as the manifest's `exclude_matches` takes them;
 * each as narrow as its embed (tests/unit/not-articles.test.ts).
 */
export const NEVER_ARTICLES: readonly string[] = [
  // Ad servers and exchanges, and the recommendation widgets under articles.
  '*://*.doubleclick.net/*',
  '*://*.googlesyndication.com/*',
  '*://*.googleadservices.com/*',
  '*://*.amazon-adsystem.com/*',
  '*://*.adnxs.com/*',
  '*://*.criteo.com/*',
  '*://*.criteo.net/*',
  '*://*.rubiconproject.com/*',
  '*://*.pubmatic.com/*',
  '*://*.openx.net/*',
  '*://*.casalemedia.com/*',
  '*://*.adsrvr.org/*',
  '*://*.moatads.com/*',
  '*://*.2mdn.net/*',
  '*://*.smartadserver.com/*',
  '*://*.adform.net/*',
  '*://*.3lift.com/*',
  '*://*.teads.tv/*',
  '*://*.taboola.com/*',
  '*://*.outbrain.com/*',
  // Video and audio players.
  '*://*.youtube.com/embed/*',
  '*://*.youtube-nocookie.com/*',
  '*://player.vimeo.com/*',
  '*://www.dailymotion.com/embed/*',
  '*://open.spotify.com/embed/*',
  '*://w.soundcloud.com/*',
  '*://www.tiktok.com/embed/*',
  '*://players.brightcove.net/*',
  '*://cdn.jwplayer.com/players/*',
  '*://content.jwplatform.com/players/*',
  '*://player.twitch.tv/*',
  '*://clips.twitch.tv/*',
  '*://embed.podcasts.apple.com/*',
  '*://playlist.megaphone.fm/*',
  '*://omny.fm/*/embed*',
  // Charts and data graphics embedded in stories.
  '*://datawrapper.dwcdn.net/*',
  '*://flo.uri.sh/*',
  '*://public.flourish.studio/*',
  '*://e.infogram.com/*',
  // Social posts, comment threads, maps, captchas and payment fields.
  '*://platform.twitter.com/*',
  '*://syndication.twitter.com/*',
  '*://*.facebook.com/plugins/*',
  '*://www.instagram.com/*/embed*',
  '*://embed.bsky.app/*',
  '*://www.threads.net/*/embed*',
  '*://embed.reddit.com/*',
  '*://www.linkedin.com/embed/*',
  '*://disqus.com/embed/*',
  '*://www.google.com/maps/embed*',
  '*://www.google.com/recaptcha/*',
  '*://www.recaptcha.net/*',
  '*://challenges.cloudflare.com/*',
  // Cookie-consent dialogs served in frames.
  '*://cdn.privacy-mgmt.com/*',
  '*://consent-pref.trustarc.com/*',
  '*://js.stripe.com/*',
];
