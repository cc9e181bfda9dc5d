import { formatBitrate } from '../lib/format.js';

export default function VariantList({ tweetId, variants }) {
  if (variants.length === 0) {
    return <p className="notice">This post has no video to download.</p>;
  }
  return (
    <section aria-labelledby="variants-heading">
      <h2 id="variants-heading">Available qualities</h2>
      <ul className="variants">
        {variants.map((variant) => (
          <li key={variant.url}>
            <span className="quality">{variant.quality}</span>
            <span className="size">
              {variant.width}×{variant.height}
            </span>
            <span className="bitrate">{formatBitrate(variant.bitrate)}</span>
            <a href={`${variant.url}?download=${tweetId}-${variant.quality}.mp4`} download>
              Download {variant.quality} MP4
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
