import { Route, Routes } from 'react-router-dom';

import NavBar from './components/NavBar.jsx';
import NotFoundPage from './pages/NotFoundPage.jsx';
import { routes } from './routes.js';

export default function App() {
  return (
    <div className="shell">
      <NavBar items={routes.filter((route) => route.nav)} />
      <main className="content">
        <Routes>
          {routes.map(({ path, element: Page }) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </main>
      <footer className="footer">xdl · for videos you have the right to save</footer>
    </div>
  );
}
