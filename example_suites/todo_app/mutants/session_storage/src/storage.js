const STORAGE_KEY = 'todos';

export function loadTodos() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY));
    return Array.isArray(saved) ? saved : [];
  } catch {
    return [];
  }
}

export function saveTodos(todos) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(todos));
}
