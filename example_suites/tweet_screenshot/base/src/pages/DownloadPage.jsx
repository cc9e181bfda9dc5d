import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';

import TweetCard from '../components/TweetCard.jsx';
import UrlForm from '../components/UrlForm.jsx';
import VariantList from '../components/VariantList.jsx';
import { extract } from '../lib/api.js';
import { remember } from '../lib/history.js';

export default function DownloadPage() {
  const [params] = useSearchParams();
  const [state, setState] = useState({ status: 'idle' });

  async function handleSubmit(link) {
    setState({ status: 'loading' });
    try {
      const result = await extract(link);
      remember({ id: result.tweet.id, link, handle: result.tweet.author.handle, text: result.tweet.text });
      setState({ status: 'done', result });
    } catch (error) {
      setState({ status: 'error', message: error.message });
    }
  }

  return (
    <>
      <h1>Download a video from X</h1>
      <p className="lead">Paste the link of a post with a video.</p>
      <UrlForm
        onSubmit={handleSubmit}
        submitLabel="Extract"
        busy={state.status === 'loading'}
        initialValue={params.get('url') ?? ''}
      />
      {state.status === 'error' ? (
        <p className="error" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.status === 'done' ? (
        <div className="result">
          <TweetCard tweet={state.result.tweet} thumbnailUrl={state.result.thumbnailUrl} />
          <VariantList tweetId={state.result.tweet.id} variants={state.result.variants} />
        </div>
      ) : null}
    </>
  );
}
