import { useEffect, useState } from 'react';

const KEY = 'todos-react';
const load = () => { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch { return []; } };

export default function App() {
  const [todos, setTodos] = useState(load);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(null);
  const [route, setRoute] = useState(() => location.hash || '#/');
  useEffect(() => localStorage.setItem(KEY, JSON.stringify(todos)), [todos]);
  useEffect(() => {
    const h = () => setRoute(location.hash || '#/');
    addEventListener('hashchange', h);
    return () => removeEventListener('hashchange', h);
  }, []);
  const add = () => {
    const t = text.trim();
    if (!t) return;
    setTodos([...todos, { id: Date.now(), title: t, completed: false }]);
    setText('');
  };
  const shown = todos.filter((t) => route === '#/active' ? !t.completed : route === '#/completed' ? t.completed : true);
  const left = todos.filter((t) => !t.completed).length;
  return (
    <section className="todoapp">
      <header className="header">
        <h1>todos</h1>
        <input className="new-todo" placeholder="What needs to be done?" autoFocus value={text}
          onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />
        <button className="add" onClick={add}>Add</button>
      </header>
      {todos.length > 0 && (
        <section className="main">
          <input id="toggle-all" className="toggle-all" type="checkbox" checked={left === 0}
            onChange={(e) => setTodos(todos.map((t) => ({ ...t, completed: e.target.checked })))} />
          <label htmlFor="toggle-all">Mark all as complete</label>
          <ul className="todo-list">
            {shown.map((t) => (
              <li key={t.id} className={(t.completed ? 'completed ' : '') + (editing === t.id ? 'editing' : '')}>
                <div className="view">
                  <input className="toggle" type="checkbox" checked={t.completed}
                    onChange={() => setTodos(todos.map((x) => x.id === t.id ? { ...x, completed: !x.completed } : x))} />
                  <label onDoubleClick={() => setEditing(t.id)}>{t.title}</label>
                  <button className="destroy" onClick={() => setTodos(todos.filter((x) => x.id !== t.id))} />
                </div>
                {editing === t.id && <input className="edit" defaultValue={t.title} autoFocus
                  onBlur={(e) => { setTodos(todos.map((x) => x.id === t.id ? { ...x, title: e.target.value } : x)); setEditing(null); }} />}
              </li>
            ))}
          </ul>
        </section>
      )}
      {todos.length > 0 && (
        <footer className="footer">
          <span className="todo-count"><strong>{left}</strong> {left === 1 ? 'item' : 'items'} left</span>
          <ul className="filters">
            <li><a className={route === '#/' ? 'selected' : ''} href="#/">All</a></li>
            <li><a className={route === '#/active' ? 'selected' : ''} href="#/active">Active</a></li>
            <li><a className={route === '#/completed' ? 'selected' : ''} href="#/completed">Completed</a></li>
          </ul>
          {todos.length > left && <button className="clear-completed" onClick={() => setTodos(todos.filter((t) => !t.completed))}>Clear completed</button>}
        </footer>
      )}
    </section>
  );
}
