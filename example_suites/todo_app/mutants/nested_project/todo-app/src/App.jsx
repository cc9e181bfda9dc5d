import { useEffect, useState } from 'react';
import { loadTodos, saveTodos } from './storage.js';

const FILTERS = {
  All: () => true,
  Active: (todo) => !todo.completed,
  Completed: (todo) => todo.completed,
};

export default function App() {
  const [todos, setTodos] = useState(loadTodos);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState('All');

  useEffect(() => {
    saveTodos(todos);
  }, [todos]);

  function addTodo(event) {
    event.preventDefault();
    const title = text.trim();
    if (!title) return;
    setTodos([...todos, { id: crypto.randomUUID(), title, completed: false }]);
    setText('');
  }

  function toggle(id) {
    setTodos(todos.map((t) => (t.id === id ? { ...t, completed: !t.completed } : t)));
  }

  function remove(id) {
    setTodos(todos.filter((t) => t.id !== id));
  }

  function clearCompleted() {
    setTodos(todos.filter((t) => !t.completed));
  }

  const visible = todos.filter(FILTERS[filter]);
  const remaining = todos.filter((t) => !t.completed).length;

  return (
    <main className="app">
      <h1>Todos</h1>
      <form onSubmit={addTodo} className="new-todo">
        <input
          aria-label="New task"
          placeholder="What needs to be done?"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">Add</button>
      </form>

      <ul className="todo-list">
        {visible.map((todo) => (
          <li key={todo.id} className={todo.completed ? 'completed' : ''}>
            <label>
              <input
                type="checkbox"
                checked={todo.completed}
                onChange={() => toggle(todo.id)}
              />
              <span>{todo.title}</span>
            </label>
            <button
              type="button"
              className="delete"
              aria-label={`Delete ${todo.title}`}
              onClick={() => remove(todo.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>

      <footer className="footer">
        <span>
          {remaining} {remaining === 1 ? 'item' : 'items'} left
        </span>
        <nav aria-label="Filters">
          {Object.keys(FILTERS).map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={filter === name}
              onClick={() => setFilter(name)}
            >
              {name}
            </button>
          ))}
        </nav>
        <button type="button" onClick={clearCompleted}>
          Clear completed
        </button>
      </footer>
    </main>
  );
}
