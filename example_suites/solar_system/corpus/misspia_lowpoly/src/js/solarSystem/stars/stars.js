import sun from './sun.js';

const Stars = {
  sun
};

export default Stars;
