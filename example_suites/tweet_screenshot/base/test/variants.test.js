import assert from 'node:assert/strict';
import { test } from 'node:test';

import { normalizeTweet, proxied } from '../server/tweetApi.js';
import { pickVariants, qualityLabel, thumbnailOf } from '../server/variants.js';

const BASE = 'http://127.0.0.1:9999';

const RAW = {
  id: 1,
  text: 'hello',
  author: { name: 'Ada', screen_name: 'ada', avatar_url: `${BASE}/media/avatars/ada.png` },
  media: [
    {
      type: 'video',
      thumbnail_url: `${BASE}/media/thumbs/1.png`,
      variants: [
        { content_type: 'application/x-mpegURL', url: `${BASE}/media/video/1/pl.m3u8` },
        { content_type: 'video/mp4', bitrate: 632000, url: `${BASE}/media/video/1/480x270/a.mp4` },
        { content_type: 'video/mp4', bitrate: 2176000, url: `${BASE}/media/video/1/1280x720/a.mp4` },
      ],
    },
  ],
};

test('media URLs go through the same-origin proxy', () => {
  assert.equal(proxied(`${BASE}/media/avatars/ada.png`, BASE), '/api/media/avatars/ada.png');
  assert.equal(proxied('https://elsewhere.example/x.png', BASE), null);
});

test('MP4 variants, best first, with their quality', () => {
  const { tweet, media } = normalizeTweet(RAW, BASE);
  assert.equal(tweet.author.avatarUrl, '/api/media/avatars/ada.png');
  const variants = pickVariants(media, BASE);
  assert.deepEqual(
    variants.map((v) => [v.quality, v.width, v.height, v.url]),
    [
      ['720p', 1280, 720, '/api/media/video/1/1280x720/a.mp4'],
      ['270p', 480, 270, '/api/media/video/1/480x270/a.mp4'],
    ],
  );
  assert.equal(thumbnailOf(media), '/api/media/thumbs/1.png');
});

test('a post without video has no variants', () => {
  const { media } = normalizeTweet({ ...RAW, media: [] }, BASE);
  assert.deepEqual(pickVariants(media, BASE), []);
  assert.equal(qualityLabel(null, 5), 'unknown');
});
