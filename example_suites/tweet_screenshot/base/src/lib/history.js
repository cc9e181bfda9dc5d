// The last posts looked up, kept in localStorage.

const KEY = 'xdl.history';
const LIMIT = 20;

export function loadHistory() {
  try {
    const items = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(items) ? items : [];
  } catch {
    return [];
  }
}

export function remember(entry) {
  const items = loadHistory().filter((item) => item.id !== entry.id);
  items.unshift({ ...entry, at: new Date().toISOString() });
  localStorage.setItem(KEY, JSON.stringify(items.slice(0, LIMIT)));
}

export function clearHistory() {
  localStorage.removeItem(KEY);
}
