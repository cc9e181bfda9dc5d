import { NavLink } from 'react-router-dom';

export default function NavBar({ items }) {
  return (
    <header className="navbar">
      <span className="brand" aria-hidden="true">
        xdl
      </span>
      <nav aria-label="Main">
        <ul>
          {items.map((item) => (
            <li key={item.path}>
              <NavLink to={item.path} end={item.path === '/'}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
