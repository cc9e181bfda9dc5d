import { useState } from 'react';
import { Link } from 'react-router-dom';

import { clearHistory, loadHistory } from '../lib/history.js';

export default function HistoryPage() {
  const [items, setItems] = useState(loadHistory);
  return (
    <>
      <h1>History</h1>
      {items.length === 0 ? (
        <p className="notice">No posts looked up yet.</p>
      ) : (
        <>
          <ul className="history">
            {items.map((item) => (
              <li key={item.id}>
                <Link to={`/?url=${encodeURIComponent(item.link)}`}>@{item.handle}</Link>
                <span>{item.text.length > 80 ? `${item.text.slice(0, 80)}…` : item.text}</span>
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              clearHistory();
              setItems([]);
            }}
          >
            Clear history
          </button>
        </>
      )}
    </>
  );
}
