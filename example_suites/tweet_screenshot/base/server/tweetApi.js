// Client of the tweet API (TWEET_API_URL): one call, GET /tweets/{id}.

export class TweetNotFound extends Error {
  constructor(id) {
    super(`Post ${id} was not found`);
    this.name = 'TweetNotFound';
    this.status = 404;
  }
}

export class UpstreamError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UpstreamError';
    this.status = 502;
  }
}

export function apiBase(env = process.env) {
  const base = env.TWEET_API_URL;
  if (!base) throw new UpstreamError('TWEET_API_URL is not set');
  return base.replace(/\/+$/, '');
}

/** Map a media URL of the tweet API to our same-origin proxy under /api/media. */
export function proxied(url, base) {
  if (!url) return null;
  const absolute = new URL(url, `${base}/`);
  const mediaRoot = new URL('media/', `${base}/`);
  if (!absolute.href.startsWith(mediaRoot.href)) return null;
  return `/api/media/${absolute.href.slice(mediaRoot.href.length)}`;
}

/** The post with the given id, in the shape the front end uses. */
export async function fetchTweet(id, { base = apiBase(), fetchImpl = fetch, timeoutMs = 8000 } = {}) {
  let response;
  try {
    response = await fetchImpl(`${base}/tweets/${encodeURIComponent(id)}`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new UpstreamError(`the tweet API could not be reached: ${error.message}`);
  }
  if (response.status === 404) throw new TweetNotFound(id);
  if (!response.ok) throw new UpstreamError(`the tweet API answered ${response.status}`);
  const raw = await response.json();
  return normalizeTweet(raw, base);
}

export function normalizeTweet(raw, base) {
  const author = raw.author ?? {};
  return {
    tweet: {
      id: String(raw.id),
      text: raw.text ?? '',
      createdAt: raw.created_at ?? null,
      author: {
        name: author.name ?? '',
        handle: author.screen_name ?? '',
        avatarUrl: proxied(author.avatar_url, base),
      },
      stats: { likes: raw.likes ?? 0, reposts: raw.retweets ?? 0, replies: raw.replies ?? 0 },
    },
    media: (raw.media ?? []).map((item) => ({
      type: item.type,
      thumbnailUrl: proxied(item.thumbnail_url, base),
      variants: (item.variants ?? []).map((variant) => ({
        contentType: variant.content_type,
        bitrate: variant.bitrate ?? null,
        url: variant.url,
      })),
    })),
  };
}
