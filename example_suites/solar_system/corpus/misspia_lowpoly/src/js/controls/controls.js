import Control from './control.js';

class Controls extends Control {
  constructor(entryElement) {
    super(entryElement);

  }
}

export default Controls;
