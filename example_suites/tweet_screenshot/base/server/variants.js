// The downloadable MP4 variants of a post's video, best first.

import { proxied } from './tweetApi.js';

const SIZE_IN_URL = /\/(\d{2,5})x(\d{2,5})\//;

export function qualityLabel(width, height) {
  if (!width || !height) return 'unknown';
  const short = Math.min(width, height);
  return `${short}p`;
}

export function pickVariants(media, base) {
  const video = media.find((item) => item.type === 'video' || item.type === 'animated_gif');
  if (!video) return [];
  return video.variants
    .filter((variant) => variant.contentType === 'video/mp4')
    .map((variant) => {
      const size = SIZE_IN_URL.exec(variant.url) ?? [];
      const width = Number(size[1]) || null;
      const height = Number(size[2]) || null;
      return {
        quality: qualityLabel(width, height),
        width,
        height,
        bitrate: variant.bitrate,
        url: proxied(variant.url, base),
      };
    })
    .filter((variant) => variant.url)
    .sort((a, b) => (b.bitrate ?? 0) - (a.bitrate ?? 0));
}

export function thumbnailOf(media) {
  const video = media.find((item) => item.type === 'video' || item.type === 'animated_gif');
  return video?.thumbnailUrl ?? null;
}
