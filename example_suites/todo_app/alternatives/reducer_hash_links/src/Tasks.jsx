import { useEffect, useReducer, useState } from 'react';

const KEY = 'tasks-v1';

function reducer(state, action) {
  switch (action.type) {
    case 'add':
      return [...state, { id: Date.now() + Math.random(), text: action.text, done: false }];
    case 'toggle':
      return state.map((t) => (t.id === action.id ? { ...t, done: !t.done } : t));
    case 'remove':
      return state.filter((t) => t.id !== action.id);
    case 'clear':
      return state.filter((t) => !t.done);
    default:
      return state;
  }
}

function initial() {
  try {
    return JSON.parse(window.localStorage.getItem(KEY) || '[]');
  } catch (e) {
    return [];
  }
}

function currentView() {
  const hash = window.location.hash.replace('#/', '');
  return ['active', 'completed'].includes(hash) ? hash : 'all';
}

export default function Tasks() {
  const [tasks, dispatch] = useReducer(reducer, undefined, initial);
  const [draft, setDraft] = useState('');
  const [view, setView] = useState(currentView);

  useEffect(() => {
    window.localStorage.setItem(KEY, JSON.stringify(tasks));
  }, [tasks]);

  useEffect(() => {
    const onHash = () => setView(currentView());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const submit = (e) => {
    e.preventDefault();
    if (draft.trim() === '') return;
    dispatch({ type: 'add', text: draft.trim() });
    setDraft('');
  };

  const shown = tasks.filter((t) => (view === 'active' ? !t.done : view === 'completed' ? t.done : true));
  const doneCount = tasks.filter((t) => t.done).length;

  return (
    <section className="tasks">
      <header>
        <h1>My tasks</h1>
        <form onSubmit={submit}>
          <label htmlFor="new-task">New to-do</label>
          <input id="new-task" placeholder="e.g. Buy milk" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button>+ Add task</button>
        </form>
      </header>
      <div role="list">
        {shown.map((t) => (
          <div role="listitem" className="row" key={t.id}>
            <label className={t.done ? 'done' : undefined}>
              <input type="checkbox" checked={t.done} onChange={() => dispatch({ type: 'toggle', id: t.id })} />
              {t.text}
            </label>
            <button className="remove" aria-label="Remove" onClick={() => dispatch({ type: 'remove', id: t.id })}>
              🗑
            </button>
          </div>
        ))}
      </div>
      <p className="filters">
        <a href="#/" className={view === 'all' ? 'on' : ''}>All</a>{' '}
        <a href="#/active" className={view === 'active' ? 'on' : ''}>Active</a>{' '}
        <a href="#/completed" className={view === 'completed' ? 'on' : ''}>Completed</a>
      </p>
      {doneCount > 0 && (
        <button className="clear" onClick={() => dispatch({ type: 'clear' })}>
          Clear completed ({doneCount})
        </button>
      )}
    </section>
  );
}
