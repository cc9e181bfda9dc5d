import mercury from './mercury.js';
import venus from './venus.js';
import earth from './earth.js';
import mars from './mars.js';
import jupiter from './jupiter.js';
import saturn from './saturn.js';
import uranus from './uranus.js';
import neptune from './neptune.js';

const Planets = {
  mercury,
  venus,
  earth,
  mars,
  jupiter,
  saturn,
  uranus,
  neptune,
};

export default Planets;
