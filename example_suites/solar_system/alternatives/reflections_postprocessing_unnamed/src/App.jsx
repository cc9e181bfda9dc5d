import { useEffect, useRef, useState } from 'react';
import { createSolarSystem } from './solarSystem.js';

const number = new Intl.NumberFormat('en-US');

export default function App() {
  const mount = useRef(null);
  const system = useRef(null);
  const [selected, setSelected] = useState(null);

  useEffect(() => {
    system.current = createSolarSystem(mount.current, setSelected);
    return () => system.current.dispose();
  }, []);

  useEffect(() => {
    if (selected) system.current.focusOn(selected);
  }, [selected]);

  return (
    <div className="app">
      <div className="scene" ref={mount} />
      <header className="title">
        <h1>Solar System Explorer</h1>
        <p>Drag to rotate · scroll to zoom · click the Sun or a planet</p>
      </header>
      {selected && (
        <aside className="panel" aria-label="Body details">
          <button type="button" className="close" aria-label="Close" onClick={() => setSelected(null)}>
            ×
          </button>
          <h2>{selected.name}</h2>
          <dl>
            <dt>Radius</dt>
            <dd>{number.format(selected.radiusKm)} km</dd>
            <dt>Orbital period</dt>
            <dd>{selected.periodDays ? `${number.format(selected.periodDays)} days` : 'none (it is the star)'}</dd>
            <dt>Average temperature</dt>
            <dd>{number.format(selected.tempC)} °C</dd>
          </dl>
        </aside>
      )}
    </div>
  );
}
