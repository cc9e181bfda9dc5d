// Recognise links to a post on Twitter/X and take out its numeric id.

const HOSTS = new Set([
  'twitter.com',
  'www.twitter.com',
  'mobile.twitter.com',
  'x.com',
  'www.x.com',
  'mobile.x.com',
  'fxtwitter.com',
  'vxtwitter.com',
  'fixupx.com',
]);

const STATUS_PATH = /^\/(?:[A-Za-z0-9_]{1,15}|i(?:\/web)?)\/status(?:es)?\/(\d{1,25})(?:\/.*)?$/;

/** The post id of a link like https://x.com/someone/status/123, or null. */
export function parseTweetId(input) {
  if (typeof input !== 'string') return null;
  let text = input.trim();
  if (!text) return null;
  if (!/^https?:\/\//i.test(text)) text = `https://${text}`;
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!HOSTS.has(url.hostname.toLowerCase())) return null;
  const match = STATUS_PATH.exec(url.pathname);
  return match ? match[1] : null;
}

/** The canonical link of a post. */
export function tweetLink(handle, id) {
  return `https://x.com/${handle}/status/${id}`;
}
