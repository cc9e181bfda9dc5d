import { useEffect, useRef, useState } from 'react';
const F = {saveOnlyAddToggle: true};
const KEY = 'tbl-todos';
const load = () => { try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch { return []; } };

export default function App() {
  const [todos, setTodos] = useState(load);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState('all');
  const timer = useRef(null);
  const save = (list) => localStorage.setItem(KEY, JSON.stringify(list));
  useEffect(() => {
    if (F.saveOnlyAddToggle) return;
    if (F.debounce) { clearTimeout(timer.current); timer.current = setTimeout(() => save(todos), F.debounce); return; }
    save(todos);
  }, [todos]);
  const update = (list, persist) => { setTodos(list); if (F.saveOnlyAddToggle && persist) save(list); };
  const add = (raw) => {
    const t = raw === undefined ? text.trim() : raw;
    if (!t.trim() && raw === undefined) return;
    update([...todos, { id: Date.now() + Math.random(), title: t.trim(), done: false }], true);
    setText('');
  };
  const toggle = (id) => update(todos.map((x) => x.id === id ? { ...x, done: F.cannotUncomplete ? true : !x.done } : x), true);
  const remove = (id) => {
    if (F.confirm && !window.confirm('Delete this task?')) return;
    update(todos.filter((x) => x.id !== id), false);
  };
  const shown = todos.filter((t) => filter === 'active' ? !t.done : filter === 'completed' ? t.done : true);
  const counts = { all: todos.length, active: todos.filter((t) => !t.done).length, completed: todos.filter((t) => t.done).length };
  const form = (
    <div className="entry">
      <input type="text" placeholder={F.placeholder || 'Add a new task'} value={text}
        onChange={(e) => setText(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') add(); }} />
      <button onClick={() => F.buttonAddsBlank ? add(text) : add()}>{F.addLabel || 'Add'}</button>
    </div>
  );
  const checkbox = (t) => F.srOnly ? (
    <label className="fancy">
      <input type="checkbox" className="sr-only" checked={t.done} onChange={() => toggle(t.id)} />
      <span className="box" aria-hidden="true">{t.done ? '✓' : ''}</span>
    </label>
  ) : F.uncontrolled ? (
    <input type="checkbox" defaultChecked={t.done} aria-label={`Mark ${t.title} as done`} onChange={() => toggle(t.id)} />
  ) : (
    <input type="checkbox" checked={t.done} aria-label={`Mark ${t.title} as done`} onChange={() => toggle(t.id)} />
  );
  const title = (t) => F.inlineEdit
    ? <input aria-label="Task title" value={t.title} onChange={(e) => setTodos(todos.map((x) => x.id === t.id ? { ...x, title: e.target.value } : x))} />
    : <span className={t.done ? 'done' : ''}>{F.checkmark && t.done ? '✓ ' : ''}{t.title}</span>;
  return (
    <div className="wrap">
      <h1>Task list</h1>
      {!F.formBottom && form}
      <table>
        <thead><tr><th>Done</th><th>Task</th><th></th></tr></thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.id}>
              <td>{checkbox(t)}</td>
              <td>{title(t)}</td>
              <td><button className="del" onClick={() => remove(t.id)}>Delete</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {F.formBottom && form}
      <div className="filters">
        {['all', 'active', 'completed'].map((f) => (
          <button key={f} className={filter === f ? 'on' : ''} onClick={() => setFilter(f)}>
            {f[0].toUpperCase() + f.slice(1)} ({counts[f]})
          </button>
        ))}
      </div>
      <button onClick={() => update(todos.filter((t) => !t.done), false)}>Clear completed</button>
    </div>
  );
}
