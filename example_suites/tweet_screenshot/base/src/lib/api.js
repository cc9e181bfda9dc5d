// Calls to the xdl server's /api.

async function getJson(path) {
  let response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new Error('The server cannot be reached. Is it running?');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}`);
  return body;
}

/** The post behind a link, with its video variants: { tweet, thumbnailUrl, variants }. */
export function extract(link) {
  return getJson(`/api/extract?url=${encodeURIComponent(link)}`);
}
