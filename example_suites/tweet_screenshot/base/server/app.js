// The HTTP handler: the JSON API under /api, media through a same-origin proxy, the front end from dist/.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { parseTweetId } from '../shared/tweetUrl.js';
import { apiBase, fetchTweet, UpstreamError } from './tweetApi.js';
import { pickVariants, thumbnailOf } from './variants.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function sendJson(res, status, body) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(data);
}

async function extract(res, query, options) {
  const link = query.get('url') ?? '';
  const id = parseTweetId(link);
  if (!id) {
    sendJson(res, 400, { error: 'That is not a link to a post on X (https://x.com/<user>/status/<id>).' });
    return;
  }
  try {
    const base = options.base ?? apiBase();
    const { tweet, media } = await fetchTweet(id, { base, fetchImpl: options.fetchImpl });
    sendJson(res, 200, { tweet, thumbnailUrl: thumbnailOf(media), variants: pickVariants(media, base) });
  } catch (error) {
    sendJson(res, error.status ?? 500, { error: error.message });
  }
}

async function media(req, res, rest, query, options) {
  if (rest.split('/').some((part) => part === '..' || part === '')) {
    sendJson(res, 400, { error: 'bad media path' });
    return;
  }
  let upstream;
  try {
    const base = options.base ?? apiBase();
    upstream = await (options.fetchImpl ?? fetch)(`${base}/media/${rest}`, { signal: AbortSignal.timeout(15000) });
  } catch (error) {
    const failure = error instanceof UpstreamError ? error : new UpstreamError(error.message);
    sendJson(res, failure.status, { error: failure.message });
    return;
  }
  if (!upstream.ok) {
    sendJson(res, upstream.status === 404 ? 404 : 502, { error: `media answered ${upstream.status}` });
    return;
  }
  const headers = {
    'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
    'cache-control': 'public, max-age=3600',
  };
  const download = query.get('download');
  if (download) headers['content-disposition'] = `attachment; filename="${download.replace(/[^\w.-]/g, '_')}"`;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  Readable.fromWeb(upstream.body).pipe(res);
}

async function staticFile(res, pathname) {
  const relative = decodeURIComponent(pathname).replace(/^\/+/, '');
  let file = path.resolve(DIST, relative);
  if (!file.startsWith(DIST)) {
    sendJson(res, 400, { error: 'bad path' });
    return;
  }
  let info = await stat(file).catch(() => null);
  if (!info || !info.isFile()) {
    if (path.extname(relative)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    file = path.join(DIST, 'index.html'); // a client-side route
    info = await stat(file).catch(() => null);
    if (!info) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('the front end is not built: run npm run build');
      return;
    }
  }
  const cache = file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
  createReadStream(file).pipe(res);
}

/** A request handler; `options.base` and `options.fetchImpl` replace the tweet API in tests. */
export function createHandler(options = {}) {
  return async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      if (url.pathname === '/api/extract' && req.method === 'GET') {
        await extract(res, url.searchParams, options);
      } else if (url.pathname.startsWith('/api/media/') && (req.method === 'GET' || req.method === 'HEAD')) {
        await media(req, res, url.pathname.slice('/api/media/'.length), url.searchParams, options);
      } else if (url.pathname === '/api/health') {
        sendJson(res, 200, { ok: true });
      } else if (url.pathname.startsWith('/api/')) {
        sendJson(res, 404, { error: `no API route ${req.method} ${url.pathname}` });
      } else {
        await staticFile(res, url.pathname);
      }
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: error.message });
      else res.destroy(error);
    }
  };
}
