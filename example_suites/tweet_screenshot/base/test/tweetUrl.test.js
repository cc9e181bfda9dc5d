import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseTweetId, tweetLink } from '../shared/tweetUrl.js';

test('post links on x.com and twitter.com', () => {
  assert.equal(parseTweetId('https://x.com/nasa/status/1790000000000000001'), '1790000000000000001');
  assert.equal(parseTweetId('https://twitter.com/nasa/status/42?s=20'), '42');
  assert.equal(parseTweetId('mobile.twitter.com/nasa/status/42/video/1'), '42');
  assert.equal(parseTweetId('  https://www.x.com/i/web/status/77  '), '77');
  assert.equal(parseTweetId('https://fxtwitter.com/a_b/statuses/9'), '9');
});

test('anything else is not a post link', () => {
  for (const input of ['', 'hello', 'https://x.com/nasa', 'https://example.com/nasa/status/1', 'https://x.com/nasa/status/abc', null]) {
    assert.equal(parseTweetId(input), null, String(input));
  }
});

test('canonical link', () => {
  assert.equal(tweetLink('nasa', '1'), 'https://x.com/nasa/status/1');
});
