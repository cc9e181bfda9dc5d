import { formatDate, formatCount } from '../lib/format.js';

/** A post as it looks on X: avatar, name, handle, text, date and counts. */
export default function TweetCard({ tweet, thumbnailUrl }) {
  const { author } = tweet;
  return (
    <article className="tweet-card">
      <header className="tweet-author">
        {author.avatarUrl ? <img className="avatar" src={author.avatarUrl} alt="" width="48" height="48" /> : null}
        <div>
          <div className="author-name">{author.name}</div>
          <div className="author-handle">@{author.handle}</div>
        </div>
      </header>
      <p className="tweet-text">{tweet.text}</p>
      {thumbnailUrl ? <img className="thumbnail" src={thumbnailUrl} alt="Video thumbnail" /> : null}
      <footer className="tweet-meta">
        {tweet.createdAt ? <time dateTime={tweet.createdAt}>{formatDate(tweet.createdAt)}</time> : null}
        <span>{formatCount(tweet.stats.reposts)} reposts</span>
        <span>{formatCount(tweet.stats.likes)} likes</span>
      </footer>
    </article>
  );
}
