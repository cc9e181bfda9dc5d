// The HTTP API against a fake tweet API on loopback.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { createHandler } from '../server/app.js';

let upstream;
let server;
let origin;

function listen(handler) {
  return new Promise((resolve) => {
    const s = http.createServer(handler);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

before(async () => {
  upstream = await listen((req, res) => {
    const base = `http://127.0.0.1:${upstream.address().port}`;
    if (req.url === '/tweets/100') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: '100',
          text: 'a post with a video',
          author: { name: 'Ada', screen_name: 'ada', avatar_url: `${base}/media/a.png` },
          media: [
            {
              type: 'video',
              thumbnail_url: `${base}/media/t.png`,
              variants: [{ content_type: 'video/mp4', bitrate: 1000, url: `${base}/media/v/640x360/x.mp4` }],
            },
          ],
        }),
      );
    } else if (req.url === '/media/a.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    }
  });
  const base = `http://127.0.0.1:${upstream.address().port}`;
  server = await listen(createHandler({ base }));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.close();
  upstream.close();
});

test('extract answers the post and its variants', async () => {
  const response = await fetch(`${origin}/api/extract?url=${encodeURIComponent('https://x.com/ada/status/100')}`);
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.tweet.text, 'a post with a video');
  assert.equal(body.variants[0].quality, '360p');
  assert.equal(body.variants[0].url, '/api/media/v/640x360/x.mp4');
});

test('extract refuses a link that is not a post', async () => {
  const response = await fetch(`${origin}/api/extract?url=hello`);
  assert.equal(response.status, 400);
  assert.match((await response.json()).error, /not a link to a post/);
});

test('extract says when a post does not exist', async () => {
  const response = await fetch(`${origin}/api/extract?url=${encodeURIComponent('https://x.com/ada/status/5')}`);
  assert.equal(response.status, 404);
  assert.match((await response.json()).error, /not found/);
});

test('media is proxied from the tweet API', async () => {
  const response = await fetch(`${origin}/api/media/a.png?download=a.png`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/png');
  assert.match(response.headers.get('content-disposition'), /attachment/);
  assert.deepEqual([...new Uint8Array(await response.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47]);
});
